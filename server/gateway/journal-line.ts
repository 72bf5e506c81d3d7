import type { MeterRecord } from './metering';

// A metered call's line in the metering journal. Written once per answered call on the hot
// path, so it is tab-separated text rather than JSON: JSON.stringify of a record cost about
// 2 µs, ten times this (bench/api/README.md, eighteenth round). Every field is the gateway's
// own: a RequestId it made, an action and items of its catalogue, a SecretId of its key
// store, numbers. None holds a tab or a newline (the catalogue's test says so of the
// items); a record whose strings did would be written as JSON, which the reader still
// takes, as it does the lines of journals written before this format.
//
//   requestId \t accountId \t action \t secretId \t at \t latencyUs \t item \t count [\t item \t count …] \n

const SEPARATORS = /[\t\n]/;

export function journalLine(r: MeterRecord): string {
  if (SEPARATORS.test(r.requestId + r.action + r.secretId)) return `${JSON.stringify(r)}\n`;
  let calls = '';
  for (const c of r.calls) calls += `\t${c.item}\t${c.count}`;
  return `${r.requestId}\t${r.accountId}\t${r.action}\t${r.secretId}\t${r.at}\t${r.latencyUs}${calls}\n`;
}

/** A complete line (without its newline) back as the record it was written from. */
export function parseJournalLine(line: string): MeterRecord {
  if (line.startsWith('{')) return JSON.parse(line) as MeterRecord;
  const f = line.split('\t');
  if (f.length < 8 || f.length % 2 !== 0) throw new Error(`unreadable journal line: ${line.slice(0, 120)}`);
  const calls: { item: string; count: number }[] = [];
  for (let i = 6; i < f.length; i += 2) calls.push({ item: f[i], count: Number(f[i + 1]) });
  return {
    requestId: f[0],
    accountId: Number(f[1]),
    action: f[2],
    secretId: f[3],
    at: Number(f[4]),
    latencyUs: Number(f[5]),
    calls: calls as MeterRecord['calls'],
  };
}
