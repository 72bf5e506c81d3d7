import { FIRST_BILLED_MONTH, formatDateTime, monthOf, monthsBetween, nextMonth, type Month } from '@/lib/period';
import type { ScheduledJob } from '@/server/clock/scheduler';
import { billRun, describeBillRun, earliestActivityMonth, lastBillableMonth } from './bill-run';
import { grantMonthFreePacks } from './free-packs';
import { lapseOrders } from './orders';

/**
 * Months from the one after `lastDone` up to `last`. A job that never ran starts at
 * `firstMonth()` (read only then), so a fresh database records nothing until an account
 * is activated, and a clock jump replays every month since.
 */
async function monthsDue(lastDone: string | null, firstMonth: () => Promise<Month | null>, last: Month): Promise<Month[]> {
  const from = lastDone ? nextMonth(lastDone) : await firstMonth();
  return from ? monthsBetween(from, last) : [];
}

/** 00:00 on the 1st (UTC+8): every activated account gets the month's free packs. */
export const freePacksJob: ScheduledJob = {
  name: 'free-packs',
  duePeriods(now, lastDone, db) {
    const firstMonth = async () => {
      const first = await earliestActivityMonth(db);
      return first && first < FIRST_BILLED_MONTH ? FIRST_BILLED_MONTH : first;
    };
    return monthsDue(lastDone, firstMonth, monthOf(now));
  },
  async runPeriod(db, month, now) {
    const r = await grantMonthFreePacks(db, month, now);
    return `${r.accounts} 个账户，发放 ${r.packs} 个免费资源包`;
  },
};

/** After 01:00 on the 1st (UTC+8): last month's bills are issued and settled. */
export const billRunJob: ScheduledJob = {
  name: 'bill-run',
  duePeriods(now, lastDone, db) {
    return monthsDue(lastDone, () => earliestActivityMonth(db), lastBillableMonth(now));
  },
  async runPeriod(db, month, now) {
    return describeBillRun(await billRun(db, month, now));
  },
};

/**
 * Records lapsed unpaid orders. Once per hour of app time is enough: payment and the
 * order list already treat an order past its 30 minutes as expired. One sweep covers
 * every hour missed by a clock jump.
 */
export const orderLapseJob: ScheduledJob = {
  name: 'order-lapse',
  duePeriods(now, lastDone) {
    const hour = formatDateTime(now).slice(0, 13); // 'YYYY-MM-DD HH', sorts as text
    return lastDone === null || hour > lastDone ? [hour] : [];
  },
  async runPeriod(db, _hour, now) {
    return `${await lapseOrders(db, now)} 个订单超时关闭`;
  },
};
