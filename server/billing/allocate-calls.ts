import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { lockAccountRows } from '@/db/kernel/locks';
import { preparedQuery } from '@/db/kernel/prepared';
import { inTransaction, transaction } from '@/db/kernel/transaction';
import { notFound } from '@/db/not-found';
import { packs } from '@/db/schema';
import { FREE_CALLS_PER_MONTH, ITEMS, isItemCode, type ItemCode } from '@/lib/catalog';
import { dayOf, isBetaTime, monthOf, type Month } from '@/lib/period';
import { getAccount, type Account } from './accounts';
import { writeAllocation } from './allocation-writes';
import { BillingError } from './errors';
import { freePackFor, hasFreePack, type Pack } from './free-packs';
import { raisePrepaidAlerts } from './prepaid-alerts';

export interface MeterRequest {
  accountId: number;
  item: ItemCode;
  /** Calls this request counts as (≥ 1). */
  count: number;
  /** App time of the call; its UTC+8 month is the billing month. */
  at: number;
  /** Answered already (the API's journaled calls): metered even in arrears, charged postpaid if need be. */
  served?: boolean;
}

export interface CallAllocation {
  free: number;
  pack: number;
  /** Postpaid calls: rated at list price, or at ¥0 in the beta and for unpriced items. */
  charged: number;
  /** Prepaid packs the calls came out of, in deduction order. */
  packIds: number[];
}

interface Plan {
  account: Account;
  month: Month;
  /** The month's free pack; null when none exists (yet: the job may not have run). */
  freePack: Pack | null;
  free: number;
  /** Valid, unrefunded prepaid packs of the item in deduction order, as read. */
  prepaid: Pack[];
  draws: { pack: Pack; calls: number }[];
  charged: number;
}

// The queries of every metered request, built once (db/kernel/prepared.ts): the API's
// metering runs them for every flush.

// One read for both kinds of pack an allocation draws on — the month's free pack and the
// valid, unrefunded prepaid packs — instead of one each: on PostgreSQL a round trip less per
// metering flush, on SQLite a statement less (bench/api/README.md). Each OR branch is a
// lookup of its own index (packs_free_unique, packs_account_item_idx).
const itemPacksQuery = preparedQuery('packs_to_draw', (db) =>
  db
    .select()
    .from(packs)
    .where(
      or(
        and(eq(packs.accountId, sql.placeholder('accountId')), eq(packs.item, sql.placeholder('item')), eq(packs.kind, 'free'), eq(packs.month, sql.placeholder('month'))),
        and(
          eq(packs.accountId, sql.placeholder('accountId')),
          eq(packs.item, sql.placeholder('item')),
          eq(packs.kind, 'prepaid'),
          isNull(packs.refundedAt),
          lte(packs.validFrom, sql.placeholder('at')),
          gt(packs.validUntil, sql.placeholder('at')),
        ),
      ),
    )
    .orderBy(asc(packs.validUntil), asc(packs.createdAt), asc(packs.id)),
);

/**
 * The month's free pack of an item, if it exists yet, and the valid, unrefunded prepaid
 * packs at `at` in deduction order (earliest expiry first).
 */
async function packsToDraw(db: Db, accountId: number, item: ItemCode, month: Month, at: number): Promise<PacksToDraw> {
  const rows = await itemPacksQuery(db, { accountId, item, month, at });
  return { free: rows.find((p) => p.kind === 'free') ?? null, prepaid: rows.filter((p) => p.kind === 'prepaid') };
}

export interface PacksToDraw {
  free: Pack | null;
  prepaid: Pack[];
}

/**
 * Sends the read of the packs a request would draw on, for allocateLockedCalls, before the
 * caller has its lock's answer: on PostgreSQL the statements of a transaction run in the
 * order they were sent, each (READ COMMITTED) on a snapshot taken when it starts, so a read
 * sent right behind the lock sees everything the lock's previous holder committed, and
 * shares the lock's round trip. It must be sent before any write of the same account and
 * item in the transaction, which it would not see. The promise is marked handled: a lock
 * that fails fails it too, and the caller throws the lock's error instead.
 */
export function readPacksToDraw(tx: Db, req: MeterRequest): Promise<PacksToDraw> {
  const read = packsToDraw(tx, req.accountId, req.item, monthOf(req.at), req.at);
  read.catch(() => undefined);
  return read;
}

