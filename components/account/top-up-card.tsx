'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { newAttemptKey } from '@/components/ui/attempt-key';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/text-field';
import { formatCnyFen, parseTopUpAmount, type Fen } from '@/lib/money';

/** An amount the customer has validated and is being asked to confirm, with its attempt key. */
interface PendingTopUp {
  amount: string;
  fen: Fen;
  key: string;
}

type Balances = RouterOutputs['account']['balances'];

/** Without an online provider (production), the one way to pay: 对公转账, credited by an operator. */
function BankTransferCard({ payee }: { payee: Balances['bankTransfer'] }) {
  return (
    <Card title="充值">
      <div data-testid="bank-transfer" className="flex flex-col gap-3 text-sm">
        <Alert tone="info">当前环境未开通在线支付，请通过对公转账充值。款项到账并经核对后，运营人员会为您入账，入账金额以银行到账金额为准，可在下方收支明细中查看。</Alert>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="text-muted">收款单位</dt>
          <dd>{payee.payee}</dd>
          <dt className="text-muted">开户银行</dt>
          <dd>{payee.bank}</dd>
          <dt className="text-muted">银行账号</dt>
          <dd className="tabular">{payee.account}</dd>
        </dl>
        <p className="font-medium">请在附言中注明您的账号邮箱，以便我们核对入账。</p>
      </div>
    </Card>
  );
}

export function TopUpCard({ provider, bankTransfer }: Pick<Balances, 'bankTransfer'> & { provider: Balances['paymentProvider'] }) {
  if (!provider) return <BankTransferCard payee={bankTransfer} />;
  return <OnlineTopUpCard provider={provider} />;
}

function OnlineTopUpCard({ provider }: { provider: NonNullable<Balances['paymentProvider']> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<PendingTopUp | null>(null);
  const topUp = useMutation(
    trpc.account.topUp.mutationOptions({
      onSuccess: (t) => {
        // A double click may send the attempt twice; the server credits once and answers
        // both with the same top-up, so one toast per top-up id.
        toast.success('充值成功', { id: t.id, description: `已到账 ${formatCnyFen(t.amountFen)}` });
        setPending(null);
        setAmount('');
        // Money moved: balances show everywhere, and a top-up can end arrears, which
        // changes bill standings, messages and the product state too. Refetch it all.
        void queryClient.invalidateQueries();
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  function review(e: FormEvent) {
    e.preventDefault();
    const parsed = parseTopUpAmount(amount);
    if (!parsed.ok) return setError(parsed.message);
    setError(undefined);
    setPending({ amount: amount.trim(), fen: parsed.fen, key: newAttemptKey() });
  }

  return (
    <Card title="充值">
      {provider.id === 'sandbox' ? (
        <div className="mb-4">
          <Alert tone="warn">沙箱支付：模拟到账，不产生真实扣款。</Alert>
        </div>
      ) : null}
      <form className="flex items-start gap-3" onSubmit={review} noValidate>
        <TextField
          label="充值金额"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.01 – 1,000,000.00"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={error}
          hint="单位：元，最多两位小数"
          className="w-72"
        />
        <Button type="submit" variant="primary" className="mt-6">
          确认充值
        </Button>
      </form>
      <ConfirmDialog
        open={pending !== null}
        title="确认充值"
        confirmLabel="确认支付"
        pending={topUp.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && topUp.mutate({ amount: pending.amount, idempotencyKey: pending.key })}
      >
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="text-muted">充值金额</dt>
          <dd data-testid="top-up-confirm-amount" className="tabular font-semibold">
            {pending ? formatCnyFen(pending.fen) : null}
          </dd>
          <dt className="text-muted">支付方式</dt>
          <dd>{provider.label}</dd>
        </dl>
      </ConfirmDialog>
    </Card>
  );
}
