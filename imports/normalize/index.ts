/**
 * One call per cell: the field's kind decides the normaliser. Every normaliser returns `{ value }` or
 * `{ error: { zh, en } }`; an empty cell is `{ value: null }` (`[]` for lists). The values are what the
 * API takes (DESIGN.md): dates 'YYYY-MM-DD', enums as English keys, booleans, lists as arrays, money as
 * numbers; references stay text (the natural key, resolved later).
 */
import type { FieldKind } from '../../schema/define';
import type { EnumDef } from '../../schema/enums';
import type { Cell } from '../readers/cells';
import { parseBool } from './bool';
import { parseDate, parseDateTime, type DateOptions } from './dates';
import { parseEnum } from './enum';
import { parseList } from './list';
import type { NormResult } from './messages';
import { parseInteger, parseMoney, parseNumber } from './numbers';
import { parseText } from './text';

export { parseBool } from './bool';
export { excelSerialToDate, parseDate, parseDateText, parseDateTime, type DateOptions, type DateParts } from './dates';
export { parseEnum } from './enum';
export { parseList, splitList } from './list';
export { normError, type NormError, type NormResult } from './messages';
export { parseInteger, parseMoney, parseNumber, parseNumberText, roundMoney } from './numbers';
export { parseCode, parseText } from './text';
export { alnumToHalfWidth, toHalfWidth } from './width';

/** What a normaliser needs to know about a field (an ImportField or a registry FieldSpec fits). */
export interface NormalizableField {
  kind: FieldKind;
  enum?: EnumDef;
  vocabulary?: readonly string[];
  /** identifiers kept as text with half-width alphanumerics */
  code?: boolean;
}

export type NormalizeOptions = DateOptions;

export function normalizeCell(field: NormalizableField, cell: Cell, opts: NormalizeOptions = {}): NormResult<unknown> {
  switch (field.kind) {
    case 'date': return parseDate(cell, opts);
    case 'datetime': return parseDateTime(cell, opts);
    case 'money': return parseMoney(cell);
    case 'number': return parseNumber(cell);
    case 'int': return parseInteger(cell);
    case 'bool': return parseBool(cell);
    case 'enum': return parseEnum(cell, field.enum!);
    case 'list': return parseList(cell, { enum: field.enum, vocabulary: field.vocabulary });
    case 'ref': return parseText(cell, { code: field.code });
    case 'json': return { value: cell };
    default: return parseText(cell, { code: field.code });
  }
}
