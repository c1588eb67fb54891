import type { Cell, TableSpec } from './components/model';

/**
 * RFC 4180 CSV: fields with a comma, double quote, CR or LF are quoted and their quotes
 * doubled; records end with CRLF. Text that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR; member names come from forums) gets a leading
 * apostrophe (OWASP's advice); numbers stay numbers, null is an empty field.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  const field = (v: Cell): string => {
    if (v === null) return '';
    let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + (rows.length ? '\r\n' : '');
}

/** A table as CSV: its column headings, then the raw cells. */
export const tableCsv = (table: TableSpec) => toCsv([table.columns.map((c) => c.label), ...table.rows]);

/** Saves a table as `<id>-<date>.csv`, with a byte-order mark so spreadsheets read Chinese as UTF-8. */
export function downloadCsv(table: TableSpec, date = new Date()): string {
  const name = `community-pulse-${table.id}-${date.toISOString().slice(0, 10)}.csv`;
  const url = URL.createObjectURL(new Blob(['\uFEFF', tableCsv(table)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
