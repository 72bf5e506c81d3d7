import { expect, type Page } from '@playwright/test';
import { trpcMutation } from './trpc-call';

// Money moves a spec sets up outside the page under test, through the console's own
// procedures with the page's session (what 账户 and 购买资源包 do when clicked).

/** A sandbox top-up of `amount` 元 ("1000.00"). */
export async function topUp(page: Page, amount: string): Promise<void> {
  const res = await trpcMutation(page.request, 'account.topUp', { amount, idempotencyKey: `e2e-topup-${Date.now()}-${Math.random()}` });
  expect(res.error).toBeNull();
}

/** Creates and pays one order of `quantity` packs. */
export async function buyPacks(page: Page, item: string, sizeCode: '100k' | '1m' | '10m', quantity = 1): Promise<void> {
  const order = await trpcMutation<{ id: string }>(page.request, 'orders.create', { item, sizeCode, quantity, idempotencyKey: `e2e-order-${Date.now()}-${Math.random()}` });
  expect(order.error).toBeNull();
  expect((await trpcMutation(page.request, 'orders.pay', { id: order.data.id })).error).toBeNull();
}
