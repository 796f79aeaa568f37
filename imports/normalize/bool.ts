/** Yes/no cells: 是/否, Y/N, yes/no, true/false, √/×, ✓/✗, 1/0, 有/无, and Excel's TRUE/FALSE. */
import { isErrorCell, type Cell } from '../../schema/files/cells';
import { type Invalid, normError, shown, wrap, type NormResult } from './messages';
import { toHalfWidth } from './width';

const YES = new Set(['是', 'y', 'yes', 'true', 't', '1', '√', '✓', '✔', '有', '对', '已', 'on']);
const NO = new Set(['否', 'n', 'no', 'false', 'f', '0', '×', 'x', '✗', '✘', '无', '没有', '错', '未', 'off']);

export function boolRaw(cell: Cell): boolean | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : normError('not_bool', { value: cell });
  if (typeof cell === 'string') {
    if (cell === '是') return true;
    if (cell === '否') return false;
    const s = toHalfWidth(cell).trim().toLowerCase();
    if (s === '') return null;
    if (YES.has(s)) return true;
    if (NO.has(s)) return false;
    return normError('not_bool', { value: shown(cell) });
  }
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  return normError('not_bool', { value: shown(cell.date) });
}

export const parseBool = (cell: Cell): NormResult<boolean | null> => wrap(boolRaw(cell));
