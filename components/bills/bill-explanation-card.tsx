import type { RouterOutputs } from '@/components/trpc';
import { Card } from '@/components/ui/card';

type Explanation = RouterOutputs['bills']['get']['explanation'];

/**
 * 账单解读: each line in words and numbers — the month's total and the tier it reached,
 * the free and prepaid packs' calls, charged calls × unit price = the exact amount — then
 * the one rounding to the payable. Worked out on the server from the bill's own figures.
 */
export function BillExplanationCard({ explanation }: { explanation: Explanation }) {
  return (
    <Card title="账单解读">
      {explanation.lines.length === 0 ? <p className="text-sm text-muted">本月无调用。</p> : null}
      <div className="flex flex-col gap-4">
        {explanation.lines.map((line) => (
          <section key={line.item} data-testid={`bill-explain-${line.item}`} className="border-l-2 border-brand/40 pl-3">
            <h3 className="mb-1 text-sm font-semibold">{line.itemName}</h3>
            <ol className="flex flex-col gap-0.5 text-sm">
              {line.text.map((sentence, i) => (
                <li key={i} className="tabular">
                  {sentence}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
      <p data-testid="bill-explain-total" className="tabular mt-4 border-t border-line pt-3 text-sm font-medium">
        {explanation.text}
      </p>
    </Card>
  );
}
