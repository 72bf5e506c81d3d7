import type { RouterOutputs } from '@/components/trpc';

export type LedgerEntry = RouterOutputs['account']['ledger']['rows'][number];

/** 收支明细 type names, as the table and the CSV show them. */
export const LEDGER_TYPE_LABELS: Record<LedgerEntry['type'], string> = {
  topup: '充值',
  pack_purchase: '购买资源包',
  pack_refund: '资源包退款',
  bill_payment: '账单扣款',
  freeze: '冻结',
  unfreeze: '解冻',
};
