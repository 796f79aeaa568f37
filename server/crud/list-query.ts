/**
 * react-admin's simple-rest list dialect → SQL conditions, from the registry: equality, arrays as IN, `q` over
 * the search fields (`ref.field` searches the referenced record), suffixes _gte _lte _gt _lt _neq _q, `voided`.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { getTableColumns, type AnyColumn } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { SYSTEM_FIELDS, sortNullable } from '../../schema/define';
import { msg, type Lang } from '../../schema/messages';
import { registry } from '../../schema/resources';
import { engineOf, type Db } from '../db';
import { keptLiveCount } from '../db/live-counts';
import type { SqliteEngine } from '../db/sqlite';
import { type DialectSql, sqlOf } from '../db/dialect';
import { pgKeptLiveCount } from '../db/pg-live-counts';
import { badRequest } from '../errors';
import { cachedCount } from './count-cache';
import { type Anchor, anchorStats, keepAnchor, pageAnchors } from './page-anchors';
import { filteredPage, liveEstimate, rowsOf, sortedIds } from './sort-walk';
import { jsonProblem } from '../../schema/unicode';

export interface ListParams {
  where: SQL | undefined;
  /** the filter is only the default: live records (voided_at IS NULL), all rows of a table without voided_at; see countRows() */
  liveOnly: boolean;
  sortBy: SortTerm[];
  /** the sort column, the columns the filter constrains (`q` for a search), whether voided rows may be listed (sort-walk.ts) */
  sortField: string;
  filtered: string[];
  showsVoided: boolean;
  orderBy: SQL[];
  offset: number;
  limit: number | undefined;
  start: number;
}

const SUFFIXES = ['_gte', '_lte', '_gt', '_lt', '_neq', '_q'] as const;
const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** `col` contains `s`, ignoring the case of Latin letters (SQLite LIKE; PostgreSQL ILIKE, served by the pg_trgm indexes) */
const likeEsc = (d: DialectSql, col: any, s: string) => d.likeCi(col, escapeLike(s));

function parseJson(raw: string | undefined, param: string, lang: Lang): unknown {
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest(msg(lang, 'invalid_query', { param }));
  }
  const problem = jsonProblem(value, 8); // a filter is flat: {field: value | [values]}
  if (problem) throw badRequest(msg(lang, problem.problem === 'depth' ? 'invalid_query' : 'ill_formed_text', { param, where: `?${param} ${problem.path}` }));
  return value;
}

/** A column clients may filter and sort on: write-only fields (password hashes) are not, or the list would leak them. */
function isColumn(resource: Resource, key: string) {
  // Own keys only: `toString`, `constructor`, `__proto__` … are not columns.
  if (Object.hasOwn(resource.fields, key)) return !resource.fields[key].writeOnly;
  return (SYSTEM_FIELDS as readonly string[]).includes(key) || key === 'id';
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Referenced records matched by a `q` up to this many are inlined as an id list; more stay a subquery. */
export const SEARCH_INLINE_MAX = 5000;

/** Trigram search needs three characters: a shorter `q` is LIKE over the column (SQLite), the characters index first (PostgreSQL: contains()). */
export const TRIGRAM_MIN = 3;

/**
 * The rows of `resource` whose `column` contains `text`, as a statement selecting `id`: through the column's
 * FTS5 trigram index (`textIndex`) — a quoted phrase of trigrams matches exactly the substrings, `%` and `_`
 * included, case-insensitively as LIKE is — or, without one or for a shorter text, LIKE over the table.
 */
const trigramSearch = (d: DialectSql, resource: Resource, column: string, text: string) =>
  d.dialect === 'sqlite' && resource.textIndex.includes(column) && [...text].length >= TRIGRAM_MIN;

/**
 * `column` contains `text`, as a condition on the row. PostgreSQL has no FTS table: ILIKE over the column, which
 * drizzle-pg/0002_search_trgm.sql's GIN indexes serve from three characters on; a shorter text over a
 * `textIndex` column first asks drizzle-pg/0007_search_short.sql's index for the rows holding each of its
 * characters (lower-cased as ILIKE compares), and ILIKE decides on those: the same rows, without scanning the
 * table. SQLite: LIKE over the column (a text shorter than FTS5's trigrams).
 */
export function contains(d: DialectSql, resource: Resource, column: string, text: string): SQL {
  const col = resource.table[column];
  const like = likeEsc(d, col, text);
  if (d.dialect !== 'postgres' || !resource.textIndex.includes(column) || [...text].length >= TRIGRAM_MIN) return like;
  return sql`(string_to_array(lower(${col}), NULL) @> string_to_array(lower(${text}), NULL) AND ${like})`;
}

/** The ids of `resource`'s rows whose `column` contains `text`. */
function matching(d: DialectSql, resource: Resource, column: string, text: string): SQL {
  if (trigramSearch(d, resource, column, text)) {
    const fts = sql.identifier(`${resource.name}_fts`);
    return sql`SELECT rowid AS id FROM ${fts} WHERE ${fts} MATCH ${`${column} : "${text.replace(/"/g, '""')}"`}`;
  }
  return sql`SELECT ${sql.identifier('id')} FROM ${resource.table} WHERE ${contains(d, resource, column, text)}`;
}

