/**
 * One definition per resource: defineResource() derives the table plan (columns, foreign keys, indexes;
 * schema/table-plan.ts), builds the SQLite Drizzle table from it (schema/pg/ builds the PostgreSQL one from
 * the same plan) and registers the resource's metadata (labels, kinds, list/filter/search fields, natural key, import
 * aliases). The API, the screens, export and import all read that one definition.
 */
import type { SQLiteColumn, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import type { EnumDef, Label } from './enums';
import { sqliteTableOf } from './sqlite-table';
import type { ColumnPlan, ColumnType, IndexKey, IndexPlan } from './table-plan';

export const FIELD_KINDS = ['text', 'textarea', 'int', 'number', 'money', 'date', 'datetime', 'bool', 'enum', 'list', 'ref', 'json', 'password'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const AREAS = ['parties', 'products', 'sales', 'fulfilment', 'aftersales', 'system'] as const;
export type Area = (typeof AREAS)[number];
export const AREA_LABELS: Record<Area, Label> = {
  parties: ['往来单位', 'Parties'],
  products: ['品种与批次', 'Products & batches'],
  sales: ['销售', 'Sales'],
  fulfilment: ['出库与财务', 'Outbound & finance'],
  aftersales: ['售后', 'After-sales'],
  system: ['系统', 'System'],
};

/** `K`, `E`: the field's kind and enum keys, kept in the type so a resource's row type can be inferred (RowOf). */
export interface FieldSpec<K extends FieldKind = FieldKind, E extends string = string> {
  kind: K;
  label: Label;
  /** import header aliases beyond the Chinese label (DOMAIN.md: the parts after `/`) */
  aliases: string[];
  /** required on live entry (DOMAIN.md `*`) */
  required: boolean;
  /** required on entry but nullable in the database, because historical ledgers may lack it */
  legacy?: boolean;
  enum?: EnumDef<E>;
  /** controlled vocabulary for a `list` field (scope categories) */
  vocabulary?: readonly string[];
  ref?: string;
  /** format check: GB 32100 credit code, ISO 7064 ID number */
  check?: 'credit_code' | 'id_no';
  /** filled by the server (derived from another record or a workflow step), never by the client */
  readOnly?: boolean;
  /** the record's number: left empty on entry, the server assigns the next one (server/services/hooks.ts) */
  autoNumber?: boolean;
  /** copied by the write service from the record a reference points to: `{ via: 'order', field: 'sale_date' }` */
  derive?: { via: string; field: string };
  /** never returned by the API */
  writeOnly?: boolean;
  default?: string | number | boolean;
}

type Opts = Partial<Omit<FieldSpec, 'kind' | 'label'>>;
type EnumKeys<O> = O extends { enum?: EnumDef<infer E> } ? E : string;
/**
 * A field every row has (required, and not `legacy`): its row type is not nullable (RowOf). Any `legacy`
 * key counts as legacy (an inline `legacy: true` is widened to boolean).
 */
type Strict<O> = O extends { required: true } ? ('legacy' extends keyof O ? unknown : { required: true }) : unknown;
/** `zh` may carry import aliases after `/`, exactly as DOMAIN.md writes them: '通用名称/产品名称'. */
function field<K extends FieldKind>(kind: K) {
  return <O extends Opts = Record<never, never>>(zh: string, en: string, opts?: O): FieldSpec<K, EnumKeys<O>> & Strict<O> => {
    const [label, ...aliases] = zh.split('/');
    return { kind, label: [label, en], required: false, ...opts, aliases: [...aliases, ...(opts?.aliases ?? [])] } as FieldSpec<K, EnumKeys<O>> & Strict<O>;
  };
}
export const f = {
  text: field('text'),
  textarea: field('textarea'),
  int: field('int'),
  number: field('number'),
  money: field('money'),
  date: field('date'),
  datetime: field('datetime'),
  bool: field('bool'),
  json: field('json'),
  password: field('password'),
  enum: <E extends string, O extends Opts = Record<never, never>>(e: EnumDef<E>, zh: string, en: string, opts?: O) =>
    field('enum')(zh, en, { ...opts, enum: e }) as FieldSpec<'enum', E> & Strict<O>,
  list: field('list'),
  ref: <O extends Opts = Record<never, never>>(target: string, zh: string, en: string, opts?: O) =>
    field('ref')(zh, en, { ...opts, ref: target }) as FieldSpec<'ref'> & Strict<O>,
};

/** A field's value as stored and read back (a list: a JSON array from the database, or free text from an import). */
export type FieldValue<S> =
  S extends FieldSpec<infer K, infer E>
    ? K extends 'enum'
      ? E
      : K extends 'list'
        ? readonly string[] | string
        : K extends 'int' | 'number' | 'money' | 'ref'
          ? number
          : K extends 'bool'
            ? boolean
            : K extends 'json'
              ? unknown
              : string
    : never;

/** The columns defineResource adds to every (non-system) table. */
export type SystemColumns = {
  version?: number;
  created_at?: string | null;
  created_by?: number | null;
  updated_at?: string | null;
  updated_by?: number | null;
  voided_at?: string | null;
  voided_by?: number | null;
  void_reason?: string | null;
  import_id?: number | null;
  /** what a legacy system recorded (schema/legacy.ts): an object, or its JSON text from SQLite */
  legacy_facts?: unknown;
};

/**
 * A record of a resource as code outside the write service reads it (the rules, the importer): its id, every
 * field of its definition — required ones as they always are, the others (and `legacy` ones, which a
 * historical row or an import's pending record may lack) optional and nullable — and the system columns.
 * Inferred from the definition, so a field added there is in the type at once.
 */
export type RowOf<T> =
  T extends ResourceTable<infer F>
    ? { id: number } & { -readonly [K in keyof F as F[K] extends { required: true } ? K : never]: FieldValue<F[K]> } & {
        -readonly [K in keyof F as F[K] extends { required: true } ? never : K]?: FieldValue<F[K]> | null;
      } & SystemColumns
    : never;
export const req = { required: true } as const;

export interface ResourceSpec {
  name: string;
  label: Label;
  area: Area;
  fields: Record<string, FieldSpec>;
  /** list columns; default: the first six fields */
  list?: string[];
  /** fields offered as list filters (each gets an index) */
  filters?: string[];
  /** fields searched by `q`; `ref.field` searches the referenced record (e.g. `customer.name`) */
  search?: string[];
  /**
   * Own text columns with an FTS5 trigram index `<name>_fts` (kept by triggers: the custom migration
   * drizzle/0018_search_fts.sql; on PostgreSQL a pg_trgm GIN index, drizzle-pg/0002_search_trgm.sql), so `q`
   * finds a substring of them without scanning the table: the big tables' numbers and the names a sales
   * line's `q` searches through its references.
   */
  textIndex?: string[];
  /** how a reference to a record of this resource is shown (fields joined with a space) */
  display: string[];
  /** natural keys, tried in order (DOMAIN.md: customers by credit code, then name) */
  naturalKey?: string[][];
  sort?: [string, 'ASC' | 'DESC'];
  /**
   * The columns a list may be sorted by (`id` always may; the default sort's column is added). Every other
   * sort is refused (400). Each one that is not text gets an index serving `ORDER BY col, id` over the live
   * rows (sortIndexes below), so any page in either direction is an index walk at 1M rows; text sorts by
   * pinyin (zh_sort, a function of our own that no index may hold), so declare text only on master data.
   */
  sortable?: string[];
  /** extra composite indexes for hot list queries */
  indexes?: string[][];
  /** false for tables without version/void columns (audit_log) */
  system?: boolean;
  /** the API refuses writes (audit_log, findings are written by services only) */
  readOnly?: boolean;
  /** child resource; `inline` children are embedded in the parent's record and written with it */
  parent?: { resource: string; field: string; inline?: boolean };
  /** shown in the menu (child link tables are not) */
  menu?: boolean;
  /** the scans this record is expected to carry (schema/tables/attachments.ts ATTACHMENT_KIND); any record may carry `other` */
  attachments?: readonly AttachmentSlot[];
}

/**
 * One kind of scan a record carries: `required` true, or only when the record's fields equal these values
 * (a purchaser's power of attorney); `rule` names the catalogue rule that demands it where one does.
 */
export interface AttachmentSlot {
  kind: string;
  required?: boolean | { when: Record<string, unknown> };
  rule?: string;
}

export interface Resource extends Required<Omit<ResourceSpec, 'parent'>> {
  parent?: ResourceSpec['parent'];
  table: AnyTable;
}
// Generic code addresses columns by name, so the table type is deliberately loose.
export type AnyTable = SQLiteTableWithColumns<{
  name: string;
  schema: undefined;
  dialect: 'sqlite';
  columns: Record<string, SQLiteColumn<any>>;
}>;
/** A table built by defineResource, its field definitions kept in the type (never present at run time). */
export type ResourceTable<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> = AnyTable & { readonly $fields?: F };

export { SYSTEM_FIELDS } from './system-fields';

const resources = new Map<string, Resource>();
export function getResources(): ReadonlyMap<string, Resource> {
  return resources;
}

/** How each kind of field is stored (schema/table-plan.ts says why, for both engines). */
const STORED_AS: Record<FieldKind, ColumnType> = {
  text: 'text',
  textarea: 'text',
  password: 'text',
  enum: 'text',
  date: 'text',
  datetime: 'text',
  int: 'integer',
  ref: 'integer',
  number: 'real',
  money: 'real',
  bool: 'bool',
  list: 'json',
  json: 'json',
};

function columnPlan(spec: FieldSpec): ColumnPlan {
  return {
    type: STORED_AS[spec.kind],
    ...(spec.required && !spec.legacy ? { notNull: true } : {}),
    ...(spec.default !== undefined ? { default: spec.default } : {}),
    ...(spec.kind === 'ref' ? { references: spec.ref! } : {}),
    ...(spec.kind === 'enum' ? { enum: spec.enum!.values } : {}),
  };
}

/** The declared sort columns plus the default sort's (never `id`: the primary key serves it). */
function sortableOf(spec: ResourceSpec): string[] {
  const keys = [...(spec.sortable ?? []), ...(spec.sort ? [spec.sort[0]] : [])].filter((k) => k !== 'id');
  for (const key of keys) {
    const fs = spec.fields[key];
    if (!fs || fs.writeOnly || ['list', 'json', 'password', 'textarea'].includes(fs.kind)) {
      throw new Error(`${spec.name}: sortable "${key}" is not a sortable field`);
    }
  }
  return [...new Set(keys)];
}

/**
 * Whether a sort column may be empty. A column copied from a required field of the record it refers to
 * (sales_lines.sale_date from its order) never is, whatever its own declaration says — provided that
 * resource is defined first (otherwise the column counts as optional: one more index, the same order).
 */
export function sortNullable(fields: Record<string, FieldSpec>, key: string): boolean {
  const fs = fields[key];
  if (!fs) return false; // id and the system columns (the list sorts them as SQLite does)
  if (fs.required && !fs.legacy) return false;
  if (fs.derive) {
    const source = resources.get(fields[fs.derive.via]?.ref ?? '')?.fields[fs.derive.field];
    if (source?.required && !source.legacy) return false;
  }
  return true;
}

/**
 * The index that serves ORDER BY col, id over the live rows of a
 * system table: partial on `voided_at IS NULL`, so a page at any offset is a walk along one index without
 * reading the rows it skips (bench/list-api.ts), and — an index SQLite can only scan whole, never seek into
 * by voided_at — the planner still prefers a selective filter's index (an order's lines, `q`) over walking
 * it. A column that may be empty sorts ascending with the empty values last (`col IS NULL, col`): a second
 * index serves that order, the plain one serves descending (SQLite puts NULL last there already).
 */
function sortIndexes(spec: ResourceSpec, system: boolean, key: string): IndexPlan[] {
  if (key !== 'id' && spec.fields[key].kind === 'text') return []; // sorted by pinyin: see `sortable`
  const live = (name: string, ...on: IndexKey[]): IndexPlan => ({ name: `${spec.name}__${name}`, on, ...(system ? { where: 'voided_at IS NULL' } : {}) });
  // id spelled out as the last key: SQLite's indexes end with the row id anyway (the same index there), but a
  // PostgreSQL b-tree orders equal keys by heap position, and without id it sorts every run of ties (an
  // Incremental Sort reading the rows it skips: 1M sales lines by quantity, bench/README.md session 9)
  const out = [live(`sort_${key}`, key, ...(key === 'id' ? [] : ['id']))];
  if (key !== 'id' && sortNullable(spec.fields, key)) out.push(live(`sort_${key}_nulls_last`, { isNull: key }, key, 'id'));
  return out;
}

/** PostgreSQL keeps 63 bytes of a name: a longer one is cut, and ends in a hash of the whole so that two never meet. */
const NAME_MAX = 63;
function indexName(name: string): string {
  if (name.length <= NAME_MAX) return name;
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return `${name.slice(0, NAME_MAX - 9)}_${(h >>> 0).toString(16).padStart(8, '0')}`;
}

export function defineResource<F extends Record<string, FieldSpec>>(spec: ResourceSpec & { fields: F }): ResourceTable<F> {
  const system = spec.system ?? true;
  const columns: Record<string, ColumnPlan> = { id: { type: 'id' } };
  if (system) {
    columns.version = { type: 'integer', notNull: true, default: 1 };
    columns.created_at = { type: 'text' };
    columns.created_by = { type: 'integer' };
    columns.updated_at = { type: 'text' };
    columns.updated_by = { type: 'integer' };
  }
  for (const [key, fs] of Object.entries(spec.fields)) columns[key] = columnPlan(fs);
  if (system) {
    columns.voided_at = { type: 'text' };
    columns.voided_by = { type: 'integer' };
    columns.void_reason = { type: 'text' };
    // The import (imports.id) that created the record, if any: the import's report, the record's history
    // and a later clean-up find its records by it. No foreign key (imports is itself a system table).
    columns.import_id = { type: 'integer' };
    // What the legacy system recorded about this record's approvals and reviews, brought in by an import
    // (schema/legacy.ts): text with the source file and row, never our approval fields or signatures.
    columns.legacy_facts = { type: 'json' };
  }
  const indexed = new Map<string, string[]>();
  const addIndex = (cols: string[]) => indexed.set(cols.join('__'), cols);
  for (const [key, fs] of Object.entries(spec.fields)) if (fs.kind === 'ref') addIndex([key]);
  for (const key of spec.filters ?? []) if (!key.includes('.') && spec.fields[key]?.kind !== 'list') addIndex([key]);
  for (const cols of spec.indexes ?? []) addIndex(cols);
  // the whole key: the write service's duplicate check (write.ts checkNaturalKeys) is one probe, where an index
  // on its first column alone walked every record under it (a salesperson's thousands of trainings per create)
  for (const keys of spec.naturalKey ?? []) addIndex(keys);
  // A single-column index is redundant where a composite one starts with that column (it serves the same
  // lookups, foreign keys included); dropping it saves a b-tree insert per row on bulk imports.
  for (const [name, cols] of indexed) {
    if (cols.length === 1 && [...indexed.values()].some((c) => c.length > 1 && c[0] === cols[0])) indexed.delete(name);
  }
  const sortable = sortableOf(spec);
  // A live-rows sort index also serves the column's filters (lists filter live rows; voided ones come off
  // `__voided`): a plain index on it stays only where references and natural keys look rows up by it.
  const keyLeads = new Set(spec.naturalKey?.map((k) => k[0]));
  for (const key of sortable) {
    const fs = spec.fields[key];
    if (system && fs.kind !== 'text' && fs.kind !== 'ref' && !keyLeads.has(key)) indexed.delete(key);
  }
  const live = (name: string, on: string, where: string): IndexPlan => ({ name: `${spec.name}__${name}`, on: [on], where });
  const indexes: IndexPlan[] = [
    ...[...indexed.entries()].map(([name, on]) => ({ name: indexName(`${spec.name}__${name}`), on })),
    ...sortable.flatMap((key) => sortIndexes(spec, system, key)),
    // The live rows in id order, for the lists that default to it (the table itself is in id order, but a
    // page deep into it would read every row it skips to test voided_at).
    ...(system && spec.sort?.[0] === 'id' ? sortIndexes(spec, system, 'id') : []),
    // The voided rows: lists count live rows as all minus these (server/crud/list-query.ts countRows).
    // Partial, so it stays tiny and the planner never mistakes it for a way to find live rows.
    ...(system ? [live('voided', 'voided_at', 'voided_at IS NOT NULL')] : []),
    // Partial as well: most records were not imported.
    ...(system ? [live('import_id', 'import_id', 'import_id IS NOT NULL')] : []),
  ];
  const table = sqliteTableOf({ name: spec.name, columns, indexes }) as ResourceTable<F>;
  const keys = Object.keys(spec.fields);
  resources.set(spec.name, {
    list: keys.slice(0, 6),
    filters: [],
    search: [],
    textIndex: [],
    naturalKey: [],
    sort: ['id', 'DESC'],
    indexes: [],
    system,
    readOnly: false,
    menu: true,
    attachments: [],
    ...spec,
    sortable,
    table,
  });
  return table;
}
