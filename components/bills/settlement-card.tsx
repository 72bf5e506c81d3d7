import type { RouterOutputs } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { formatCnyFen, type Fen } from '@/lib/money';
import { nextMonth, prevMonth } from '@/lib/period';

/** What the settlement of the month did, in the order it did it (SPEC §6). */
export function SettlementCard({ bill, estimateFen, freezeShortfallFen }: { bill: RouterOutputs['bills']['get']['bill']; estimateFen: Fen; freezeShortfallFen: Fen }) {
  return (
    <Card title="结算">
      <div className="grid grid-cols-3 gap-4">
        <div className="flex flex-col gap-1">
          <Stat label="① 解冻" testId="bill-released" value={formatCnyFen(bill.releasedFen)} />
          <span className="text-xs text-muted">释放 {prevMonth(bill.month)} 结算时冻结的预估费用</span>
        </div>
        <div className="flex flex-col gap-1">
          <Stat label="② 扣款" testId="bill-deducted" value={formatCnyFen(bill.deductedFen)} />
          <span className="text-xs text-muted">从现金余额扣除本账单应付金额</span>
        </div>
        <div className="flex flex-col gap-1">
          <Stat label="③ 冻结" testId="bill-frozen" value={formatCnyFen(bill.frozenFen)} />
          <span className="text-xs text-muted">
            {nextMonth(bill.month)} 预估费用 {formatCnyFen(estimateFen)}（本月计费调用量 × 刊例价 × 100%）
            {freezeShortfallFen > 0 ? `，可用余额不足，少冻结 ${formatCnyFen(freezeShortfallFen)}` : ''}
          </span>
        </div>
      </div>
    </Card>
  );
}
