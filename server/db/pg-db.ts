/**
 * One service code base on both engines (issue #17): the services build their queries with the SQLite table
 * objects (schema/tables) and the SQLite terminals (`.all()`, `.get()`, `.run()`, `.values()`, awaited since the
 * async-db codemod). On PostgreSQL `ctx.db` is this adapter: a Drizzle node-postgres database behind a proxy
 * that, at the seam,
 *  - swaps every SQLite table, alias and column handed to a builder for its pg-core twin (schema/pg/tables.ts,
 *    the same table plan) — in `from`/joins/`insert`/`update`/`delete`, selections, `where`/`orderBy`/`set`/
 *    `values`/`onConflict…`/`returning`, and inside `sql` templates — so the PostgreSQL dialect renders them and
 *    the pg columns encode and decode the values (native booleans, JSON kept as text, doubles);
 *  - gives the pg builders the SQLite terminals, returning promises: `.all()` rows, `.get()` the first row or
 *    undefined, `.run()` `{ changes }` (no `lastInsertRowid` on PostgreSQL: use `.returning()`), `.values()` rows
 *    as arrays; and `db.all/get/run/values(sql)` for raw SQL.
 * The `Db` type stays the SQLite one, so the services typecheck once; test/server/db/pg-queries.test.ts runs the
 * same query code on both engines and compares the rows. Not here: `db.$client` (better-sqlite3 statements —
 * docs/postgres-port.md lists them), Drizzle's own `transaction()` (use server/db transaction()).
 */
import { is, Param, SQL, StringChunk, Subquery, Table } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { alias as pgAlias, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { type AnyPgTable, pgTables } from '../../schema/pg/tables';
import type { PgEngine } from './pg';

type Any = any;

const twins = new WeakMap<object, AnyPgTable>();
/** Drizzle's table symbols (internal in its types): the name as used (an alias) and the table's own name */
const TABLE = (Table as Any).Symbol as { Name: symbol; OriginalName: symbol };

/** The pg-core table for a SQLite table or alias (an alias of the pg twin under the same alias name). */
export function pgTableOf(table: SQLiteTable): AnyPgTable {
  let twin = twins.get(table);
  if (twin) return twin;
  const t = table as Any;
  const original: string = t[TABLE.OriginalName];
  const name: string = t[TABLE.Name];
  const base = pgTables.get(original);
  if (!base) throw new Error(`no PostgreSQL table for "${original}"`);
  twin = name === original ? base : (pgAlias(base, name) as AnyPgTable);
  twins.set(table, twin);
  return twin;
}

const columnTwins = new WeakMap<object, Any>();

/** The pg-core column for a SQLite column (of a table or an alias); the table plans key columns by name. */
function pgColumnOf(column: SQLiteColumn): Any {
  const known = columnTwins.get(column);
  if (known) return known;
  const c = pgTableOf(column.table as SQLiteTable)[column.name];
  if (!c) throw new Error(`no PostgreSQL column "${(column.table as Any)[TABLE.Name]}"."${column.name}"`);
  columnTwins.set(column, c);
  return c;
}

/**
 * A query part with every SQLite table, column and column-encoded parameter replaced by its pg twin.
 * `instanceof`, not Drizzle's `is()` (which walks the prototype chain comparing names on a miss): there is one
 * drizzle-orm in the process, and most chunks are plain strings and parameters.
 */
export function toPg(x: unknown): Any {
  if (x === null || typeof x !== 'object' || x instanceof StringChunk) return x;
  if (x instanceof Param) return x.encoder instanceof SQLiteColumn ? new Param(x.value, pgColumnOf(x.encoder)) : x;
  if (x instanceof SQL) {
    const chunks = x.queryChunks.map(toPg);
    if (chunks.every((c, i) => c === x.queryChunks[i])) return x; // nothing SQLite in it
    const out: Any = new SQL(chunks);
    out.decoder = (x as Any).decoder;
    out.shouldInlineParams = (x as Any).shouldInlineParams;
    return out;
  }
  if (x instanceof SQLiteColumn) return pgColumnOf(x);
  if (Array.isArray(x)) return x.map(toPg);
  if (x instanceof SQLiteTable) return pgTableOf(x);
  if (x instanceof SQL.Aliased) {
    const out = new SQL.Aliased(toPg(x.sql), x.fieldAlias);
    (out as Any).isSelectionField = (x as Any).isSelectionField;
    return out;
  }
  return x; // data (a JSON value is a plain object), placeholders, names
}

const isPlain = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype;

/** A selection `{ key: column | sql | { nested… } }`. */
const toPgFields = (fields: unknown): Any => (isPlain(fields) ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, toPgFields(v)])) : toPg(fields));

