import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  fenToYuan,
  formatCalls,
  formatCny,
  formatCnyFen,
  formatExactCny,
  parseTopUpAmount,
  roundToFen,
  yuanToFen,
} from './money';

const FORMAT_MESSAGE = '请输入正确的金额，最多两位小数';
const RANGE_MESSAGE = '充值金额须在 ¥0.01 至 ¥1,000,000.00 之间';

describe('Decimal', () => {
  it('rounds half up (away from zero) with 40 significant digits', () => {
    expect(new Decimal('0.125').toDecimalPlaces(2).toFixed()).toBe('0.13');
    expect(new Decimal('-0.125').toDecimalPlaces(2).toFixed()).toBe('-0.13');
    expect(new Decimal(1).div(3).toFixed()).toBe('0.3333333333333333333333333333333333333333');
  });

  it('is a private clone that a global Decimal.set cannot change', () => {
    const saved = DecimalJs.rounding;
    DecimalJs.set({ rounding: DecimalJs.ROUND_DOWN });
    try {
      expect(new Decimal('0.125').toDecimalPlaces(2).toFixed()).toBe('0.13');
    } finally {
      DecimalJs.set({ rounding: saved });
    }
  });

  it('adds exactly where binary floats do not', () => {
    expect(new Decimal('0.1').plus('0.2').toFixed()).toBe('0.3');
  });
});

describe('yuanToFen', () => {
  it.each([
    ['12.34', 1234],
    ['0.01', 1],
    ['0', 0],
    ['-0', 0],
    ['-0.05', -5],
    ['1000000', 100_000_000],
    [25, 2500],
  ] as const)('%s 元 → %d fen', (yuan, fen) => {
    expect(Object.is(yuanToFen(yuan), fen)).toBe(true);
  });

  it('refuses to round away a third decimal', () => {
    expect(() => yuanToFen('0.001')).toThrow(/more than 2 decimal places/);
    expect(() => yuanToFen('2475.0025')).toThrow(RangeError);
  });

  it.each(['abc', 'NaN', 'Infinity', '-Infinity', '', '1e400'])('refuses %j', (bad) => {
    expect(() => yuanToFen(bad)).toThrow(RangeError);
  });
});

describe('fenToYuan', () => {
  it.each([
    [1234, '12.34'],
    [-5, '-0.05'],
    [0, '0.00'],
    [1, '0.01'],
    [100_000_000, '1000000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ] as const)('%d fen → %s', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
  });

  it('refuses fractions of a fen', () => {
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
    expect(() => fenToYuan(NaN)).toThrow(RangeError);
  });
});

describe('roundToFen', () => {
  it.each([
    ['0.005', '0.01'],
    ['0.0049999', '0'],
    ['2475.0025', '2475'],
    ['2499.9975', '2500'],
    ['-0.005', '-0.01'],
    ['-0.0049', '0'],
  ])('%s → %s', (v, rounded) => {
    expect(roundToFen(v).toFixed()).toBe(rounded);
  });
});

describe('formatCny', () => {
  it.each([
    ['1234.56', '¥1,234.56'],
    ['1234567.8', '¥1,234,567.80'],
    ['0', '¥0.00'],
    ['-1', '-¥1.00'],
    ['999.995', '¥1,000.00'],
    ['-0.001', '¥0.00'],
    ['100', '¥100.00'],
  ])('%s → %s', (v, text) => {
    expect(formatCny(v)).toBe(text);
  });

  it('can sign positive amounts for 收支明细', () => {
    expect(formatCny('12', { plusSign: true })).toBe('+¥12.00');
    expect(formatCny('-12', { plusSign: true })).toBe('-¥12.00');
    expect(formatCny('0', { plusSign: true })).toBe('¥0.00');
  });

  it('formats fen', () => {
    expect(formatCnyFen(123456)).toBe('¥1,234.56');
    expect(formatCnyFen(-100)).toBe('-¥1.00');
    expect(formatCnyFen(100_000_000)).toBe('¥1,000,000.00');
  });
});

describe('formatExactCny', () => {
  it.each([
    ['0.0025', '¥0.0025'],
    ['25', '¥25.00'],
    ['2475.0025', '¥2,475.0025'],
    ['0.00000001', '¥0.00000001'],
    ['0.000000005', '¥0.00000001'],
    ['-0.005', '-¥0.005'],
    ['1.5', '¥1.50'],
  ])('%s → %s', (v, text) => {
    expect(formatExactCny(v)).toBe(text);
  });
});

describe('formatCalls', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1_000_000, '1,000,000'],
    [15_000_001, '15,000,001'],
    [-1234, '-1,234'],
  ])('%d → %s', (n, text) => {
    expect(formatCalls(n)).toBe(text);
  });

  it('refuses non-integers', () => {
    expect(() => formatCalls(1.5)).toThrow(RangeError);
  });
});

describe('parseTopUpAmount', () => {
  it.each([
    ['0.01', 1],
    ['1', 100],
    ['12.5', 1250],
    [' 12.5 ', 1250],
    ['100.00', 10000],
    ['1000000', 100_000_000],
    ['1000000.00', 100_000_000],
    ['007', 700],
  ] as const)('accepts %j as %d fen', (input, fen) => {
    expect(parseTopUpAmount(input)).toEqual({ ok: true, fen });
  });

  it.each(['0.001', '1e3', '-1', '+1', '12.', '.5', '1,000', 'abc', '１２', '12.5元', '1 000', 'NaN', 'Infinity', '0x10'])(
    'rejects %j as badly formed',
    (input) => {
      expect(parseTopUpAmount(input)).toEqual({ ok: false, message: FORMAT_MESSAGE });
    },
  );

  it.each(['0', '0.00', '1000000.01', '1000001', '99999999999999999999999'])('rejects %j as out of range', (input) => {
    expect(parseTopUpAmount(input)).toEqual({ ok: false, message: RANGE_MESSAGE });
  });

  it('asks for an amount when the field is empty', () => {
    expect(parseTopUpAmount('')).toEqual({ ok: false, message: '请输入充值金额' });
    expect(parseTopUpAmount('   ')).toEqual({ ok: false, message: '请输入充值金额' });
  });
});
