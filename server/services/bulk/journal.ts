/**
 * How the ledger merge treats the database file. It always writes through the WAL with synchronous = NORMAL:
 * its many short transactions commit without a sync each (only checkpoints sync), and a crash or power loss
 * can only lose the latest commits — the import is then still `running` and the next opening removes it
 * (merge-recovery.ts). Its last transaction, the one that marks the import done, is synced (FULL): a done
 * import survives power loss. (Until session 8 a merge with the file to itself switched to a rollback
 * journal synced FULL: every one of its 57–250 transactions then paid two or three syncs — at 100k rows
 * 5.3–9.8 s of merge wall for 1.4 s of CPU, against 3.9–4.8 s through the WAL at load 10–11.)
 *
 * Whether the merge has the file to itself (then it may drop and rebuild indexes: nobody reads beside it)
 * is asked of SQLite without waiting: leaving WAL is allowed only to a database's sole connection, so the
 * switch is tried with busy_timeout 0 and undone at once (waiting for the exclusive lock it needs would
 * stall another connection's readers for the whole busy_timeout: measured 3 s stalls of a server).
 *
 * @db-sync part of the SQLite bulk merge (synchronous).
 */
import type Database from 'better-sqlite3';

/** True when no other connection, in any process, has the file open (the CLI alone; the server's reader closed). */
export function soleConnection(sqlite: Database.Database): boolean {
  const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
  let alone = false;
  try {
    sqlite.pragma('busy_timeout = 0');
    alone = String(sqlite.pragma('journal_mode = DELETE', { simple: true })).toLowerCase() === 'delete';
  } catch {
    alone = false; // another connection has the file open (SQLITE_BUSY), or a statement of ours is open
  } finally {
    if (alone) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${busy}`);
  }
  return alone;
}

/** Runs `fn` with synchronous = NORMAL (no sync at commit in WAL), then puts the connection's setting back. */
export function withUnsyncedCommits<T>(sqlite: Database.Database, fn: () => T): T {
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    sqlite.pragma(`synchronous = ${synchronous}`);
  }
}

/** Runs `fn` (one transaction) with its commit synced to disk (synchronous = FULL). */
export function synced<T>(sqlite: Database.Database, fn: () => T): T {
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('synchronous = FULL');
  try {
    return fn();
  } finally {
    sqlite.pragma(`synchronous = ${synchronous}`);
  }
}
