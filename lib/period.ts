/**
 * Billing time. Billing months are calendar months in Asia/Shanghai (UTC+8, no daylight
 * saving since 1991), whatever the time zone of the process or the browser. Everything
 * here shifts epoch milliseconds by a fixed +8h and reads UTC fields, so no local-time
 * Date API and no Intl time zone data is involved.
 */

/** 'YYYY-MM', a calendar month in UTC+8. */
export type Month = string;

const OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTH_PATTERN = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

export function isMonth(s: unknown): s is Month {
  return typeof s === 'string' && MONTH_PATTERN.test(s);
}

/** Returns `s` unchanged if it is a real 'YYYY-MM' month, else throws. */
export function parseMonth(s: string): Month {
  if (!isMonth(s)) throw new RangeError(`Not a billing month (expected YYYY-MM): ${JSON.stringify(s)}`);
  return s;
}

/** { year: 2019, month: 12 } for '2019-12' (month is 1–12). */
export function monthParts(m: Month): { year: number; month: number } {
  parseMonth(m);
  return { year: Number(m.slice(0, 4)), month: Number(m.slice(5, 7)) };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function toEpochMs(at: number | Date): number {
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid time: ${String(at)}`);
  return ms;
}

/** The same instant viewed as if UTC+8 wall-clock fields were UTC fields. */
function shanghaiFields(at: number | Date): Date {
  return new Date(toEpochMs(at) + OFFSET_MS);
}

function formatMonth(year: number, month: number): Month {
  return `${pad(year, 4)}-${pad(month)}`;
}

export function monthOf(at: number | Date): Month {
  const d = shanghaiFields(at);
  return formatMonth(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** 'YYYY-MM-DD' in UTC+8. */
export function dayOf(at: number | Date): string {
  const d = shanghaiFields(at);
  return `${formatMonth(d.getUTCFullYear(), d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The UTC+8 day as a number (days since 1970-01-01 in UTC+8): two times share it exactly
 * when they share dayOf. For grouping many times by day (the metering flush) without
 * formatting a date for each.
 */
export function dayNumberOf(at: number): number {
  return Math.floor((toEpochMs(at) + OFFSET_MS) / 86_400_000);
}

/** Epoch ms of 00:00 UTC+8 on the 1st of the month. */
export function monthStart(m: Month): number {
  const { year, month } = monthParts(m);
  return Date.UTC(year, month - 1, 1) - OFFSET_MS;
}

function addMonths(m: Month, delta: number): Month {
  const { year, month } = monthParts(m);
  const index = year * 12 + (month - 1) + delta;
  return parseMonth(formatMonth(Math.floor(index / 12), (index % 12) + 1));
}

export function nextMonth(m: Month): Month {
  return addMonths(m, 1);
}

export function prevMonth(m: Month): Month {
  return addMonths(m, -1);
}

/** -1, 0 or 1. Valid months compare correctly as strings because the format is fixed. */
export function compareMonths(a: Month, b: Month): -1 | 0 | 1 {
  parseMonth(a);
  parseMonth(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every month from `from` to `to`, both included; empty when `from` is after `to`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  if (compareMonths(from, to) > 0) return months;
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  return months;
}

export function daysInMonth(m: Month): number {
  const { year, month } = monthParts(m);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** '2019-12-01 00:00:00' in UTC+8. */
export function formatDateTime(at: number | Date): string {
  const d = shanghaiFields(at);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${dayOf(at)} ${time}`;
}

/** '2019-12-01' in UTC+8. */
export function formatDate(at: number | Date): string {
  return dayOf(at);
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseOffsetMs(offset: string | undefined): number {
  if (offset === undefined) return OFFSET_MS;
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) throw new RangeError(`bad UTC offset ${offset}`);
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * Parses an ISO-8601 date or date-time to epoch ms. Without an offset the time is read
 * as UTC+8, the product's billing time zone, not as the process's local time.
 */
export function parseIsoTime(s: string): number {
  const match = typeof s === 'string' ? ISO_PATTERN.exec(s.trim()) : null;
  if (!match) {
    throw new RangeError(
      `Not an ISO-8601 time: ${JSON.stringify(s)} (expected e.g. 2019-12-01T00:00:00+08:00)`,
    );
  }
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  try {
    // Date.UTC maps years 0–99 to 1900–1999; billing never needs them.
    if (year < 1000) throw new RangeError('year out of range');
    if (month < 1 || month > 12) throw new RangeError('month out of range');
    if (day < 1 || day > daysInMonth(formatMonth(year, month))) throw new RangeError('day out of range');
    if (hour > 23 || minute > 59 || second > 59) throw new RangeError('time of day out of range');
    return Date.UTC(year, month - 1, day, hour, minute, second, millis) - parseOffsetMs(offset);
  } catch (e) {
    throw new RangeError(`Not a valid ISO-8601 time: ${JSON.stringify(s)} (${(e as Error).message})`);
  }
}

/** The first billed month: everything before it was the free public beta (公测). */
export const FIRST_BILLED_MONTH: Month = '2019-12';
/** 2019-12-01 00:00 UTC+8: calls before this instant are beta calls, charged ¥0. */
export const BETA_END: number = monthStart(FIRST_BILLED_MONTH);

export function isBetaMonth(m: Month): boolean {
  return compareMonths(m, FIRST_BILLED_MONTH) < 0;
}

export function isBetaTime(at: number | Date): boolean {
  return toEpochMs(at) < BETA_END;
}