/**
 * `q` over one search path. An own column: id IN (the matching rows). `customer.name` → customer IN (ids of
 * the customers whose name matches), the ids looked up once here, so the page and the count do not each
 * search the referenced table again, and a reference that matches nothing drops out of the OR (undefined)
 * instead of costing a search per statement.
 */
async function searchCondition(db: Db, resource: Resource, path: string, text: string): Promise<SQL | undefined> {
  const [key, sub] = path.split('.');
  const d = sqlOf(db);
  if (!sub) {
    if (!trigramSearch(d, resource, key, text)) return contains(d, resource, key, text);
    return sql`${resource.table.id} IN (${matching(d, resource, key, text)})`;
  }
  const col = resource.table[key];
  const target = registry.get(resource.fields[key].ref!)!;
  const found = matching(d, target, sub, text);
  const ids = ((await db.all(sql`${found} LIMIT ${SEARCH_INLINE_MAX + 1}`)) as { id: number }[]).map((r) => r.id);
  if (ids.length > SEARCH_INLINE_MAX) return sql`${col} IN (${found})`;
  if (!ids.length) return undefined;
  // PostgreSQL: one array parameter — thousands of `$n` cost the driver and the parser more than the page (a q
  // matching 2,700 orders: ≈ 10 ms of CPU per request, twice: the page and the count); SQLite binds them cheaply.
  return d.dialect === 'postgres' ? d.inList(col, ids) : inArray(col, ids);
}

function fieldCondition(d: DialectSql, resource: Resource, key: string, op: (typeof SUFFIXES)[number] | '', value: unknown, lang: Lang): SQL {
  const col = resource.table[key];
  const spec = resource.fields[key];
  if (!isScalar(value) && !(Array.isArray(value) && value.every(isScalar))) throw badRequest(msg(lang, 'invalid_query', { param: key + op }));
  // SQLite stores booleans as 1/0; a raw JS boolean cannot be bound to a non-boolean column.
  if (typeof value === 'boolean') value = value ? 1 : 0;
  if (Array.isArray(value)) value = value.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  if (spec?.kind === 'list' && op === '') {
    // A list field matches when it contains the value (any of the values, for an array).
    const wanted = Array.isArray(value) ? value : [value];
    return or(...wanted.map((v) => d.jsonArrayHas(col, String(v))))!;
  }
  if (value === null) return op === '_neq' ? isNotNull(col) : isNull(col);
  if (Array.isArray(value)) {
    if (op === '_neq') return notInArray(col, value);
    if (op !== '') throw badRequest(msg(lang, 'invalid_query', { param: key + op }));
    return value.length ? inArray(col, value) : sql`FALSE`;
  }
  switch (op) {
    case '':
      return eq(col, value);
    case '_neq':
      return ne(col, value);
    case '_gte':
      return gte(col, value);
    case '_lte':
      return lte(col, value);
    case '_gt':
      return gt(col, value);
    case '_lt':
      return lt(col, value);
    case '_q':
      return likeEsc(d, col, String(value));
  }
}

