import { formatCny } from '@/lib/money';

/** 计费精度差异: payable − exact subtotal, signed, as exact as the line amounts ("+¥0.005"). */
export function formatPrecisionAdjustment(value: string): string {
  return formatCny(value, { minDecimals: 2, maxDecimals: 8, plusSign: true });
}

export function PrecisionAdjustment({ value, testId }: { value: string; testId?: string }) {
  return (
    <span data-testid={testId} className="tabular">
      {formatPrecisionAdjustment(value)}
    </span>
  );
}
