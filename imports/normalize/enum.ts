/**
 * Enum cells → the English key the API stores: by Chinese label (each part of a label such as 待验/暂停
 * counts), English key or English label; case-, width- and space-insensitive.
 */
import type { EnumDef } from '../../schema/enums';
import { cellText, isErrorCell, type Cell } from '../../schema/files/cells';
import { type Invalid, normError, shown, wrap, type NormResult } from './messages';
import { toHalfWidth } from './width';

export const enumToken = (s: string) => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

const cache = new WeakMap<EnumDef, Map<string, string>>();

/** token → key for every way a value of `def` may be written */
export function enumLookup(def: EnumDef): Map<string, string> {
  let m = cache.get(def);
  if (m) return m;
  m = new Map();
  for (const key of def.values) {
    const [zh, en] = def.labels[key];
    for (const form of [zh, ...zh.split('/'), key, en]) {
      const t = enumToken(form);
      if (t && !m.has(t)) m.set(t, key);
    }
  }
  cache.set(def, m);
  return m;
}

export function enumOptions(def: EnumDef): string {
  return def.values.map((k) => def.labels[k][0]).join('、');
}

export function enumRaw(cell: Cell, def: EnumDef): string | null | Invalid {
  if (cell === null) return null;
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  const lookup = enumLookup(def);
  if (typeof cell === 'string') {
    const exact = lookup.get(cell);
    if (exact !== undefined) return exact;
  }
  const text = cellText(cell);
  const t = enumToken(text);
  if (!t) return null;
  const key = lookup.get(t);
  return key !== undefined ? key : normError('not_enum', { value: shown(text), options: enumOptions(def) });
}

export const parseEnum = (cell: Cell, def: EnumDef): NormResult<string | null> => wrap(enumRaw(cell, def));
