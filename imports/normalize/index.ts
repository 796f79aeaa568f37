/**
 * One call per cell: the field's kind decides the normaliser. Every normaliser returns `{ value }` or
 * `{ error: { zh, en } }`; an empty cell is `{ value: null }` (`[]` for lists). The values are what the
 * API takes (DESIGN.md): dates 'YYYY-MM-DD', enums as English keys, booleans, lists as arrays, money as
 * numbers; references stay text (the natural key, resolved later).
 */
import type { FieldKind } from '../../schema/define';
import type { EnumDef } from '../../schema/enums';
import type { Cell } from '../../schema/files/cells';
import { boolRaw } from './bool';
import { dateRaw, dateTimeRaw, type DateOptions } from './dates';
import { enumRaw } from './enum';
import { listRaw } from './list';
import { isWellFormed, toWellFormed } from '../../schema/unicode';
import { normError, shown, wrap, type Invalid, type NormResult } from './messages';
import { integerRaw, moneyRaw, numberRaw } from './numbers';
import { textRaw } from './text';

export { parseBool } from './bool';
export { excelSerialToDate, parseDate, parseDateTime, type DateOptions } from './dates';
export { parseEnum } from './enum';
export { parseList } from './list';
export { Invalid, type NormResult } from './messages';
export { parseInteger, parseMoney, parseNumber } from './numbers';
export { parseCode } from './text';
export { toHalfWidth } from './width';

/** What a normaliser needs to know about a field (an ImportField or a registry FieldSpec fits). */
export interface NormalizableField {
  kind: FieldKind;
  enum?: EnumDef;
  vocabulary?: readonly string[];
  /** identifiers kept as text with half-width alphanumerics */
  code?: boolean;
}

export type NormalizeOptions = DateOptions;

/** The value, or an Invalid carrying the reason (no wrapper object per cell: the importer's hot path). */
export function normalizeValue(field: NormalizableField, cell: Cell, opts: NormalizeOptions = {}): unknown | Invalid {
  // A lone surrogate cannot be stored as written (it would become U+FFFD): the cell is refused, shown with U+FFFD.
  if (typeof cell === 'string' && !isWellFormed(cell)) return normError('ill_formed_text', { value: shown(toWellFormed(cell)) });
  switch (field.kind) {
    case 'date':
      return dateRaw(cell, opts);
    case 'datetime':
      return dateTimeRaw(cell, opts);
    case 'money':
      return moneyRaw(cell);
    case 'number':
      return numberRaw(cell);
    case 'int':
      return integerRaw(cell);
    case 'bool':
      return boolRaw(cell);
    case 'enum':
      return enumRaw(cell, field.enum!);
    case 'list':
      return listRaw(cell, { enum: field.enum, vocabulary: field.vocabulary });
    case 'json':
      return cell;
    default:
      return textRaw(cell, !!field.code); // text, textarea, ref (the natural key as text)
  }
}

export function normalizeCell(field: NormalizableField, cell: Cell, opts: NormalizeOptions = {}): NormResult<unknown> {
  return wrap(normalizeValue(field, cell, opts));
}
