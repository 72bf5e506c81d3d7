'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState, type ReactNode } from 'react';
import { PayOrderDialog } from '@/components/orders/pay-order-dialog';
import { ORDER_STATUS, type Order } from '@/components/orders/order-format';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ChoiceCards } from '@/components/ui/choice-cards';
import { newAttemptKey } from '@/components/ui/attempt-key';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/components/trpc';
import { ITEM_LIST, PACK_QUANTITY_MAX, PACK_REFUND_DAYS, PACK_SIZES, PACK_VALID_MONTHS, type ItemCode, type PackSizeCode } from '@/lib/catalog';
import { formatCny, formatCnyFen } from '@/lib/money';
import { BETA_END, formatDate } from '@/lib/period';
import { packPrice } from '@/lib/pricing';

import type { PurchaseChoice } from './purchase-prefill';
import { parseQuantity, stepQuantity } from './quantity';

const PACK_ITEMS = ITEM_LIST.filter((item) => item.packGroup !== null);
const BETA_MESSAGE = '公测期间暂不支持购买资源包';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[96px_1fr] items-start gap-4 py-3">
      <span className="pt-2 text-sm text-muted">{label}</span>
      <div>{children}</div>
    </div>
  );
}

/**
 * 购买资源包: choose item, size and quantity; the price is computed here by the same
 * lib/pricing code the server charges with. 立即购买 creates the order, a second
 * confirmation pays it from the available balance.
 */
export function PackPurchasePanel({ initial }: { initial: PurchaseChoice }) {
  const trpc = useTRPC();
  const router = useRouter();
  const checkout = useQuery(trpc.orders.checkout.queryOptions());
  const [item, setItem] = useState<ItemCode>(initial.item);
  const [size, setSize] = useState<PackSizeCode>(initial.size);
  const [quantityText, setQuantityText] = useState(initial.quantity);
  const [order, setOrder] = useState<Order | null>(null);
  const [paying, setPaying] = useState(false);
  // One key per purchase attempt: a double click or a retried request finds the same
  // order; changing the choice starts a new attempt.
  const attemptKey = useRef<string | null>(null);

  const create = useMutation(
    trpc.orders.create.mutationOptions({
      onSuccess: (created) => {
        setOrder(created);
        setPaying(true);
      },
    }),
  );

  function choose(change: () => void) {
    change();
    attemptKey.current = null;
    setOrder(null);
    create.reset();
  }

  const quantity = parseQuantity(quantityText);
  const unitPrice = packPrice({ item, size }, 1);
  const total = quantity.ok ? packPrice({ item, size }, quantity.value) : null;
  const beta = checkout.data?.beta ?? false;

  function buy() {
    if (!quantity.ok) return;
    attemptKey.current ??= newAttemptKey();
    create.mutate({ item, sizeCode: size, quantity: quantity.value, idempotencyKey: attemptKey.current });
  }

  return (
    <div className="flex flex-col gap-4 p-6">
      {beta ? <Alert tone="warn">{BETA_MESSAGE}，{formatDate(BETA_END)} 起开放购买；公测期间调用免费。</Alert> : null}
      <Card title="资源包配置">
        <Row label="服务">
          <ChoiceCards
            label="服务"
            value={item}
            onChange={(v) => choose(() => setItem(v))}
            choices={PACK_ITEMS.map((i) => ({ value: i.code, label: i.name }))}
          />
        </Row>
        <Row label="资源包规格">
          <ChoiceCards
            label="资源包规格"
            value={size}
            onChange={(v) => choose(() => setSize(v))}
            choices={PACK_SIZES.map((s) => ({ value: s.code, label: s.label, hint: formatCny(packPrice({ item, size: s.code }, 1)) }))}
          />
        </Row>
        <Row label="数量">
          <div className="flex items-start gap-1">
            <Button aria-label="减少数量" className="h-9" onClick={() => choose(() => setQuantityText(stepQuantity(quantityText, -1)))}>
              −
            </Button>
            <TextField
              label="数量"
              className="w-24 [&>label]:sr-only"
              inputMode="numeric"
              value={quantityText}
              error={quantity.ok ? undefined : quantity.message}
              onChange={(e) => choose(() => setQuantityText(e.target.value))}
            />
            <Button aria-label="增加数量" className="h-9" onClick={() => choose(() => setQuantityText(stepQuantity(quantityText, 1)))}>
              +
            </Button>
            <span className="pt-2 pl-2 text-sm text-muted">个，每次最多购买 {PACK_QUANTITY_MAX} 个</span>
          </div>
        </Row>
        <Row label="有效期">
          <p className="pt-2 text-sm">
            自支付成功起 {PACK_VALID_MONTHS} 个月，到期未用完的次数作废；未使用的资源包可在购买后 {PACK_REFUND_DAYS} 天内退款。
          </p>
        </Row>
      </Card>

      {order && !paying ? (
        <Alert tone="info">
          <span className="inline-flex flex-wrap items-center gap-x-4 gap-y-1">
            <span>
              订单号 <span className="tabular">{order.id}</span>
            </span>
            <span>
              金额 <span className="tabular">{formatCnyFen(order.amountFen)}</span>
            </span>
            <Badge tone={ORDER_STATUS[order.status].tone}>{ORDER_STATUS[order.status].label}</Badge>
            <Button variant="link" onClick={() => setPaying(true)}>
              去支付
            </Button>
          </span>
        </Alert>
      ) : null}
      {create.error ? <Alert tone="error">{create.error.message}</Alert> : null}

      <Card>
        <div className="flex items-center justify-between">
          <dl className="flex items-baseline gap-8 text-sm">
            <div className="flex items-baseline gap-2">
              <dt className="text-muted">单价</dt>
              <dd data-testid="pack-unit-price" className="tabular">
                {formatCny(unitPrice)} / 个
              </dd>
            </div>
            <div className="flex items-baseline gap-2">
              <dt className="text-muted">可用余额</dt>
              <dd data-testid="pack-available" className="tabular">
                {checkout.data ? formatCnyFen(checkout.data.availableFen) : '—'}
              </dd>
            </div>
            <div className="flex items-baseline gap-2">
              <dt className="text-muted">应付金额</dt>
              <dd data-testid="pack-total" className="tabular text-2xl font-semibold text-warn">
                {total === null ? '—' : formatCny(total)}
              </dd>
            </div>
          </dl>
          <Button variant="primary" className="h-10 px-8" onClick={buy} disabled={!quantity.ok || beta || checkout.isPending || create.isPending}>
            立即购买
          </Button>
        </div>
      </Card>

      <PayOrderDialog
        key={order?.id ?? 'none'}
        order={paying ? order : null}
        onClose={() => setPaying(false)}
        onPaid={() => router.push('/packs?tab=prepaid')}
      />
    </div>
  );
}
