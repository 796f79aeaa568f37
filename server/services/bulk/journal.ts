/**
 * A big merge through the WAL writes every new page twice: into the WAL at commit, then into the database
 * at the checkpoint. With a rollback journal, pages past the file's old end are written once and only the
 * few existing pages the merge changes are journaled: 1M imported rows commit ≈ 2.5 s faster. SQLite
 * allows leaving WAL only to a database's sole connection — the CLI, or the server's single connection —
 * and refuses while any other connection, in any process, has the file open (a running server): then the
 * merge simply runs in WAL, where that server's readers never wait for it. The switch is tried without
 * waiting (busy_timeout 0): waiting for the exclusive lock it needs would itself stall the other
 * connection's readers for the whole busy_timeout (measured: 3 s stalls of the server under a CLI import). The journal is synced fully (synchronous = FULL) while in use, and WAL is put
 * back afterwards. A process killed meanwhile leaves a hot journal that SQLite rolls back on the next open,
 * which then sets WAL again (server/db.ts).
 *
 * @db-sync part of the SQLite bulk merge (synchronous).
 */
import type Database from 'better-sqlite3';

/** Runs `fn` with a rollback journal when possible; the result says which journal was used. */
export function withBulkJournal<T>(sqlite: Database.Database, fn: (journal: 'delete' | 'wal') => T): { result: T; journal: 'delete' | 'wal' } {
  let switched = false;
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
  try {
    sqlite.pragma('busy_timeout = 0');
    switched = String(sqlite.pragma('journal_mode = DELETE', { simple: true })).toLowerCase() === 'delete';
  } catch {
    switched = false; // another connection has the file open (SQLITE_BUSY), or a statement of ours is open: stay in WAL
  } finally {
    sqlite.pragma(`busy_timeout = ${busy}`);
  }
  if (switched) sqlite.pragma('synchronous = FULL');
  try {
    return { result: fn(switched ? 'delete' : 'wal'), journal: switched ? 'delete' : 'wal' };
  } finally {
    if (switched) {
      sqlite.pragma(`synchronous = ${synchronous}`);
      sqlite.pragma('journal_mode = WAL');
    }
  }
}
