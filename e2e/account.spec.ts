import { expect, test, type Page } from './fixtures';
import { downloadCsv } from './download-csv';
import { signUp, snapshot } from './helpers';
import { trpcMutation } from './trpc-call';

const RANGE_MESSAGE = '充值金额须在 ¥0.01 至 ¥1,000,000.00 之间';
const FORMAT_MESSAGE = '请输入正确的金额，最多两位小数';

async function openAccount(page: Page) {
  await page.getByRole('link', { name: '账户', exact: true }).click();
  await expect(page.getByRole('heading', { name: '账户', exact: true })).toBeVisible();
}

async function expectBalances(page: Page, cash: string, frozen: string, available: string) {
  await expect(page.getByTestId('cash-balance')).toHaveText(cash);
  await expect(page.getByTestId('frozen-amount')).toHaveText(frozen);
  await expect(page.getByTestId('available-balance')).toHaveText(available);
}

function ledgerRows(page: Page) {
  return page.getByTestId('ledger-row');
}

test('充值 ¥1,234.56 through the sandbox provider updates balances and 收支明细 at once', async ({ page }) => {
  await signUp(page);
  await openAccount(page);
  await expectBalances(page, '¥0.00', '¥0.00', '¥0.00');
  await expect(page.getByText('沙箱支付：模拟到账，不产生真实扣款')).toBeVisible();
  await expect(page.getByText('暂无收支记录')).toBeVisible();

  await page.getByLabel('充值金额').fill('1234.56');
  await page.getByRole('button', { name: '确认充值' }).click();
  const dialog = page.getByRole('dialog', { name: '确认充值' });
  await expect(dialog.getByTestId('top-up-confirm-amount')).toHaveText('¥1,234.56');
  await expect(dialog).toContainText('沙箱支付（模拟，不产生真实扣款）');
  await expectBalances(page, '¥0.00', '¥0.00', '¥0.00'); // nothing moves before the confirmation
  await snapshot(page, 'account-topup');

  await dialog.getByRole('button', { name: '确认支付' }).click();
  await expect(page.getByText('充值成功')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectBalances(page, '¥1,234.56', '¥0.00', '¥1,234.56');
  await expect(page.getByLabel('充值金额')).toHaveValue('');
  await expect(ledgerRows(page)).toHaveCount(1);
  await expect(ledgerRows(page).locator('td')).toHaveText([/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, '充值', '+¥1,234.56', '¥1,234.56', '充值']);
  await snapshot(page, 'account');
});

test('bad amounts show the Chinese error and move nothing, in the browser and on the server', async ({ page }) => {
  await signUp(page);
  await openAccount(page);
  const cases: [string, string][] = [
    ['0', RANGE_MESSAGE],
    ['0.001', FORMAT_MESSAGE],
    ['abc', FORMAT_MESSAGE],
    ['1000000.01', RANGE_MESSAGE],
    ['', '请输入充值金额'],
  ];
  for (const [amount, message] of cases) {
    await page.getByLabel('充值金额').fill(amount);
    await page.getByRole('button', { name: '确认充值' }).click();
    await expect(page.getByText(message, { exact: true }), `amount ${JSON.stringify(amount)}`).toBeVisible();
    await expect(page.getByRole('dialog')).toBeHidden();
  }

  // The server applies the same rule to a request that skips the form.
  for (const [amount, message] of [['0.001', FORMAT_MESSAGE], ['1000000.01', RANGE_MESSAGE], ['-5', FORMAT_MESSAGE], ['1e3', FORMAT_MESSAGE]]) {
    const r = await trpcMutation(page.request, 'account.topUp', { amount, idempotencyKey: `bad-amount-${amount}` });
    expect(r.status, `amount ${amount}`).toBe(400);
    expect(r.error?.message).toBe(message);
  }
  await page.reload();
  await expectBalances(page, '¥0.00', '¥0.00', '¥0.00');
  await expect(ledgerRows(page)).toHaveCount(0);

  // Both bounds are allowed.
  for (const amount of ['0.01', '1000000.00']) {
    const r = await trpcMutation(page.request, 'account.topUp', { amount, idempotencyKey: `bound-${amount}` });
    expect(r.status, `amount ${amount}`).toBe(200);
  }
  await page.reload();
  await expectBalances(page, '¥1,000,000.01', '¥0.00', '¥1,000,000.01');
});

test('a double-clicked payment and a retried request each top up once', async ({ page }) => {
  await signUp(page);
  await openAccount(page);
  await page.getByLabel('充值金额').fill('10');
  await page.getByRole('button', { name: '确认充值' }).dblclick();
  await page.getByRole('dialog', { name: '确认充值' }).getByRole('button', { name: '确认支付' }).dblclick();
  await expect(page.getByText('充值成功')).toHaveCount(1);
  await page.reload();
  await expectBalances(page, '¥10.00', '¥0.00', '¥10.00');
  await expect(ledgerRows(page).filter({ hasText: '充值' })).toHaveCount(1);

  // A client retrying with the same idempotency key gets the same top-up back.
  const first = await trpcMutation<{ id: string }>(page.request, 'account.topUp', { amount: '5', idempotencyKey: 'retry-after-timeout' });
  const retry = await trpcMutation<{ id: string }>(page.request, 'account.topUp', { amount: '5', idempotencyKey: 'retry-after-timeout' });
  expect(first.status).toBe(200);
  expect(retry.data.id).toBe(first.data.id);
  await page.reload();
  await expectBalances(page, '¥15.00', '¥0.00', '¥15.00');
  await expect(ledgerRows(page)).toHaveCount(2);
});

test('收支明细 pages by 20 and the CSV holds every entry', async ({ page }) => {
  await signUp(page);
  // 21 top-ups of ¥1.00 … ¥21.00: Σ = ¥231.00
  for (let i = 1; i <= 21; i++) {
    const r = await trpcMutation(page.request, 'account.topUp', { amount: `${i}.00`, idempotencyKey: `paging-${i}-of-21` });
    expect(r.status).toBe(200);
  }
  await openAccount(page);
  await expectBalances(page, '¥231.00', '¥0.00', '¥231.00');
  await expect(page.getByText('共 21 条')).toBeVisible();
  await expect(ledgerRows(page)).toHaveCount(20);
  await expect(ledgerRows(page).first()).toContainText('+¥21.00');
  await page.getByRole('button', { name: '下一页' }).click();
  await expect(ledgerRows(page)).toHaveCount(1);
  await expect(ledgerRows(page)).toContainText('+¥1.00');
  await expect(page.getByText('2 / 2')).toBeVisible();

  const csv = await downloadCsv(page, page.getByRole('button', { name: '导出 CSV' }));
  expect(csv.filename).toBe('收支明细.csv');
  expect(csv.lines[0]).toBe('时间（UTC+8）,类型,现金变动（元）,冻结变动（元）,现金余额（元）,冻结金额（元）,备注');
  expect(csv.lines).toHaveLength(22);
  expect(csv.lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},充值,21\.00,0\.00,231\.00,0\.00,充值$/);
  expect(csv.lines[21]).toMatch(/,充值,1\.00,0\.00,1\.00,0\.00,充值$/);
});
