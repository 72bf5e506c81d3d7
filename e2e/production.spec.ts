import { expect, test, type Page } from './fixtures';
import { accountCli } from './account-cli';
import { signIn, signUp, snapshot, uniqueEmail } from './helpers';
import { trpcMutation, trpcQuery } from './trpc-call';

// This spec's console runs as a real deployment (e2e/servers.ts PRODUCTION_SPECS:
// NODE_ENV=production, SANDBOX_CLOCK=0): no simulated clock, no online payment.

async function openAccount(page: Page) {
  await page.getByRole('link', { name: '账户', exact: true }).click();
  await expect(page.getByRole('heading', { name: '账户', exact: true })).toBeVisible();
}

test('no 模拟时钟, 充值 explains the bank transfer, and the operator’s credit shows in 收支明细 to the fen', async ({ page, server }) => {
  const email = await signUp(page, uniqueEmail('prod'));
  await expect(page.getByRole('link', { name: '人物库' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '模拟时钟' })).toHaveCount(0);
  await expect(page.getByText('沙箱环境')).toHaveCount(0);

  await openAccount(page);
  const transfer = page.getByTestId('bank-transfer');
  await expect(transfer).toContainText('当前环境未开通在线支付，请通过对公转账充值');
  await expect(transfer).toContainText('（未配置银行账号：BANK_TRANSFER_ACCOUNT）');
  await expect(transfer).toContainText('请在附言中注明您的账号邮箱');
  await expect(page.getByRole('button', { name: '确认充值' })).toHaveCount(0);
  await snapshot(page, 'production-account');

  // The form is gone, and the procedure refuses on its own: no money, no top-up.
  const refused = await trpcMutation(page.request, 'account.topUp', { amount: '1000000', idempotencyKey: 'prod-e2e-attempt' });
  expect(refused.status).toBe(403);
  expect(refused.error?.message).toBe('当前环境未开通在线支付，请通过对公转账充值，到账后由运营人员为您入账');

  // The transfer arrived: the operator credits it, twice by mistake; it counts once.
  const reference = `E2E${Date.now()}`;
  expect(accountCli(server, 'credit', email, '1234.56', '--ref', reference)).toContain(`已入账：账号 ${email}`);
  expect(accountCli(server, 'credit', email, '1234.56', '--ref', reference)).toContain(`未重复入账：银行流水号 ${reference}`);

  await page.reload();
  await expect(page.getByTestId('cash-balance')).toHaveText('¥1,234.56');
  const rows = page.getByTestId('ledger-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('td')).toHaveText([/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, '充值', '+¥1,234.56', '¥1,234.56', `对公转账（流水号 ${reference}）`]);
  await snapshot(page, 'production-credited');

  // A real clock: the page says so and the procedure refuses.
  await page.goto('/clock');
  await expect(page.getByText('当前不是沙箱环境，应用时钟即真实时间，不能调整。')).toBeVisible();
  await snapshot(page, 'production-clock');
  const state = await trpcQuery<{ sandbox: boolean; recentRuns: unknown }>(page.request, 'clock.state');
  expect(state.data).toMatchObject({ sandbox: false, recentRuns: null });
});

test('退出所有设备 ends every session of the user, this one included', async ({ page, browser }) => {
  const email = await signUp(page, uniqueEmail('everywhere'));
  const laptop = await browser.newPage();
  await signIn(laptop, email);

  await openAccount(page);
  await page.getByRole('button', { name: '退出所有设备' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '全部退出' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await laptop.reload();
  await expect(laptop).toHaveURL(/\/login$/);
  expect((await trpcQuery(laptop.request, 'auth.me')).status).toBe(401);
  await laptop.close();
});
