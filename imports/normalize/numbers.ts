/**
 * Numbers as people type them: `¥1,234.50`, `１２３`, `1,234.5元`, `(120.00)` (negative), `-5`, `1.2E+3`.
 * Cells that are already numbers pass through.
 */
import { isDateCell, isErrorCell, type Cell } from '../../schema/files/cells';
import { type Invalid, normError, shown, wrap, type NormErrorKey, type NormResult } from './messages';
import { toHalfWidth } from './width';

/** `-?digits(.digits)?` without a regular expression (the common case): the number, or undefined. */
function simpleNumber(s: string): number | undefined {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return undefined;
  let dot = false;
  let digitsAfterDot = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (dot) digitsAfterDot++;
      continue;
    }
    if (c === 46 && !dot && i > 0) {
      dot = true;
      continue;
    }
    return undefined;
  }
  if (dot && !digitsAfterDot) return undefined;
  return +s;
}
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** Text → number, or undefined. Currency marks (¥ ￥ RMB CNY 元), spaces and thousands separators are dropped. */
export function parseNumberText(raw: string): number | undefined {
  const simple = simpleNumber(raw);
  if (simple !== undefined) return simple;
  let s = toHalfWidth(raw)
    .trim()
    .replace(/[\s\u00a0]+/g, '');
  if (!s) return undefined;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = s.replace(/\u2212/g, '-'); // minus sign
  s = s.replace(/^(?:RMB|CNY|¥|￥|\$)+/i, '').replace(/(?:元|圆|RMB|CNY)$/i, '');
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') negative = !negative;
    s = s.slice(1).replace(/^(?:¥|￥)/, '');
  }
  if (s.includes(',') || s.includes('，')) {
    const t = s.replace(/，/g, ',');
    if (!GROUPED.test(t)) return undefined;
    s = t.replace(/,/g, '');
  }
  if (!PLAIN.test(s)) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) return undefined;
  return negative ? -n : n;
}

const shownCell = (cell: Cell) => shown(isDateCell(cell) ? cell.date : typeof cell === 'object' && cell ? JSON.stringify(cell) : String(cell));

function numberOf(cell: Cell, key: NormErrorKey): number | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : normError(key, { value: String(cell) });
  if (typeof cell === 'string') {
    const n = parseNumberText(cell);
    if (n !== undefined) return n;
    return cell.trim() === '' ? null : normError(key, { value: shown(cell) });
  }
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  return normError(key, { value: shownCell(cell) });
}

/** Rounded to cents (half away from zero, without binary-fraction surprises such as 1.005 → 1.00). */
export function roundMoney(n: number): number {
  const r = Math.round(Math.abs(n) * 100 + 1e-7) / 100;
  return n < 0 ? -r : r;
}

export const numberRaw = (cell: Cell): number | null | Invalid => numberOf(cell, 'not_number');

export function moneyRaw(cell: Cell): number | null | Invalid {
  const r = numberOf(cell, 'not_money');
  return typeof r === 'number' ? roundMoney(r) : r;
}

export function integerRaw(cell: Cell): number | null | Invalid {
  const r = numberOf(cell, 'not_integer');
  if (typeof r !== 'number') return r;
  // 12.0000000001 from float arithmetic in a formula is still 12
  const rounded = Math.round(r);
  return Math.abs(r - rounded) > 1e-9 ? normError('not_integer', { value: shownCell(cell) }) : rounded;
}

export const parseNumber = (cell: Cell): NormResult<number | null> => wrap(numberRaw(cell));
export const parseMoney = (cell: Cell): NormResult<number | null> => wrap(moneyRaw(cell));
export const parseInteger = (cell: Cell): NormResult<number | null> => wrap(integerRaw(cell));
