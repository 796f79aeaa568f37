/**
 * Text and identifier cells. Identifiers (batch numbers, approval numbers, codes) stay text exactly as
 * shown: `00123` keeps its zeros, a number read from XLSX comes back without `.0` or an exponent, and
 * full-width digits/letters become half-width. Names keep their full-width punctuation (（湖北）).
 */
import { cellText, isDateCell, isErrorCell, numberText, type Cell } from '../readers/cells';
import { normError, type NormResult } from './messages';
import { alnumToHalfWidth, cleanText } from './width';

export interface TextOptions {
  /** an identifier: full-width alphanumerics → half-width, inner line breaks removed */
  code?: boolean;
}

export function parseText(cell: Cell, opts: TextOptions = {}): NormResult<string | null> {
  if (cell === null) return { value: null };
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  let s: string;
  if (typeof cell === 'number') s = numberText(cell);
  else if (typeof cell === 'string') s = cell;
  else if (isDateCell(cell)) s = cellText(cell);
  else s = cell ? '是' : '否';
  s = cleanText(s.replace(/\r\n?/g, '\n'));
  if (opts.code) s = alnumToHalfWidth(s).replace(/\s*\n\s*/g, '');
  return { value: s === '' ? null : s };
}

/** An identifier as text (batch `00123`, approval number, invoice number …). */
export function parseCode(cell: Cell): NormResult<string | null> {
  return parseText(cell, { code: true });
}
