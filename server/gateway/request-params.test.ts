import { describe, expect, it } from 'vitest';
import { integerParam, jsonParams, queryParams } from './request-params';

function code(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('request parameters', () => {
  it('rebuilds the lists and objects the SDKs flatten into a GET query', () => {
    const query = new URLSearchParams({ ImageBase64: 'ab+/=', 'Scenes.1': 'CAMERA', 'Scenes.0': 'WEB', 'Filter.0.Name': 'n', 'Filter.0.Values.0': 'v', Width: '1' }).toString();
    expect(queryParams(query)).toEqual({
      encoding: 'query',
      values: { ImageBase64: 'ab+/=', Scenes: ['WEB', 'CAMERA'], Filter: [{ Name: 'n', Values: ['v'] }], Width: '1' },
    });
    // Python's urlencode writes a space as '+': form decoding reads it back.
    expect(queryParams('Extra=a+b%2Bc').values).toEqual({ Extra: 'a b+c' });
    expect(queryParams('').values).toEqual({});
  });

  it.each(['Scenes.1=WEB', 'A=1&A=2', 'A=1&A.0=2', 'A.0=2&A=1', 'A.0=x&A.B=y', '__proto__.polluted=1', '0=x', 'A..B=1', 'A.B.C.D.E=1'])('refuses the query %s', (query) => {
    expect(code(() => queryParams(query))).toBe('InvalidParameter');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads integers as JSON numbers, or from a query as decimal digits only', () => {
    expect(integerParam({ Width: 3 }, 'Width')).toBe(3);
    expect(integerParam({ Width: '3' }, 'Width', 'query')).toBe(3);
    expect(code(() => integerParam({ Width: '3' }, 'Width'))).toBe('InvalidParameterValue');
    for (const bad of ['0', '-1', '1.5', '1e3', ' 1', 'x']) expect(code(() => integerParam({ Width: bad }, 'Width', 'query')), bad).toBe('InvalidParameterValue');
    expect(code(() => integerParam({}, 'Width', 'query'))).toBe('MissingParameter');
    expect(code(() => integerParam({ Width: '' }, 'Width', 'query'))).toBe('MissingParameter');
  });

  it('takes a JSON object body and nothing else', () => {
    expect(jsonParams(Buffer.from('{"Width":1}'))).toEqual({ values: { Width: 1 }, encoding: 'json' });
    expect(jsonParams(Buffer.alloc(0)).values).toEqual({});
    for (const body of ['{', '[1]', 'null', '"x"']) expect(code(() => jsonParams(Buffer.from(body))), body).toBe('InvalidParameter');
  });
});
