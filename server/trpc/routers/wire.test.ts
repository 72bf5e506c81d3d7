import { describe, expect, it, vi } from 'vitest';
import { transaction } from '@/db/kernel/transaction';
import { openTestDb } from '@/db/testing';
import { allocateCalls, FREE_PACK_ITEMS } from '@/server/billing';
import { initClock } from '@/server/clock/app-clock';
import { notify } from '@/server/notifications';
import { at, createTestAccount } from '@/server/testing/fixtures';
import { callerFor, trpcOutcome } from '../test-caller';

vi.mock('server-only', () => ({}));
vi.stubEnv('APP_SECRET', 'wire-test-secret');

const keys = (row: object) => Object.keys(row).sort();

/** A customer on 5 December 2019 (after the beta) with ¥1,000.00, one paid pack, a key and a message. */
async function customer() {
  const db = await openTestDb();
  await initClock(db, { sandbox: true, start: at('2019-12-05T10:00:00+08:00') });
  const account = await createTestAccount(db);
  const api = callerFor(db, { userId: account.userId, accountId: account.id });
  await api.product.activate();
  await api.account.topUp({ amount: '1000', idempotencyKey: 'top-up-0001' });
  const order = await api.orders.create({ item: 'label', sizeCode: '100k', quantity: 1, idempotencyKey: 'order-attempt-0001' });
  await api.orders.pay({ id: order.id });
  await api.apiKeys.create();
  await transaction(db, (tx) => notify(tx, { accountId: account.id, kind: 'bill_issued', title: 't', body: 'b', dedupeKey: 'k', now: at('2019-12-05 11:00') }));
  return { db, account, api };
}

describe('what procedures send the browser: exactly what the pages show', () => {
  it('orders, packs, keys, ledger entries and messages carry no account id, idempotency key or internal column', async () => {
    const { api } = await customer();
    const orders = await api.orders.list({ page: 1, pageSize: 20 });
    expect(keys(orders.rows[0])).toEqual(['amountFen', 'createdAt', 'expiresAt', 'id', 'item', 'quantity', 'sizeCode', 'status']);
    expect(orders.rows[0]).toMatchObject({ item: 'label', sizeCode: '100k', quantity: 1, amountFen: 22_500, status: 'paid' });

    const packs = await api.packs.list();
    const prepaid = packs.find((p) => p.kind === 'prepaid')!;
    expect(keys(prepaid)).toEqual(
      ['id', 'item', 'kind', 'priceFen', 'refundable', 'remainingCalls', 'sizeCalls', 'status', 'statusLabel', 'usedCalls', 'validFrom', 'validUntil'].sort(),
    );
    expect(prepaid).toMatchObject({ sizeCalls: 100_000, remainingCalls: 100_000, priceFen: 22_500, status: 'active', statusLabel: '有效', refundable: true });

    const { keys: apiKeys } = await api.apiKeys.list();
    expect(keys(apiKeys[0])).toEqual(['createdAt', 'id', 'lastUsedAt', 'secretId', 'status']);

    const ledger = await api.account.ledger({ page: 1, pageSize: 20 });
    expect(ledger.rows.map((e) => [e.type, e.cashDeltaFen])).toEqual([
      ['pack_purchase', -22_500],
      ['topup', 100_000],
    ]);
    for (const e of [...ledger.rows, ...(await api.account.ledgerAll())]) {
      expect(keys(e)).toEqual(['cashAfterFen', 'cashDeltaFen', 'createdAt', 'frozenAfterFen', 'frozenDeltaFen', 'id', 'note', 'type']);
    }

    const messages = await api.notifications.list({ page: 1, pageSize: 20 });
    expect(keys(messages.rows[0])).toEqual(['body', 'createdAt', 'id', 'kind', 'readAt', 'title']);
  });

  it('概览 and 图像分析 read the account, the month and the free packs at once', async () => {
    const { api } = await customer();
    expect(await api.overview.state()).toMatchObject({ cashFen: 77_500, frozenFen: 0, availableFen: 77_500, month: '2019-12', monthCalls: 0, monthEstimateFen: 0, unread: 1 });
    const product = await api.product.state();
    expect(keys(product)).toEqual(['activatedAt', 'beta', 'freePacks', 'inArrears', 'now', 'qps']);
    expect(product.freePacks).toHaveLength(FREE_PACK_ITEMS.length);
    expect(keys(product.freePacks[0])).toEqual(['item', 'sizeCalls', 'usedCalls']);
  });

  it('a bill carries its standing, not its account or status', async () => {
    const { db, account, api } = await customer();
    // 10,000 free + 10,000 charged 图像鉴黄 calls × ¥0.002 = ¥20.00, paid from cash.
    await allocateCalls(db, { accountId: account.id, item: 'porn', count: 20_000, at: at('2019-12-10') });
    await callerFor(db, { userId: account.userId, accountId: account.id, isOperator: true }).clock.advance({ to: '2020-01-01T02:00:00+08:00' }); // only an operator moves the clock; the scheduler issues December's bill
    const [bill] = await api.bills.list();
    expect(keys(bill)).toEqual(
      ['deductedFen', 'frozenFen', 'id', 'issuedAt', 'month', 'payableFen', 'precisionAdjustment', 'releasedFen', 'settledAt', 'standing', 'subtotal'].sort(),
    );
    expect(bill).toMatchObject({ month: '2019-12', payableFen: 2_000, deductedFen: 2_000, standing: 'settled' });
    const detail = await api.bills.get({ id: String(bill.id) });
    expect(keys(detail)).toEqual(['bill', 'estimateFen', 'explanation', 'freezeShortfallFen', 'lines']);
    expect(detail.lines.map(keys)).toEqual([['amount', 'chargedCalls', 'freeCalls', 'item', 'packCalls', 'tier', 'totalCalls', 'unitPrice']]);
  });
});

describe("another account's rows are NOT_FOUND (db/not-found.ts)", () => {
  it('a bill, an order or a message of another account, or no such row, answers NOT_FOUND and changes nothing', async () => {
    const { db, api } = await customer();
    const other = await createTestAccount(db);
    const theirs = callerFor(db, { userId: other.userId, accountId: other.id });
    const [mine] = (await api.orders.list({ page: 1, pageSize: 20 })).rows;
    const [message] = (await api.notifications.list({ page: 1, pageSize: 20 })).rows;

    expect(await trpcOutcome(theirs.orders.get({ id: mine.id }))).toBe('NOT_FOUND: 订单不存在');
    expect(await trpcOutcome(theirs.notifications.markRead({ id: message.id }))).toBe('NOT_FOUND: 消息不存在');
    expect(await trpcOutcome(api.bills.get({ id: 'abc' }))).toBe('NOT_FOUND: 账单不存在');
    expect(await trpcOutcome(api.bills.get({ id: '999' }))).toBe('NOT_FOUND: 账单不存在');
    expect(await api.notifications.unreadCount()).toBe(1);
  });
});
