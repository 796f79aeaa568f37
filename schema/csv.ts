/**
 * CSV for Excel users, one module for the web's export of selected rows (web/src/generic/exporter.ts) and
 * the server's streamed export of a whole list (server/crud/export-csv.ts): UTF-8 BOM (so Excel reads
 * Chinese), CRLF rows, RFC 4180 quoting, and spreadsheet-formula escaping — a text cell starting with = + - @ tab or CR gets a leading single quote
 * so a customer name like "=HYPERLINK(...)" stays text.
 */
export const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are data, never formulas: a negative amount stays a number.
  const text = typeof value === 'string' ? escapeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: string[], rows: unknown[][]): string {
  return BOM + [headers, ...rows].map(csvLine).join('');
}

/** One CSV row (CRLF-terminated). */
export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** How the export writes a value of each field kind; the caller labels enum options and references. */
export interface CellHelpers {
  lang: 'zh' | 'en';
  option(value: unknown): string;
  reference(value: unknown): unknown;
}
export function exportCell(kind: string, value: unknown, h: CellHelpers): unknown {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'enum':
      return h.option(value);
    case 'list':
      return (Array.isArray(value) ? value : [value]).map((v) => h.option(v)).join('、');
    case 'ref':
      return h.reference(value);
    case 'bool':
      return value ? (h.lang === 'en' ? 'Yes' : '是') : h.lang === 'en' ? 'No' : '否';
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

/** How a referenced record reads in an export (its resource's `display` fields joined with a space; `#id`). */
export function displayText(display: readonly string[], record: Record<string, unknown> | undefined, id: unknown): unknown {
  if (!record) return id;
  const keys = display.length ? display : ['id'];
  const text = keys
    .filter((k) => record[k] !== null && record[k] !== undefined && record[k] !== '')
    .map((k) => (k === 'id' ? `#${record.id}` : record[k]))
    .join(' ');
  return text || `#${record.id}`;
}
