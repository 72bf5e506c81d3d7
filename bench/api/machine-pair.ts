// What this machine itself gives two busy processes against one: the same CPU-only work —
// a call's parse, hashes, base64 decode and inflate (machine-pair-child.mjs), no I/O — run
// in one process alone and in two side by side, in short alternating turns. A VM's vCPUs
// can slow each other (the host's other guests, a shared core's clock): two copies of a
// loop like this one ran 1.53–2.49× one here in consecutive 3 s turns (bench/api/README.md,
// nineteenth round). fleet-wrk.ts runs these turns between its slices, so the factor is
// measured under the same conditions as the servers. It prices the cores only: what two
// workers share beyond them (caches, the kernel's loopback, the store) it does not see.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CHILD = path.join(import.meta.dirname, 'machine-pair-child.mjs');

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve, reject) => {
    // A run asks hundreds of times: each question's error listener goes with its answer.
    child.once('message', (m) => {
      child.off('error', reject);
      resolve(m as T);
    });
    child.once('error', reject);
    child.send(message);
  });
}

export interface MachinePair {
  /** `turns` × (ms alone, then ms side by side), or side by side first when `togetherFirst`. */
  measure(turns: number, ms: number, togetherFirst: boolean): Promise<void>;
  /** Work done per second by two processes side by side ÷ by one alone, over every turn so far. */
  scaling(): number;
  close(): void;
}

export async function startMachinePair(body: string, warmUpMs = 1_000): Promise<MachinePair> {
  const children = [0, 1].map(() => fork(CHILD, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  await Promise.all(children.map((c) => ask(c, { body })));
  const run = async (n: number, ms: number) => {
    const answers = await Promise.all(children.slice(0, n).map((c) => ask<{ ops: number }>(c, { ms })));
    return answers.reduce((sum, a) => sum + a.ops, 0);
  };
  await run(2, warmUpMs);
  let alone = 0;
  let together = 0;
  return {
    async measure(turns, ms, togetherFirst) {
      for (let k = 0; k < turns; k++) {
        const first = (k % 2 === 0) === togetherFirst;
        if (first) together += await run(2, ms);
        alone += await run(1, ms);
        if (!first) together += await run(2, ms);
      }
    },
    scaling: () => together / alone,
    close: () => children.forEach((c) => c.kill()),
  };
}
