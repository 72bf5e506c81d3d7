// Median server time per console page with the demo data.
//   npx tsx bench/pages/run.ts            (seeds a fresh demo database, starts the console)
//   DATABASE_URL=postgres://… npx tsx bench/pages/run.ts   (the same on a new PostgreSQL database)
// A page's server time is what the server spends on one visit: the document's
// time-to-first-byte plus that of every tRPC request the page makes, as Chromium's
// resource timing reports them (responseStart − requestStart). Link prefetches are not
// let through (see below). Wall times count waiting for a core too, so on a shared machine
// each page also gets its server CPU per visit: the CPU the console's process tree (`next
// start`; not the API or the scheduler beside it) used over the timed visits ÷ visits, from
// /proc, which a neighbour's load does not inflate.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { closeDb } from '@/db/client';
import { openBenchDb } from '../api/fixture';
import { childPids, treeCpuSeconds } from '../api/side-by-side';

const VISITS = Number(process.env.VISITS ?? 15);
// 概览 carries 预计可用天数, /packs 资源包推荐, the bill detail 账单解读, /billing/account 余额预警.
const PAGES = ['/', '/product', '/packs', '/packs/buy', '/usage', '/billing/bills', 'BILL_DETAIL', '/billing/account', '/billing/orders', '/messages', '/api-keys', '/requests', '/explorer', '/gallery', '/clock'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The `next start` process (it renames itself next-server) among `root`'s descendants (bootstrap's serve also runs the API and the scheduler). */
function nextPid(root: number): number | undefined {
  for (const pid of childPids(root)) {
    if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith('/next') || arg.startsWith('next-server'))) return pid;
    const found = nextPid(pid);
    if (found) return found;
  }
  return undefined;
}

async function serverTimeOfVisit(page: Page, url: string): Promise<{ ms: number; status: number }> {
  const timings: Promise<number>[] = [];
  const onResponse = (res: import('@playwright/test').Response) => {
    const u = new URL(res.url());
    const isDoc = res.request().resourceType() === 'document';
    if (isDoc || u.pathname.startsWith('/api/trpc')) {
      timings.push(res.finished().then(() => {
        const t = res.request().timing();
        return t.responseStart - t.requestStart;
      }));
    }
  };
  page.on('response', onResponse);
  const doc = await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  return { ms: (await Promise.all(timings)).reduce((a, b) => a + b, 0), status: doc?.status() ?? 0 };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-bench-pages-'));
  const bench = await openBenchDb(dir);
  await closeDb(bench.db); // the demo and the console open it themselves
  const env = { ...process.env, DATABASE_URL: bench.url, CLOCK_START: '2019-11-01T09:00:00+08:00', SANDBOX_CLOCK: '1' };
  const demoOut = execFileSync('node_modules/.bin/tsx', ['scripts/demo.ts'], { env, encoding: 'utf8' });
  // The 邮箱 line: on PostgreSQL the output starts with the database URL, which has an @ too.
  const email = /邮箱[:：]\s*(\S+@\S+)/.exec(demoOut)?.[1];
  const password = process.env.DEMO_PASSWORD ?? /密码[:：]\s*(\S+)|password[:=]?\s*(\S+)/i.exec(demoOut)?.slice(1).find(Boolean);
  if (!email || !password) throw new Error(`could not read the demo credentials from:\n${demoOut}`);

  const port = await freePort();
  const server = spawn('node', ['scripts/bootstrap.mjs', 'serve'], { env: { ...env, PORT: String(port), API_PORT: String(await freePort()) }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ baseURL: base });
    // Link prefetches fetch *other* pages in the background: not this page's server time,
    // and they compete with it for the server. Every visit is a full navigation, so the only
    // RSC requests (`?_rsc=`) are those prefetches: Chromium is told to block them. Not with
    // page.route: routing turns Chromium's HTTP cache off, and every visit then downloaded
    // all the JavaScript chunks again, which a returning customer's browser has cached (it
    // made a visit cost the server 70–120 ms of CPU).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: ['*_rsc=*'] });
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto('/billing/bills', { waitUntil: 'networkidle' });
    const billHref = await page.locator('a[href^="/billing/bills/"]').first().getAttribute('href');

    const consolePid = nextPid(server.pid!);
    if (!consolePid) throw new Error('the console process (next start) was not found');
    const rows: { page: string; medianMs: number; p90Ms: number; cpuMsPerVisit: number }[] = [];
    const missing: string[] = [];
    for (const p of PAGES) {
      const url = p === 'BILL_DETAIL' ? billHref! : p;
      // Warm-up: first compile of the route's caches. A route this build lacks is reported, not timed.
      if ((await serverTimeOfVisit(page, url)).status === 404) {
        missing.push(url);
        continue;
      }
      const times: number[] = [];
      const cpuBefore = treeCpuSeconds(consolePid);
      for (let i = 0; i < VISITS; i++) times.push((await serverTimeOfVisit(page, url)).ms);
      const cpuMsPerVisit = Math.round(((treeCpuSeconds(consolePid) - cpuBefore) * 1000 * 10) / VISITS) / 10;
      const sorted = [...times].sort((a, b) => a - b);
      rows.push({ page: url, medianMs: Math.round(median(times) * 10) / 10, p90Ms: Math.round(sorted[Math.floor(sorted.length * 0.9)] * 10) / 10, cpuMsPerVisit });
      console.error(`${url}: median ${rows.at(-1)!.medianMs} ms`); // progress: a run takes minutes
    }
    console.table(rows);
    if (missing.length > 0) console.log(`not in this build (404): ${missing.join(', ')}`);
    console.log(JSON.stringify({ bench: 'pages', visits: VISITS, worstMedianMs: Math.max(...rows.map((r) => r.medianMs)), worstCpuMsPerVisit: Math.max(...rows.map((r) => r.cpuMsPerVisit)), rows, missing }));
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
