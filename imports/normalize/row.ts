/** Normalises every mapped value of a row; errors are collected per field, the row is never cut short. */
import type { Cell } from '../readers/cells';
import { normalizeCell, type NormalizableField, type NormalizeOptions } from './index';
import type { NormError } from './messages';

export interface FieldError extends NormError {
  field: string;
}

export function normalizeRow(
  fields: ReadonlyMap<string, NormalizableField>,
  values: Readonly<Record<string, Cell>>,
  opts: NormalizeOptions = {},
): { values: Record<string, unknown>; errors: FieldError[] } {
  const out: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, cell] of Object.entries(values)) {
    const f = fields.get(key);
    if (!f) continue;
    const r = normalizeCell(f, cell, opts);
    if ('error' in r) errors.push({ field: key, ...r.error });
    else out[key] = r.value;
  }
  return { values: out, errors };
}
