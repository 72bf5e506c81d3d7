'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCalls } from '@/lib/money';
import type { Month } from '@/lib/period';
import { chartData, type ChartMode } from './chart-data';
import type { DailyUsageRow } from './usage-report';

// Axis ticks only: "1.2万" keeps the axis narrow; exact counts are in the tooltip and table.
const compact = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 1 });

/** Calls per day of the month as stacked bars, by item or by how they were covered. */
export function UsageChart({ rows, month, mode }: { rows: DailyUsageRow[]; month: Month; mode: ChartMode }) {
  const { data, series } = chartData(rows, month, mode);
  // recharts sorts legend and tooltip entries by name unless told otherwise; keep catalog order.
  const rank = (item: { dataKey?: unknown }) => series.findIndex((s) => s.key === item.dataKey);
  return (
    <div data-testid="usage-chart" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e5e8ee" />
          <XAxis dataKey="day" tickFormatter={(day: string) => `${Number(day.slice(8))}日`} tick={{ fontSize: 12, fill: '#6b7280' }} tickLine={false} axisLine={{ stroke: '#e5e8ee' }} />
          <YAxis tickFormatter={(n: number) => compact.format(n)} tick={{ fontSize: 12, fill: '#6b7280' }} tickLine={false} axisLine={false} width={56} />
          <Tooltip
            cursor={{ fill: 'rgba(0, 110, 255, 0.06)' }}
            labelFormatter={(day) => `日期：${String(day)}`}
            formatter={(value, name) => [`${formatCalls(Number(value))} 次`, name]}
            itemSorter={rank}
            contentStyle={{ borderRadius: 0, borderColor: '#e5e8ee', fontSize: 12 }}
          />
          <Legend iconType="square" itemSorter={rank} wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="calls" fill={s.color} maxBarSize={28} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
