/** How much of a pack is used, as a thin bar with the percentage. */
export function UsageBar({ used, size }: { used: number; size: number }) {
  // A share of calls, not money: float arithmetic is fine here.
  const percent = size > 0 ? Math.min(100, Math.round((used / size) * 1000) / 10) : 0;
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label="使用进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 w-24 bg-page"
      >
        <div className={`h-full ${percent >= 80 ? 'bg-warn' : 'bg-brand'}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="tabular w-12 text-xs text-muted">{percent}%</span>
    </div>
  );
}
