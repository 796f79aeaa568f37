/**
 * A hot query built once, run many times with new parameters (`sql.placeholder`s). Building a Drizzle query costs
 * more than SQLite takes to answer it, and on PostgreSQL the adapter's table mapping (pg-db.ts) comes on top: the
 * session look-up and the row by id, built per request there, were most of a small request's CPU (a `show`
 * request: 6.7 ms of Node CPU on PostgreSQL vs 2.3 on SQLite, the build ≈ 1.4 ms of it).
 *  - SQLite: one prepared statement per connection (the read connection's must not serve a transaction, which
 *    would not see its own writes through it).
 *  - PostgreSQL: one Drizzle prepared query per engine under a fixed statement name: node-postgres prepares it
 *    on each pool connection the first time that connection runs it (Parse once, then Bind/Execute), and the
 *    query runs on the calling context's connection (its transaction's, or the pool), as any other.
 */
import { currentConnection, engineOf, type Db } from './index';

export interface PreparedRead {
  all(params: Record<string, unknown>): Promise<unknown[]>;
  get(params: Record<string, unknown>): Promise<unknown>;
}

/** what the builders' prepare() gives: Drizzle's pg prepared query (execute) or SQLite's (all/get, synchronous) */
interface Prepared {
  execute(params: Record<string, unknown>): Promise<unknown[]>;
  all(params: Record<string, unknown>): unknown[];
  get(params: Record<string, unknown>): unknown;
}
type Preparable = { prepare(name?: string): Prepared };
const cache = new WeakMap<object, Map<string, PreparedRead>>();

/** The query `build` makes (a select with placeholders, not yet run), prepared once per connection (SQLite) or engine (PostgreSQL) under `name`. */
export function preparedRead(db: Db, name: string, build: () => unknown): PreparedRead {
  const engine = engineOf(db);
  const key = engine.dialect === 'postgres' ? engine : currentConnection(db);
  let byName = cache.get(key);
  if (!byName) cache.set(key, (byName = new Map()));
  let q = byName.get(name);
  if (!q) {
    if (engine.dialect === 'postgres') {
      const p = (build() as Preparable).prepare(`gsp_${name}`);
      q = { all: async (params) => (await p.execute(params)) as unknown[], get: async (params) => ((await p.execute(params)) as unknown[])[0] };
    } else {
      const p = (build() as Preparable).prepare();
      q = { all: async (params) => p.all(params), get: async (params) => p.get(params) };
    }
    byName.set(name, q);
  }
  return q;
}
