/**
 * The database seam (issue #17): services see `Db` (a Drizzle database) through `ctx.db`, and write inside
 * `transaction(db, fn)` (services/context.ts inTransaction). The engine behind a `Db` owns the connections,
 * the write lock and the transaction (engine.ts; SQLite: sqlite.ts), error mapping (errors.ts) and the
 * prepared-statement cache (statements.ts).
 */
import type Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import type { DbEngine } from './engine';
import { PgEngine, type PgEngineOptions, primeWriteTransactions, type SectionMemo } from './pg';

export { primeWriteTransactions };
import { pgDatabase } from './pg-db';
import { openSqlite, type SqliteEngine } from './sqlite';

export type Db = BetterSQLite3Database<Record<string, never>> & { $client: Database.Database };

const engines = new WeakMap<object, DbEngine>();

/** Opens (creating and migrating if needed) the database file. `db.$client.close()` closes every connection. */
export function openDb(file: string): Db {
  const engine = openSqlite(file);
  const db = drizzle({ client: engine.client }) as unknown as Db;
  engines.set(db, engine);
  engines.set(engine.client, engine);
  return db;
}

/**
 * Opens a PostgreSQL database (migrated already: npm run db:migrate) as a `Db`: the services' queries run on it
 * through the adapter of pg-db.ts. `closeDb` ends the pool (in the background; `engineOf(db).close()` awaits it).
 */
export function openPgDb(url: string, opts?: PgEngineOptions): Db {
  const engine = new PgEngine(url, opts);
  const { db } = pgDatabase(engine);
  engines.set(db, engine);
  engines.set(engine.client, engine);
  return db as Db;
}

/** The engine behind a `Db` opened by openDb (a Drizzle transaction object resolves to its database's engine). */
export function engineOf(db: Db): DbEngine {
  const any = db as unknown as { $client?: object; session?: { client?: object } };
  const engine = engines.get(db) ?? (any.$client && engines.get(any.$client)) ?? (any.session?.client && engines.get(any.session.client));
  if (!engine) throw new Error('not a database opened by openDb()');
  return engine;
}

/** The connection URL of a PostgreSQL `Db` (for a thread or a tool opening its own connection); undefined for SQLite. */
export function pgUrlOf(db: Db): string | undefined {
  const engine = engines.get(db) ?? (db.$client ? engines.get(db.$client) : undefined);
  return engine instanceof PgEngine ? (engine.pool.options as { connectionString: string }).connectionString : undefined;
}

/** Runs `fn` in the write transaction (a savepoint when already inside one); see DbEngine.transaction. */
export function transaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  return engineOf(db).transaction(fn);
}

/** Holds the write lock with the writer's connection and no transaction: for bulk loaders' own batch transactions. */
export function exclusive<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  return engineOf(db).exclusive(fn);
}

export function closeDb(db: Db): void {
  void engineOf(db).close();
}

/**
 * PostgreSQL: the memo of the calling context's write section — what it read (rows by id, the audit chain's tail)
 * and may read again without a round trip while it holds the write lock (pg.ts SectionMemo says when it forgets).
 * Undefined outside a write section, and on SQLite (its reads are in-process: nothing to save).
 */
export function sectionMemo(db: Db): SectionMemo | undefined {
  const engine = engineOf(db);
  return engine instanceof PgEngine ? engine.sectionMemo() : undefined;
}

/**
 * PostgreSQL, inside a write transaction: holds a row for `table` and sends it with the transaction's next
 * statement (PgEngine.appendLater); false elsewhere and on SQLite — the caller inserts it itself.
 */
export function appendLater(db: Db, table: string, columns: readonly string[], values: readonly unknown[]): boolean {
  const engine = engineOf(db);
  return engine instanceof PgEngine && engine.appendLater(table, columns, values);
}

/** SQLite only: the writer's connection, for a bulk loader inside exclusive() (and its tests), which drives its own transactions. */
export function writerOf(db: Db): Database.Database {
  return (engineOf(db) as SqliteEngine).writer;
}

/** SQLite only: runs the synchronous `fn` with the writer as the process's only connection (see SqliteEngine.soleWriter). */
export function soleWriter<T>(db: Db, fn: () => T): T {
  return (engineOf(db) as SqliteEngine).soleWriter(fn);
}

/** SQLite only: the read-only connection, whatever the calling context (e.g. to compare data_version across a transaction). */
export function readerOf(db: Db): Database.Database {
  return (engineOf(db) as SqliteEngine).reader;
}

/**
 * The connection the calling async context uses (SQLite: the writer inside a transaction, else the reader):
 * the key for caches of prepared statements, which belong to one connection.
 */
export function currentConnection(db: Db): object {
  const engine = engineOf(db) as Partial<SqliteEngine>;
  return engine.connection ? engine.connection() : engine;
}
