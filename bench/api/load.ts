import http from 'node:http';

// A closed-loop load generator: `connections` keep-alive connections, each sending its next
// request as soon as the previous answer arrived, for `durationMs`.

export interface Answer {
  status: number;
  requestId?: string;
  errorCode?: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  /** Tencent error codes and transport errors, by name. */
  errors: Record<string, number>;
  /** RequestIds answered with success. */
  okIds: string[];
  /** RequestIds answered with an error. */
  errorIds: string[];
  /** Requests whose connection failed before an answer (e.g. the server was killed). */
  unanswered: number;
  latenciesMs: number[];
  elapsedMs: number;
}

export interface LoadOptions {
  port: number;
  connections: number;
  durationMs: number;
  body: string;
  headers: () => Record<string, string>;
  /** Reused across runs to keep connections open; by default a fresh one per run. */
  agent?: http.Agent;
  /** Ends the run before durationMs when it resolves. */
  stop?: Promise<void>;
  /** A request unanswered after this is given up (counted as REQUEST_TIMEOUT, unanswered). */
  requestTimeoutMs?: number;
}

/**
 * 30 s: far beyond any answer of a live server. A node:cluster primary can hold a connection
 * it accepted forever: one it handed to a worker that was killed before taking it stays open
 * in the primary, unread (bench/api/README.md, durability). Without a timeout the run would
 * wait for that answer for ever.
 */
const REQUEST_TIMEOUT_MS = 30_000;

function post(agent: http.Agent, opts: LoadOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: opts.port, method: 'POST', path: '/', agent, headers: { ...opts.headers(), 'Content-Length': Buffer.byteLength(opts.body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const { Response } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve({ status: res.statusCode ?? 0, requestId: Response?.RequestId, errorCode: Response?.Error?.Code });
          } catch {
            resolve({ status: res.statusCode ?? 0, errorCode: 'UnparseableResponse' });
          }
        });
        res.on('error', reject);
        // The connection closed mid-answer (a killed server): no 'end' will come.
        res.on('close', () => {
          if (!res.complete) reject(Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' }));
        });
      },
    );
    req.setTimeout(opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('no answer'), { code: 'REQUEST_TIMEOUT' })));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = opts.agent ?? new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const result: LoadResult = { sent: 0, ok: 0, errors: {}, okIds: [], errorIds: [], unanswered: 0, latenciesMs: [], elapsedMs: 0 };
  let stopped = false;
  void opts.stop?.then(() => (stopped = true));
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const count = (code: string) => (result.errors[code] = (result.errors[code] ?? 0) + 1);

  async function connection() {
    while (!stopped && performance.now() < deadline) {
      const t0 = performance.now();
      result.sent++;
      try {
        const answer = await post(agent, opts);
        result.latenciesMs.push(performance.now() - t0);
        if (answer.status === 200 && !answer.errorCode && answer.requestId) {
          result.ok++;
          result.okIds.push(answer.requestId);
        } else {
          count(answer.errorCode ?? `HTTP ${answer.status}`);
          if (answer.requestId) result.errorIds.push(answer.requestId);
        }
      } catch (err) {
        result.unanswered++;
        count((err as NodeJS.ErrnoException).code ?? 'TransportError');
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
  await Promise.all(Array.from({ length: opts.connections }, connection));
  result.elapsedMs = performance.now() - started;
  if (!opts.agent) agent.destroy();
  return result;
}
