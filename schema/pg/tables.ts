/**
 * The PostgreSQL (drizzle pg-core) tables: built from the same table plans as the SQLite ones
 * (schema/table-plan.ts, filled by the resource definitions), so one definition serves both engines.
 * Only the server side imports this module (the browser bundle never needs pg-core: .dependency-cruiser.cjs).
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import type { PgColumn, PgTableWithColumns } from 'drizzle-orm/pg-core';
import '../tables';
import { getTablePlans, type ColumnPlan, type IndexKey, type TablePlan } from '../table-plan';

/** Generic code addresses columns by name, so the table type is deliberately loose (as AnyTable for SQLite). */
export type AnyPgTable = PgTableWithColumns<{
  name: string;
  schema: undefined;
  dialect: 'pg';
  columns: Record<string, PgColumn<any>>;
}>;

/**
 * JSON kept as the text it was written as (what SQLite's JSON text mode does): jsonb would reorder keys and
 * break the hashes over the stored text; json would refuse `=` and LIKE in hand-written SQL.
 */
const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value),
});

const built = new Map<string, AnyPgTable>();

function column(name: string, c: ColumnPlan) {
  let col: any;
  switch (c.type) {
    case 'id':
      // BY DEFAULT, not ALWAYS: a restore or a copy may write the ids it keeps (then setval the sequence).
      return integer(name).primaryKey().generatedByDefaultAsIdentity();
    case 'integer':
      col = integer(name);
      break;
    case 'real':
      col = doublePrecision(name);
      break;
    case 'bool':
      col = boolean(name);
      break;
    case 'json':
      col = jsonText(name);
      break;
    default:
      col = c.enum ? text(name, { enum: c.enum as [string, ...string[]] }) : text(name);
  }
  if (c.references) col = col.references(() => built.get(c.references!)!.id);
  if (c.primaryKey) col = col.primaryKey();
  if (c.notNull) col = col.notNull();
  if (c.default !== undefined) col = col.default(c.default);
  return col;
}

const key = (t: any, k: IndexKey) => (typeof k === 'string' ? t[k] : sql`(${t[k.isNull]} IS NULL)`);

function pgTableOf(plan: TablePlan): AnyPgTable {
  const columns = Object.fromEntries(Object.entries(plan.columns).map(([name, c]) => [name, column(name, c)]));
  return pgTable(plan.name, columns, (t: any) =>
    plan.indexes.map((ix) => {
      const i = index(ix.name).on(...(ix.on.map((k) => key(t, k)) as [any, ...any[]]));
      return ix.where ? i.where(sql.raw(ix.where)) : i;
    }),
  ) as unknown as AnyPgTable;
}

for (const plan of getTablePlans().values()) built.set(plan.name, pgTableOf(plan));

/** Every PostgreSQL table by its name, in declaration order. */
export const pgTables: ReadonlyMap<string, AnyPgTable> = built;
