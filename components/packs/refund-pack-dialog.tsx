'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useTRPC } from '@/components/trpc';
import { PACK_REFUND_DAYS } from '@/lib/catalog';
import { formatCnyFen } from '@/lib/money';
import { itemName, packSizeLabel } from './pack-format';

export interface RefundablePack {
  id: number;
  item: string;
  sizeCalls: number;
  priceFen: number;
}

export function RefundPackDialog({ pack, onClose }: { pack: RefundablePack | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refund = useMutation(
    trpc.packs.refund.mutationOptions({
      onSuccess: ({ refundedFen }) => {
        toast.success(`退款成功，${formatCnyFen(refundedFen)} 已退回账户余额`);
        // The balance, the ledger and the pack list all changed.
        void queryClient.invalidateQueries();
        onClose();
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <ConfirmDialog
      open={pack !== null}
      title="确认退款"
      confirmLabel="确认退款"
      danger
      pending={refund.isPending}
      onConfirm={() => pack && refund.mutate({ packId: pack.id })}
      onCancel={onClose}
    >
      {pack ? (
        <dl className="grid grid-cols-[80px_1fr] gap-y-2">
          <dt className="text-muted">资源包</dt>
          <dd>
            {itemName(pack.item)} {packSizeLabel(pack.sizeCalls)}
          </dd>
          <dt className="text-muted">退款金额</dt>
          <dd className="tabular font-semibold">{formatCnyFen(pack.priceFen)}</dd>
          <dd className="col-span-2 text-muted">
            未使用的资源包可在购买后 {PACK_REFUND_DAYS} 天内退款，金额退回账户余额；退款后该资源包不再可用。
          </dd>
        </dl>
      ) : null}
    </ConfirmDialog>
  );
}
