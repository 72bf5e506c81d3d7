import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { packs, usageDaily, usageMonthly } from '@/db/schema';
import { FREE_CALLS_PER_MONTH, ITEMS, isItemCode, type ItemCode } from '@/lib/catalog';
import { dayOf, isBetaTime, monthOf, type Month } from '@/lib/period';
import { getAccount, type Account } from './accounts';
import { BillingError } from './errors';
import { freePackFor, hasFreePack, type Pack } from './free-packs';
import { raisePrepaidAlerts } from './prepaid-alerts';
import { param, prepared } from './prepared';
import { immediate, type DbOrTx } from './tx';

export interface MeterRequest {
  accountId: number;
  item: ItemCode;
  /** Calls this request counts as (≥ 1). */
  count: number;
  /** App time of the call; its UTC+8 month is the billing month. */
  at: number;
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

const freePackOfMonth = (db: DbOrTx) =>
  db
    .select()
    .from(packs)
    .where(and(eq(packs.accountId, param('accountId')), eq(packs.item, param('item')), eq(packs.kind, 'free'), eq(packs.month, param('month'))))
    .prepare();

/** Valid, unrefunded prepaid packs of an item at `at`, in deduction order. */
const validPrepaidPacks = (db: DbOrTx) =>
  db
    .select()
    .from(packs)
    .where(
      and(
        eq(packs.accountId, param('accountId')),
        eq(packs.item, param('item')),
        eq(packs.kind, 'prepaid'),
        isNull(packs.refundedAt),
        lte(packs.validFrom, param('at')),
        gt(packs.validUntil, param('at')),
      ),
    )
    .orderBy(asc(packs.validUntil), asc(packs.createdAt), asc(packs.id))
    .prepare();

/** Splits a request over free pack → prepaid packs (earliest expiry first) → postpaid. Reads only. */
function planAllocation(db: DbOrTx, req: MeterRequest): Plan {
  if (!isItemCode(req.item)) throw new RangeError(`unknown billing item ${String(req.item)}`);
  if (!Number.isSafeInteger(req.count) || req.count < 1) throw new RangeError(`call count must be ≥ 1, got ${req.count}`);
  const account = getAccount(db, req.accountId);
  if (account.activatedAt === null) throw new BillingError('NotActivated', '图像分析服务尚未开通');
  const month = monthOf(req.at);

  let left = req.count;
  let freePack: Pack | null = null;
  let free = 0;
  if (hasFreePack(account, req.item, month)) {
    freePack = prepared(db, freePackOfMonth).get({ accountId: account.id, item: req.item, month }) ?? null;
    free = Math.min(left, freePack ? freePack.sizeCalls - freePack.usedCalls : FREE_CALLS_PER_MONTH);
    left -= free;
  }

  const prepaid = prepared(db, validPrepaidPacks).all({ accountId: account.id, item: req.item, at: req.at });
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
  return plan.account.inArrears && plan.charged > 0 && costsMoney(req.item, req.at);
}

/**
 * Whether a request could be metered now: false when the account is in arrears and some
 * of its calls would be charged postpaid. Lets the API refuse before doing engine work;
 * allocateCalls checks again under the write lock.
 */
export function canMeter(db: DbOrTx, req: MeterRequest): boolean {
  return !refusedForArrears(planAllocation(db, req), req);
}

const counters = {
  totalCalls: param('totalCalls'),
  freeCalls: param('freeCalls'),
  packCalls: param('packCalls'),
  chargedCalls: param('chargedCalls'),
};

function counterIncrements(t: typeof usageMonthly | typeof usageDaily) {
  return {
    totalCalls: sql`${t.totalCalls} + excluded.total_calls`,
    freeCalls: sql`${t.freeCalls} + excluded.free_calls`,
    packCalls: sql`${t.packCalls} + excluded.pack_calls`,
    chargedCalls: sql`${t.chargedCalls} + excluded.charged_calls`,
  };
}

const bumpMonthly = (db: DbOrTx) =>
  db
    .insert(usageMonthly)
    .values({ accountId: param('accountId'), item: param('item'), month: param('month'), ...counters })
    .onConflictDoUpdate({ target: [usageMonthly.accountId, usageMonthly.month, usageMonthly.item], set: counterIncrements(usageMonthly) })
    .prepare();

const bumpDaily = (db: DbOrTx) =>
  db
    .insert(usageDaily)
    .values({ accountId: param('accountId'), item: param('item'), day: param('day'), ...counters })
    .onConflictDoUpdate({ target: [usageDaily.accountId, usageDaily.item, usageDaily.day], set: counterIncrements(usageDaily) })
    .prepare();

const drawFromPack = (db: DbOrTx) =>
  db
    .update(packs)
    .set({ usedCalls: sql`${packs.usedCalls} + ${param('calls')}` })
    .where(eq(packs.id, param('packId')))
    .prepare();

/**
 * Meters `count` calls of one item: takes them from the month's free pack, then from
 * prepaid packs, the rest postpaid; bumps the month's and the day's counters. The only
 * code that changes pack usage or usage counters. Pass the API's metering transaction
 * to make this part of it; given the root database it runs its own (BEGIN IMMEDIATE).
 * Throws BillingError('InArrears') — having written nothing — when the account is in
 * arrears and some call would be charged postpaid.
 */
export function allocateCalls(db: DbOrTx, req: MeterRequest): CallAllocation {
  return immediate(db, (tx) => {
    const plan = planAllocation(tx, req);
    if (refusedForArrears(plan, req)) {
      throw new BillingError('InArrears', '账户已欠费，后付费调用已暂停，请充值后重试');
    }
    if (plan.free > 0) {
      if (plan.freePack) prepared(tx, drawFromPack).run({ packId: plan.freePack.id, calls: plan.free });
      else tx.insert(packs).values(freePackFor(req.accountId, req.item, plan.month, req.at, plan.free)).run();
    }
    for (const d of plan.draws) prepared(tx, drawFromPack).run({ packId: d.pack.id, calls: d.calls });

    const pack = plan.draws.reduce((s, d) => s + d.calls, 0);
    const allocation: CallAllocation = { free: plan.free, pack, charged: plan.charged, packIds: plan.draws.map((d) => d.pack.id) };
    const usage = { accountId: req.accountId, item: req.item, totalCalls: req.count, freeCalls: plan.free, packCalls: pack, chargedCalls: plan.charged };
    prepared(tx, bumpMonthly).run({ ...usage, month: plan.month });
    prepared(tx, bumpDaily).run({ ...usage, day: dayOf(req.at) });
    if (pack > 0) {
      raisePrepaidAlerts(tx, {
        accountId: req.accountId,
        item: req.item,
        valid: plan.prepaid,
        taken: pack,
        lastDrawnPackId: plan.draws[plan.draws.length - 1].pack.id,
        at: req.at,
      });
    }
    return allocation;
  });
}
