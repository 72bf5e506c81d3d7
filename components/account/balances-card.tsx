'use client';

import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { formatCnyFen } from '@/lib/money';
import type { RouterOutputs } from '@/components/trpc';

export function BalancesCard({ balances }: { balances: RouterOutputs['account']['balances'] }) {
  const { cashFen, frozenFen, availableFen, inArrears } = balances;
  return (
    <Card title="账户余额">
      {inArrears ? (
        <div className="mb-4">
          <Alert tone="error">
            账户已欠费（现金余额 {formatCnyFen(cashFen)}）：后付费调用已暂停，免费资源包和预付费资源包仍可使用。充值至现金余额不小于 ¥0.00 后立即恢复。
          </Alert>
        </div>
      ) : null}
      <div className="grid grid-cols-3 gap-4">
        <Stat label="现金余额" testId="cash-balance" value={formatCnyFen(cashFen)} tone={cashFen < 0 ? 'danger' : undefined} />
        <Stat label="冻结金额" testId="frozen-amount" value={formatCnyFen(frozenFen)} />
        <Stat label="可用余额" testId="available-balance" value={formatCnyFen(availableFen)} tone={availableFen < 0 ? 'danger' : undefined} />
      </div>
      <p className="mt-4 text-xs text-muted">
        可用余额 = 现金余额 − 冻结金额，用于购买资源包。每月结算后按上月调用量 × 刊例价 × 100% 冻结次月预估费用，下月结算时先解冻再扣费。
      </p>
    </Card>
  );
}
