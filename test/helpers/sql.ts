/**
 * Raw SQL in tests on either engine (the pg project runs the same files on PostgreSQL): a statement with `?`
 * parameters becomes a Drizzle `SQL`, which the database's own dialect renders (`?` on SQLite, `$n` on
 * PostgreSQL). Reads go through `db.all/get` (SQLite: the read connection; PostgreSQL: the pool), writes through
 * the write transaction. Write the SQL both engines read (no SQLite-only functions, quoted "order").
 */
import { sql, type SQL } from 'drizzle-orm';
import { transaction, type Db } from '../../server/db';

/** `text` with its `?` placeholders bound to `args`, in order. */
export function q(text: string, ...args: unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== args.length + 1) throw new Error(`${parts.length - 1} placeholders, ${args.length} values: ${text}`);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(sql.raw(part));
    if (i < args.length) chunks.push(sql`${args[i]}`);
  });
  return sql.join(chunks);
}

/** every row */
export const sqlAll = async <T = Record<string, any>>(db: Db, text: string, ...args: unknown[]) => (await db.all(q(text, ...args))) as T[];
/** the first row, or undefined */
export const sqlGet = async <T = Record<string, any>>(db: Db, text: string, ...args: unknown[]) => (await db.get(q(text, ...args))) as T | undefined;
/** the first column of the first row (a count: a number on both engines) */
export const sqlValue = async <T = number>(db: Db, text: string, ...args: unknown[]) => {
  const row = (await db.get(q(text, ...args))) as Record<string, unknown> | undefined;
  return (row ? Object.values(row)[0] : undefined) as T;
};
/** runs a write in its own write transaction; the rows it changed. A refusal throws the database's own error (not Drizzle's wrapper). */
export async function sqlRun(db: Db, text: string, ...args: unknown[]): Promise<number> {
  try {
    return ((await transaction(db, async () => await db.run(q(text, ...args)))) as { changes: number }).changes;
  } catch (e) {
    throw (e as { cause?: unknown }).cause ?? e;
  }
}
