// Every instant below is written in UTC (Date.UTC or a "Z" string) so these tests mean the
// same thing in any process time zone; run them under TZ=America/New_York and TZ=UTC.
import { describe, expect, it } from 'vitest';
import {
  BETA_END,
  FIRST_BILLED_MONTH,
  compareMonths,
  dayNumberOf,
  dayOf,
  daysInMonth,
  formatDate,
  formatDateTime,
  isBetaMonth,
  isBetaTime,
  isMonth,
  monthOf,
  monthParts,
  monthStart,
  monthsBetween,
  nextMonth,
  parseIsoTime,
  parseMonth,
  prevMonth,
} from './period';

const utc = (iso: string) => Date.parse(iso);

describe('isMonth / parseMonth', () => {
  it.each(['2019-12', '2019-01', '2020-02', '9999-12'])('%s is a month', (m) => {
    expect(isMonth(m)).toBe(true);
    expect(parseMonth(m)).toBe(m);
  });

  it.each(['2019-13', '2019-1', '2019-00', '19-12', '2019/12', '2019-12-01', ' 2019-12', '0999-12', ''])(
    '%j is not a month',
    (s) => {
      expect(isMonth(s)).toBe(false);
      expect(() => parseMonth(s)).toThrow(/Not a billing month/);
    },
  );

  it('rejects non-strings', () => {
    expect(isMonth(201912)).toBe(false);
    expect(isMonth(null)).toBe(false);
  });

  it('splits a month into numbers', () => {
    expect(monthParts('2019-12')).toEqual({ year: 2019, month: 12 });
  });
});

describe('monthOf / dayOf: billing months are UTC+8 calendar months', () => {
  it.each([
    ['2019-11-30T16:30:00Z', '2019-12', '2019-12-01'],
    ['2019-11-30T16:00:00Z', '2019-12', '2019-12-01'],
    ['2019-11-30T15:59:59.999Z', '2019-11', '2019-11-30'],
    ['2019-12-31T15:59:59.999Z', '2019-12', '2019-12-31'],
    ['2019-12-31T16:00:00Z', '2020-01', '2020-01-01'],
    ['2020-02-29T12:00:00Z', '2020-02', '2020-02-29'],
  ])('%s → %s, %s', (iso, month, day) => {
    expect(monthOf(utc(iso))).toBe(month);
    expect(monthOf(new Date(iso))).toBe(month);
    expect(dayOf(utc(iso))).toBe(day);
  });

  it('dayNumberOf changes exactly where dayOf does (midnight UTC+8)', () => {
    const midnight = utc('2019-11-30T16:00:00Z');
    expect(dayNumberOf(midnight - 1)).toBe(dayNumberOf(utc('2019-11-30T00:00:00Z')));
    expect(dayNumberOf(midnight)).toBe(dayNumberOf(midnight - 1) + 1);
    expect(dayNumberOf(midnight + 86_400_000 - 1)).toBe(dayNumberOf(midnight));
    expect(dayNumberOf(utc('1970-01-01T16:00:00Z'))).toBe(1);
    expect(dayNumberOf(utc('1969-12-31T15:59:59.999Z'))).toBe(-1);
  });

  it('refuses an invalid time', () => {
    expect(() => dayNumberOf(NaN)).toThrow(RangeError);
    expect(() => monthOf(NaN)).toThrow(RangeError);
    expect(() => monthOf(new Date('garbage'))).toThrow(RangeError);
  });
});

