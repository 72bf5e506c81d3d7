import { expect, test, type Page } from './fixtures';
import { signUp, snapshot } from './helpers';
import { trpcMutation, trpcQuery } from './trpc-call';

interface Order {
  id: string;
  status: string;
  amountFen: number;
}

/** Credits the sandbox top-up (helper-5's 账户 page does the same through account.topUp). */
async function topUp(page: Page, amount: string) {
  const res = await trpcMutation(page.request, 'account.topUp', { amount, idempotencyKey: `e2e-${Date.now()}-${Math.random()}` });
  expect(res.error).toBeNull();
}

async function cashFen(page: Page): Promise<number> {
  return (await trpcQuery<{ cashFen: number }>(page.request, 'account.balances')).data.cashFen;
}

async function choosePack(page: Page, item: string, size: string, quantity: string) {
  await page.getByRole('radiogroup', { name: '服务' }).getByRole('radio', { name: item, exact: true }).check();
  await page.getByRole('radiogroup', { name: '资源包规格' }).getByRole('radio', { name: size, exact: true }).check();
  await page.getByLabel('数量', { exact: true }).fill(quantity);
}

test('the original prepaid flow: 资源列表 › 图像分析资源包 → 购买资源包 → 1000万次 × 1 → 立即购买 → pay', async ({ page }) => {
  await signUp(page);
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  await topUp(page, '20000.00');

  await page.getByRole('link', { name: '图像分析资源包' }).click();
  await expect(page.getByRole('tab', { name: '免费资源包' })).toHaveAttribute('aria-selected', 'true');
  const free = page.getByTestId('packs-free').getByTestId('pack-row');
  await expect(free).toHaveCount(9);
  await expect(free.first()).toContainText('图像标签'); // price-table order
  await expect(free.filter({ hasText: '图像标签' })).toContainText('10,000次');
  await expect(free.filter({ hasText: '图像标签' }).getByTestId('pack-remaining')).toHaveText('10,000');
  await snapshot(page, 'packs-free');

  await page.getByRole('button', { name: '购买资源包' }).click();
  await expect(page).toHaveURL(/\/packs\/buy$/);
  await expect(page.getByRole('radio', { name: '图像清晰度增强' })).toHaveCount(0); // enhance has no packs

  // the price follows every choice, computed in the browser
  const total = page.getByTestId('pack-total');
  await choosePack(page, '图像标签', '10万次', '3');
  await expect(total).toHaveText('¥675.00');
  await choosePack(page, '公众人物识别', '100万次', '2');
  await expect(total).toHaveText('¥3,000.00');
  const buy = page.getByRole('button', { name: '立即购买' });
  for (const bad of ['0', '100', '1.5', 'abc', '']) {
    await page.getByLabel('数量', { exact: true }).fill(bad);
    await expect(page.getByText('请输入 1 至 99 的整数')).toBeVisible();
    await expect(buy).toBeDisabled();
    await expect(total).toHaveText('—');
  }

  await choosePack(page, '图像标签', '1000万次', '1');
  await expect(page.getByTestId('pack-unit-price')).toHaveText('¥17,000.00 / 个');
  await expect(total).toHaveText('¥17,000.00');
  await expect(page.getByTestId('pack-available')).toHaveText('¥20,000.00');
  await snapshot(page, 'packs-buy');

  await buy.click();
  const dialog = page.getByRole('dialog', { name: '支付订单' });
  await expect(dialog.getByTestId('order-id')).toHaveText(/^\d{20}$/);
  await expect(dialog.getByTestId('order-amount')).toHaveText('¥17,000.00');
  await expect(dialog.getByText('待支付')).toBeVisible();
  await expect(dialog.getByTestId('checkout-available')).toHaveText('¥20,000.00');
  await snapshot(page, 'packs-pay');
  await dialog.getByRole('button', { name: '确认支付' }).click();

  await expect(page).toHaveURL(/\/packs\?tab=prepaid$/);
  await expect(page.getByRole('tab', { name: '预付费资源包' })).toHaveAttribute('aria-selected', 'true');
  const bought = page.getByTestId('packs-prepaid').getByTestId('pack-row');
  await expect(bought).toHaveCount(1);
  await expect(bought.getByTestId('pack-remaining')).toHaveText('10,000,000');
  await expect(bought).toContainText('图像标签');
  await expect(bought).toContainText('1000万次');
  await expect(bought).toContainText('有效');
  await expect(page.getByText('支付成功：图像标签 1000万次 × 1，资源包已生效')).toBeVisible();
  await snapshot(page, 'packs-prepaid');
  expect(await cashFen(page)).toBe(300_000);
});

