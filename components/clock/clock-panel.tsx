'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/components/trpc';
import { formatDateTime, monthOf, monthStart, nextMonth } from '@/lib/period';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export function ClockPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery({ ...trpc.clock.state.queryOptions(), refetchInterval: 1000 });
  const [custom, setCustom] = useState('');
  const advance = useMutation(
    trpc.clock.advance.mutationOptions({
      // Every page's data may depend on the app time; refetch all of it.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );

  if (state.isPending) return <Loading />;
  if (state.isError) return <LoadError message={state.error.message} />;
  const { now, sandbox, canAdvance, recentRuns } = state.data;
  const go = (to: number) => advance.mutate({ to: new Date(to).toISOString() });

  function submitCustom(e: FormEvent) {
    e.preventDefault();
    advance.mutate({ to: custom });
  }

  if (!sandbox) return <div className="p-6"><Alert tone="warn">当前不是沙箱环境，应用时钟即真实时间，不能调整。</Alert></div>;

  return (
    <div className="flex flex-col gap-4 p-6">
      <Alert tone="warn">
        沙箱功能：模拟时钟由所有账号共用，仅运营人员可以调整，且只能向前调整。前进后，免费资源包发放、账单出账与结算、资源包过期等定时任务会按经过的时间依次补跑。
      </Alert>
      <Card title="应用时间（UTC+8）">
        <div data-testid="app-time" className="tabular text-3xl font-semibold">{formatDateTime(now)}</div>
        {canAdvance ? (
        <div className="mt-4 flex flex-wrap items-end gap-3">
          <Button variant="primary" onClick={() => go(now + DAY)} disabled={advance.isPending}>前进 1 天</Button>
          <Button onClick={() => go(monthStart(nextMonth(monthOf(now))) + 2 * HOUR)} disabled={advance.isPending}>
            前进到下月 1 日 02:00
          </Button>
          <form className="flex items-end gap-2" onSubmit={submitCustom}>
            <TextField label="指定时间" placeholder="2020-01-01T02:00:00+08:00" value={custom} onChange={(e) => setCustom(e.target.value)} className="w-72" />
            <Button type="submit" disabled={advance.isPending || !custom}>前进到该时间</Button>
          </form>
        </div>
        ) : (
          <p data-testid="clock-operators-only" className="mt-4 text-sm text-muted">
            模拟时钟仅运营人员可以调整，您的账号只能查看应用时间。如需调整，请联系运营人员。
          </p>
        )}
        {advance.error ? <div className="mt-3"><Alert tone="error">{advance.error.message}</Alert></div> : null}
        {advance.data ? (
          <div className="mt-3">
            <Alert tone="success">已前进到 {formatDateTime(advance.data.now)}，运行了 {advance.data.ran.length} 个任务。</Alert>
          </div>
        ) : null}
      </Card>
      {recentRuns ? (
      <Card title="最近运行的任务">
        {recentRuns.length === 0 ? (
          <p className="text-sm text-muted">暂无任务运行记录</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-muted">
              <tr><th className="py-2 font-normal">任务</th><th className="font-normal">周期</th><th className="font-normal">运行时间（应用时间）</th><th className="font-normal">结果</th></tr>
            </thead>
            <tbody>
              {recentRuns.map((r) => (
                <tr key={`${r.job}-${r.period}`} className="border-t border-line">
                  <td className="py-2">{r.job}</td>
                  <td>{r.period}</td>
                  <td className="tabular">{formatDateTime(r.ranAt)}</td>
                  <td>{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      ) : null}
    </div>
  );
}
