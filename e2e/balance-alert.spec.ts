import { expect, test, type Page } from './fixtures';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { meterCalls } from './meter-calls';
import { buyPacks, topUp } from './money-actions';
import { trpcMutation, trpcQuery } from './trpc-call';

/** One 图像标签 10万次 pack, ¥225.00 from the available balance. */
const buyLabelPack = (page: Page) => buyPacks(page, 'label', '100k');

async function availableFen(page: Page): Promise<number> {
  return (await trpcQuery<{ availableFen: number }>(page.request, 'account.balances')).data.availableFen;
}

async function balanceMessages(page: Page) {
  await page.goto('/messages');
  await expect(page.getByTestId('messages-table')).toBeVisible();
  return page.getByTestId(/^message-\d+$/).filter({ hasText: '余额不足预警' });
}

test('余额预警: one message per dip below the threshold, a second after the balance came back and fell again; 预计可用天数 on 概览', async ({ page, server }) => {
  const email = await signUp(page, uniqueEmail('alert'));
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  await topUp(page, '1000.00');

  await page.goto('/billing/account');
  const card = page.getByTestId('balance-alert');
  await expect(card.getByTestId('balance-alert-state')).toHaveText('未开启'); // off by default
  await card.getByLabel('预警阈值（元）').fill('800.00');
  await card.getByRole('button', { name: '保存' }).click();
  await expect(card.getByTestId('balance-alert-state')).toHaveText('已开启，阈值 ¥800.00');
  await snapshot(page, 'balance-alert-account');

  // ¥1,000.00 → ¥775.00: below ¥800.00, the first message. → ¥550.00: still the same dip, none.
  await buyLabelPack(page);
  await buyLabelPack(page);
  expect(await availableFen(page)).toBe(55_000);
  let rows = await balanceMessages(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('td').nth(0)).toHaveText('余额预警');
  await expect(rows.locator('td').nth(2)).toHaveText('账户可用余额 ¥775.00，已低于您设置的预警阈值 ¥800.00，请及时充值，以免欠费影响调用。');

  // A top-up to ¥850.00 (at or above the threshold) re-arms it without a message; the next
  // purchase, ¥625.00, is a new dip and raises the second one.
  await topUp(page, '300.00');
  rows = await balanceMessages(page);
  await expect(rows).toHaveCount(1);
  await buyLabelPack(page);
  expect(await availableFen(page)).toBe(62_500);
  rows = await balanceMessages(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('td').nth(2)).toHaveText('账户可用余额 ¥625.00，已低于您设置的预警阈值 ¥800.00，请及时充值，以免欠费影响调用。');
  await expect(page.getByTestId(/^message-\d+$/)).toHaveCount(2); // nothing else was sent
  await snapshot(page, 'balance-alert');

  // 预计可用天数: no postpaid spend yet (pack purchases are not spend) → —.
  await page.goto('/');
  const daysLeft = page.getByTestId('overview-days-left');
  await expect(daysLeft).toHaveText('—');
  await expect(page.getByText('近 7 天（11-29 至 12-05）暂无后付费消费')).toBeVisible();
  // 14,000 车型识别 calls today: 10,000 free, 4,000 postpaid × ¥3/千次 = ¥12.00 in the 7 days;
  // ⌊¥625.00 ÷ (¥12.00 ÷ 7)⌋ = ⌊364.58…⌋ = 364 days.
  expect(meterCalls(server, email, 'car', 14_000)).toBe('2019-12-05');
  await page.reload();
  await expect(daysLeft).toHaveText('364 天');
  await expect(page.getByText('按近 7 天（11-29 至 12-05）后付费消费 ¥12.00 估算')).toBeVisible();
  await snapshot(page, 'overview-days-left');
});
