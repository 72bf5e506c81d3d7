import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** 'AKID' + 32 letters and digits, the shape Tencent Cloud SecretIds have. */
export function newSecretId(): string {
  return `AKID${randomAlphanumeric(32)}`;
}

export function newSecretKey(): string {
  return randomAlphanumeric(32);
}
