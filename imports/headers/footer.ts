/**
 * Rows that are not records: 合计/总计/小计 footers (the word in one of the first non-empty cells), the header
 * repeated on every printed page, and the sign-off notes under a total (制表人：… 审核：…).
 */
import { cellText, isBlank, type Cell } from '../../schema/files/cells';
import { toHalfWidth } from '../normalize/width';
import { normalizeHeader } from './normalize-header';

/** the whole cell is the word, maybe with a note, a colon and an amount: 合计 / 本页合计： / 合计(元) / 合计：1,234.00 / Total */
const TOTAL = /^(?:本页|本月|本年|本期|全部|总)?(?:合计|总计|小计|累计|共计|总合计)(?:\([^)]*\))?(?:金额|数)?(?:[:：].*)?$|^(?:sub)?total\b|^sum$/i;

function firstTexts(cells: readonly Cell[], n: number): string[] {
  const out: string[] = [];
  for (const c of cells) {
    if (isBlank(c)) continue;
    out.push(toHalfWidth(cellText(c)).replace(/\s+/g, ''));
    if (out.length === n) break;
  }
  return out;
}

/** cheap pre-check: could this cell be a total label at all? */
function mayBeTotal(c: Cell): boolean {
  if (typeof c !== 'string') return false;
  if (c.indexOf('计') >= 0) return true;
  const f = c.trimStart().charCodeAt(0) | 0x20;
  return f === 0x74 /* t */ || f === 0x73 /* s */;
}

export function isFooterRow(cells: readonly Cell[]): boolean {
  let seen = 0;
  for (let i = 0; i < cells.length && seen < 3; i++) {
    const c = cells[i];
    if (isBlank(c)) continue;
    seen++;
    if (mayBeTotal(c) && TOTAL.test(toHalfWidth(c as string).replace(/\s+/g, ''))) return true;
  }
  return false;
}

export function nonBlankCount(cells: readonly Cell[]): number {
  let n = 0;
  for (const c of cells) if (!isBlank(c)) n++;
  return n;
}

/** The header as compared with later rows: raw texts and their normalised forms. */
export interface HeaderSignature {
  raw: readonly Cell[];
  norm: readonly string[];
}

export function headerSignature(header: readonly Cell[]): HeaderSignature {
  return { raw: header, norm: header.map((c) => (isBlank(c) ? '' : normalizeHeader(cellText(c)))) };
}

const sameHeaderCell = (a: Cell, i: number, h: HeaderSignature) => a === h.raw[i] || (h.norm[i] !== '' && normalizeHeader(cellText(a)) === h.norm[i]);

/** the first cell of a repeated header is a copy of the header's (a cheap test, run on every data row) */
const sameText = (a: string, b: Cell) => typeof b === 'string' && (a === b || a.trim() === b.trim());

/** Same header text in the same columns as the header row (a header repeated on each printed page). */
export function isRepeatedHeader(cells: readonly Cell[], header: HeaderSignature | readonly Cell[]): boolean {
  const h = 'norm' in header ? header : headerSignature(header);
  let same = 0;
  let nonBlank = 0;
  for (let i = 0; i < cells.length; i++) {
    const a = cells[i];
    if (isBlank(a)) continue;
    // cheap rejection on the first non-blank cell, which is what a data row differs in
    if (nonBlank === 0 && (typeof a !== 'string' || !sameText(a, h.raw[i]))) return false;
    nonBlank++;
    if (sameHeaderCell(a, i, h)) same++;
  }
  return nonBlank >= 2 && same >= nonBlank * 0.8;
}

/** A note line under a total: at most two non-empty cells, text like 制表人：张三 or 审核： */
export function isNoteRow(cells: readonly Cell[]): boolean {
  if (nonBlankCount(cells) > 2) return false;
  return firstTexts(cells, 2).some((t) => /^(?:制表|制单|填表|审核|复核|批准|负责人|经办|备注|说明|注[:：]|签字|盖章|日期)/.test(t));
}
