import { expect, test } from './fixtures';
import { Decimal } from '../lib/money';
import { grantOperator } from './account-cli';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { meterCalls } from './meter-calls';
import { buyPacks, topUp } from './money-actions';
import { trpcMutation } from './trpc-call';

/** "1,890,001" → 1890001 */
const count = (s: string) => Number(s.replace(/,/g, ''));
/** "¥3,780.002" → 3780.002, exact */
const exactYuan = (s: string) => new Decimal(s.replace(/[¥,]/g, ''));

test('账单解读: each line’s free, pack and charged pieces add up to its calls and exact amount, the lines to the payable', async ({ page, server }) => {
  test.setTimeout(180_000); // CLI runs and a bill run, each a tsx process
  const email = await signUp(page, uniqueEmail('explain'));
  grantOperator(server, email);
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  await topUp(page, '1000.00');
  await buyPacks(page, 'label', '100k');

  // December 2019: 150,000 label calls = 10,000 free + 100,000 from the pack + 40,000 charged;
  // 10,003 car calls = 10,000 free + 3 charged.
  expect(meterCalls(server, email, 'label', 150_000)).toMatch(/^2019-12-/);
  meterCalls(server, email, 'car', 10_003);
  expect((await trpcMutation(page.request, 'clock.advance', { to: '2020-01-01T02:00:00+08:00' })).status).toBe(200);

  await page.goto('/billing/bills');
  await page.getByTestId('bill-row-2019-12').getByRole('link', { name: '查看' }).click();
  await expect(page).toHaveURL(/\/billing\/bills\/\d+$/);

  // By hand (SPEC.md, tier 1): label 40,000 × ¥2.5/千次 = ¥100; car 3 × ¥3/千次 = ¥0.009;
  // ¥100.009 rounds half up to a payable ¥100.01 (+¥0.001).
  await expect(page.getByTestId('bill-explain-label').locator('li')).toHaveText([
    '本月共 150,000 次，未超过 100万次，为第 1 档（0-100万次/月）',
    '免费资源包抵扣 10,000 次',
    '预付费资源包抵扣 100,000 次',
    '计费 40,000 次 × ¥2.5/千次 = ¥100.00',
  ]);
  await expect(page.getByTestId('bill-explain-car').locator('li')).toHaveText([
    '本月共 10,003 次，未超过 100万次，为第 1 档（0-100万次/月）',
    '免费资源包抵扣 10,000 次',
    '计费 3 次 × ¥3/千次 = ¥0.009',
  ]);
  await expect(page.getByTestId('bill-explain-total')).toHaveText('各项精确金额合计 ¥100.009，四舍五入到分，应付 ¥100.01，计费精度差异 +¥0.001');
  await expect(page.getByTestId('bill-payable')).toHaveText('¥100.01');

  // The same check for any line, read off the page: the pieces add up to the line's own
  // columns (calls, and charged × unit price = amount to the last digit), the lines to the payable.
  const lines = page.getByTestId(/^bill-line-/);
  await expect(lines).toHaveCount(2);
  let subtotal = new Decimal(0);
  for (const row of await lines.all()) {
    const item = (await row.getAttribute('data-testid'))!.replace('bill-line-', '');
    const [, total, free, pack, charged, , unitPrice, amount] = await row.locator('td').allTextContents();
    const pieces = await page.getByTestId(`bill-explain-${item}`).locator('li').allTextContents();
    const calls = (prefix: string) => pieces.filter((p) => p.startsWith(prefix)).reduce((n, p) => n + count(/([\d,]+) 次/.exec(p)![1]), 0);
    expect(count(/^本月共 ([\d,]+) 次/.exec(pieces[0])![1]), item).toBe(count(total));
    expect(calls('免费资源包'), item).toBe(count(free));
    expect(calls('预付费资源包'), item).toBe(count(pack));
    const [, chargedCalls, price, exact] = /^计费 ([\d,]+) 次 × ¥([\d.]+)\/千次 = ¥([\d,.]+)$/.exec(pieces.at(-1)!)!;
    expect(count(chargedCalls), item).toBe(count(charged));
    expect(count(chargedCalls) + count(free) + count(pack), item).toBe(count(total));
    expect(price, item).toBe(unitPrice);
    const exactAmount = new Decimal(count(chargedCalls)).times(price).div(1000);
    expect(exactAmount.eq(exactYuan(exact)), item).toBe(true);
    expect(exactAmount.eq(exactYuan(amount)), item).toBe(true);
    subtotal = subtotal.plus(exactAmount);
  }
  expect(`¥${subtotal.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}`).toBe(await page.getByTestId('bill-payable').textContent());
  await page.getByTestId('bill-explain-total').scrollIntoViewIfNeeded();
  await snapshot(page, 'bill-explain');
});
