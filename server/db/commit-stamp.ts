/**
 * A stamp of the committed state the database reads now, for caches kept "while nothing has committed" (list
 * totals, deep-page anchors). It must move with every writer's commit, not only this process's: the server's
 * own transactions, an upload's import thread (its own connection), a CLI import (another process).
 *  - SQLite: the read connection's `PRAGMA data_version` (moves whenever another connection has committed; one
 *    cached statement, ≈ 2 µs), tagged with that connection — a reopened reader (soleWriter) counts anew.
 *  - PostgreSQL: `pg_current_snapshot()` (equal snapshots see the same committed transactions; one round trip;
 *    it also moves for commits elsewhere in the cluster, which only costs a cache dropped early).
 * None (undefined) inside a write transaction — it reads its own uncommitted rows — nor on a single connection
 * (`:memory:`), whose data_version does not move for its own commits.
 */
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { engineOf, readerOf, writerOf, type Db } from './index';

const versions = new WeakMap<Database.Database, { tag: number; version: Database.Statement }>();
let readers = 0;

/** SQLite's stamp, without I/O; undefined on PostgreSQL (see commitStamp) and where none can be told. */
export function localCommitStamp(db: Db): string | undefined {
  const engine = engineOf(db);
  if (engine.dialect !== 'sqlite' || engine.inTransaction) return undefined;
  const reader = readerOf(db);
  if (reader === writerOf(db)) return undefined;
  let r = versions.get(reader);
  if (!r) versions.set(reader, (r = { tag: ++readers, version: reader.prepare('PRAGMA data_version').pluck() }));
  return `${r.tag}:${r.version.get()}`;
}

/** The stamp on either engine (PostgreSQL: one round trip). */
export async function commitStamp(db: Db): Promise<string | undefined> {
  const engine = engineOf(db);
  if (engine.dialect === 'sqlite') return localCommitStamp(db);
  if (engine.inTransaction) return undefined;
  return ((await db.get(sql`SELECT pg_current_snapshot()::text AS stamp`)) as { stamp: string }).stamp;
}
