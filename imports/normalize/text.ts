/**
 * Text and identifier cells. Identifiers (batch numbers, approval numbers, codes) stay text exactly as
 * shown: `00123` keeps its zeros, a number read from XLSX comes back without `.0` or an exponent, and
 * full-width digits/letters become half-width. Names keep their full-width punctuation (（湖北）).
 */
import { cellText, isDateCell, isErrorCell, isWhiteSpaceCode, numberText, type Cell } from '../../schema/files/cells';
import { type Invalid, normError, wrap, type NormResult } from './messages';
import { alnumToHalfWidth, cleanText } from './width';

/** CR or a zero-width character anywhere (a loop: cheaper than a regular expression on short cells) */
function needsCleaning(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13 || (c >= 0x200b && (c <= 0x200d || c === 0xfeff))) return true;
  }
  return false;
}

export function textRaw(cell: Cell, code = false): string | null | Invalid {
  if (cell === null) return null;
  let s: string;
  if (typeof cell === 'string') s = cell;
  else if (typeof cell === 'number') s = numberText(cell);
  else if (typeof cell === 'boolean') s = cell ? '是' : '否';
  else if (isDateCell(cell)) s = cellText(cell);
  else if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  else return null;
  if (needsCleaning(s)) s = cleanText(s.replace(/\r\n?/g, '\n'));
  else if (s.length && (isWhiteSpaceCode(s.charCodeAt(0)) || isWhiteSpaceCode(s.charCodeAt(s.length - 1)))) s = s.trim();
  if (code) {
    s = alnumToHalfWidth(s);
    if (s.indexOf('\n') >= 0) s = s.replace(/\s*\n\s*/g, '');
  }
  return s === '' ? null : s;
}

/** An identifier as text (batch `00123`, approval number, invoice number …). */
export const parseCode = (cell: Cell): NormResult<string | null> => wrap(textRaw(cell, true));
