import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, ledgerEntries, topUps, users } from '@/db/schema';
import { openTestDb, testDbUrl } from '@/db/testing';
import { initClock } from '@/server/clock/app-clock';
import { signUp } from './accounts';

// `npm run account -- …` as an operator runs it: a child process on the test's database.
const db = await openTestDb();
await initClock(db, { sandbox: false });
const { accountId } = await signUp(db, { email: 'payer@example.com', password: 'pw-123456' }, Date.now());

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node_modules/.bin/tsx', ['scripts/account.ts', ...args], {
      env: { ...process.env, DATABASE_URL: testDbUrl(db) },
    });
    return { code: 0, out: stdout.trim(), err: stderr.trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout.trim(), err: e.stderr.trim() };
  }
}

async function money() {
  const [[a], [t], [l]] = await Promise.all([
    db.select({ cashFen: accounts.cashFen }).from(accounts).where(eq(accounts.id, accountId)),
    db.select({ n: count() }).from(topUps).where(eq(topUps.accountId, accountId)),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)),
  ]);
  return { cashFen: a.cashFen, topUps: t.n, ledgerEntries: l.n };
}

describe('npm run account -- credit', { timeout: 120_000 }, () => {
  it('credits a bank transfer once, to the fen; the same reference again moves nothing', async () => {
    const first = await cli('credit', 'Payer@Example.com', '1234.56', '--ref', 'BANK-20261201-0001');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^已入账：账号 payer@example\.com（#\d+）对公转账 ¥1,234\.56，银行流水号 BANK-20261201-0001，充值单 T\S+，现金余额 ¥1,234\.56$/);
    const again = await cli('credit', 'payer@example.com', '1234.56', '--ref', 'BANK-20261201-0001');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^未重复入账：银行流水号 BANK-20261201-0001 已于 .+ 入账 ¥1,234\.56（充值单 T\S+），现金余额 ¥1,234\.56$/);
    expect(await money()).toEqual({ cashFen: 123_456, topUps: 1, ledgerEntries: 1 });
  });

  it.each([
    [['credit', 'payer@example.com', '0', '--ref', 'BANK-0002'], '错误：充值金额须在 ¥0.01 至 ¥1,000,000.00 之间'],
    [['credit', 'payer@example.com', '1000000.01', '--ref', 'BANK-0002'], '错误：充值金额须在 ¥0.01 至 ¥1,000,000.00 之间'],
    [['credit', 'payer@example.com', '1.005', '--ref', 'BANK-0002'], '错误：请输入正确的金额，最多两位小数'],
    [['credit', 'payer@example.com', '10', '--ref', 'x'], '错误：银行流水号须为 4–64 位字母、数字、- 或 _'],
    [['credit', 'nobody@example.com', '10', '--ref', 'BANK-0002'], '错误：没有邮箱为 nobody@example.com 的账号'],
    [['credit', 'payer@example.com', '99.99', '--ref', 'BANK-20261201-0001'], /^错误：银行流水号 BANK-20261201-0001 已于 .+ 登记为另一笔入账（¥1,234\.56），未重复入账$/],
    [['credit', 'payer@example.com', '10'], /^错误：用法：/],
  ])('refuses %j with a Chinese message, exit 1, nothing credited', async (args, message) => {
    const before = await money();
    const r = await cli(...args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(await money()).toEqual(before);
  });
});

describe('npm run account -- grant-operator / revoke-operator', { timeout: 120_000 }, () => {
  const isOperator = async () => (await db.select({ o: users.isOperator }).from(users).where(eq(users.email, 'payer@example.com')))[0].o;

  it('grants and revokes the role of an existing account; an unknown e-mail is refused', async () => {
    expect(await cli('grant-operator', 'payer@example.com')).toMatchObject({ code: 0, out: expect.stringMatching(/现在是运营人员$/) });
    expect(await isOperator()).toBe(true);
    expect(await cli('grant-operator', 'payer@example.com')).toMatchObject({ code: 0, out: expect.stringMatching(/本来就是运营人员$/) });
    expect(await cli('revoke-operator', 'payer@example.com')).toMatchObject({ code: 0, out: expect.stringMatching(/现在不是运营人员$/) });
    expect(await isOperator()).toBe(false);
    expect(await cli('grant-operator', 'ghost@example.com')).toEqual({ code: 1, out: '', err: '错误：没有邮箱为 ghost@example.com 的账号，请先注册' });
    expect((await db.select({ n: count() }).from(users))[0].n).toBe(1);
  });
});
