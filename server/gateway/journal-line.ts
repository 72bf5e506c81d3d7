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

/**
 * Neither a tab nor a newline. indexOf, not a regular expression on the three strings
 * joined: that took about 0.4 µs a call in a busy API worker, this under 0.1 µs (a scratch
 * timing in place, bench/api/README.md, twentieth round).
 */
const plain = (s: string) => s.indexOf('\t') === -1 && s.indexOf('\n') === -1;

export function journalLine(r: MeterRecord): string {
  if (!(plain(r.requestId) && plain(r.action) && plain(r.secretId))) return `${JSON.stringify(r)}\n`;
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

/** The positions of a line's first six tabs, or null if it has fewer. */
function fieldEnds(line: string): number[] | null {
  const tabs: number[] = [];
  for (let at = line.indexOf('\t'); at !== -1 && tabs.length < 6; at = line.indexOf('\t', at + 1)) tabs.push(at);
  return tabs.length === 6 ? tabs : null;
}

/**
 * The records of a journal's complete lines (a line cut short by a kill was never
 * answered). A line of the same account, action, SecretId and calls as the line read
 * before it (most of a busy worker's are) shares those with it and has only its RequestId,
 * time and latency read, at their places in the text rather than from a slice of the line:
 * 0.32 µs a line instead of 0.43 µs (in isolation, bench/api/README.md, twenty-first round).
 */
export function parseJournal(text: string): MeterRecord[] {
  const records: MeterRecord[] = [];
  // The line before: its record, the text from its first tab to the one after its SecretId, and from its sixth tab on.
  let last: { record: MeterRecord; middle: string; items: string } | null = null;
  for (let from = 0, end = text.indexOf('\n'); end !== -1; from = end + 1, end = text.indexOf('\n', from)) {
    if (end === from) continue;
    const id = text.indexOf('\t', from);
    if (last && id > from && id < end && text.startsWith(last.middle, id) && text.endsWith(last.items, end)) {
      const atFrom = id + last.middle.length;
      const atTo = text.indexOf('\t', atFrom);
      const latencyTo = end - last.items.length;
      if (atTo !== -1 && atTo < latencyTo && text.indexOf('\t', atTo + 1) === latencyTo) {
        const r = last.record;
        records.push({
          requestId: text.slice(from, id),
          accountId: r.accountId,
          action: r.action,
          secretId: r.secretId,
          at: Number(text.slice(atFrom, atTo)),
          latencyUs: Number(text.slice(atTo + 1, latencyTo)),
          calls: r.calls,
        });
        continue;
      }
    }
    const line = text.slice(from, end);
    const record = parseJournalLine(line);
    records.push(record);
    const tabs = line.startsWith('{') ? null : fieldEnds(line);
    last = tabs && { record, middle: line.slice(tabs[0], tabs[3] + 1), items: line.slice(tabs[5]) };
  }
  return records;
}
