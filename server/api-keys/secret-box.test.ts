import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretBox } from './secret-box';

describe('secretBox', () => {
  const box = secretBox(randomBytes(32));

  it('round-trips and never stores the plain text', () => {
    const sealed = box.seal('s3cr3tKeyOfThirtyTwoCharactersXy', 'AKID1');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.open(sealed, 'AKID1')).toBe('s3cr3tKeyOfThirtyTwoCharactersXy');
  });

  it('uses a fresh IV per seal', () => {
    expect(box.seal('same', 'a')).not.toBe(box.seal('same', 'a'));
  });

  it('refuses another row, another key and a tampered ciphertext', () => {
    const sealed = box.seal('secret', 'AKID1');
    expect(() => box.open(sealed, 'AKID2')).toThrow();
    expect(() => secretBox(randomBytes(32)).open(sealed, 'AKID1')).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'AKID1')).toThrow();
    expect(() => box.open('garbage', 'AKID1')).toThrow();
  });
});