async function filterOf(
  db: Db,
  resource: Resource,
  filter: Record<string, unknown>,
  lang: Lang,
): Promise<{ where: SQL | undefined; liveOnly: boolean; byIds: boolean; filtered: string[]; showsVoided: boolean }> {
  const conds: SQL[] = [];
  const filtered: string[] = [];
  let showVoided: boolean | 'any' = false;
  let byIds = false;
  for (const [rawKey, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    if (rawKey === 'q') {
      filtered.push('q');
      const text = String(value).trim();
      const fields = resource.search.length ? resource.search : [];
      if (text && fields.length) {
        const each: (SQL | undefined)[] = [];
        for (const f of fields) each.push(await searchCondition(db, resource, f, text));
        conds.push(or(...each) ?? sql`FALSE`);
      }
      continue;
    }
    if (rawKey === 'voided') {
      showVoided = value === true || value === 'true' ? true : value === 'any' ? 'any' : false;
      continue;
    }
    if (rawKey === 'id' || rawKey === 'ids') {
      // getMany must resolve references to voided records too.
      const ids = (Array.isArray(value) ? value : [value]).map(Number);
      conds.push(inArray(resource.table.id, ids));
      showVoided = 'any';
      byIds = true;
      continue;
    }
    const op = SUFFIXES.find((s) => rawKey.endsWith(s) && isColumn(resource, rawKey.slice(0, -s.length))) ?? '';
    const key = op ? rawKey.slice(0, -op.length) : rawKey;
    if (!isColumn(resource, key)) throw badRequest(msg(lang, 'unknown_filter', { field: rawKey }));
    filtered.push(key);
    conds.push(fieldCondition(sqlOf(db), resource, key, op, value, lang));
  }
  // nothing asked but the default (live records; a table without voided_at: all of them)
  const liveOnly = showVoided === false && conds.length === 0;
  if (resource.system && showVoided !== 'any') conds.push(showVoided ? isNotNull(resource.table.voided_at) : isNull(resource.table.voided_at));
  return { where: conds.length ? and(...conds) : undefined, liveOnly, byIds, filtered, showsVoided: resource.system && showVoided !== false };
}

/**
 * The count behind Content-Range. An unfiltered list of live records (nothing but the default "not voided",
 * no scope) reads its table's kept count (server/db/live-counts.ts, db/pg-live-counts.ts: one row, exact in every
 * transaction, on both engines). Otherwise it is counted as all rows minus the voided ones, in one
 * statement: SQLite counts a whole table from its smallest index without reading rows, and the voided rows
 * are a short range of an index on voided_at, whereas `WHERE voided_at IS NULL` would step through every live
 * row (≈200 ms at 1M sales lines against ≈1 ms; bench/list-api.ts). Counted totals are kept until the next
 * commit (count-cache.ts; SQLite only).
 */
export async function countRows(db: Db, resource: Resource, where: SQL | undefined, liveOnly: boolean): Promise<number> {
  const t = resource.table;
  if (liveOnly) {
    const engine = engineOf(db);
    const kept = engine.dialect === 'sqlite' ? keptLiveCount((engine as SqliteEngine).connection(), resource.name) : await pgKeptLiveCount(db, resource.name);
    if (kept !== undefined) return kept;
    if (!resource.system) return countRows(db, resource, where, false);
    return cachedCount(db, `${resource.name}:live`, async () => {
      const all = db.select({ n: count() }).from(t);
      const voided = db.select({ n: count() }).from(t).where(isNotNull(t.voided_at));
      return ((await db.get(sql`select (${all}) - (${voided}) as n`)) as { n: number }).n;
    });
  }
  const q = db.select({ n: count() }).from(t).where(where);
  const { sql: text, params } = q.toSQL();
  return cachedCount(db, `${text}\u0000${JSON.stringify(params)}`, async () => ((await q.get()) as { n: number }).n);
}

/** At most this many rows per list request; more is a 400 (the CSV export streams whole lists). */
export const MAX_PAGE_ROWS = 1000;

/** One ORDER BY term, kept apart from its direction so that a deep page can be read in reverse. */
interface SortTerm {
  expr: SQL | AnyColumn;
  ascending: boolean;
}
export const orderByOf = (terms: SortTerm[], reverse = false): SQL[] => terms.map((t) => (t.ascending !== reverse ? asc(t.expr) : desc(t.expr)));

/** The columns a list may sort by: the declared ones (schema/define.ts `sortable`) and id. */
export const sortableColumns = (resource: Resource) => ['id', ...resource.sortable];

/**
 * ORDER BY for a column, ties broken by id: text by pinyin (SQLite zh_sort, server/zh-sort.ts; PostgreSQL the
 * zh-Hans ICU collation: dialect.ts zhSort); a column that may be
 * empty puts its empty values last ascending (batches without expiry after the last expiring one;
 * descending, SQLite already does). Each order and its reverse is served by the column's sort indexes
 * (schema/define.ts sortIndexes).
 */
function sortTerms(d: DialectSql, resource: Resource, field: string, ascending: boolean): SortTerm[] {
  const t = resource.table;
  if (field === 'id') return [{ expr: t.id, ascending }];
  const col = t[field];
  const terms: SortTerm[] = [];
  // (PostgreSQL sorts NULL as the largest value, SQLite as the smallest: there the term serves descending too)
  if ((ascending || d.dialect === 'postgres') && sortNullable(resource.fields, field)) terms.push({ expr: sql`${col} IS NULL`, ascending: true });
  terms.push({ expr: resource.fields[field]?.kind === 'text' ? d.zhSort(col) : col, ascending });
  terms.push({ expr: t.id, ascending });
  return terms;
}

export async function parseListParams(db: Db, resource: Resource, query: Record<string, string | undefined>, lang: Lang): Promise<ListParams> {
  const filter = (parseJson(query.filter, 'filter', lang) ?? {}) as Record<string, unknown>;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw badRequest(msg(lang, 'invalid_query', { param: 'filter' }));
  const sort = parseJson(query.sort, 'sort', lang) as [string, string] | undefined;
  const range = parseJson(query.range, 'range', lang) as [number, number] | undefined;

  const [field, dir] = sort && Array.isArray(sort) ? sort : resource.sort;
  if (typeof field !== 'string' || !['ASC', 'DESC'].includes(String(dir).toUpperCase())) throw badRequest(msg(lang, 'invalid_query', { param: 'sort' }));
  if (!sortableColumns(resource).includes(field)) {
    const i = lang === 'en' ? 1 : 0;
    const name = (key: string) => (key === 'id' ? 'ID' : `${resource.fields[key].label[i]} (${key})`);
    throw badRequest(
      msg(lang, 'unsortable', {
        resource: resource.label[i],
        field,
        fields: sortableColumns(resource)
          .map(name)
          .join(lang === 'en' ? ', ' : '、'),
      }),
    );
  }
  const sortBy = sortTerms(sqlOf(db), resource, field, String(dir).toUpperCase() === 'ASC');

  let start = 0;
  let limit: number | undefined;
  if (range) {
    if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isSafeInteger(n) && n >= 0) || range[1] < range[0]) {
      throw badRequest(msg(lang, 'invalid_query', { param: 'range' }));
    }
    start = range[0];
    limit = range[1] - range[0] + 1;
    if (limit > MAX_PAGE_ROWS) throw badRequest(msg(lang, 'range_too_large', { max: MAX_PAGE_ROWS, range: JSON.stringify(range), rows: limit }));
  }
  const parsed = await filterOf(db, resource, filter, lang);
  // Without a range only a look-up by ids (react-admin's getMany) is bounded; anything else gets the first page.
  if (limit === undefined && !parsed.byIds) limit = MAX_PAGE_ROWS;
  return {
    where: parsed.where,
    liveOnly: parsed.liveOnly,
    sortBy,
    sortField: field,
    filtered: parsed.filtered,
    showsVoided: parsed.showsVoided,
    orderBy: orderByOf(sortBy),
    offset: start,
    limit,
    start,
  };
}

