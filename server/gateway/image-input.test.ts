import { describe, expect, it } from 'vitest';
import { MAX_BASE64_CHARS, readImageParam } from './image-input';

const noFetch = async () => {
  throw new Error('not expected');
};

async function code(params: Record<string, unknown>): Promise<string> {
  try {
    await readImageParam(params, noFetch);
    return 'OK';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('readImageParam', () => {
  it('decodes strict base64 and prefers ImageUrl when both are given', async () => {
    expect((await readImageParam({ ImageBase64: 'AQID' }, noFetch)).equals(Buffer.from([1, 2, 3]))).toBe(true);
    const fetched = Buffer.from('from url');
    expect(await readImageParam({ ImageBase64: 'AQID', ImageUrl: 'http://x/y.png' }, async () => fetched)).toBe(fetched);
  });

  it.each([
    [{}, 'MissingParameter'],
    [{ ImageBase64: '' }, 'MissingParameter'],
    [{ ImageBase64: 42 }, 'InvalidParameterValue'],
    [{ ImageUrl: ['x'] }, 'InvalidParameterValue'],
    [{ ImageBase64: 'data:image/png;base64,AQID' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'AQ ID' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'A' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'AQIDBA' }, 'OK'],
    [{ ImageBase64: 'AQJ=' }, 'OK'],
    [{ ImageBase64: 'AQID_w==' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'AQID-w==' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'AQ\u0141D' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'AQID\n' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'AQIDBA===' }, 'InvalidParameterValue'],
    [{ ImageBase64: 'A'.repeat(MAX_BASE64_CHARS + 4) }, 'LimitExceeded.TooLargeFileError'],
  ])('%j → %s', async (params, expected) => {
    expect(await code(params)).toBe(expected);
  });
});
