/** Normalises every mapped value of a row; errors are collected per field, the row is never cut short. */
import type { Cell } from '../../schema/files/cells';
import { normalizeValue, type NormalizableField, type NormalizeOptions } from './index';
import { Invalid, type NormError } from './messages';

export interface FieldError extends NormError {
  field: string;
}

export interface NormalizedRow {
  values: Record<string, unknown>;
  errors: FieldError[];
}

type Compiled<T> = (input: T) => NormalizedRow;

/**
 * Generated code with constant property names: monomorphic loads and stores instead of keyed ones. A row
 * without errors (nearly every row) gets its values as one object literal of a fixed shape: one allocation,
 * no property added one by one (the object literal has the same keys in the same order as the slow path's).
 */
function compile<T>(plan: Array<{ key: string; field: NormalizableField; read: string }>, opts: NormalizeOptions): Compiled<T> {
  const fns = plan.map(
    ({ field }) =>
      (cell: Cell | undefined) =>
        normalizeValue(field, cell ?? null, opts),
  );
  const results = plan.map(({ read }, i) => `const r${i} = f[${i}](${read});`).join('\n');
  const failed = plan.map((_, i) => `r${i} instanceof I`).join(' || ') || 'false';
  const slow = plan
    .map(({ key }, i) => {
      const q = JSON.stringify(key);
      return `if (r${i} instanceof I) e.push({ field: ${q}, zh: r${i}.error.zh, en: r${i}.error.en }); else o[${q}] = r${i};`;
    })
    .join('\n');
  const literal = plan.map(({ key }, i) => `${JSON.stringify(key)}: r${i}`).join(', ');
  const make = new Function(
    'f',
    'I',
    `return function (v) {\n${results}\nif (${failed}) {\nconst o = {}; const e = [];\n${slow}\nreturn { values: o, errors: e };\n}\nreturn { values: { ${literal} }, errors: [] };\n};`,
  );
  return make(fns, Invalid) as Compiled<T>;
}

/**
 * A row normaliser over `{ field: cell }` objects for a fixed set of fields, compiled once per import: per
 * row it only walks generated straight-line code (no map look-ups, no key lists), which matters at a
 * million rows. `keys`: the mapped fields.
 */
export function rowNormalizer(
  fields: ReadonlyMap<string, NormalizableField>,
  keys: readonly string[],
  opts: NormalizeOptions = {},
): (values: Readonly<Record<string, Cell>>) => NormalizedRow {
  const plan = keys.filter((k) => fields.has(k)).map((key) => ({ key, field: fields.get(key)!, read: `v[${JSON.stringify(key)}]` }));
  return compile(plan, opts);
}

/** The same, straight from a row's cells: `columns` says which column holds which field. */
export function cellsNormalizer(
  fields: ReadonlyMap<string, NormalizableField>,
  columns: ReadonlyArray<{ field: string | null; index: number }>,
  opts: NormalizeOptions = {},
): (cells: readonly Cell[]) => NormalizedRow {
  const plan = columns.filter((c) => c.field && fields.has(c.field)).map((c) => ({ key: c.field!, field: fields.get(c.field!)!, read: `v[${c.index | 0}]` }));
  return compile(plan, opts);
}

/** One-off form of rowNormalizer (tests, small files). */
export function normalizeRow(
  fields: ReadonlyMap<string, NormalizableField>,
  values: Readonly<Record<string, Cell>>,
  opts: NormalizeOptions = {},
): NormalizedRow {
  return rowNormalizer(fields, Object.keys(values), opts)(values);
}
