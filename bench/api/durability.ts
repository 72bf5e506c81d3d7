// npx tsx bench/api/durability.ts [upSeconds=3] [kills=3] [connections=16] [target=server|worker]
// Loads the real API server (scripts/serve-backend.ts --role api) with signed AssessQuality
// calls and SIGKILLs, after every `upSeconds` of serving, `kills` times (the load keeps going
// throughout):
//   target=server  the whole server (primary and workers), restarted by this script;
//   target=worker  the oldest of its API_WORKERS=2 cluster workers, replaced by the primary
//                  (issue 12: `npx tsx bench/api/durability.ts 1 15 16 worker`).
// Then it proves from the database: every RequestId answered 200 is metered exactly once, no
// RequestId answered with an error is metered, and the only metered requests without a 200
// are ones whose answer was lost to a kill (at most the number of requests cut off).
import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { closeDb } from '@/db/client';
import { apiRequests, usageMonthly } from '@/db/schema';
import { STORE } from '@/db/store';
import { shapesImage } from '@/server/engines/sample-images';
import { createApiFixture } from './fixture';
import { runLoad } from './load';
import { freePort, startServer, stopServer } from './server-process';
import { signer } from '@/server/gateway/client-signer';

const upSeconds = Number(process.argv[2] ?? 3);
const kills = Number(process.argv[3] ?? 3);
const connections = Number(process.argv[4] ?? 16);
const target = process.argv[5] === 'worker' ? 'worker' : 'server';
const SERVER = 'scripts/serve-backend.ts';

/** The cluster workers of a primary: its child processes (Linux /proc). */
function workerPids(primary: ChildProcess): number[] {
  const file = `/proc/${primary.pid}/task/${primary.pid}/children`;
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

const TICKS_PER_S = 100;

/** How long a process has been running, in ms (Linux /proc: start time in clock ticks since boot). */
function ageMs(pid: number): number {
  try {
    const startTicks = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
    const uptimeS = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    return Math.round((uptimeS - startTicks / TICKS_PER_S) * 1000);
  } catch {
    return -1; // it ended meanwhile
  }
}

async function main() {
  const port = await freePort();
  const fixture = await createApiFixture({ port, qpsLimit: 1_000_000 });
  const env = { ...fixture.env, API_WORKERS: target === 'worker' ? '2' : fixture.env.API_WORKERS };
  const args = ['--role', 'api'];
  let server = await startServer(SERVER, env, port, [], args);
  const body = JSON.stringify({ ImageBase64: (await shapesImage(200, 150)).toString('base64') });
  const headers = signer(fixture.creds, `127.0.0.1:${port}`, 'AssessQuality', body);

  const killLog: { afterUpMs: number; restartMs: number; victimAgeMs?: number }[] = [];
  const chaos = (async () => {
    for (let i = 0; i < kills; i++) {
      await new Promise((r) => setTimeout(r, upSeconds * 1000));
      const killedAt = Date.now();
      if (target === 'worker') {
        // The oldest worker: the one most surely serving, with requests in flight (a worker
        // still starting has none to lose). The primary forks its replacement.
        const [victim] = workerPids(server)
          .map((pid) => ({ pid, age: ageMs(pid) }))
          .sort((a, b) => b.age - a.age);
        if (victim && victim.age >= 0) {
          try {
            process.kill(victim.pid, 'SIGKILL');
          } catch {
            // it ended between the look and the kill
          }
        }
        killLog.push({ afterUpMs: upSeconds * 1000, restartMs: 0, victimAgeMs: victim?.age });
        continue;
      }
      await stopServer(server, 'SIGKILL');
      server = await startServer(SERVER, env, port, [], args);
      killLog.push({ afterUpMs: upSeconds * 1000, restartMs: Date.now() - killedAt });
    }
    await new Promise((r) => setTimeout(r, upSeconds * 1000));
  })();
  const load = await runLoad({ port, connections, durationMs: 10 * 60_000, body, headers, stop: chaos });
  await chaos;
  await stopServer(server);

  const rows = await fixture.db.select({ id: apiRequests.requestId, calls: apiRequests.calls }).from(apiRequests).where(eq(apiRequests.accountId, fixture.accountId));
  const metered = new Set(rows.map((r) => r.id));
  const answered = new Set(load.okIds);
  const [usage] = await fixture.db
    .select({
      total: sql<number>`sum(${usageMonthly.totalCalls})`.mapWith(Number),
      split: sql<number>`sum(${usageMonthly.freeCalls} + ${usageMonthly.packCalls} + ${usageMonthly.chargedCalls})`.mapWith(Number),
    })
    .from(usageMonthly)
    .where(eq(usageMonthly.accountId, fixture.accountId));
  const answeredNotMetered = load.okIds.filter((id) => !metered.has(id));
  const erroredButMetered = load.errorIds.filter((id) => metered.has(id));
  const meteredNotAnswered = rows.filter((r) => !answered.has(r.id)).length;
  const meteredCalls = rows.reduce((n, r) => n + r.calls, 0);
  // A refused connection never reached the server; a reset one may have been processed.
  const cutOff = load.unanswered - (load.errors.ECONNREFUSED ?? 0);

  const figures = {
    store: STORE,
    target,
    upSeconds,
    connections,
    kills: killLog,
    sent: load.sent,
    answered200: load.ok,
    answeredError: load.errorIds.length,
    errorsByCode: load.errors,
    refusedWhileDown: load.errors.ECONNREFUSED ?? 0,
    cutOffInFlight: cutOff,
    meteredRequests: rows.length,
    answered200NotMetered: answeredNotMetered.length,
    duplicateAnswers: load.okIds.length - answered.size,
    answeredErrorButMetered: erroredButMetered.length,
    meteredWithoutAnswer: meteredNotAnswered,
    usageTotalCalls: Number(usage.total),
    meteredCalls,
  };
  console.log(JSON.stringify(figures, null, 2));

  const failures = [
    answeredNotMetered.length > 0 && `${answeredNotMetered.length} RequestIds answered 200 are not metered`,
    figures.duplicateAnswers > 0 && `${figures.duplicateAnswers} RequestIds answered twice`,
    erroredButMetered.length > 0 && `${erroredButMetered.length} RequestIds answered with an error are metered`,
    meteredNotAnswered > cutOff && `${meteredNotAnswered} metered requests without a 200, but only ${cutOff} were cut off in flight`,
    Number(usage.total) !== meteredCalls && `usage counters (${usage.total}) differ from the request log (${meteredCalls})`,
    Number(usage.split) !== Number(usage.total) && 'free + pack + charged calls differ from total calls',
    load.ok === 0 && 'no request succeeded',
  ].filter(Boolean);
  await closeDb(fixture.db);
  fs.rmSync(fixture.dir, { recursive: true, force: true });
  if (failures.length) {
    console.error(`FAILED:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(
    `OK: ${load.ok} answered 200, each metered exactly once; ${meteredNotAnswered} metered whose answer was lost to a SIGKILL (≤ ${cutOff} cut off in flight); nothing else metered.`,
  );
}

void main();