test('not enough balance: 余额不足，请先充值 and a way to top up; the server refuses too', async ({ page }) => {
  await signUp(page);
  await topUp(page, '224.99');
  await page.goto('/packs/buy');
  await choosePack(page, '图像标签', '10万次', '1');
  await expect(page.getByTestId('pack-total')).toHaveText('¥225.00');
  await page.getByRole('button', { name: '立即购买' }).click();

  const dialog = page.getByRole('dialog', { name: '支付订单' });
  await expect(dialog.getByRole('alert')).toHaveText('余额不足，请先充值');
  await expect(dialog.getByRole('button', { name: '确认支付' })).toHaveCount(0);
  await snapshot(page, 'packs-pay-insufficient');
  const orderId = (await dialog.getByTestId('order-id').textContent())!;

  const refused = await trpcMutation(page.request, 'orders.pay', { id: orderId });
  expect(refused.error).toMatchObject({ message: '余额不足，请先充值', domainCode: 'BalanceInsufficient' });
  expect(await cashFen(page)).toBe(22_499);

  await dialog.getByRole('button', { name: '去充值' }).click();
  await expect(page).toHaveURL(/\/billing\/account$/);
});

test('a double-clicked 立即购买 and 确认支付 create one order and charge once', async ({ page }) => {
  await signUp(page);
  await topUp(page, '40000.00');
  await page.goto('/packs/buy');
  await choosePack(page, '图像标签', '1000万次', '1');
  await page.getByRole('button', { name: '立即购买' }).dblclick();
  const dialog = page.getByRole('dialog', { name: '支付订单' });
  await dialog.getByRole('button', { name: '确认支付' }).dblclick();
  await expect(page).toHaveURL(/\/packs\?tab=prepaid$/);
  await expect(page.getByTestId('packs-prepaid').getByTestId('pack-row')).toHaveCount(1);

  expect(await cashFen(page)).toBe(4_000_000 - 1_700_000);
  const orders = await trpcQuery<{ total: number; rows: Order[] }>(page.request, 'orders.list', {});
  expect(orders.data.total).toBe(1);
  const ledger = await trpcQuery<{ type: string; cashDeltaFen: number }[]>(page.request, 'account.ledgerAll');
  expect(ledger.data.filter((e) => e.type === 'pack_purchase')).toEqual([expect.objectContaining({ cashDeltaFen: -1_700_000 })]);

  await page.goto('/billing/orders');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText('已支付');
});

test('a retried request with the same key finds the same order, and paying it again charges nothing', async ({ page }) => {
  await signUp(page);
  await topUp(page, '1000.00');
  const input = { item: 'car', sizeCode: '100k', quantity: 2, idempotencyKey: `retry-${Date.now()}-attempt` };
  const [a, b] = await Promise.all([
    trpcMutation<Order>(page.request, 'orders.create', input),
    trpcMutation<Order>(page.request, 'orders.create', input),
  ]);
  expect(a.data.id).toBe(b.data.id);
  expect(a.data.amountFen).toBe(54_000);
  const paid = await Promise.all([
    trpcMutation<Order>(page.request, 'orders.pay', { id: a.data.id }),
    trpcMutation<Order>(page.request, 'orders.pay', { id: a.data.id }),
  ]);
  expect(paid.map((p) => p.data.status)).toEqual(['paid', 'paid']);
  expect(await cashFen(page)).toBe(100_000 - 54_000);
  const again = await trpcMutation<Order>(page.request, 'orders.pay', { id: a.data.id });
  expect(again.data.status).toBe('paid');
  expect(await cashFen(page)).toBe(46_000);
});

test('an unused pack is refunded within 7 days and the money returns to the balance', async ({ page }) => {
  await signUp(page);
  await topUp(page, '1000.00');
  const order = await trpcMutation<Order>(page.request, 'orders.create', {
    item: 'label',
    sizeCode: '100k',
    quantity: 1,
    idempotencyKey: `refund-${Date.now()}-attempt`,
  });
  await trpcMutation(page.request, 'orders.pay', { id: order.data.id });
  expect(await cashFen(page)).toBe(77_500);

  await page.goto('/packs?tab=prepaid');
  const row = page.getByTestId('packs-prepaid').getByTestId('pack-row');
  await row.getByRole('button', { name: '退款' }).click();
  const dialog = page.getByRole('dialog', { name: '确认退款' });
  await expect(dialog).toContainText('¥225.00');
  await dialog.getByRole('button', { name: '确认退款' }).click();
  await expect(page.getByText('退款成功，¥225.00 已退回账户余额')).toBeVisible();
  await expect(row).toContainText('已退款');
  await expect(row.getByRole('button', { name: '退款' })).toHaveCount(0);
  expect(await cashFen(page)).toBe(100_000);

  // the status filter
  await page.getByLabel('状态').selectOption('active');
  await expect(row).toHaveCount(0);
  await page.getByLabel('状态').selectOption('refunded');
  await expect(row).toHaveCount(1);
});

test.describe('during the public beta', () => {
  test.use({ variant: 'beta' });

  test('packs cannot be bought: the page says so and the server refuses', async ({ page }) => {
    await signUp(page);
    await page.goto('/packs/buy');
    await expect(page.getByText('公测期间暂不支持购买资源包', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: '立即购买' })).toBeDisabled();
    await snapshot(page, 'packs-buy-beta');

    const refused = await trpcMutation(page.request, 'orders.create', {
      item: 'label',
      sizeCode: '10m',
      quantity: 1,
      idempotencyKey: `beta-${Date.now()}-attempt`,
    });
    expect(refused.status).toBe(412);
    expect(refused.error).toMatchObject({ message: '公测期间暂不支持购买资源包', domainCode: 'BetaNoPacks' });
  });
});