/** A row of values or a `set`: each value is data or a query part (never a nested selection). */
const toPgRow = (row: unknown): Any => (isPlain(row) ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toPg(v)])) : toPg(row));

/** How each builder method's arguments are mapped (the rest: toPg, which leaves data alone). */
const ARGS: Record<string, (args: unknown[]) => unknown[]> = {
  returning: (a) => a.map(toPgFields),
  values: (a) => a.map((v) => (Array.isArray(v) ? v.map(toPgRow) : toPgRow(v))),
  set: (a) => a.map(toPgRow),
  onConflictDoUpdate: ([c]) => [{ ...toPgRow(c), set: toPgRow((c as Any).set) }],
  onConflictDoNothing: (a) => a.map(toPgRow),
};

/** What a builder answers as it is: the promise protocol, and its class (`is()` reads it). */
const PASS = new Set(['then', 'catch', 'finally', 'constructor']);

/** A Drizzle pg builder with the SQLite terminals; every chained call maps its arguments. */
function wrapBuilder(builder: Any, engine: PgEngine): Any {
  const run = () => Promise.resolve(builder.execute());
  // a select, or a write with returning(): execute() answers rows; a plain write answers the driver's result
  const hasRows = () => !builder.config || 'fields' in builder.config || !!builder.config.returning;
  const terminals: Record<string, () => Promise<unknown>> = {
    all: async () => (hasRows() ? run() : run().then(() => [])),
    get: async () => (hasRows() ? ((await run()) as unknown[])[0] : run().then(() => undefined)),
    run: async () => {
      const r: Any = await run();
      return { changes: Array.isArray(r) ? r.length : (r.rowCount ?? 0) };
    },
    values: async () => {
      const q = builder.toSQL();
      const r = await engine.client.query({ text: q.sql, values: q.params, rowMode: 'array' });
      return r.rows;
    },
  };
  return new Proxy(builder, {
    get(target, prop, receiver) {
      // insert(t).values(rows) builds; a select's .values() runs
      if (typeof prop === 'string' && prop in terminals && !(prop === 'values' && typeof target.values === 'function')) return terminals[prop];
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function' || typeof prop !== 'string' || PASS.has(prop)) return v;
      return (...args: unknown[]) => {
        const out = v.apply(target, (ARGS[prop] ?? ((a: unknown[]) => a.map(toPg)))(args));
        return wrapResult(out, target, receiver, engine);
      };
    },
  });
}

function wrapResult(out: Any, target: Any, receiver: Any, engine: PgEngine): Any {
  if (out === target) return receiver;
  if (!out || typeof out !== 'object' || is(out, SQL) || is(out, Subquery) || typeof out.getSQL !== 'function') return out;
  return wrapBuilder(out, engine);
}

/** The pg database for `engine`, shaped like the SQLite one the services are typed against. */
export function pgDatabase(engine: PgEngine): { db: Any; pg: NodePgDatabase } {
  const pgdb = drizzle({ client: engine.client as Any });
  const raw = async (query: SQL, rowMode?: 'array') => {
    const q = (pgdb as Any).dialect.sqlToQuery(toPg(query));
    return engine.client.query({ text: q.sql, values: q.params, ...(rowMode ? { rowMode } : {}) });
  };
  const db: Record<string, unknown> = {
    select: (fields?: unknown) => wrapBuilder(pgdb.select(fields === undefined ? undefined : toPgFields(fields)), engine),
    selectDistinct: (fields?: unknown) => wrapBuilder(pgdb.selectDistinct(fields === undefined ? undefined : toPgFields(fields)), engine),
    insert: (t: SQLiteTable) => wrapBuilder(pgdb.insert(is(t, PgTable) ? t : pgTableOf(t)), engine),
    update: (t: SQLiteTable) => wrapBuilder(pgdb.update(is(t, PgTable) ? t : pgTableOf(t)), engine),
    delete: (t: SQLiteTable) => wrapBuilder(pgdb.delete(is(t, PgTable) ? t : pgTableOf(t)), engine),
    all: async (q: SQL) => (await raw(q)).rows,
    get: async (q: SQL) => (await raw(q)).rows[0],
    values: async (q: SQL) => (await raw(q, 'array')).rows,
    run: async (q: SQL) => ({ changes: (await raw(q)).rowCount ?? 0 }),
    transaction: () => {
      throw new Error('PostgreSQL: write through transaction() of server/db (the write lock), not Drizzle’s transaction()');
    },
    $client: engine.client,
    dialect: (pgdb as Any).dialect,
  };
  // the rest (execute, $with, …) as Drizzle's pg database has it
  return { db: new Proxy(db, { get: (t, p) => (p in t ? t[p as string] : Reflect.get(pgdb, p)) }), pg: pgdb };
}
