// npm run sandbox -- meter <email> <item> <count> [--at ISO-8601]
// Sandbox-only operator tool for e2e tests and demos: meters successful calls for an
// account through the billing domain (allocateCalls), as the API does after a call.
import { eq } from 'drizzle-orm';
import { closeDb, openDb } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { ITEM_CODES, isItemCode, type ItemCode } from '@/lib/catalog';
import { formatCalls } from '@/lib/money';
import { formatDateTime, monthOf, parseIsoTime } from '@/lib/period';
import { allocateCalls, BillingError, lastBillableMonth } from '@/server/billing';
import { readClock } from '@/server/clock/app-clock';

/** Calls per allocateCalls: each chunk is its own short write transaction. */
const CHUNK_CALLS = 1_000;
const USAGE = `用法：npm run sandbox -- meter <邮箱> <计费项> <次数> [--at ISO-8601 时间]\n计费项：${ITEM_CODES.join(', ')}`;

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]) {
  const atFlag = argv.indexOf('--at');
  const atText = atFlag >= 0 ? argv[atFlag + 1] : undefined;
  if (atFlag >= 0 && atText === undefined) fail(USAGE);
  const positional = atFlag >= 0 ? [...argv.slice(0, atFlag), ...argv.slice(atFlag + 2)] : argv;
  const [command, email, item, countText, ...rest] = positional;
  if (command !== 'meter' || !email || !item || !countText || rest.length > 0) fail(USAGE);
  if (!isItemCode(item)) fail(`未知的计费项 ${JSON.stringify(item)}\n${USAGE}`);
  const count = /^\d+$/.test(countText) ? Number(countText) : NaN;
  if (!Number.isSafeInteger(count) || count < 1) fail(`调用次数须为正整数，收到 ${JSON.stringify(countText)}`);
  let at: number | undefined;
  if (atText !== undefined) {
    try {
      at = parseIsoTime(atText);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  return { email: email.trim().toLowerCase(), item, count, at };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Opened without migrating or initialising the clock: this tool must never be the one
  // that decides whether a database is in sandbox mode.
  const db = openDb();
  const clock = await readClock(db).catch((err: Error) => fail(err.message));
  if (!clock.sandbox) fail('应用时钟不在沙箱模式：此工具只能用于沙箱环境');

  const at = args.at ?? clock.now;
  if (at > clock.now) fail(`--at ${formatDateTime(at)} 晚于当前应用时间 ${formatDateTime(clock.now)}：不能计量未来的调用`);
  if (monthOf(at) <= lastBillableMonth(clock.now)) fail(`${monthOf(at)} 的账单已经出具，不能再补记该月的调用`);

  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(eq(users.email, args.email))
    .limit(1);
  if (!account) fail(`找不到邮箱为 ${args.email} 的账户`);

  const total = { free: 0, pack: 0, charged: 0 };
  const report = (item: ItemCode) => {
    const metered = total.free + total.pack + total.charged;
    console.log(
      `${args.email} ${item}：已计量 ${formatCalls(metered)} 次（免费资源包 ${formatCalls(total.free)}，预付费资源包 ${formatCalls(total.pack)}，后付费 ${formatCalls(total.charged)}），调用时间 ${formatDateTime(at)}（UTC+8）`,
    );
  };

  for (let left = args.count; left > 0; ) {
    const count = Math.min(left, CHUNK_CALLS);
    try {
      const a = await allocateCalls(db, { accountId: account.id, item: args.item, count, at });
      total.free += a.free;
      total.pack += a.pack;
      total.charged += a.charged;
    } catch (err) {
      // Like the API, a refused request (not activated, in arrears) meters nothing.
      if (!(err instanceof BillingError)) throw err;
      report(args.item);
      fail(`剩余 ${formatCalls(left)} 次未计量：${err.message}`);
    }
    left -= count;
  }
  report(args.item);
  await closeDb(db);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
