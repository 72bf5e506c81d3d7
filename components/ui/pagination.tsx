'use client';

import { Button } from './button';

export function Pagination({ page, pageSize, total, onChange }: { page: number; pageSize: number; total: number; onChange: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="flex items-center justify-end gap-3 py-3 text-sm text-muted">
      <span>共 {total} 条</span>
      <Button onClick={() => onChange(page - 1)} disabled={page <= 1}>
        上一页
      </Button>
      <span className="tabular">
        {page} / {pages}
      </span>
      <Button onClick={() => onChange(page + 1)} disabled={page >= pages}>
        下一页
      </Button>
    </div>
  );
}
