import { afterEach, expect, it } from 'vitest';
import { STORE } from '@/db/store';
import { openTestDb, testDbUrl } from '@/db/testing';
import { startBackend, type ServerProcess } from '@/server/testing/server-process';

// SPEC §12: exactly one scheduler acts, however many run, and another takes over when it
// dies: two `--role scheduler` processes on one store, the acting one SIGKILLed (no chance
// to let the lock go: its death alone must free it).

const ACTING = /^\[scheduler\] acting/;
const STANDING_BY = /^\[scheduler\] standing by/;
const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.kill('SIGKILL')));
});

it(`of two schedulers exactly one acts, and the other takes over when it is SIGKILLed (${STORE})`, async () => {
  const db = await openTestDb();
  const env = { ...process.env, DATABASE_URL: testDbUrl(db), SANDBOX_CLOCK: '1' };
  const first = startBackend(['--role', 'scheduler'], env);
  running.push(first);
  await first.waitFor(ACTING);
  const second = startBackend(['--role', 'scheduler'], env);
  running.push(second);
  await second.waitFor(STANDING_BY);
  // A few of the standby's ticks (one a second) while the first holds on: it never acts.
  await new Promise((r) => setTimeout(r, 3_000));
  expect(second.lines.filter((l) => ACTING.test(l))).toEqual([]);
  expect(first.lines.filter((l) => STANDING_BY.test(l))).toEqual([]);

  await first.kill('SIGKILL');
  // Bounded: the lock dies with its holder, so the standby's next tick (≤ 1 s) takes it; the
  // bound is wide only because the machine the tests run on may be busy.
  await second.waitFor(ACTING, 15_000);
}, 90_000);
