import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { topUps } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { BillingError } from '@/server/billing/errors';
import { insertUnderReference } from '@/server/billing/ids';
import { assertTopUpAmount } from './top-up-amount';
import { confirmTopUp, type TopUp } from './top-up';

/** A bank transfer's top-up takes `bank:` + its reference as idempotency key; the console refuses keys so named. */
export const BANK_TRANSFER_KEY_PREFIX = 'bank:';

// A bank transfer (对公转账) is credited by an operator once it has arrived, quoting the
// bank's reference (流水号). The reference is the transfer's identity: crediting it again
// finds the first credit, and it can never be credited to another account or as another
// amount.
export const BANK_TRANSFER_PROVIDER = 'bank_transfer';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_-]{3,63}$/;

export interface BankTransferCredit {
  accountId: number;
  amountFen: Fen;
  /** The bank's reference of the transfer. */
  reference: string;
  now: number;
}

export interface BankTransferOutcome {
  topUp: TopUp;
  /** false when this reference had been credited already (nothing moved this time). */
  credited: boolean;
}

export async function creditBankTransfer(db: Db, input: BankTransferCredit): Promise<BankTransferOutcome> {
  const { accountId, amountFen, now } = input;
  const reference = input.reference.trim();
  if (!REFERENCE.test(reference)) throw new BillingError('InvalidReference', '银行流水号须为 4–64 位字母、数字、- 或 _');
  assertTopUpAmount(amountFen);
  // Both unique keys, (account, idempotency key) and (provider, external ref), make a
  // second insert of this reference a no-op, whichever account it names.
  const { row: first } = await insertUnderReference(
    db,
    'T',
    now,
    (tx, id) =>
      tx
        .insert(topUps)
        .values({
          id,
          accountId,
          amountFen,
          provider: BANK_TRANSFER_PROVIDER,
          status: 'pending',
          idempotencyKey: `${BANK_TRANSFER_KEY_PREFIX}${reference}`,
          externalRef: reference,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning(),
    () => db.select().from(topUps).where(and(eq(topUps.provider, BANK_TRANSFER_PROVIDER), eq(topUps.externalRef, reference))).limit(1),
  );
  if (first.accountId !== accountId || first.amountFen !== amountFen) {
    throw new BillingError(
      'ReferenceUsed',
      `银行流水号 ${reference} 已于 ${formatDateTime(first.createdAt)} 登记为另一笔入账（${formatCnyFen(first.amountFen)}），未重复入账`,
    );
  }
  const wasCredited = first.status === 'succeeded';
  // The customer finds their transfer in 收支明细 by the bank's reference.
  const topUp = await confirmTopUp(db, first.id, now, `对公转账（流水号 ${reference}）`);
  return { topUp, credited: !wasCredited };
}
