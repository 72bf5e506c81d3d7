import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { rawRun } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { accounts, apiRequests, packs, usageMonthly } from '@/db/schema';
import { openTestDb, testTempDir } from '@/db/testing';
import { activateAccount } from '@/server/billing';
import { initClock } from '@/server/clock/app-clock';
import { usageByDay } from '@/server/queries/usage';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { journalLine, parseJournalLine } from './journal-line';
import { createJournalMeter, type JournalMeter } from './journal-meter';
import { createMeter, meterRecord, meterRecords, type MeterInput, type MeterRecord } from './metering';

const T = at('2019-12-05T10:00:00+08:00');
const LONG = 3_600_000; // no interval flush during a test: each one flushes when it means to

async function setup() {
  const db = await openTestDb();
  await initClock(db, { sandbox: true, start: T });
  const account = await createTestAccount(db, { now: T });
  await activateAccount(db, account.id, T);
  return { db, accountId: account.id, dir: testTempDir('iac-journal-') };
}

const input = (accountId: number, n: number, count = 1): MeterInput => ({
  requestId: `req-${accountId}-${n}`,
  accountId,
  action: 'AssessQuality',
  calls: [{ item: 'quality', count }],
  at: T + n,
  secretId: 'AKIDjournal',
  receivedAt: performance.now(),
});
const record = (accountId: number, n: number, count = 1): MeterRecord => meterRecord(input(accountId, n, count), performance.now());

const usage = async (db: Db, accountId: number) => {
  const [u] = await db.select().from(usageMonthly).where(eq(usageMonthly.accountId, accountId));
  return u && [u.totalCalls, u.freeCalls, u.packCalls, u.chargedCalls];
};
const requestIds = async (db: Db) => (await db.select({ id: apiRequests.requestId }).from(apiRequests)).map((r) => r.id).sort();
const renameTable = (db: Db, from: string, to: string) => transaction(db, (tx) => rawRun(tx, sql.raw(`ALTER TABLE ${from} RENAME TO ${to}`)));
const journalLines = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.\d+\.journal$/.test(f))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));
const journaledIds = (dir: string) => journalLines(dir).map((line) => parseJournalLine(line).requestId);

