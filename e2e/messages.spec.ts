import { expect, test, type Page } from './fixtures';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { meterCalls } from './meter-calls';
import { trpcMutation, trpcQuery } from './trpc-call';

/** Activates the product and buys one 图像鉴黄 10万次 pack (¥180.00) with a sandbox top-up. */
async function buyPornPack(page: Page) {
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  expect((await trpcMutation(page.request, 'account.topUp', { amount: '180.00', idempotencyKey: `e2e-msg-${Date.now()}` })).error).toBeNull();
  const order = await trpcMutation<{ id: string }>(page.request, 'orders.create', { item: 'porn', sizeCode: '100k', quantity: 1, idempotencyKey: `e2e-msg-order-${Date.now()}` });
  expect(order.error).toBeNull();
  expect((await trpcMutation(page.request, 'orders.pay', { id: order.data.id })).error).toBeNull();
}

function openMessages(page: Page) {
  return page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '消息中心' }).click();
}

test('消息中心: a prepaid pack running low and running out raises messages; the top bar counts the unread ones', async ({ page, server }) => {
  const email = await signUp(page, uniqueEmail('messages'));
  await buyPornPack(page);
  await page.reload();
  // The badge is absent both before the count loads and at 0: wait for the loaded 0.
  await expect(page.getByTestId('unread-link')).toHaveAttribute('data-unread', '0');
  await expect(page.getByTestId('unread-count')).toHaveCount(0);

  // 10,000 from the free pack, 80,001 from the 100,000-call pack: 19,999 left, below 20%.
  meterCalls(server, email, 'porn', 90_001);
  await openMessages(page);
  await expect(page.getByTestId('unread-count')).toHaveText('1');
  const rows = page.getByTestId(/^message-\d+$/);
  await expect(rows).toHaveCount(1);
  const low = rows.first();
  await expect(low.locator('td').nth(0)).toHaveText('资源包提醒');
  await expect(low.locator('td').nth(1)).toHaveText('资源包余量不足');
  await expect(low.locator('td').nth(2)).toHaveText('图像鉴黄的预付费资源包剩余 19,999 次，已低于总量 100,000 次的 20%，请及时购买。');
  await expect(low.locator('td').nth(3)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(low.locator('td').nth(4)).toHaveText('未读');
  await expect(low.locator('td').nth(1).locator('span')).toHaveClass(/font-semibold/);
  await snapshot(page, 'messages');

  await low.getByRole('button', { name: '标为已读' }).click();
  await expect(low.locator('td').nth(4)).toHaveText('已读');
  await expect(low.locator('td').nth(1).locator('span')).not.toHaveClass(/font-semibold/);
  await expect(page.getByTestId('unread-link')).toHaveAttribute('data-unread', '0');

  // The rest of the pack: it runs out, a second message arrives; 全部标为已读 clears the badge.
  meterCalls(server, email, 'porn', 19_999);
  await page.reload();
  await expect(page.getByTestId('unread-count')).toHaveText('1');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('td').nth(1)).toHaveText('资源包已用完');
  await expect(rows.first().locator('td').nth(2)).toHaveText('图像鉴黄的预付费资源包已全部用完，之后的调用将按后付费计费。');
  await page.getByRole('button', { name: '全部标为已读' }).click();
  await expect(page.getByTestId('unread-link')).toHaveAttribute('data-unread', '0');
  await expect(rows.locator('td:nth-child(5)')).toHaveText(['已读', '已读']);
  await expect(page.getByRole('button', { name: '全部标为已读' })).toBeDisabled();
});

test("消息中心 is empty for a new account, and another account's message cannot be marked read", async ({ browser, server }) => {
  const owner = await browser.newPage();
  const email = await signUp(owner, uniqueEmail('messages-owner'));
  await buyPornPack(owner);
  meterCalls(server, email, 'porn', 90_001);
  const list = await trpcQuery<{ rows: { id: number }[] }>(owner.request, 'notifications.list', { page: 1, pageSize: 20 });
  const id = list.data.rows[0].id;

  const other = await browser.newPage();
  await signUp(other, uniqueEmail('messages-other'));
  await openMessages(other);
  await expect(other.getByText('暂无消息：资源包余量不足或用完、账单出具、账户欠费时，会在这里通知您')).toBeVisible();
  const attempt = await trpcMutation(other.request, 'notifications.markRead', { id });
  expect(attempt.error?.code).toBe('NOT_FOUND');
  expect(attempt.error?.message).toBe('消息不存在');
  expect((await trpcQuery<number>(owner.request, 'notifications.unreadCount')).data).toBe(1);
});
