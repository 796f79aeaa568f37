/**
 * CSV text for Excel users: UTF-8 BOM (so Excel reads Chinese), CRLF rows, RFC 4180 quoting, and
 * spreadsheet-formula escaping — a text cell starting with = + - @ tab or CR gets a leading single quote
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
  const lines = [headers, ...rows].map((cells) => cells.map(csvCell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