describe('month arithmetic', () => {
  it('monthStart is 00:00 UTC+8 on the 1st', () => {
    expect(monthStart('2019-12')).toBe(utc('2019-11-30T16:00:00Z'));
    expect(monthStart('2020-01')).toBe(utc('2019-12-31T16:00:00Z'));
  });

  it('rolls over years both ways', () => {
    expect(nextMonth('2019-12')).toBe('2020-01');
    expect(nextMonth('2019-11')).toBe('2019-12');
    expect(prevMonth('2020-01')).toBe('2019-12');
    expect(prevMonth('2019-12')).toBe('2019-11');
  });

  it('monthsBetween includes both ends', () => {
    expect(monthsBetween('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(monthsBetween('2019-12', '2019-12')).toEqual(['2019-12']);
    expect(monthsBetween('2020-01', '2019-12')).toEqual([]);
  });

  it.each([
    ['2019-11', 30],
    ['2019-12', 31],
    ['2020-02', 29],
    ['2021-02', 28],
    ['2100-02', 28],
    ['2000-02', 29],
  ])('%s has %d days', (m, days) => {
    expect(daysInMonth(m)).toBe(days);
  });

  it('compares months', () => {
    expect(compareMonths('2019-11', '2019-12')).toBe(-1);
    expect(compareMonths('2019-12', '2019-12')).toBe(0);
    expect(compareMonths('2020-01', '2019-12')).toBe(1);
    expect(() => compareMonths('2019-1', '2019-12')).toThrow();
  });
});

describe('formatting in UTC+8', () => {
  it('formats the instant the beta ended', () => {
    expect(formatDateTime(utc('2019-11-30T16:00:00Z'))).toBe('2019-12-01 00:00:00');
    expect(formatDate(utc('2019-11-30T16:00:00Z'))).toBe('2019-12-01');
  });

  it('formats an afternoon in UTC as the evening in Shanghai', () => {
    expect(formatDateTime(new Date('2020-03-05T13:04:05.678Z'))).toBe('2020-03-05 21:04:05');
  });
});

describe('parseIsoTime', () => {
  it.each([
    ['2019-12-01T00:00:00+08:00', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01T00:00:00Z', '2019-12-01T00:00:00.000Z'],
    ['2019-12-01T00:00:00z', '2019-12-01T00:00:00.000Z'],
    ['2019-11-30T11:00:00-05:00', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01T00:00:00+0800', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01T00:00:00+08', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01T08:30:15.250Z', '2019-12-01T08:30:15.250Z'],
    ['2019-12-01T08:30:15.123456789Z', '2019-12-01T08:30:15.123Z'],
  ])('%s with an offset is that instant (%s)', (input, expected) => {
    expect(new Date(parseIsoTime(input)).toISOString()).toBe(expected);
  });

  it.each([
    ['2019-12-01T00:00:00', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01 00:00:00', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01T00:00', '2019-11-30T16:00:00.000Z'],
    ['2019-12-01', '2019-11-30T16:00:00.000Z'],
    ['2020-01-01T07:59:59.999', '2019-12-31T23:59:59.999Z'],
  ])('%s without an offset is read as UTC+8 (%s)', (input, expected) => {
    expect(new Date(parseIsoTime(input)).toISOString()).toBe(expected);
  });

  it('round-trips with formatDateTime', () => {
    expect(formatDateTime(parseIsoTime('2019-12-31 23:59:59'))).toBe('2019-12-31 23:59:59');
  });

  it.each([
    'garbage',
    '',
    '2019-13-01T00:00:00Z',
    '2019-02-30T00:00:00Z',
    '2019-12-01T24:00:00Z',
    '2019-12-01T00:60:00Z',
    '2019-12-01T00:00:00+25:00',
    '2019-12-1',
    '1575158400000',
    '2019-12-01T00:00:00Zjunk',
  ])('throws a clear error on %j', (input) => {
    expect(() => parseIsoTime(input)).toThrow(/ISO-8601 time: /);
  });
});

describe('public beta', () => {
  it('ends at 2019-12-01 00:00 UTC+8', () => {
    expect(FIRST_BILLED_MONTH).toBe('2019-12');
    expect(BETA_END).toBe(utc('2019-11-30T16:00:00Z'));
    expect(BETA_END).toBe(monthStart('2019-12'));
    expect(isBetaTime(BETA_END - 1)).toBe(true);
    expect(isBetaTime(BETA_END)).toBe(false);
    expect(isBetaMonth('2019-11')).toBe(true);
    expect(isBetaMonth('2019-12')).toBe(false);
  });
});
