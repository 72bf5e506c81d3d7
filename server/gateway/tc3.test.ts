import { describe, expect, it } from 'vitest';
import { authorizationHeader, parseAuthorization, sha256Hex, tc3Signature } from './tc3';

// The SPEC's known vector (Tencent Cloud's own signing example).
const VECTOR = {
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  timestamp: 1551113065,
  service: 'cvm',
  method: 'POST',
  path: '/',
  query: '',
  headers: [
    ['content-type', 'application/json; charset=utf-8'],
    ['host', 'cvm.tencentcloudapi.com'],
  ] as const,
  payloadHash: sha256Hex('{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'),
};

describe('tc3Signature', () => {
  it('reproduces the known vector', () => {
    expect(tc3Signature(VECTOR)).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });

  it('changes with any signed input', () => {
    const base = tc3Signature(VECTOR);
    expect(tc3Signature({ ...VECTOR, secretKey: `${VECTOR.secretKey}x` })).not.toBe(base);
    expect(tc3Signature({ ...VECTOR, timestamp: VECTOR.timestamp + 1 })).not.toBe(base);
    expect(tc3Signature({ ...VECTOR, payloadHash: sha256Hex('{}') })).not.toBe(base);
    expect(tc3Signature({ ...VECTOR, headers: [VECTOR.headers[0], ['host', 'cvm.tencentcloudapi.com:443']] })).not.toBe(base);
  });

  it('signs with the right day key whatever was signed before (a kept key is one secret’s, day’s and service’s)', () => {
    const other = { ...VECTOR, secretKey: `${VECTOR.secretKey}x` };
    const nextDay = { ...VECTOR, timestamp: VECTOR.timestamp + 86_400 };
    const otherService = { ...VECTOR, service: 'tiia' };
    const first = [VECTOR, other, nextDay, otherService].map(tc3Signature);
    expect(new Set(first).size).toBe(4);
    // Each again, after each of the others: the same signature every time.
    for (const a of [VECTOR, other, nextDay, otherService]) {
      for (const [i, b] of [VECTOR, other, nextDay, otherService].entries()) {
        tc3Signature(a);
        expect(tc3Signature(b)).toBe(first[i]);
      }
    }
    expect(first[0]).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });
});

describe('parseAuthorization', () => {
  it('reads back what authorizationHeader writes', () => {
    const header = authorizationHeader('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', VECTOR);
    expect(parseAuthorization(header)).toEqual({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    });
  });

  it.each(['', 'Bearer x', 'TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host, Signature=00', 'TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request'])(
    'rejects %j',
    (header) => expect(parseAuthorization(header)).toBeNull(),
  );
});