/** PostgreSQL: from this offset on, a page finds its ids first and then reads only their rows (see pageRows). */
export const DEEP_OFFSET = 1000;

/**
 * A sort a page can start from a key of (page-anchors.ts): plain columns, one direction, none of them empty
 * (a row comparison with NULL is no answer) — not text by pinyin, not an optional column's `IS NULL` term.
 */
function keysetOf(resource: Resource, sortBy: SortTerm[]) {
  const names = new Map<unknown, string>(Object.entries(getTableColumns(resource.table)).map(([k, c]) => [c, k]));
  const keys: string[] = [];
  for (const term of sortBy) {
    const key = names.get(term.expr);
    if (!key || term.ascending !== sortBy[0].ascending) return undefined;
    if (key !== 'id' && (!resource.fields[key] || sortNullable(resource.fields, key))) return undefined;
    keys.push(key);
  }
  const cols = sql.join(
    sortBy.map((t) => sql`${t.expr}`),
    sql`, `,
  );
  return {
    keyOf: (row: Record<string, unknown>) => keys.map((k) => row[k]),
    /** the rows from `a` on (`after`) or up to it, in the list's order */
    from: (a: Anchor, after: boolean) =>
      sql`(${cols}) ${sql.raw(after === sortBy[0].ascending ? '>=' : '<=')} (${sql.join(
        a.key.map((v) => sql`${v}`),
        sql`, `,
      )})`,
  };
}

