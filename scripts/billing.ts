// npm run billing -- run --month YYYY-MM
// The bill run by hand: issues and settles the month's bills exactly as the scheduler
// would, first catching up any earlier month not yet run. Rerunning a month issues nothing.
import { closeDb } from '@/db/client';
import { formatDateTime, isMonth } from '@/lib/period';
import { billDueAt, billRun, describeBillRun } from '@/server/billing/bill-run';
import { billRunJob } from '@/server/billing/jobs';
import { appNow } from '@/server/clock/app-clock';
import { runDueJobs, type ScheduledJob } from '@/server/clock/scheduler';
import { openMigratedDb } from '@/server/setup';

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

const USAGE = '用法：npm run billing -- run --month YYYY-MM';

async function main() {
  const args = process.argv.slice(2);
  const monthFlag = args.indexOf('--month');
  const month = monthFlag >= 0 ? args[monthFlag + 1] : undefined;
  if (args[0] !== 'run' || month === undefined) fail(USAGE);
  if (!isMonth(month)) fail(`无效的账期 ${JSON.stringify(month)}，应为 YYYY-MM，例如 2019-12`);

  const db = await openMigratedDb();
  try {
    const now = await appNow(db);
    if (now < billDueAt(month)) {
      fail(`${month} 的账单须在 ${formatDateTime(billDueAt(month))}（UTC+8）之后出账，当前应用时间 ${formatDateTime(now)}`);
    }
    // Earlier months first, through the scheduler's own record, so hand runs and scheduled
    // runs never bill a month twice or out of order.
    const upToMonth: ScheduledJob = { ...billRunJob, duePeriods: async (n, last, d) => (await billRunJob.duePeriods(n, last, d)).filter((p) => p <= month) };
    const ran = await runDueJobs(db, [upToMonth], now);
    for (const r of ran) console.log(`账期 ${r.period}：${r.detail}`);
    if (!ran.some((r) => r.period === month)) console.log(`账期 ${month}：${describeBillRun(await billRun(db, month, now))}`);
  } finally {
    await closeDb(db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
