import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccounts } from '@/db/kernel/locks';
import { transaction } from '@/db/kernel/transaction';
import { notFound } from '@/db/not-found';
import { topUps } from '@/db/schema';
import { formatCnyFen, type Fen } from '@/lib/money';
import { endArrearsIfCovered } from '@/server/billing/arrears';
import { checkBalanceAlerts } from '@/server/billing/balance-alert';
import { BillingError } from '@/server/billing/errors';
import { insertUnderReference } from '@/server/billing/ids';
import { postEntry } from './post-entry';
import { assertTopUpAmount } from './top-up-amount';

export type TopUp = typeof topUps.$inferSelect;
export type CollectOutcome = 'succeeded' | 'pending' | 'failed';

/**
 * Where top-up money comes from. A real provider may answer 'pending' and call
 * confirmTopUp later from its payment notification.
 */
export interface PaymentProvider {
  /** Stored on the top-up. */
  readonly id: string;
  /** Shown to the customer next to 充值. */
  readonly label: string;
  collect(request: { topUpId: string; accountId: number; amountFen: Fen }): CollectOutcome | Promise<CollectOutcome>;
}

export const sandboxProvider: PaymentProvider = {
  id: 'sandbox',
  label: '沙箱支付（模拟，不产生真实扣款）',
  collect: () => 'succeeded',
};

export interface TopUpInput {
  accountId: number;
  amountFen: Fen;
  /** Same key, same top-up: a double click or a retried request credits once. */
  idempotencyKey: string;
  now: number;
}

/**
 * A retry answers with the earlier top-up; a key sent again with another amount is a client
 * bug, refused rather than answered with a top-up the customer did not ask for.
 */
function sameTopUp(earlier: TopUp, amountFen: Fen): TopUp {
  if (earlier.amountFen !== amountFen) {
    throw new BillingError('IdempotencyKeyReused', `该充值请求标识已用于一笔 ${formatCnyFen(earlier.amountFen)} 的充值，请刷新页面后重新发起`);
  }
  return earlier;
}

// The default serves fixtures and sandbox scripts; the console picks the provider by
// mode (payment-mode.ts).
export async function topUp(db: Db, input: TopUpInput, provider: PaymentProvider = sandboxProvider): Promise<TopUp> {
  const { accountId, amountFen, idempotencyKey, now } = input;
  assertTopUpAmount(amountFen);
  // The unique (account, idempotency key) index: of two requests with one key, one creates.
  const { row, created } = await insertUnderReference(
    db,
    'T',
    now,
    (tx, id) => tx.insert(topUps).values({ id, accountId, amountFen, provider: provider.id, status: 'pending', idempotencyKey, createdAt: now }).onConflictDoNothing().returning(),
    () => db.select().from(topUps).where(and(eq(topUps.accountId, accountId), eq(topUps.idempotencyKey, idempotencyKey))).limit(1),
  );
  if (!created) return sameTopUp(row, amountFen);

  // Outside any transaction: a real provider answers over the network.
  const outcome = await provider.collect({ topUpId: row.id, accountId, amountFen });
  if (outcome === 'succeeded') return confirmTopUp(db, row.id, now);
  if (outcome === 'failed') {
    await transaction(db, (tx) => tx.update(topUps).set({ status: 'failed' }).where(and(eq(topUps.id, row.id), eq(topUps.status, 'pending'))));
    throw new BillingError('TopUpFailed', '充值失败，未产生扣款，请稍后重试');
  }
  return row;
}

async function topUpById(db: Db, topUpId: string): Promise<TopUp> {
  const [t] = await db.select().from(topUps).where(eq(topUps.id, topUpId)).limit(1);
  if (!t) throw notFound('充值单');
  return t;
}

/** Credits a collected top-up once, and ends arrears if it covers the debt; `note` is what 收支明细 shows. */
export function confirmTopUp(db: Db, topUpId: string, now: number, note = '充值'): Promise<TopUp> {
  return transaction(db, async (tx) => {
    // A top-up's account never changes, so it can be read before locking that account;
    // its status is read again under the lock: of two confirmations, the second sees the
    // first's (and the ledger's (account, type, ref) key would refuse a second credit).
    await lockAccounts(tx, [(await topUpById(tx, topUpId)).accountId]);
    const t = await topUpById(tx, topUpId);
    if (t.status === 'succeeded') return t;
    if (t.status === 'failed') throw new BillingError('TopUpFailed', '该充值已失败，请重新发起充值');
    await postEntry(tx, { accountId: t.accountId, type: 'topup', cashDeltaFen: t.amountFen, frozenDeltaFen: 0, ref: t.id, note, now });
    await endArrearsIfCovered(tx, t.accountId, t.id, now);
    // Re-arms 余额预警 when the credit lifts the balance back to the threshold.
    await checkBalanceAlerts(tx, [t.accountId], now);
    const [confirmed] = await tx.update(topUps).set({ status: 'succeeded', confirmedAt: now }).where(eq(topUps.id, t.id)).returning();
    return confirmed;
  });
}