/** The anchor nearest the page [start, end), if it is nearer than `walk` rows; the page must not straddle it. */
function nearestAnchor(anchors: Anchor[], start: number, end: number, walk: number): Anchor | undefined {
  let best: Anchor | undefined;
  let cost = walk;
  for (const a of anchors) {
    const c = a.offset <= start ? start - a.offset : a.offset >= end - 1 ? a.offset - (end - 1) : Infinity;
    if (c < cost) [best, cost] = [a, c];
  }
  return best;
}

/**
 * One page of a list whose total is known. A page past the middle is read from the other end — the ORDER BY
 * reversed, the offset counted from the end, the rows flipped back — so no page walks more than half the
 * list: the last of 1M sales lines costs what the first does (bench/list-api.ts). A deep page near one served
 * since the last commit starts from that page's key (page-anchors.ts): the next, the previous, the same again.
 * On PostgreSQL a deep page selects the ids first (an index-only walk along the sort index: the rows it skips
 * are never read — SQLite's index walk does not read them either) and then only the page's rows; reading the
 * rows straight away fetched every skipped row from the heap (the middle of 1M sales lines: ≈ 10× slower).
 */
export async function pageRows(db: Db, resource: Resource, where: SQL | undefined, p: ListParams, total: number): Promise<Record<string, unknown>[]> {
  const t = resource.table;
  const base = () => db.select().from(t).where(where).$dynamic();
  const page = async (orderBy: SQL[], limit: number, offset: number, from?: SQL) => {
    const cond = from ? and(where, from) : where;
    // a filtered list sorted by another column: the plan by the list's total (sort-walk.ts)
    const plan =
      from || p.showsVoided
        ? undefined
        : await filteredPage(db, {
            resource,
            where,
            sortField: p.sortField,
            filtered: p.filtered,
            orderBy,
            limit,
            offset,
            total,
            liveCount: () => liveEstimate(engineOf(db), resource.name, () => countRows(db, resource, undefined, true)),
          });
    if (Array.isArray(plan)) return plan;
    if (plan === 'sorted-ids') return await rowsOf(db, resource, sortedIds(db, { resource, where, orderBy, sortField: p.sortField }, limit, offset), orderBy);
    if (offset < DEEP_OFFSET || sqlOf(db).dialect !== 'postgres')
      return await db
        .select()
        .from(t)
        .where(cond)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset)
        .all();
    const ids = db
      .select({ id: t.id })
      .from(t)
      .where(cond)
      .orderBy(...orderBy)
      .limit(limit)
      .offset(offset);
    return await db
      .select()
      .from(t)
      .where(inArray(t.id, ids))
      .orderBy(...orderBy)
      .all();
  };
  if (p.limit === undefined)
    return await base()
      .orderBy(...p.orderBy)
      .all();
  if (p.start >= total && total > 0) return [];
  const end = Math.min(total, p.start + p.limit); // exclusive
  const walk = Math.min(p.start, total - end);
  const keyset = walk >= DEEP_OFFSET ? keysetOf(resource, p.sortBy) : undefined;
  let anchors: Anchor[] | undefined;
  if (keyset) {
    const { sql: text, params } = db
      .select({ id: t.id })
      .from(t)
      .where(where)
      .orderBy(...p.orderBy)
      .toSQL();
    anchors = await pageAnchors(db, `${text}\u0000${JSON.stringify(params)}`);
  }
  const near = anchors && nearestAnchor(anchors, p.start, end, walk);
  let rows: Record<string, unknown>[];
  if (near && keyset) {
    anchorStats.used++;
    rows =
      near.offset <= p.start
        ? await page(p.orderBy, end - p.start, p.start - near.offset, keyset.from(near, true))
        : (await page(orderByOf(p.sortBy, true), end - p.start, near.offset - (end - 1), keyset.from(near, false))).reverse();
  } else if (p.start <= total - end) rows = await page(p.orderBy, p.limit, p.start);
  else rows = (await page(orderByOf(p.sortBy, true), end - p.start, total - end)).reverse();
  if (anchors && keyset && rows.length > 0 && rows.length === end - p.start) {
    keepAnchor(anchors, { offset: p.start, key: keyset.keyOf(rows[0]) });
    keepAnchor(anchors, { offset: end - 1, key: keyset.keyOf(rows[rows.length - 1]) });
  }
  return rows;
}
