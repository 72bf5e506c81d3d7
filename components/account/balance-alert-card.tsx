'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { TextField } from '@/components/ui/text-field';
import { fenToYuan, formatCnyFen } from '@/lib/money';

/**
 * 余额预警: a threshold in ¥ (off by default). The server validates it (exact fen) and
 * sends one 消息中心 message each time the available balance falls below it.
 */
export function BalanceAlertCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const alert = useQuery(trpc.balanceAlert.get.queryOptions());
  const [text, setText] = useState<string | null>(null);
  const save = useMutation(
    trpc.balanceAlert.set.mutationOptions({
      onSuccess: (saved) => {
        toast.success(saved.thresholdFen === null ? '已关闭余额预警' : `已设置余额预警：低于 ${formatCnyFen(saved.thresholdFen)} 时提醒`);
        setText(null);
        void queryClient.invalidateQueries({ queryKey: trpc.balanceAlert.get.queryKey() });
      },
    }),
  );
  if (alert.isPending) return <Loading />;
  if (alert.isError) return <LoadError message={alert.error.message} />;
  const current = alert.data.thresholdFen;
  const value = text ?? (current === null ? '' : fenToYuan(current));

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ threshold: value.trim() });
  }

  return (
    <Card title="余额预警">
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="balance-alert">
        <p className="text-sm text-muted">
          可用余额低于阈值时（出账扣费、购买资源包、冻结预估费用之后），在消息中心提醒一次；充值回到阈值以上后重新生效。
        </p>
        <p className="text-sm">
          当前状态：
          <span data-testid="balance-alert-state" className="font-medium">
            {current === null ? '未开启' : `已开启，阈值 ${formatCnyFen(current)}`}
          </span>
        </p>
        <div className="flex items-start gap-2">
          <TextField
            label="预警阈值（元）"
            className="w-48"
            inputMode="decimal"
            placeholder="例如 100.00"
            value={value}
            error={save.error?.message}
            onChange={(e) => {
              setText(e.target.value);
              save.reset();
            }}
          />
          <Button type="submit" variant="primary" className="mt-6 h-9" disabled={save.isPending}>
            保存
          </Button>
          {current === null ? null : (
            <Button type="button" className="mt-6 h-9" disabled={save.isPending} onClick={() => save.mutate({ threshold: null })}>
              关闭预警
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