/** Splits a request of `account` over free pack → prepaid packs (earliest expiry first) → postpaid. Reads only. */
async function planAllocation(db: Db, req: MeterRequest, account: Account, sent?: Promise<PacksToDraw>): Promise<Plan> {
  if (!isItemCode(req.item)) throw new RangeError(`unknown billing item ${String(req.item)}`);
  if (!Number.isSafeInteger(req.count) || req.count < 1) throw new RangeError(`call count must be ≥ 1, got ${req.count}`);
  if (account.activatedAt === null) throw new BillingError('NotActivated', '图像分析服务尚未开通');
  const month = monthOf(req.at);

  const packsRead = await (sent ?? packsToDraw(db, account.id, req.item, month, req.at));
  let left = req.count;
  let freePack: Pack | null = null;
  let free = 0;
  if (hasFreePack(account, req.item, month)) {
    freePack = packsRead.free;
    free = Math.min(left, freePack ? freePack.sizeCalls - freePack.usedCalls : FREE_CALLS_PER_MONTH);
    left -= free;
  }

  const { prepaid } = packsRead;
  const draws: Plan['draws'] = [];
  for (const pack of prepaid) {
    if (left === 0) break;
    const calls = Math.min(left, pack.sizeCalls - pack.usedCalls);
    if (calls > 0) draws.push({ pack, calls });
    left -= calls;
  }
  return { account, month, freePack, free, prepaid, draws, charged: left };
}

/** Beta calls and unpriced items (enhance) cost nothing, so arrears never stops them. */
function costsMoney(item: ItemCode, at: number): boolean {
  return ITEMS[item].billable && !isBetaTime(at);
}

function refusedForArrears(plan: Plan, req: MeterRequest): boolean {
  return !req.served && plan.account.inArrears && plan.charged > 0 && costsMoney(req.item, req.at);
}

/**
 * Whether a request could be metered now: false when the account is in arrears and some
 * of its calls would be charged postpaid. Lets the API refuse before doing engine work;
 * allocateCalls checks again under the write lock.
 */
export async function canMeter(db: Db, req: MeterRequest): Promise<boolean> {
  return !refusedForArrears(await planAllocation(db, req, await getAccount(db, req.accountId)), req);
}

/**
 * Meters `count` calls of one item: takes them from the month's free pack, then from
 * prepaid packs, the rest postpaid; bumps the month's and the day's counters. The only
 * code that changes pack usage or usage counters. Pass the API's metering transaction
 * to make this part of it; given the root database it runs its own.
 * Throws BillingError('InArrears') — having written nothing — when the account is in
 * arrears and some call would be charged postpaid.
 *
 * A caller's transaction that meters several accounts (the API's group commit) must lock
 * all of them FIRST, before any other write, with lockAccountRows(tx, ids) — which sorts
 * them — so that two batches never wait on each other's accounts in opposite orders
 * (on PostgreSQL even an insert referencing an account takes a share lock on its row),
 * and then allocate with allocateLockedCalls.
 */
export function allocateCalls(db: Db, req: MeterRequest): Promise<CallAllocation> {
  return transaction(db, async (tx) => {
    // The plan reads pack usage and arrears and decides the draws: with the account's row
    // locked (FOR UPDATE on PostgreSQL; SQLite's single writer already), two allocations
    // on one account run one after the other, so a pack never gives more than it has.
    const [account] = await lockAccountRows(tx, [req.accountId]);
    if (!account) throw notFound('账户');
    return allocateLockedCalls(tx, req, account);
  });
}

/**
 * allocateCalls in the caller's transaction, which has already locked the account and
 * read it (lockAccountRows): without a savepoint of its own, a second lock or a second read
 * of the account, each a round trip of the API's metering flush on PostgreSQL. `packs`:
 * the request's readPacksToDraw, when the caller sent it early. A refusal still throws
 * before any write; any other failure fails the caller's whole transaction.
 */
export async function allocateLockedCalls(tx: Db, req: MeterRequest, account: Account, packs?: Promise<PacksToDraw>): Promise<CallAllocation> {
  if (!inTransaction(tx)) throw new Error('allocateLockedCalls needs the transaction that locked the account');
  const plan = await planAllocation(tx, req, account, packs);
  if (refusedForArrears(plan, req)) {
    throw new BillingError('InArrears', '账户已欠费，后付费调用已暂停，请充值后重试');
  }
  const draws = plan.draws.map((d) => ({ packId: d.pack.id, calls: d.calls }));
  if (plan.free > 0 && plan.freePack) draws.unshift({ packId: plan.freePack.id, calls: plan.free });
  const pack = plan.draws.reduce((s, d) => s + d.calls, 0);
  await writeAllocation(tx, {
    draws,
    newFreePack: plan.free > 0 && !plan.freePack ? freePackFor(req.accountId, req.item, plan.month, req.at, plan.free) : null,
    usage: { accountId: req.accountId, item: req.item, totalCalls: req.count, freeCalls: plan.free, packCalls: pack, chargedCalls: plan.charged },
    month: plan.month,
    day: dayOf(req.at),
  });
  if (pack > 0) {
    await raisePrepaidAlerts(tx, {
      accountId: req.accountId,
      item: req.item,
      valid: plan.prepaid,
      taken: pack,
      lastDrawnPackId: plan.draws[plan.draws.length - 1].pack.id,
      at: req.at,
    });
  }
  return { free: plan.free, pack, charged: plan.charged, packIds: plan.draws.map((d) => d.pack.id) };
}
