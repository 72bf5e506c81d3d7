import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  className?: string;
}

const ALIGN = { left: 'text-left', right: 'text-right', center: 'text-center' } as const;

/** The console's one table: header row, rows, and an empty state instead of a blank box. */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  empty = '暂无数据',
  testId,
  rowTestId,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: (row: T) => string;
}) {
  // A wide table (ids side by side) scrolls inside its card instead of spilling out of it.
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-line bg-page/60 text-muted">
            {columns.map((c) => (
              <th key={c.key} className={`px-3 py-2 font-normal whitespace-nowrap ${ALIGN[c.align ?? 'left']}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-10 text-center text-muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} data-testid={rowTestId?.(row)} className="border-b border-line hover:bg-page/40">
                {columns.map((c) => (
                  <td key={c.key} className={`px-3 py-2.5 ${ALIGN[c.align ?? 'left']} ${c.align === 'right' ? 'tabular' : ''} ${c.className ?? ''}`}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
