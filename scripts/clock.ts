// npm run clock -- show | set <ISO time>
import { closeDb } from '@/db/client';
import { formatDateTime, parseIsoTime } from '@/lib/period';
import { advanceClock, ClockError, readClock } from '@/server/clock/app-clock';
import { ALL_JOBS } from '@/server/clock/jobs';
import { runDueJobs } from '@/server/clock/scheduler';
import { openMigratedDb } from '@/server/setup';

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  if (command !== 'show' && !(command === 'set' && arg)) fail('用法：npm run clock -- show | set <ISO-8601 时间>');
  let to = 0;
  if (command === 'set') {
    try {
      to = parseIsoTime(arg);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  const db = await openMigratedDb();
  try {
    if (command === 'show') {
      const { now, sandbox } = await readClock(db);
      console.log(`${formatDateTime(now)} (UTC+8)${sandbox ? ' [沙箱]' : ''}`);
      return;
    }
    const state = await advanceClock(db, to);
    for (const r of await runDueJobs(db, ALL_JOBS, state.now)) console.log(`ran ${r.job} ${r.period}: ${r.detail}`);
    console.log(`app clock: ${formatDateTime(state.now)} (UTC+8)`);
  } catch (err) {
    if (err instanceof ClockError) fail(err.message);
    throw err;
  } finally {
    await closeDb(db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
