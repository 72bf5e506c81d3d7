import { BETA_FREE_LABEL, ITEM_LIST, PRICE_SCHEDULES, scheduleFor, TIER_LABELS, TIERS, type CatalogItem } from '@/lib/catalog';
import type { Month } from '@/lib/period';

/** Items grouped as the original pricing page shows them (one cell spans its group). */
function groupsOf(items: readonly CatalogItem[]) {
  const groups: { group: string; items: CatalogItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.group === item.group) last.items.push(item);
    else groups.push({ group: item.group, items: [item] });
  }
  return groups;
}

/** The price table of the original page, from the schedule in force for `month`. */
export function PriceTable({ month }: { month: Month }) {
  // During the beta nothing is charged; show the prices that start on 2019-12-01.
  const schedule = scheduleFor(month) ?? PRICE_SCHEDULES[0];
  const billable = ITEM_LIST.filter((i) => i.billable);
  const free = ITEM_LIST.filter((i) => !i.billable);
  return (
    <table data-testid="price-table" className="w-full border-collapse text-sm">
      <thead>
        <tr className="bg-page/60 text-muted">
          <th className="border border-line px-3 py-2 text-left font-normal">服务类型</th>
          <th className="border border-line px-3 py-2 text-left font-normal">月调用总量对应单价</th>
          <th className="border border-line px-3 py-2 text-left font-normal">接口</th>
          {TIERS.map((t) => (
            <th key={t} className="border border-line px-3 py-2 text-right font-normal">
              {TIER_LABELS[t]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groupsOf(billable).map(({ group, items }) =>
          items.map((item, i) => (
            <tr key={item.code} data-testid={`price-row-${item.code}`}>
              {i === 0 ? (
                <td rowSpan={items.length} className="border border-line px-3 py-2 align-middle">
                  {group}
                </td>
              ) : null}
              <td className="border border-line px-3 py-2">{item.name}</td>
              <td className="border border-line px-3 py-2 font-mono text-xs text-muted">
                {item.action}
                {item.scene ? ` (${item.scene})` : ''}
              </td>
              {schedule.prices[item.code]!.map((price, t) => (
                <td key={t} className="tabular border border-line px-3 py-2 text-right">
                  {price}元/千次
                </td>
              ))}
            </tr>
          )),
        )}
        {free.map((item) => (
          <tr key={item.code} data-testid={`price-row-${item.code}`}>
            <td className="border border-line px-3 py-2">{item.group}</td>
            <td className="border border-line px-3 py-2">{item.name}</td>
            <td className="border border-line px-3 py-2 font-mono text-xs text-muted">{item.action}</td>
            <td colSpan={TIERS.length} className="border border-line px-3 py-2 text-center text-muted">
              {BETA_FREE_LABEL}（计量、展示，不收费）
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
