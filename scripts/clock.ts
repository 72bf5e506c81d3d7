// npm run clock -- show | set <ISO time>
import { formatDateTime, parseIsoTime } from '@/lib/period';
import { advanceClock, ClockError, readClock } from '@/server/clock/app-clock';
import { ALL_JOBS } from '@/server/clock/jobs';
import { runDueJobs } from '@/server/clock/scheduler';
import { openMigratedDb } from '@/server/setup';

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

const [command, arg] = process.argv.slice(2);
const db = openMigratedDb();

if (command === 'show') {
  const { now, sandbox } = readClock(db);
  console.log(`${formatDateTime(now)} (UTC+8)${sandbox ? ' [沙箱]' : ''}`);
} else if (command === 'set' && arg) {
  let to: number;
  try {
    to = parseIsoTime(arg);
  } catch (err) {
    fail((err as Error).message);
  }
  try {
    const state = advanceClock(db, to);
    for (const r of runDueJobs(db, ALL_JOBS, state.now)) console.log(`ran ${r.job} ${r.period}: ${r.detail}`);
    console.log(`app clock: ${formatDateTime(state.now)} (UTC+8)`);
  } catch (err) {
    if (err instanceof ClockError) fail(err.message);
    throw err;
  }
} else {
  fail('用法：npm run clock -- show | set <ISO-8601 时间>');
}
