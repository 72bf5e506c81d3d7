// RFC 4180 CSV with a UTF-8 BOM, so Excel opens the Chinese headers correctly.
export type CsvCell = string | number | null | undefined;

function escapeCell(cell: CsvCell): string {
  const s = cell === null || cell === undefined ? '' : String(cell);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; quote-prefix it.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(escapeCell).join(',')).join('\r\n')}\r\n`;
}
