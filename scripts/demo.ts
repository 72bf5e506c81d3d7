// npm run demo: seeds a demo account with a year of usage, from the 2019-11 public beta to
// 2020-11, through the same domain code the console and the API use (sign-up, activation,
// top-ups, pack orders, metering, and the scheduled jobs as the sandbox clock moves on), so
// its packs, bills, freezes and notifications are real. See docs/demo.md.
import { eq } from 'drizzle-orm';
import { closeDb, type Db } from '@/db/client';
import { users } from '@/db/schema';
import { databaseUrl, redactedUrl, STORE } from '@/db/store';
import type { ItemCode, PackSizeCode } from '@/lib/catalog';
import { formatCalls, formatCnyFen, yuanToFen } from '@/lib/money';
import { dayOf, formatDateTime, parseIsoTime } from '@/lib/period';
import { setOperator, signUp } from '@/server/auth/accounts';
import { activateAccount, allocateCalls, BillingError, createOrder, payOrder } from '@/server/billing';
import { setBalanceAlert } from '@/server/billing/balance-alert';
import { advanceClock, readClock } from '@/server/clock/app-clock';
import { ALL_JOBS } from '@/server/clock/jobs';
import { runDueJobs } from '@/server/clock/scheduler';
import { topUp } from '@/server/ledger';
import { accountBalances } from '@/server/queries/account';
import { listBills } from '@/server/queries/bills';
import { unreadCount } from '@/server/queries/notifications';
import { openMigratedDb } from '@/server/setup';
import { sendDemoRequests } from './demo-requests';

const DATABASE = redactedUrl(databaseUrl());
const DEMO_EMAIL = 'demo@example.com';
const DEMO_PASSWORD = 'demo-password-2019';
/** A new database's clock starts here; the customer signs up an hour later, in the beta. */
const CLOCK_START = '2019-11-11T09:00:00+08:00';
const SIGN_UP_AT = parseIsoTime('2019-11-11T10:00:00+08:00');
const LAST_DAY = '2020-11-20';
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** The clock stops at 02:00 (UTC+8) each day, when the 1st's bill run is due, then at 18:00, when the day's calls are metered as one batch per item. */
const JOBS_HOUR_MS = 2 * HOUR_MS;
const METER_HOUR_MS = 18 * HOUR_MS;

/** Weekday calls per item at the start; weekends run at 45%, and traffic grows 6% a month. */
const TRAFFIC: { item: ItemCode; weekday: number; from: string }[] = [
  { item: 'label', weekday: 24_000, from: '2019-11-11' },
  { item: 'porn', weekday: 6_000, from: '2019-11-11' },
  { item: 'politics', weekday: 3_000, from: '2019-11-11' },
  { item: 'terrorism', weekday: 2_500, from: '2019-11-11' },
  { item: 'crop', weekday: 1_200, from: '2019-11-18' },
  { item: 'quality', weekday: 600, from: '2019-11-18' },
  { item: 'enhance', weekday: 300, from: '2019-11-25' },
  { item: 'celebrity', weekday: 350, from: '2019-12-09' },
  { item: 'product', weekday: 1_500, from: '2020-02-10' },
  { item: 'car', weekday: 900, from: '2020-04-13' },
];
const WEEKEND_FACTOR = 0.45;
const MONTHLY_GROWTH = 1.06;

type Action = { topUp: string } | { buy: ItemCode; size: PackSizeCode; quantity: number } | { balanceAlert: string };

/**
 * What the customer does besides calling the API. Top-ups keep the balance ahead of the
 * bills, except in June 2020 when it is forgotten: the July settlement puts the account
 * in arrears until the top-up of 3 July. The day after the last top-up a 余额预警 of
 * ¥6,000.00 is set (available ¥7,130.32); the 1 November settlement leaves ¥5,242.76
 * available and raises its one message.
 */
const ACTIONS: Record<string, Action[]> = {
  '2019-11-28': [{ topUp: '3000' }],
  '2020-01-06': [{ topUp: '5000' }, { buy: 'label', size: '1m', quantity: 2 }],
  '2020-02-20': [{ topUp: '2000' }],
  '2020-03-16': [{ buy: 'porn', size: '100k', quantity: 3 }],
  '2020-03-30': [{ topUp: '17000' }, { buy: 'label', size: '10m', quantity: 1 }],
  '2020-04-24': [{ topUp: '1000' }],
  '2020-05-25': [{ topUp: '1000' }],
  '2020-07-03': [{ topUp: '5000' }],
  '2020-08-25': [{ topUp: '3000' }],
  '2020-09-25': [{ topUp: '3000' }],
  '2020-10-26': [{ topUp: '3000' }],
  '2020-10-27': [{ balanceAlert: '6000' }],
};

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

/** How to run the demo on a new database of the store in use. */
function freshDatabaseExample(): string {
  if (STORE === 'pg') {
    const url = new URL(databaseUrl());
    url.pathname = '/demo';
    const demoUrl = redactedUrl(url.toString());
    return `  psql ${DATABASE} -c 'CREATE DATABASE demo'\n  DATABASE_URL=${demoUrl} npm run demo\n  DATABASE_URL=${demoUrl} npm start`;
  }
  return '  DATABASE_URL=./data/demo.db npm run demo\n  DATABASE_URL=./data/demo.db npm start';
}

function printCredentials(note: string) {
  console.log(note);
  console.log(`  邮箱：${DEMO_EMAIL}`);
  console.log(`  密码：${DEMO_PASSWORD}`);
}

