/**
 * Live rows of a table whose `column` is one of many ids, read without Drizzle's query builder: the
 * re-check reads hundreds of thousands of rows, and building and mapping them through Drizzle cost more
 * than SQLite did (measured: 30 % of a full re-check). Values are decoded by the table's own Drizzle
 * columns (booleans, JSON lists), so the rows equal what `db.select().from(table)` returns — on PostgreSQL too
 * (native booleans decode to the same true/false, JSON text parses alike; the ids go as one array parameter).
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { ResourceTable, RowOf } from '../../../schema/define';
import { type Db, engineOf } from '../../db';
import { sqlFor } from '../../db/dialect';

type Decoder = [key: string, name: string, column: { mapFromDriverValue(v: unknown): unknown }];

const plans = new WeakMap<object, { name: string; cols: Decoder[] }>();

function planOf(table: ResourceTable) {
  let plan = plans.get(table);
  if (!plan) {
    const cols = Object.entries(getTableColumns(table)).map(([key, col]): Decoder => [key, col.name, col]);
    plan = { name: getTableName(table), cols };
    plans.set(table, plan);
  }
  return plan;
}

/** The better-sqlite3 connection of a database or of a Drizzle transaction on it. */
export function clientOf(db: Db): Db['$client'] {
  return db.$client ?? (db as unknown as { session: { client: Db['$client'] } }).session.client;
}

/** SQL text with `?` placeholders and their values as a query part (numbered by the engine's dialect). */
const withParams = (text: string, params: unknown[]) => sql.join(text.split('?').map((part, i) => (i ? sql`${params[i - 1]}${sql.raw(part)}` : sql.raw(part))));

/**
 * Live rows with `column` IN ids, by id ascending. `also`: a further SQL condition on the table's own
 * columns with its parameters (constant text only; values go in `params`); `voided: true` includes
 * voided rows.
 */
export async function liveRowsIn<T extends ResourceTable>(
  db: Db,
  table: T,
  column: string,
  ids: readonly number[],
  also?: { sql: string; params: unknown[]; voided?: boolean },
): Promise<RowOf<T>[]> {
  if (!ids.length) return [];
  const plan = planOf(table);
  const colName = getTableColumns(table)[column].name;
  const rows = (
    engineOf(db).dialect === 'postgres'
      ? await db.all(
          sql`SELECT * FROM ${sql.identifier(plan.name)} WHERE ${sqlFor('postgres').inList(sql.identifier(colName), ids)}${sql.raw(also?.voided ? '' : ' AND voided_at IS NULL')}${
            also ? sql` AND (${withParams(also.sql, also.params)})` : sql``
          } ORDER BY id`,
        )
      : await clientOf(db)
          .prepare(
            `SELECT * FROM "${plan.name}" WHERE "${colName}" IN (SELECT value FROM json_each(?))${also?.voided ? '' : ' AND voided_at IS NULL'}${also ? ` AND (${also.sql})` : ''} ORDER BY id`,
          )
          .all(JSON.stringify(ids), ...(also?.params ?? []))
  ) as Record<string, unknown>[];
  const out = new Array<RowOf<T>>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const o: Record<string, unknown> = {};
    // as Drizzle maps a row: null stays null, everything else through the column's decoder
    for (const [key, name, col] of plan.cols) {
      const v = r[name];
      o[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
    }
    out[i] = o as RowOf<T>;
  }
  return out;
}
