import { describe, expect, it } from 'vitest';
import { openTestDb } from '@/db/testing';
import { blockAfter, FORGET_AFTER_MS, recordSignInFailure, recordSignInSuccess, throttleKeys, waitBeforeSignIn } from './sign-in-throttle';

const T0 = Date.UTC(2026, 0, 1);

describe('blockAfter: 4 free failures, then 30 s doubling up to an hour', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [11, 1_920_000],
    [12, 3_600_000],
    [40, 3_600_000],
  ])('after %i failures the key waits %i ms', (failures, ms) => {
    expect(blockAfter(failures)).toBe(ms);
  });
});

describe('the sign-in throttle in the store', () => {
  const keys = throttleKeys('a@example.com', '203.0.113.7');

  it('blocks both keys for 30 s on the fifth failure, and counts on from the store', async () => {
    const db = await openTestDb();
    for (let i = 0; i < 4; i++) await recordSignInFailure(db, keys, T0 + i);
    expect(await waitBeforeSignIn(db, keys, T0 + 4)).toBe(0);
    await recordSignInFailure(db, keys, T0 + 10);
    expect(await waitBeforeSignIn(db, keys, T0 + 10)).toBe(30_000);
    expect(await waitBeforeSignIn(db, ['email:a@example.com'], T0 + 20_010)).toBe(10_000);
    expect(await waitBeforeSignIn(db, ['ip:203.0.113.7'], T0 + 40_010)).toBe(0);
    await recordSignInFailure(db, keys, T0 + 40_010);
    expect(await waitBeforeSignIn(db, keys, T0 + 40_010)).toBe(60_000);
  });

  it('counts failures racing in parallel requests', async () => {
    const db = await openTestDb();
    await Promise.all(Array.from({ length: 6 }, () => recordSignInFailure(db, keys, T0)));
    expect(await waitBeforeSignIn(db, keys, T0)).toBe(60_000);
  });

  it('a correct password forgives the e-mail, not the address', async () => {
    const db = await openTestDb();
    for (let i = 0; i < 5; i++) await recordSignInFailure(db, keys, T0);
    await recordSignInSuccess(db, 'a@example.com');
    expect(await waitBeforeSignIn(db, ['email:a@example.com'], T0)).toBe(0);
    expect(await waitBeforeSignIn(db, ['ip:203.0.113.7'], T0)).toBe(30_000);
  });

  it('forgets a count after a day without failures', async () => {
    const db = await openTestDb();
    for (let i = 0; i < 5; i++) await recordSignInFailure(db, keys, T0);
    await recordSignInFailure(db, keys, T0 + FORGET_AFTER_MS + 1);
    expect(await waitBeforeSignIn(db, keys, T0 + FORGET_AFTER_MS + 1)).toBe(0);
  });

  it('leaves the address out when it is not known', () => {
    expect(throttleKeys('b@example.com', null)).toEqual(['email:b@example.com']);
  });
});
