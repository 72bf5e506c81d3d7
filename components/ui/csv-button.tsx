'use client';

import { toCsv, type CsvCell } from '@/lib/csv';
import { Button } from './button';

/** Builds the CSV in the browser (rows may be fetched whole, not just the page shown) and downloads it. */
export function CsvButton({ filename, header, rows, disabled }: { filename: string; header: string[]; rows: () => CsvCell[][] | Promise<CsvCell[][]>; disabled?: boolean }) {
  async function download() {
    const blob = new Blob([toCsv(header, await rows())], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <Button onClick={download} disabled={disabled}>
      导出 CSV
    </Button>
  );
}