/** A pid no process has any more: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

const running: JournalMeter[] = [];
const start = (db: Db, dir: string, intervalMs = LONG) => {
  const journal = createJournalMeter(db, { dir, intervalMs, refusable: createMeter(db) });
  running.push(journal);
  return journal;
};
afterEach(async () => {
  for (const j of running.splice(0)) await j.stop();
});

describe('createJournalMeter', () => {
  it('answers once the call is in the journal, and meters each call exactly once on the next flush', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir);
    await Promise.all(Array.from({ length: 30 }, (_, i) => journal.meter(input(accountId, i))));
    // Answered, not on the books yet: every call is a line of the journal.
    expect(journaledIds(dir).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `req-${accountId}-${i}`).sort());
    expect(await requestIds(db)).toEqual([]);
    await journal.flush();
    expect(await requestIds(db)).toHaveLength(30);
    expect(await usage(db, accountId)).toEqual([30, 30, 0, 0]);
    expect(journalLines(dir)).toEqual([]);
    // A second flush with nothing new meters nothing again.
    await journal.flush();
    expect(await usage(db, accountId)).toEqual([30, 30, 0, 0]);
  });

  it('meters a flush of several accounts, items and days by account, item and UTC+8 day, with each call’s 请求日志 row', async () => {
    const { db, accountId, dir } = await setup();
    const other = await createTestAccount(db, { now: T });
    await activateAccount(db, other.id, T);
    const journal = start(db, dir);
    const nextDay = T + 14 * 3_600_000; // 2019-12-06 00:00 UTC+8
    await Promise.all([
      journal.meter(input(accountId, 1, 2)),
      journal.meter({ ...input(accountId, 2), calls: [{ item: 'quality', count: 1 }, { item: 'crop', count: 4 }] }),
      journal.meter({ ...input(accountId, 3, 5), at: nextDay }),
      journal.meter(input(other.id, 4, 3)),
    ]);
    await journal.flush();
    const rows = await db.select({ id: apiRequests.requestId, accountId: apiRequests.accountId, calls: apiRequests.calls, createdAt: apiRequests.createdAt }).from(apiRequests);
    expect(rows.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: `req-${accountId}-1`, accountId, calls: 2, createdAt: T + 1 },
      { id: `req-${accountId}-2`, accountId, calls: 5, createdAt: T + 2 },
      { id: `req-${accountId}-3`, accountId, calls: 5, createdAt: nextDay },
      { id: `req-${other.id}-4`, accountId: other.id, calls: 3, createdAt: T + 4 },
    ]);
    const days = async (id: number) => (await usageByDay(db, id, '2019-12')).map((d) => [d.day, d.item, d.totalCalls]).sort();
    expect(await days(accountId)).toEqual([['2019-12-05', 'crop', 4], ['2019-12-05', 'quality', 3], ['2019-12-06', 'quality', 5]]);
    expect(await days(other.id)).toEqual([['2019-12-05', 'quality', 3]]);
  });

  it('a turn whose write fails refuses each of its calls, leaves none of its bytes in the journal and meters none of them', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir);
    await journal.meter(input(accountId, 1));
    const realWrite = fs.writeSync.bind(fs);
    // Part of the turn reaches the file, then the disk is full. (The journal writes Buffers:
    // writeSync's string overload is never called, hence the cast.)
    const partly = (fd: number, buf: NodeJS.ArrayBufferView, offset: number): number => {
      realWrite(fd, buf, offset, 10);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    const failing = vi.spyOn(fs, 'writeSync').mockImplementationOnce(partly as unknown as typeof fs.writeSync);
    const results = await Promise.allSettled([2, 3].map((n) => journal.meter(input(accountId, n))));
    failing.mockRestore();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ENOSPC' });
    expect(journaledIds(dir)).toEqual([`req-${accountId}-1`]);
    await journal.meter(input(accountId, 4));
    await journal.flush();
    expect(await requestIds(db)).toEqual([`req-${accountId}-1`, `req-${accountId}-4`]);
    expect(await usage(db, accountId)).toEqual([2, 2, 0, 0]);
  });

  it('a turn of 1,200 calls with a line of JSON holding non-ASCII text among them, and the segment after it: each call metered once, as journaled', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir);
    const odd = { ...input(accountId, 0), requestId: `req-${accountId}-0`, secretId: 'AKID\t密钥' };
    await Promise.all([journal.meter(odd), ...Array.from({ length: 1_199 }, (_, i) => journal.meter(input(accountId, i + 1)))]);
    expect(journaledIds(dir)).toHaveLength(1_200);
    await journal.flush();
    await Promise.all([1_200, 1_201].map((n) => journal.meter(input(accountId, n))));
    await journal.flush();
    expect(await requestIds(db)).toEqual(Array.from({ length: 1_202 }, (_, i) => `req-${accountId}-${i}`).sort());
    const [row] = await db.select({ secretId: apiRequests.secretId }).from(apiRequests).where(eq(apiRequests.requestId, odd.requestId));
    expect(row.secretId).toBe('AKID\t密钥');
    expect(await usage(db, accountId)).toEqual([1_202, 1_202, 0, 0]);
    expect(journalLines(dir)).toEqual([]);
  });

  it('meters on its own every interval', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir, 20);
    await journal.meter(input(accountId, 1, 3));
    await expect.poll(() => usage(db, accountId), { timeout: 5_000 }).toEqual([3, 3, 0, 0]);
  });

  it('keeps the latency from arrival to the journal as the 请求日志 line’s', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir);
    const arrived = performance.now() - 25;
    await journal.meter({ ...input(accountId, 1), receivedAt: arrived });
    const answeredAfterUs = (performance.now() - arrived) * 1000;
    await new Promise((resolve) => setTimeout(resolve, 50)); // metered later: the wait is not the call's
    await journal.flush();
    const [row] = await db.select().from(apiRequests);
    expect(row).toMatchObject({ requestId: `req-${accountId}-1`, secretId: 'AKIDjournal', calls: 1, createdAt: T + 1 });
    expect(row.latencyUs).toBeGreaterThanOrEqual(25_000);
    expect(row.latencyUs).toBeLessThanOrEqual(Math.ceil(answeredAfterUs));
  });

  it('a call billing may refuse is metered before its answer, never journaled: refused, nothing written', async () => {
    const { db, accountId, dir } = await setup();
    await transaction(db, async (tx) => {
      await tx.update(accounts).set({ inArrears: true }).where(eq(accounts.id, accountId));
      await tx.update(packs).set({ usedCalls: 10_000 - 2 }).where(eq(packs.accountId, accountId));
    });
    const journal = start(db, dir);
    const results = await Promise.allSettled([1, 2, 3].map((n) => journal.meter({ ...input(accountId, n), refusable: true })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'InArrears' });
    expect(journalLines(dir)).toEqual([]);
    expect(await requestIds(db)).toEqual([`req-${accountId}-1`, `req-${accountId}-2`]);
    expect(await usage(db, accountId)).toEqual([2, 2, 0, 0]);
  });

  it('an answered call is charged even if its account fell into arrears before it was metered', async () => {
    const { db, accountId, dir } = await setup();
    await transaction(db, (tx) => tx.update(packs).set({ usedCalls: 10_000 - 1 }).where(eq(packs.accountId, accountId)));
    const journal = start(db, dir);
    await journal.meter(input(accountId, 1, 4));
    await transaction(db, (tx) => tx.update(accounts).set({ inArrears: true }).where(eq(accounts.id, accountId)));
    await journal.flush();
    expect(await usage(db, accountId)).toEqual([4, 1, 0, 3]);
  });

  it('meters the journal a dead process left, skipping what is on the books and a line cut short', async () => {
    const { db, accountId, dir } = await setup();
    await meterRecords(db, [record(accountId, 1)]); // metered before the owner died, its journal not yet deleted
    const owner = `${os.hostname().replace(/[^A-Za-z0-9-]/g, '-')}_${deadPid()}_0badc0de`;
    const lines = [1, 2, 3].map((n) => journalLine(record(accountId, n, 2)));
    fs.writeFileSync(path.join(dir, `${owner}.7.journal`), `${lines.join('')}req-cut\t${accountId}\tAssessQuality\tAKIDjournal\t${T}`);
    fs.writeFileSync(path.join(dir, `${owner}.alive`), '');
    const journal = start(db, dir);
    await journal.flush();
    expect(await requestIds(db)).toEqual([1, 2, 3].map((n) => `req-${accountId}-${n}`));
    expect(await usage(db, accountId)).toEqual([1 + 2 + 2, 5, 0, 0]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(owner))).toEqual([]);
  });

  it('meters a journal of JSON lines, as versions before the tab-separated lines left them', async () => {
    const { db, accountId, dir } = await setup();
    const owner = `${os.hostname().replace(/[^A-Za-z0-9-]/g, '-')}_${deadPid()}_01df0a4a`;
    const lines = [1, 2].map((n) => JSON.stringify(record(accountId, n, 3)));
    fs.writeFileSync(path.join(dir, `${owner}.2.jsonl`), `${lines.join('\n')}\n{"requestId":"req-cut`);
    fs.writeFileSync(path.join(dir, `${owner}.alive`), '');
    await start(db, dir).flush();
    expect(await requestIds(db)).toEqual([1, 2].map((n) => `req-${accountId}-${n}`));
    expect(await usage(db, accountId)).toEqual([6, 6, 0, 0]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(owner))).toEqual([]);
  });

  it('leaves a live process’s journal alone, and takes one whose heartbeat stopped whatever its pid', async () => {
    const { db, accountId, dir } = await setup();
    const live = start(db, dir);
    await live.meter(input(accountId, 1));
    const hung = `other-host_${process.pid}_00000001`; // a pid that is alive here, of a host that is not this one
    fs.writeFileSync(path.join(dir, `${hung}.1.journal`), journalLine(record(accountId, 2)));
    fs.writeFileSync(path.join(dir, `${hung}.alive`), '');
    const other = start(db, dir);
    await other.flush();
    expect(await requestIds(db)).toEqual([]); // neither journal is the other meter's to take
    const stale = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, `${hung}.alive`), stale, stale);
    await other.stop();
    await start(db, dir).flush();
    expect(await requestIds(db)).toEqual([`req-${accountId}-2`]);
    await live.flush();
    expect(await requestIds(db)).toEqual([`req-${accountId}-1`, `req-${accountId}-2`]);
    expect(await usage(db, accountId)).toEqual([2, 2, 0, 0]);
  });

  it('sets aside a call that can never be metered, with the rest of its flush metered', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir);
    await Promise.all([journal.meter(input(accountId, 1)), journal.meter(input(999_999, 2)), journal.meter(input(accountId, 3))]);
    await journal.flush();
    expect(await requestIds(db)).toEqual([`req-${accountId}-1`, `req-${accountId}-3`]);
    expect(await usage(db, accountId)).toEqual([2, 2, 0, 0]);
    const refused = fs.readFileSync(path.join(dir, 'refused.jsonl'), 'utf8').trim().split('\n');
    expect(refused.map((l) => (JSON.parse(l) as { record: MeterRecord }).record.requestId)).toEqual(['req-999999-2']);
    expect(journalLines(dir)).toEqual([]);
  });

  it('stopping meters what is left and removes its files', async () => {
    const { db, accountId, dir } = await setup();
    const journal = createJournalMeter(db, { dir, intervalMs: LONG, refusable: createMeter(db) });
    const answered = journal.meter(input(accountId, 1, 5));
    await journal.stop();
    await answered;
    expect(await usage(db, accountId)).toEqual([5, 5, 0, 0]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a flush the database cannot take keeps the calls journaled, and the next one meters each exactly once', async () => {
    const { db, accountId, dir } = await setup();
    const journal = start(db, dir);
    await Promise.all([1, 2, 3].map((n) => journal.meter(input(accountId, n, 2))));
    await renameTable(db, 'api_requests', 'api_requests_gone');
    try {
      await journal.flush();
      expect(journalLines(dir)).toHaveLength(3);
      expect(await usage(db, accountId)).toBeUndefined();
    } finally {
      await renameTable(db, 'api_requests_gone', 'api_requests');
    }
    await journal.meter(input(accountId, 4, 2));
    await journal.flush();
    expect(await requestIds(db)).toEqual([1, 2, 3, 4].map((n) => `req-${accountId}-${n}`));
    expect(await usage(db, accountId)).toEqual([8, 8, 0, 0]);
    expect(journalLines(dir)).toEqual([]);
  });
});
