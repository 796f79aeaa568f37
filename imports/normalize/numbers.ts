/**
 * Numbers as people type them: `¥1,234.50`, `１２３`, `1,234.5元`, `(120.00)` (negative), `-5`, `1.2E+3`.
 * Cells that are already numbers pass through.
 */
import { isDateCell, isErrorCell, type Cell } from '../readers/cells';
import { normError, shown, type NormResult } from './messages';
import { toHalfWidth } from './width';

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** Text → number, or undefined. Currency marks (¥ ￥ RMB CNY 元), spaces and thousands separators are dropped. */
export function parseNumberText(raw: string): number | undefined {
  let s = toHalfWidth(raw).trim().replace(/[\s\u00a0]+/g, '');
  if (!s) return undefined;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) { negative = true; s = paren[1]; }
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

function numberOf(cell: Cell): NormResult<number | null> | undefined {
  if (cell === null) return { value: null };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell } : undefined;
  if (typeof cell === 'string') {
    if (cell.trim() === '') return { value: null };
    const n = parseNumberText(cell);
    return n === undefined ? undefined : { value: n };
  }
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  return undefined;
}

const shownCell = (cell: Cell) => shown(isDateCell(cell) ? cell.date : typeof cell === 'object' && cell ? JSON.stringify(cell) : String(cell));

export function parseNumber(cell: Cell): NormResult<number | null> {
  return numberOf(cell) ?? normError('not_number', { value: shownCell(cell) });
}

/** Rounded to cents (half away from zero, without binary-fraction surprises such as 1.005 → 1.00). */
export function roundMoney(n: number): number {
  const r = Math.round(Math.abs(n) * 100 + 1e-7) / 100;
  return n < 0 ? -r : r;
}

export function parseMoney(cell: Cell): NormResult<number | null> {
  const r = numberOf(cell);
  if (!r) return normError('not_money', { value: shownCell(cell) });
  if ('error' in r || r.value === null) return r;
  return { value: roundMoney(r.value) };
}

export function parseInteger(cell: Cell): NormResult<number | null> {
  const r = numberOf(cell);
  if (!r) return normError('not_integer', { value: shownCell(cell) });
  if ('error' in r || r.value === null) return r;
  // 12.0000000001 from float arithmetic in a formula is still 12
  const rounded = Math.round(r.value);
  if (Math.abs(r.value - rounded) > 1e-9) return normError('not_integer', { value: shownCell(cell) });
  return { value: rounded };
}
