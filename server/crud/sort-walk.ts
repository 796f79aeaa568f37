/**
 * A filtered list sorted by another column (a customer's sales lines by amount): the plan chosen per request
 * from the list's own total, which the list counts before its page anyway (router.ts), on both engines.
 *
 * Two plans answer it. The filter's index finds the matching rows and a sort keeps the page: its cost is the
 * matching rows (the biggest customer of 1M sales lines: 100k rows read and sorted, ≈ 70 ms). Or the sort
 * column's index (schema/define.ts sortIndexes) is walked in order, each row tested against the filter, until
 * the page is full: its cost is the rows passed, ≈ (offset + limit) × all rows / matching rows when the filter
 * and the order are independent (the biggest customer: ≈ 250 rows). SQLite's planner weighs neither the LIMIT
 * nor a value's frequency — ANALYZE's statistics included, it keeps the filter's index for every value and
 * sort (bench/README.md) — so it always took the first plan. PostgreSQL's planner weighs both, assuming them
 * independent: it walks for a customer of 3.8k lines (≈ 100 ms where sorting them takes a few), and for the
 * cheapest product by unit price, whose lines sit at one end of the whole list (1.3 s: 429k rows passed).
 *
 * So the walk is taken where it is expected to pass few rows against the matching ones, and bounded: at most
 * WALK_MARGIN × the rows expected (slack for a filter loosely tied to the order), never more than half the rows
 * the other plan reads. A filter correlated with the order leaves it short; then the page comes from the
 * matches, sorted — their ids, not their rows; on PostgreSQL behind a materialised CTE, so that its planner
 * cannot turn it back into the walk.
 */
import { inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import type { Db } from '../db';
import { sqlOf } from '../db/dialect';

/** The walk passes at most this many times the rows it is expected to pass (slack for a filter loosely tied to the order). */
const WALK_MARGIN = 4;

/** A table's live rows as the plan estimates them: read again after this long (a stale count only moves the plan choice). */
const ESTIMATE_MS = 10_000;
const estimates = new WeakMap<object, Map<string, { n: number; at: number }>>();

/**
 * The table's live-row count, kept for ESTIMATE_MS per engine: on PostgreSQL reading the kept count is a round
 * trip of its own, each one a wait for the scheduler on a loaded machine; the plan needs only its size.
 */
export async function liveEstimate(engine: object, table: string, count: () => Promise<number>): Promise<number> {
  let byTable = estimates.get(engine);
  if (!byTable) estimates.set(engine, (byTable = new Map()));
  const kept = byTable.get(table);
  if (kept && performance.now() - kept.at < ESTIMATE_MS) return kept.n;
  const n = await count();
  byTable.set(table, { n, at: performance.now() });
  return n;
}

/** Statistics for tests and benches: walks that filled the page, walks that fell short. */
export const walkStats = { filled: 0, short: 0 };

interface WalkRequest {
  resource: Resource;
  /** the list's whole condition (filter, scope; live rows only: the walk passes live rows alone) */
  where: SQL | undefined;
  /** the sort column (`id` or a declared `sortable`) and whether a filter constrains it */
  sortField: string;
  filtered: readonly string[];
  orderBy: SQL[];
  limit: number;
  offset: number;
  /** the rows matching `where` (the list's total) */
  total: number;
  /** about how many live rows the table has (a plan's estimate: liveEstimate) */
  liveCount: () => Promise<number>;
}

/** Whether a sort column has an index to walk: id (the table itself) and every declared sort but text (pinyin, no index). */
const walkable = (resource: Resource, field: string) => field === 'id' || (resource.sortable.includes(field) && resource.fields[field]?.kind !== 'text');

/**
 * Whether a declared composite index serves the filter and the sort together: the filtered columns (and
 * voided_at) first, the sort column next (a customer's lines by date: customer, voided_at, sale_date). Its plan
 * is the best one already.
 */
function servedTogether(resource: Resource, field: string, filtered: readonly string[]): boolean {
  return resource.indexes.some((cols) => {
    const i = cols.findIndex((c) => c !== 'voided_at' && !filtered.includes(c));
    return i > 0 && cols[i] === field;
  });
}

/** Whether a declared composite index led by filtered columns carries the sort column: the matches sort from it alone. */
const carried = (resource: Resource, field: string, filtered: readonly string[]) =>
  field !== 'id' && resource.indexes.some((cols) => filtered.includes(cols[0]) && cols.includes(field));

/**
 * How a page of a filtered list sorted by another column is read: its rows, found by walking the sort's index; `sorted-ids` where sorting the matches is the cheaper plan or the walk fell short
 * (sortedIds); undefined where the ordinary plan serves the filter and the sort together.
 */
export async function filteredPage(db: Db, r: WalkRequest): Promise<Record<string, unknown>[] | 'sorted-ids' | undefined> {
  const { resource, total } = r;
  if (r.where === undefined || total === 0) return undefined;
  // a filter on the sort column itself (a date range sorted by date) is served by the sort's index already
  if (!walkable(resource, r.sortField) || r.filtered.includes(r.sortField) || servedTogether(resource, r.sortField, r.filtered)) return undefined;
  const need = Math.min(r.limit, total - r.offset);
  if (need <= 0) return undefined;
  if (carried(resource, r.sortField, r.filtered)) return 'sorted-ids';
  const all = await r.liveCount();
  if (all <= total) return undefined; // the filter keeps (nearly) everything: the planners walk already
  const budget = Math.ceil((((r.offset + need) * all) / total) * WALK_MARGIN);
  if (budget > total / 2) return 'sorted-ids';
  // the page's rows in one statement; a full page is exact: every matching row past the walk's end sorts after all of these
  const rows = await rowsOf(db, resource, walkStatement(db, r, need, budget), r.orderBy);
  if (rows.length < need) {
    walkStats.short++;
    return 'sorted-ids';
  }
  walkStats.filled++;
  return rows;
}

/**
 * The page's ids from the first `budget` live rows in the list's order — the sort's (partial, live-rows)
 * index walked — that match the list's condition. The walk is aliased as the table, so the condition and the
 * order (which name the table's columns) apply to it unchanged.
 */
export function walkStatement(db: Db, r: Pick<WalkRequest, 'resource' | 'where' | 'orderBy' | 'offset'>, need: number, budget: number): SQL {
  const t = r.resource.table;
  const walk = db
    .select()
    .from(t)
    .where(r.resource.system ? isNull(t.voided_at) : undefined)
    .orderBy(...r.orderBy)
    .limit(budget);
  return sql`SELECT ${sql.identifier('id')} FROM (${walk}) AS ${sql.identifier(r.resource.name)} WHERE ${r.where} ORDER BY ${sql.join(r.orderBy, sql`, `)} LIMIT ${need} OFFSET ${r.offset}`;
}

/**
 * The page's ids from the matches sorted: the sort keeps ids and sort keys, not whole rows (a 3-month range of
 * 82k sales lines by id: ≈ 4× less CPU on SQLite). PostgreSQL reads the matches first behind a materialised CTE
 * (aliased as the table, as above): asked plainly, its planner walks the sort's index again.
 */
export function sortedIds(db: Db, r: Pick<WalkRequest, 'resource' | 'where' | 'orderBy' | 'sortField'>, limit: number, offset: number): SQL {
  const t = r.resource.table;
  const order = sql.join(r.orderBy, sql`, `);
  if (sqlOf(db).dialect === 'sqlite') return sql`SELECT ${t.id} FROM ${t} WHERE ${r.where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  const keys = r.sortField === 'id' ? sql`${t.id}` : sql`${t.id}, ${t[r.sortField]}`;
  const m = sql.identifier('matches');
  return sql`WITH ${m} AS MATERIALIZED (SELECT ${keys} FROM ${t} WHERE ${r.where}) SELECT ${sql.identifier('id')} FROM ${m} AS ${sql.identifier(r.resource.name)} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
}

/** The rows of `ids` (a list or a statement selecting them), in the list's order. */
export const rowsOf = async (db: Db, resource: Resource, ids: number[] | SQL, orderBy: SQL[]) =>
  await db
    .select()
    .from(resource.table)
    .where(Array.isArray(ids) ? inArray(resource.table.id, ids) : sql`${resource.table.id} IN (${ids})`)
    .orderBy(...orderBy)
    .all();
