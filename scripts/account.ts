// The operator's per-account commands (SPEC §7, §11):
//   npm run account -- set-qps <email> <n|default>            the API rate limit
//   npm run account -- credit <email> <amount> --ref <ref>    credit a bank transfer (对公转账) once it has arrived
//   npm run account -- grant-operator <email>                 the operator role (人物库, the sandbox clock)
//   npm run account -- revoke-operator <email>
import { eq } from 'drizzle-orm';
import { closeDb, type Db } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { emailSchema } from '@/lib/credentials';
import { formatCnyFen, parseTopUpAmount } from '@/lib/money';
import { formatDateTime } from '@/lib/period';
import { setOperator } from '@/server/auth/accounts';
import { appNow } from '@/server/clock/app-clock';
import { defaultQpsFromEnv, setAccountQps } from '@/server/gateway/qps-limit';
import { creditBankTransfer } from '@/server/ledger/bank-transfer';
import { accountBalances } from '@/server/queries/account';
import { openMigratedDb } from '@/server/setup';

const USAGE = [
  '用法：',
  '  npm run account -- set-qps <邮箱> <每秒请求数|default>',
  '  npm run account -- credit <邮箱> <金额（元）> --ref <银行流水号>',
  '  npm run account -- grant-operator <邮箱>',
  '  npm run account -- revoke-operator <邮箱>',
].join('\n');

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(1);
}

async function accountOf(db: Db, email: string): Promise<number> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).innerJoin(users, eq(users.id, accounts.userId)).where(eq(users.email, email)).limit(1);
  if (!row) fail(`没有邮箱为 ${email} 的账号`);
  return row.id;
}

async function setQps(db: Db, email: string, value: string | undefined) {
  if (!value) fail(USAGE);
  const result = await setAccountQps(db, email, value === 'default' ? null : Number(value));
  const shown = result.qpsLimit ?? `默认 ${defaultQpsFromEnv(process.env)}`;
  console.log(`账号 ${email}（#${result.accountId}）每个接口的请求频率上限：${shown} 次/秒，1 秒内生效`);
}

/** Idempotent on the bank reference: run twice, it credits once and says so. */
async function credit(db: Db, email: string, rest: string[]) {
  const refAt = rest.indexOf('--ref');
  const reference = refAt >= 0 ? rest[refAt + 1] : undefined;
  const amountText = rest.find((arg, i) => i !== refAt && i !== refAt + 1);
  if (!amountText || !reference) fail(USAGE);
  const amount = parseTopUpAmount(amountText);
  if (!amount.ok) fail(amount.message);
  const accountId = await accountOf(db, email);
  const { topUp, credited } = await creditBankTransfer(db, { accountId, amountFen: amount.fen, reference, now: await appNow(db) });
  const { cashFen } = await accountBalances(db, accountId);
  console.log(
    credited
      ? `已入账：账号 ${email}（#${accountId}）对公转账 ${formatCnyFen(topUp.amountFen)}，银行流水号 ${reference}，充值单 ${topUp.id}，现金余额 ${formatCnyFen(cashFen)}`
      : `未重复入账：银行流水号 ${reference} 已于 ${formatDateTime(topUp.confirmedAt ?? topUp.createdAt)} 入账 ${formatCnyFen(topUp.amountFen)}（充值单 ${topUp.id}），现金余额 ${formatCnyFen(cashFen)}`,
  );
}

async function operatorRole(db: Db, email: string, grant: boolean) {
  const { userId, changed } = await setOperator(db, email, grant);
  const state = grant ? '是运营人员' : '不是运营人员';
  console.log(`账号 ${email}（用户 #${userId}）${changed ? '现在' : '本来就'}${state}`);
}

async function main() {
  const [command, rawEmail, ...rest] = process.argv.slice(2);
  if (!rawEmail) fail(USAGE);
  // The same normalisation as sign-up, so "A@Example.com " finds a@example.com.
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success) fail(parsed.error.issues[0].message);
  const email = parsed.data;
  const db = await openMigratedDb();
  try {
    if (command === 'set-qps') await setQps(db, email, rest[0]);
    else if (command === 'credit') await credit(db, email, rest);
    else if (command === 'grant-operator' || command === 'revoke-operator') await operatorRole(db, email, command === 'grant-operator');
    else fail(USAGE);
  } catch (err) {
    fail((err as Error).message);
  } finally {
    await closeDb(db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
