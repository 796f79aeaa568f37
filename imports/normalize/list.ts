/**
 * List cells: `中成药、化学药制剂，抗生素制剂` → ['中成药', '化学药制剂', '抗生素制剂'], split on 、，,;；/ and
 * line breaks. Vocabulary items or enum labels that contain a separator themselves (蛋白同化制剂/肽类激素,
 * 待验/暂停) are recognised before splitting. Items of an enum list become keys; vocabulary items are checked.
 */
import type { EnumDef } from '../../schema/enums';
import { splitListText } from '../../schema/text/list';
import { cellText, isErrorCell, type Cell } from '../../schema/files/cells';
import { enumLookup, enumOptions, enumToken } from './enum';
import { type Invalid, normError, shown, wrap, type NormResult } from './messages';
import { toHalfWidth } from './width';

export interface ListOptions {
  enum?: EnumDef;
  vocabulary?: readonly string[];
}

export function listRaw(cell: Cell, opts: ListOptions = {}): string[] | Invalid {
  if (cell === null) return [];
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  const text = toHalfWidth(cellText(cell)).replace(/\u3000/g, ' ');
  const enumLabels = opts.enum ? opts.enum.values.map((k) => opts.enum!.labels[k][0]) : [];
  const items = splitListText(text, [...(opts.vocabulary ?? []), ...enumLabels]);
  const out: string[] = [];
  for (const item of items) {
    let v = item;
    if (opts.enum) {
      const key = enumLookup(opts.enum).get(enumToken(item));
      if (key === undefined) return normError('not_enum', { value: shown(item), options: enumOptions(opts.enum) });
      v = key;
    } else if (opts.vocabulary) {
      const hit = opts.vocabulary.find((w) => enumToken(w) === enumToken(item));
      if (!hit) return normError('not_in_vocabulary', { value: shown(item) });
      v = hit;
    }
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

export const parseList = (cell: Cell, opts: ListOptions = {}): NormResult<string[]> => wrap(listRaw(cell, opts));
