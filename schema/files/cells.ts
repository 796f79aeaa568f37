/** What a reader yields: one row of typed cells, numbered as Excel shows it. */

/** A numeric cell whose number format is a date (or an ISO date cell): the calendar date, and the time if any. */
export interface DateCell {
  readonly date: string; // YYYY-MM-DD
  readonly time?: string; // HH:MM:SS, only when not midnight
  readonly serial: number;
}
/** An Excel error value (#N/A, #DIV/0!, #VALUE! …). */
export interface ErrorCell {
  readonly error: string;
}
export type Cell = string | number | boolean | DateCell | ErrorCell | null;

export interface SheetRow {
  /** 1-based row number as Excel shows it (CSV: the record number; a quoted line break stays in one row) */
  readonly row: number;
  /** cells by 0-based column; trailing empty cells may be absent, holes are null */
  readonly cells: Cell[];
}

export function isDateCell(c: Cell): c is DateCell {
  return typeof c === 'object' && c !== null && 'date' in c;
}
export function isErrorCell(c: Cell): c is ErrorCell {
  return typeof c === 'object' && c !== null && 'error' in c;
}
/** White space as String.prototype.trim() sees it. */
export function isWhiteSpaceCode(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0x80 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff);
}

export function isBlank(c: Cell | undefined): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c !== 'string') return false;
  // most cells are non-blank text: trim() only when the first character is white space
  return c.length === 0 || (isWhiteSpaceCode(c.charCodeAt(0)) && c.trim() === '');
}
/** Cell as the text a person sees (roughly): for headers, messages and rejected-row files. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return numberText(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if ('date' in c) return c.time ? `${c.date} ${c.time}` : c.date;
  return c.error;
}

/** 123 → "123", 1.2345e21 → "1234500000000000000000", 0.1 → "0.1": never ".0", never an exponent (digits as Excel would show them). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mant, expStr] = s.toLowerCase().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const m = mant.replace(/^-/, '');
  const digits = m.replace('.', '');
  const intLen = m.split('.')[0].length + exp;
  let out: string;
  if (intLen <= 0) out = `0.${'0'.repeat(-intLen)}${digits}`;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  return (neg ? '-' : '') + out;
}

/** "A" → 0, "AB" → 27. Returns -1 when `ref` does not start with letters. */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** 0 → "A", 27 → "AB". */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
