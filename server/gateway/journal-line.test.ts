import { describe, expect, it } from 'vitest';
import { ITEM_CODES } from '@/lib/catalog';
import { journalLine, parseJournal, parseJournalLine } from './journal-line';
import type { MeterRecord } from './metering';

const rec: MeterRecord = {
  requestId: '0194f3a2-1b2c-7d4e-9f00-1234567890ab',
  accountId: 42,
  action: 'DetectLabel',
  calls: [{ item: 'label', count: 1 }],
  at: 1_575_511_200_123,
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
  latencyUs: 1834,
};
const back = (line: string) => parseJournalLine(line.slice(0, -1));

describe('journalLine / parseJournalLine', () => {
  it('writes one tab-separated line that reads back as the same record', () => {
    const line = journalLine(rec);
    expect(line).toBe(`${rec.requestId}\t42\tDetectLabel\t${rec.secretId}\t1575511200123\t1834\tlabel\t1\n`);
    expect(back(line)).toEqual(rec);
  });

  it('keeps every item of a call that counts as several, and a fractional time exactly', () => {
    const several: MeterRecord = { ...rec, calls: [{ item: 'quality', count: 1 }, { item: 'crop', count: 4 }], at: 1_575_511_200_123.375, latencyUs: 0 };
    expect(back(journalLine(several))).toEqual(several);
  });

  it('writes a record whose strings hold a tab or a newline as JSON, which reads back alike', () => {
    const odds = ['requestId', 'action', 'secretId'].flatMap((field) => ['\t', '\n'].map((sep) => ({ ...rec, [field]: `a${sep}b` })));
    for (const odd of odds) {
      const line = journalLine(odd);
      expect(line.startsWith('{')).toBe(true);
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(back(line)).toEqual(odd);
    }
  });

  it('reads the JSON lines of journals written before the tab-separated format', () => {
    expect(parseJournalLine(JSON.stringify(rec))).toEqual(rec);
  });

  it('refuses a line cut short or with an item left without its count', () => {
    expect(() => parseJournalLine(`${rec.requestId}\t42\tDetectLabel\t${rec.secretId}\t1575511200123`)).toThrow(/unreadable journal line/);
    expect(() => parseJournalLine(`${rec.requestId}\t42\tDetectLabel\t${rec.secretId}\t1575511200123\t1834\tlabel`)).toThrow(/unreadable journal line/);
  });

  it('parseJournal reads every complete line as parseJournalLine does, sharing nothing between lines that differ', () => {
    const records: MeterRecord[] = [
      rec,
      { ...rec, requestId: 'r2', at: rec.at + 1.5, latencyUs: 7 },
      { ...rec, requestId: 'r3', latencyUs: 123_456 },
      { ...rec, requestId: 'r4', accountId: 4 },
      { ...rec, requestId: 'r5', accountId: 4, calls: [{ item: 'label', count: 3 }] },
      { ...rec, requestId: 'r6', accountId: 4, calls: [{ item: 'quality', count: 1 }, { item: 'label', count: 3 }] },
      { ...rec, requestId: 'r7', accountId: 4, calls: [{ item: 'label', count: 3 }] },
      { ...rec, requestId: 'r\t8' },
      { ...rec, requestId: 'r9', action: 'DetectLabelPro' },
      { ...rec, requestId: 'r10', secretId: 'AKIDother' },
      { ...rec, requestId: 'r11', secretId: 'AKIDother' },
    ];
    const text = records.map(journalLine).join('');
    const parsed = parseJournal(text);
    expect(parsed).toEqual(records);
    // Lines matching the line before share its fields (read at their places in the text); the others are read whole.
    expect(parsed[1].calls).toBe(parsed[0].calls);
    expect(parsed[2].calls).toBe(parsed[0].calls);
    expect(parsed[3].calls).not.toBe(parsed[2].calls);
    expect(parsed[10].calls).toBe(parsed[9].calls);
    // A last line cut short by a kill is left out; empty lines are skipped.
    expect(parseJournal(`\n${text}${journalLine(rec).slice(0, 30)}`)).toEqual(records);
    expect(parseJournal('')).toEqual([]);
  });

  it('parseJournal refuses a line the line before does not vouch for', () => {
    expect(() => parseJournal(`${journalLine(rec)}${rec.requestId}\t42\tDetectLabel\n`)).toThrow(/unreadable journal line/);
    // A line without a tab, even with a line after it that would match the one before.
    expect(() => parseJournal(`${journalLine(rec)}${rec.requestId}\n${journalLine({ ...rec, requestId: 'r2' })}`)).toThrow(/unreadable journal line/);
  });

  it('no item code of the catalogue holds a separator', () => {
    for (const code of ITEM_CODES) expect(code).toMatch(/^[^\t\n]+$/);
  });
});