/** A small seeded generator, so every run of the demo tells the same story. */
function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function callsOn(day: string, weekday: number, monthsIn: number, random: () => number): number {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  const weekend = dow === 0 || dow === 6 ? WEEKEND_FACTOR : 1;
  return Math.round(weekday * weekend * MONTHLY_GROWTH ** monthsIn * (0.85 + 0.3 * random()));
}

/** Moves the sandbox clock as the 模拟时钟 page does: forward, then every job that fell due. */
async function moveClock(db: Db, to: number): Promise<number> {
  await advanceClock(db, to);
  for (const r of await runDueJobs(db, ALL_JOBS, to)) {
    if (r.job !== 'order-lapse') console.log(`  ${formatDateTime(to)} ${r.job} ${r.period}：${r.detail}`);
  }
  return to;
}

async function act(db: Db, accountId: number, day: string, action: Action, now: number) {
  if ('topUp' in action) {
    await topUp(db, { accountId, amountFen: yuanToFen(action.topUp), idempotencyKey: `demo-topup-${day}`, now });
    return;
  }
  if ('balanceAlert' in action) {
    await setBalanceAlert(db, { accountId, thresholdFen: yuanToFen(action.balanceAlert) });
    return;
  }
  const order = await createOrder(db, { accountId, item: action.buy, sizeCode: action.size, quantity: action.quantity, idempotencyKey: `demo-order-${day}-${action.buy}`, now });
  await payOrder(db, { accountId, orderId: order.id, now });
}

/** Meters one day of traffic; calls the API would refuse (in arrears) are counted, not metered. */
async function meterDay(db: Db, accountId: number, day: string, now: number, random: () => number): Promise<{ metered: number; refused: number }> {
  const monthsIn = (now - SIGN_UP_AT) / (30 * DAY_MS);
  let metered = 0;
  let refused = 0;
  for (const t of TRAFFIC) {
    if (day < t.from) continue;
    const count = callsOn(day, t.weekday, monthsIn, random);
    try {
      await allocateCalls(db, { accountId, item: t.item, count, at: now });
      metered += count;
    } catch (err) {
      if (!(err instanceof BillingError && err.code === 'InArrears')) throw err;
      refused += count;
    }
  }
  return { metered, refused };
}

async function seed(db: Db) {
  const { accountId } = await signUp(db, { email: DEMO_EMAIL, password: DEMO_PASSWORD }, SIGN_UP_AT);
  // The demo's account is the operator of this sandbox: it moves the clock and keeps the 人物库.
  await setOperator(db, DEMO_EMAIL, true);
  await activateAccount(db, accountId, SIGN_UP_AT + 5 * 60 * 1000);

  const random = seededRandom(2019);
  const totals = { metered: 0, refused: 0 };
  for (let dayStart = parseIsoTime(dayOf(SIGN_UP_AT)); dayOf(dayStart) <= LAST_DAY; dayStart += DAY_MS) {
    const day = dayOf(dayStart);
    if (dayStart + JOBS_HOUR_MS > SIGN_UP_AT) await moveClock(db, dayStart + JOBS_HOUR_MS);
    const now = await moveClock(db, dayStart + METER_HOUR_MS);
    for (const action of ACTIONS[day] ?? []) await act(db, accountId, day, action, now);
    const { metered, refused } = await meterDay(db, accountId, day, now, random);
    totals.metered += metered;
    totals.refused += refused;
  }
  // The last evening, through the real API: 请求日志 and the key's recent calls have rows.
  const requests = await sendDemoRequests(db, accountId, (await readClock(db)).now);
  return { accountId, ...totals, requests };
}

async function main() {
  const started = Date.now();
  const db = await openMigratedDb({ ...process.env, CLOCK_START: process.env.CLOCK_START ?? CLOCK_START });
  try {
    await generate(db, started);
  } finally {
    await closeDb(db);
  }
}

async function generate(db: Db, started: number) {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_EMAIL)).limit(1);
  if (existing) {
    printCredentials(`演示账户已存在（数据库 ${DATABASE}），无需重复生成：`);
    return;
  }
  const clock = await readClock(db);
  if (!clock.sandbox) fail('应用时钟不在沙箱模式（SANDBOX_CLOCK=0 或 NODE_ENV=production），演示数据需要移动模拟时钟。');
  if (clock.now >= SIGN_UP_AT) {
    fail(
      `数据库 ${DATABASE} 的应用时钟已是 ${formatDateTime(clock.now)}（UTC+8），晚于演示开始时间 ${formatDateTime(SIGN_UP_AT)}；` +
        `模拟时钟只能向前，无法回到 2019 年公测期。请换一个新的数据库运行，例如：\n${freshDatabaseExample()}`,
    );
  }

  console.log(`正在生成演示数据（数据库 ${DATABASE}）…`);
  const result = await seed(db);
  const balances = await accountBalances(db, result.accountId);
  console.log('');
  printCredentials('演示账户已生成，可直接登录控制台：');
  console.log(`  账单 ${(await listBills(db, result.accountId)).length} 张；调用 ${formatCalls(result.metered)} 次（欠费期间被拒绝 ${formatCalls(result.refused)} 次）`);
  console.log(`  API 请求 ${result.requests.ok + result.requests.failed} 个（成功 ${result.requests.ok}，失败 ${result.requests.failed}），见 请求日志`);
  console.log(`  现金余额 ${formatCnyFen(balances.cashFen)}，冻结 ${formatCnyFen(balances.frozenFen)}；未读消息 ${await unreadCount(db, result.accountId)} 条`);
  console.log(`  应用时间 ${formatDateTime((await readClock(db)).now)}（UTC+8）；用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
