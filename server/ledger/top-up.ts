import { and, eq } from 'drizzle-orm';
import type { DB } from '@/db/client';
import { topUps } from '@/db/schema';
import { TOP_UP_MAX_FEN, TOP_UP_MIN_FEN, formatCnyFen, type Fen } from '@/lib/money';
import { endArrearsIfCovered } from '@/server/billing/arrears';
import { BillingError, notFound } from '@/server/billing/errors';
import { newReference } from '@/server/billing/ids';
import { immediate } from '@/server/billing/tx';
import { postEntry } from './post-entry';

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
  collect(request: { topUpId: string; accountId: number; amountFen: Fen }): CollectOutcome;
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

export function topUp(db: DB, input: TopUpInput, provider: PaymentProvider = sandboxProvider): TopUp {
  const { accountId, amountFen, idempotencyKey, now } = input;
  if (!Number.isSafeInteger(amountFen) || amountFen < TOP_UP_MIN_FEN || amountFen > TOP_UP_MAX_FEN) {
    throw new BillingError('InvalidAmount', `充值金额须在 ${formatCnyFen(TOP_UP_MIN_FEN)} 至 ${formatCnyFen(TOP_UP_MAX_FEN)} 之间`);
  }
  const created = db
    .insert(topUps)
    .values({ id: newReference('T', now), accountId, amountFen, provider: provider.id, status: 'pending', idempotencyKey, createdAt: now })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!created) {
    return db.select().from(topUps).where(and(eq(topUps.accountId, accountId), eq(topUps.idempotencyKey, idempotencyKey))).get()!;
  }

  const outcome = provider.collect({ topUpId: created.id, accountId, amountFen });
  if (outcome === 'succeeded') return confirmTopUp(db, created.id, now);
  if (outcome === 'failed') {
    db.update(topUps).set({ status: 'failed' }).where(eq(topUps.id, created.id)).run();
    throw new BillingError('TopUpFailed', '充值失败，未产生扣款，请稍后重试');
  }
  return created;
}

/** Credits a collected top-up once, and ends arrears if it covers the debt. */
export function confirmTopUp(db: DB, topUpId: string, now: number): TopUp {
  return immediate(db, (tx) => {
    const t = tx.select().from(topUps).where(eq(topUps.id, topUpId)).get();
    if (!t) throw notFound('充值单');
    if (t.status === 'succeeded') return t;
    if (t.status === 'failed') throw new BillingError('TopUpFailed', '该充值已失败，请重新发起充值');
    postEntry(tx, { accountId: t.accountId, type: 'topup', cashDeltaFen: t.amountFen, frozenDeltaFen: 0, ref: t.id, note: '充值', now });
    endArrearsIfCovered(tx, t.accountId, t.id, now);
    return tx.update(topUps).set({ status: 'succeeded', confirmedAt: now }).where(eq(topUps.id, t.id)).returning().get();
  });
}
