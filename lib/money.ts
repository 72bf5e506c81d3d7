/**
 * Money helpers. Every amount is computed with decimal.js and stored either as integer
 * fen (balances, ledger, orders, pack prices, bill payable) or as an exact decimal
 * string in 元 (rated line amounts). Binary floats never carry money.
 */
import DecimalJs from 'decimal.js';

/**
 * A private clone so that no other code calling `Decimal.set` on the global decimal.js
 * constructor can change how money rounds. 40 significant digits keeps every product of
 * a safe-integer call count and a unit price exact. ROUND_HALF_UP is 四舍五入: ties go
 * away from zero (-0.005 → -0.01).
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;
// Lets callers write `Decimal.Value` as they would with decimal.js itself.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace Decimal {
  type Value = DecimalJs.Value;
}

/** Integer fen (分). Negative only for a cash balance in arrears. */
export type Fen = number;

const ROUND_HALF_UP = DecimalJs.ROUND_HALF_UP;

function toFiniteDecimal(v: Decimal.Value, what: string): Decimal {
  let d: Decimal;
  try {
    d = new Decimal(v);
  } catch {
    throw new RangeError(`${what}: not a number: ${String(v)}`);
  }
  if (!d.isFinite()) throw new RangeError(`${what}: not a finite amount: ${String(v)}`);
  return d;
}

/** Converts an amount in 元 with at most 2 decimals to integer fen; refuses to round. */
export function yuanToFen(v: Decimal.Value): Fen {
  const d = toFiniteDecimal(v, 'yuanToFen');
  if (d.decimalPlaces() > 2) {
    throw new RangeError(`yuanToFen: ${d.toFixed()} has more than 2 decimal places; round it first`);
  }
  const fen = d.times(100).toNumber();
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuanToFen: ${d.toFixed()} is out of range`);
  return fen === 0 ? 0 : fen;
}

function assertFen(fen: Fen, what: string): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${what}: fen must be a whole number, got ${fen}`);
}

/** 1234 → "12.34", -5 → "-0.05". */
export function fenToYuan(fen: Fen): string {
  assertFen(fen, 'fenToYuan');
  return new Decimal(fen).div(100).toFixed(2);
}

/** Rounds half up (away from zero on a tie) to whole fen, still in 元. */
export function roundToFen(v: Decimal.Value): Decimal {
  return toFiniteDecimal(v, 'roundToFen').toDecimalPlaces(2, ROUND_HALF_UP);
}

export interface FormatCnyOptions {
  /** Decimals always shown (default 2). */
  minDecimals?: number;
  /** Decimals kept at most, rounding half up beyond (default 2). */
  maxDecimals?: number;
  /** Prefix "+" on amounts above zero, for signed columns such as 收支明细. */
  plusSign?: boolean;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "¥1,234.56"; negative amounts as "-¥1.00". */
export function formatCny(v: Decimal.Value, opts: FormatCnyOptions = {}): string {
  const minDecimals = opts.minDecimals ?? 2;
  const maxDecimals = Math.max(opts.maxDecimals ?? 2, minDecimals);
  const rounded = toFiniteDecimal(v, 'formatCny').toDecimalPlaces(maxDecimals, ROUND_HALF_UP);
  const [intPart, fracPart = ''] = rounded.abs().toFixed().split('.');
  const frac = fracPart.padEnd(minDecimals, '0');
  const body = `¥${groupThousands(intPart)}${frac ? `.${frac}` : ''}`;
  // A value that rounds to zero is shown unsigned: "-¥0.00" would read as a debt.
  if (rounded.isZero()) return body;
  if (rounded.isNegative()) return `-${body}`;
  return opts.plusSign ? `+${body}` : body;
}

/** Same as formatCny, from integer fen. */
export function formatCnyFen(fen: Fen, opts?: FormatCnyOptions): string {
  assertFen(fen, 'formatCnyFen');
  return formatCny(fenToYuan(fen), opts);
}

/** Exact rated amounts: up to 8 decimals, at least 2 ("¥0.0025", "¥25.00"). */
export function formatExactCny(v: Decimal.Value): string {
  return formatCny(v, { minDecimals: 2, maxDecimals: 8 });
}

/** 1000000 → "1,000,000". */
export function formatCalls(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`formatCalls: not a whole number: ${n}`);
  const digits = groupThousands(String(Math.abs(n)));
  return n < 0 ? `-${digits}` : digits;
}

export const TOP_UP_MIN_FEN: Fen = 1;
export const TOP_UP_MAX_FEN: Fen = 100_000_000;

export type TopUpParseResult = { ok: true; fen: Fen } | { ok: false; message: string };

const TOP_UP_PATTERN = /^\d+(?:\.\d{1,2})?$/;

/**
 * Validates what a customer typed into 充值金额. Plain digits only: no sign, exponent,
 * thousands separator or full-width digits, so what is charged is exactly what was read.
 */
export function parseTopUpAmount(input: string): TopUpParseResult {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return { ok: false, message: '请输入充值金额' };
  if (!TOP_UP_PATTERN.test(text)) return { ok: false, message: '请输入正确的金额，最多两位小数' };
  const amount = new Decimal(text);
  if (amount.lt(fenToYuan(TOP_UP_MIN_FEN)) || amount.gt(fenToYuan(TOP_UP_MAX_FEN))) {
    return {
      ok: false,
      message: `充值金额须在 ${formatCnyFen(TOP_UP_MIN_FEN)} 至 ${formatCnyFen(TOP_UP_MAX_FEN)} 之间`,
    };
  }
  return { ok: true, fen: yuanToFen(amount) };
}
