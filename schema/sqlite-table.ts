/** The SQLite (drizzle sqlite-core) table of a table plan: the tables the app runs on and drizzle/ is generated from. */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { registerTablePlan, type ColumnPlan, type IndexKey, type TablePlan } from './table-plan';

const built = new Map<string, any>();

function column(name: string, c: ColumnPlan) {
  let col: any;
  switch (c.type) {
    case 'id':
      return integer(name).primaryKey({ autoIncrement: true });
    case 'integer':
      col = integer(name);
      break;
    case 'real':
      col = real(name);
      break;
    case 'bool':
      col = integer(name, { mode: 'boolean' });
      break;
    case 'json':
      col = text(name, { mode: 'json' });
      break;
    default:
      col = c.enum ? text(name, { enum: c.enum as [string, ...string[]] }) : text(name);
  }
  if (c.references) col = col.references(() => built.get(c.references!).id);
  if (c.primaryKey) col = col.primaryKey();
  if (c.notNull) col = col.notNull();
  if (c.default !== undefined) col = col.default(c.default);
  return col;
}

const key = (t: any, k: IndexKey) => (typeof k === 'string' ? t[k] : sql`${t[k.isNull]} IS NULL`);

/** Registers the plan (schema/table-plan.ts) and builds its SQLite table. */
export function sqliteTableOf(plan: TablePlan): any {
  registerTablePlan(plan);
  const columns = Object.fromEntries(Object.entries(plan.columns).map(([name, c]) => [name, column(name, c)]));
  const table = sqliteTable(plan.name, columns, (t: any) =>
    plan.indexes.map((ix) => {
      const i = index(ix.name).on(...(ix.on.map((k) => key(t, k)) as [any, ...any[]]));
      return ix.where ? i.where(sql.raw(ix.where)) : i;
    }),
  );
  built.set(plan.name, table);
  return table;
}
