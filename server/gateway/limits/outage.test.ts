import { expect, it } from 'vitest';
import { LOG_EVERY_MS, trackOutages } from './outage';

it('logs an outage when it starts and ends, and at most one outage a minute when the store flaps', () => {
  let wall = 0;
  const lines: string[] = [];
  const outage = trackOutages('Redis', "this host's window", (l) => lines.push(l), () => wall);
  outage.failed('Command timed out', 3);
  outage.failed('Command timed out', 4);
  wall = 1500;
  outage.answered();
  outage.answered();
  for (let i = 0; i < 5; i++) {
    wall += 1000;
    outage.failed('Command timed out', 1);
    outage.answered();
  }
  wall = LOG_EVERY_MS;
  outage.failed('connect ECONNREFUSED', 2);
  expect(outage.down()).toBe(true);
  expect(lines).toEqual([
    "QPS limit: Redis unavailable (Command timed out); deciding by this host's window until it answers",
    "QPS limit: Redis answers again after 1.5 s; 7 calls were decided by this host's window",
    "QPS limit: Redis unavailable (connect ECONNREFUSED); deciding by this host's window until it answers (and 5 shorter outages not logged since the last line)",
  ]);
  expect(outage.status()).toEqual({ downSince: LOG_EVERY_MS, fallbackDecisions: 14, outages: 7 });
});
