import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { RouterOutputs } from '@/components/trpc';

type BillStanding = RouterOutputs['bills']['list'][number]['standing'];

const STANDINGS: Record<BillStanding, { label: string; tone: BadgeTone }> = {
  settled: { label: '已结清', tone: 'success' },
  arrears: { label: '欠费', tone: 'danger' },
  pending: { label: '待结算', tone: 'warn' },
};

export function billStandingLabel(standing: BillStanding): string {
  return STANDINGS[standing].label;
}

export function BillStandingBadge({ standing }: { standing: BillStanding }) {
  const { label, tone } = STANDINGS[standing];
  return (
    <Badge tone={tone} testId="bill-standing">
      {label}
    </Badge>
  );
}
