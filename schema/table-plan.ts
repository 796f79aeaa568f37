/**
 * A table as both engines store it, declared once without either dialect: defineResource() derives one from
 * each resource definition, defineTable() takes the few hand-declared ones (sessions). The SQLite table the
 * app runs on is built from it here (schema/sqlite-table.ts); the PostgreSQL one by schema/pg/tables.ts, a
 * module only the server side imports. Both migration sets (drizzle/, drizzle-pg/) are generated from these
 * plans, and test/schema/dialect-parity.test.ts checks the migrated databases agree.
 *
 * Storage decisions (the same values on both engines, so the services, the rules and the hash chains port):
 * - `id`: the row id, an integer primary key that is never reused (SQLite AUTOINCREMENT, PostgreSQL identity).
 * - `integer`: 32-bit on PostgreSQL — node-postgres answers int8 as a string; ids and counts stay numbers.
 * - `real`: quantities and money as IEEE doubles (SQLite REAL, PostgreSQL double precision). Not `numeric`:
 *   node-postgres answers it as a string ('12.50'), which changes every record's JSON and so the audit and
 *   signature hashes computed over it, and the rules do their arithmetic in JavaScript doubles anyway.
 * - `text`: also dates (YYYY-MM-DD) and timestamps (ISO 8601 UTC, `…Z`): the app compares and sorts them as
 *   text, which on this fixed format is the time order on both engines.
 * - `bool`: SQLite stores 0/1 (Drizzle's boolean mode), PostgreSQL a native boolean. Hand-written SQL says
 *   TRUE/FALSE, which both engines read.
 * - `json`: text holding the JSON exactly as written, on both engines. Never PostgreSQL jsonb: it reorders
 *   keys and drops whitespace, so a hash over the stored text (the audit chain, signatures) would break.
 */

export const COLUMN_TYPES = ['id', 'integer', 'real', 'text', 'bool', 'json'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnPlan {
  type: ColumnType;
  notNull?: boolean;
  default?: string | number | boolean;
  /** the table (by name) whose `id` this column refers to: a foreign key */
  references?: string;
  /** a text primary key (sessions.id); `id` columns are the primary key already */
  primaryKey?: boolean;
  /** the values a text column holds (typing only: neither engine checks them) */
  enum?: readonly string[];
}

/** An index key: a column, or whether it is empty (`col IS NULL`, to sort the empty values last). */
export type IndexKey = string | { isNull: string };

export interface IndexPlan {
  name: string;
  on: IndexKey[];
  /** partial index predicate, plain SQL both engines read (`voided_at IS NULL`) */
  where?: string;
}

export interface TablePlan {
  name: string;
  columns: Record<string, ColumnPlan>;
  indexes: IndexPlan[];
}

const plans = new Map<string, TablePlan>();

/** Every table plan, in declaration order (the order the migrations create them). */
export function getTablePlans(): ReadonlyMap<string, TablePlan> {
  return plans;
}

export function registerTablePlan(plan: TablePlan): void {
  if (plans.has(plan.name)) throw new Error(`table "${plan.name}" is declared twice`);
  plans.set(plan.name, plan);
}
