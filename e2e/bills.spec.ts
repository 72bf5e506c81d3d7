import { expect, test, type Page } from './fixtures';
import { monthOf } from '../lib/period';
import { grantOperator } from './account-cli';
import { downloadCsv } from './download-csv';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { meterCalls } from './meter-calls';
import { trpcMutation, trpcQuery } from './trpc-call';

async function openMenu(page: Page, label: string) {
  await page.getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { name: label, exact: true })).toBeVisible();
}

test('golden story: 10,002 图像标签 calls in December 2019 are billed ¥0.01 to the fen', async ({ page, browser, server }) => {
  test.setTimeout(180_000); // three CLI runs (grant, meter, clock) and a bill run, each a tsx process
  const email = await signUp(page, uniqueEmail('golden'));
  // The story moves the shared sandbox clock: an operator's privilege.
  grantOperator(server, email);
  const clock = await trpcQuery<{ now: number }>(page.request, 'clock.state');
  expect(monthOf(clock.data.now), 'the story meters December 2019: the app clock must still be in it').toBe('2019-12');

  // The original postpaid flow: 图像分析 → 立即开通 grants December's free packs.
  await openMenu(page, '图像分析');
  await page.getByRole('button', { name: '立即开通' }).click();
  await expect(page.getByTestId('product-status')).toHaveText('已开通');
  meterCalls(server, email, 'label', 10_002);

  // Before the month ends: 10,000 free + 2 × ¥2.5/1000 = ¥0.005 → estimate ¥0.01.
  await openMenu(page, '账单');
  await expect(page.getByTestId('month-estimate')).toHaveText('¥0.01');
  await expect(page.getByTestId('estimate-line-label')).toContainText('10,002');
  await expect(page.getByText(/^暂无账单/)).toBeVisible();
  await snapshot(page, 'bills-estimate');

  // 2020-01-01 02:00 (UTC+8): the December bill run has issued and settled the bill.
  const advanced = await trpcMutation(page.request, 'clock.advance', { to: '2020-01-01T02:00:00+08:00' });
  expect(advanced.status).toBe(200);
  await page.reload();
  await expect(page.getByTestId('month-estimate')).toHaveText('¥0.00');
  await expect(page.getByTestId(/^bill-row-/)).toHaveCount(1);
  const row = page.getByTestId('bill-row-2019-12');
  // The deduction took cash from ¥0.00 to −¥0.01: the bill is unpaid (欠费).
  await expect(row.locator('td')).toHaveText(['2019-12', '¥0.01', '¥0.01', '欠费', /^2020-01-01 02:0\d:\d\d$/, '查看']);
  await snapshot(page, 'bills');

  const list = await downloadCsv(page, page.getByRole('button', { name: '导出 CSV' }));
  expect(list.filename).toBe('账单列表.csv');
  expect(list.lines[0]).toBe('账单月份,应付金额（元）,状态,出账时间（UTC+8）,解冻（元）,扣款（元）,冻结（元）');
  expect(list.lines.slice(1)).toEqual([expect.stringMatching(/^2019-12,0\.01,欠费,2020-01-01 02:0\d:\d\d,0\.00,0\.01,0\.00$/)]);

  // The bill: SPEC §6 lines, exact amount, precision adjustment, settlement.
  await row.getByRole('link', { name: '查看' }).click();
  await expect(page).toHaveURL(/\/billing\/bills\/\d+$/);
  const billUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId(/^bill-line-/)).toHaveCount(1);
  await expect(page.getByTestId('bill-line-label').locator('td')).toHaveText(['图像标签', '10,002', '10,000', '0', '2', '0-100万次/月', '2.5', '¥0.005']);
  await expect(page.getByTestId('bill-precision-adjustment')).toHaveText('+¥0.005');
  await expect(page.getByTestId('bill-payable')).toHaveText('¥0.01');
  // Settlement: nothing to release; ¥0.01 deducted; January's ¥0.01 estimate is not
  // frozen because cash is already below zero (a freeze never drives available below 0).
  await expect(page.getByTestId('bill-released')).toHaveText('¥0.00');
  await expect(page.getByTestId('bill-deducted')).toHaveText('¥0.01');
  await expect(page.getByTestId('bill-frozen')).toHaveText('¥0.00');
  await expect(page.getByText('2020-01 预估费用 ¥0.01（本月计费调用量 × 刊例价 × 100%），可用余额不足，少冻结 ¥0.01')).toBeVisible();
  await snapshot(page, 'bill-detail');

  const detail = await downloadCsv(page, page.getByRole('button', { name: '导出 CSV' }));
  expect(detail.filename).toBe('账单-2019-12.csv');
  expect(detail.lines).toEqual([
    '服务,总调用量,免费资源包抵扣,预付费资源包抵扣,计费调用量,阶梯,单价（元/千次）,金额（元）',
    '图像标签,10002,10000,0,2,0-100万次/月,2.5,0.005',
    '费用小计,,,,,,,0.005',
    '计费精度差异,,,,,,,0.005',
    '应付金额,,,,,,,0.01',
  ]);

  // The account after settlement: in arrears by one fen, nothing frozen.
  await openMenu(page, '账户');
  await expect(page.getByTestId('cash-balance')).toHaveText('-¥0.01');
  await expect(page.getByTestId('frozen-amount')).toHaveText('¥0.00');
  await expect(page.getByTestId('available-balance')).toHaveText('-¥0.01');
  await expect(page.getByText(/^账户已欠费（现金余额 -¥0\.01）/)).toBeVisible();
  await expect(page.getByTestId('ledger-row').locator('td')).toHaveText([/^2020-01-01 02:0\d:\d\d$/, '账单扣款', '-¥0.01', '-¥0.01', '2019-12 账单扣费']);
  await snapshot(page, 'account-arrears');

  // A ¥0.01 top-up brings cash back to ¥0.00: arrears end at once and the bill is paid.
  await page.getByLabel('充值金额').fill('0.01');
  await page.getByRole('button', { name: '确认充值' }).click();
  await page.getByRole('dialog', { name: '确认充值' }).getByRole('button', { name: '确认支付' }).click();
  await expect(page.getByText('充值成功')).toBeVisible();
  await expect(page.getByTestId('cash-balance')).toHaveText('¥0.00');
  await expect(page.getByText(/^账户已欠费/)).toHaveCount(0);
  await openMenu(page, '账单');
  await expect(page.getByTestId('bill-row-2019-12')).toContainText('已结清');

  // Another account cannot open this bill by its URL, nor fetch it through tRPC.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUp(other, uniqueEmail('snoop'));
  await other.goto(billUrl);
  await expect(other.getByText('账单不存在', { exact: true })).toBeVisible();
  await expect(other.getByTestId('bill-payable')).toHaveCount(0);
  const snooped = await trpcQuery(other.request, 'bills.get', { id: billUrl.split('/').pop() });
  expect(snooped.status).toBe(404);
  expect(snooped.error).toMatchObject({ message: '账单不存在', code: 'NOT_FOUND' });
  await snapshot(other, 'bill-not-found');
  await otherContext.close();
});

test('a bill id that is garbage or unknown is 账单不存在', async ({ page }) => {
  await signUp(page);
  for (const id of ['abc', '0', '99999999', '1e3']) {
    await page.goto(`/billing/bills/${id}`);
    await expect(page.getByText('账单不存在', { exact: true }), `id ${id}`).toBeVisible();
  }
  await page.getByRole('link', { name: '返回账单列表' }).first().click();
  await expect(page.getByRole('heading', { name: '账单', exact: true })).toBeVisible();
  await expect(page.getByText(/^暂无账单/)).toBeVisible();
});
