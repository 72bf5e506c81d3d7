import { expect, test } from './fixtures';
import { signUp, snapshot } from './helpers';
import { trpcMutation, trpcQuery } from './trpc-call';

interface Order {
  id: string;
  status: string;
}

test('订单: an order left unpaid is paid later from the list, another is cancelled', async ({ page }) => {
  await signUp(page);
  expect((await trpcMutation(page.request, 'account.topUp', { amount: '500.00', idempotencyKey: `orders-${Date.now()}-topup` })).error).toBeNull();

  // 立即购买, then step back from the payment: the order stays 待支付
  await page.goto('/packs/buy');
  await page.getByRole('radio', { name: '图像鉴黄', exact: true }).check();
  await page.getByRole('radio', { name: '10万次', exact: true }).check();
  await page.getByRole('button', { name: '立即购买' }).click();
  await page.getByRole('dialog', { name: '支付订单' }).getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('status').filter({ hasText: '订单号' })).toContainText('¥180.00');
  await expect(page.getByRole('status').filter({ hasText: '订单号' })).toContainText('待支付');

  const other = await trpcMutation<Order>(page.request, 'orders.create', {
    item: 'crop',
    sizeCode: '100k',
    quantity: 2,
    idempotencyKey: `orders-${Date.now()}-second`,
  });

  await page.getByRole('link', { name: '订单' }).click();
  const rows = page.getByTestId('order-row');
  await expect(rows).toHaveCount(2);
  const crop = rows.filter({ hasText: '智能裁剪' });
  const porn = rows.filter({ hasText: '图像鉴黄' });
  await expect(crop).toContainText(other.data.id);
  await expect(crop).toContainText('¥540.00');
  await expect(porn).toContainText('10万次');
  await expect(porn).toContainText('¥180.00');
  await expect(rows.getByRole('button', { name: '去支付' })).toHaveCount(2);
  await snapshot(page, 'orders');

  await crop.getByRole('button', { name: '取消' }).click();
  await page.getByRole('dialog', { name: '取消订单' }).getByRole('button', { name: '确认取消' }).click();
  await expect(crop).toContainText('已取消');
  await expect(crop.getByRole('button', { name: '去支付' })).toHaveCount(0);

  await porn.getByRole('button', { name: '去支付' }).click();
  const dialog = page.getByRole('dialog', { name: '支付订单' });
  await expect(dialog.getByTestId('checkout-available')).toHaveText('¥500.00');
  await dialog.getByRole('button', { name: '确认支付' }).click();
  await expect(porn).toContainText('已支付');

  const balances = await trpcQuery<{ cashFen: number }>(page.request, 'account.balances');
  expect(balances.data.cashFen).toBe(50_000 - 18_000);
  // a cancelled order cannot be paid afterwards
  const late = await trpcMutation(page.request, 'orders.pay', { id: other.data.id });
  expect(late.error).toMatchObject({ code: 'CONFLICT', message: '订单已取消' });
});

test("another account's order and pack are NOT_FOUND", async ({ page, browser }) => {
  await signUp(page);
  await trpcMutation(page.request, 'account.topUp', { amount: '300.00', idempotencyKey: `owner-${Date.now()}-topup` });
  const order = await trpcMutation<Order>(page.request, 'orders.create', {
    item: 'label',
    sizeCode: '100k',
    quantity: 1,
    idempotencyKey: `owner-${Date.now()}-order`,
  });
  await trpcMutation(page.request, 'orders.pay', { id: order.data.id });
  const packs = await trpcQuery<{ id: number; kind: string }[]>(page.request, 'packs.list');
  const pack = packs.data.find((p) => p.kind === 'prepaid')!;
  expect((await trpcQuery<Order>(page.request, 'orders.get', { id: order.data.id })).data.status).toBe('paid');

  const stranger = await (await browser.newContext()).newPage();
  await signUp(stranger);
  const asked = await trpcQuery(stranger.request, 'orders.get', { id: order.data.id });
  expect(asked.status).toBe(404);
  expect(asked.error).toMatchObject({ code: 'NOT_FOUND', message: '订单不存在' });
  for (const path of ['orders.pay', 'orders.cancel']) {
    expect((await trpcMutation(stranger.request, path, { id: order.data.id })).error?.code).toBe('NOT_FOUND');
  }
  expect((await trpcMutation(stranger.request, 'packs.refund', { packId: pack.id })).error).toMatchObject({
    code: 'NOT_FOUND',
    message: '资源包不存在',
  });
  await stranger.goto('/billing/orders');
  await expect(stranger.getByText('暂无订单', { exact: false })).toBeVisible();
  // the owner's money and pack are untouched
  expect((await trpcQuery<{ cashFen: number }>(page.request, 'account.balances')).data.cashFen).toBe(7_500);
});
