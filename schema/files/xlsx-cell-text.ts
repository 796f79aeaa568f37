/** Small text readers for the worksheet scanner: attribute values and `t="d"` cells, read in place. */
import type { Cell } from './cells';

/** `t="d"` cells hold an ISO 8601 date or date-time. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const DAY_MS = 86_400_000;

export function isoDateCell(v: string): Cell {
  const m = ISO_DATE.exec(v.trim());
  if (!m) return v.trim() || null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const secs = m[4] ? +m[4] * 3600 + +m[5] * 60 + +(m[6] ?? 0) : 0;
  const cell: { date: string; time?: string; serial: number } = {
    date: `${m[1]}-${m[2]}-${m[3]}`,
    serial: (t - Date.UTC(1899, 11, 30)) / DAY_MS + secs / 86400,
  };
  if (secs) cell.time = `${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  return cell;
}

/** Column of a cell reference such as "AB12" read straight from the text ("AB" → 27); -1 if none. */
export function colFrom(s: string, a: number, b: number): number {
  let n = 0;
  let i = a;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === a ? -1 : n - 1;
}

/** Digits at [a, b) as an integer (stops at the first non-digit). */
export function intFrom(s: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return n;
    n = n * 10 + c;
  }
  return n;
}

/** The cell type attribute as one of the constant strings value() switches on. */
export function typeName(s: string, a: number, b: number): string {
  const len = b - a;
  const c = s.charCodeAt(a);
  if (len === 1) return c === 115 ? 's' : c === 110 ? 'n' : c === 98 ? 'b' : c === 101 ? 'e' : c === 100 ? 'd' : s.slice(a, b);
  if (len === 3 && s.startsWith('str', a)) return 'str';
  if (len === 9 && s.startsWith('inlineStr', a)) return 'inlineStr';
  return s.slice(a, b);
}
