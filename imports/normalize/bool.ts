/** Yes/no cells: 是/否, Y/N, yes/no, true/false, √/×, ✓/✗, 1/0, 有/无, and Excel's TRUE/FALSE. */
import { isErrorCell, type Cell } from '../readers/cells';
import { normError, shown, type NormResult } from './messages';
import { toHalfWidth } from './width';

const YES = new Set(['是', 'y', 'yes', 'true', 't', '1', '√', '✓', '✔', '有', '对', '已', 'on']);
const NO = new Set(['否', 'n', 'no', 'false', 'f', '0', '×', 'x', '✗', '✘', '无', '没有', '错', '未', 'off']);

export function parseBool(cell: Cell): NormResult<boolean | null> {
  if (cell === null) return { value: null };
  if (typeof cell === 'boolean') return { value: cell };
  if (typeof cell === 'number') {
    if (cell === 1) return { value: true };
    if (cell === 0) return { value: false };
    return normError('not_bool', { value: cell });
  }
  if (typeof cell === 'string') {
    const s = toHalfWidth(cell).trim().toLowerCase();
    if (s === '') return { value: null };
    if (YES.has(s)) return { value: true };
    if (NO.has(s)) return { value: false };
    return normError('not_bool', { value: shown(cell) });
  }
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  return normError('not_bool', { value: shown(cell.date) });
}
