/**
 * @db-sync the bulk journal is the SQLite engine's synchronous bulk path.
 *
 * How the merge treats the file (server/services/bulk/journal.ts), on real database files: whether the
 * connection is the file's only one is answered at once (no wait for busy_timeout) and leaves the file in
 * WAL; the merge's commits are unsynced (NORMAL) and its last one synced (FULL), the connection's own
 * setting put back either way.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { soleWriter, writerOf } from '../../server/db';
import { soleConnection, synced, withUnsyncedCommits } from '../../server/services/bulk/journal';
import { tempDb, type TempDb } from './pipeline-fixtures';

let t: TempDb | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const mode = (db: Database.Database) => String(db.pragma('journal_mode', { simple: true }));
const sync = (db: Database.Database) => db.pragma('synchronous', { simple: true });

function setup() {
  t = tempDb();
  const sqlite = writerOf(t.db);
  sqlite.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, v TEXT)');
  return sqlite;
}

describe('the bulk merge and the database file', () => {
  it('as the only connection: soleConnection is true and the file stays in WAL', () => {
    const sqlite = setup();
    // the engine's read connection closed meanwhile (as the ledger merge runs it): the writer is the only one
    expect(soleWriter(t!.db, () => soleConnection(sqlite))).toBe(true);
    expect(mode(sqlite)).toBe('wal');
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('with another connection open (a server), it is false at once — no wait for busy_timeout', () => {
    const sqlite = setup();
    const other = new Database(t!.file);
    try {
      other.prepare('SELECT count(*) FROM bulk').get();
      const started = performance.now();
      expect(soleConnection(sqlite)).toBe(false);
      // before: the refused switch waited the whole busy_timeout (5 s), holding off the other connection
      expect(performance.now() - started).toBeLessThan(1000);
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(mode(sqlite)).toBe('wal');
      expect(mode(other)).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('commits unsynced inside withUnsyncedCommits, synced inside synced(), the setting restored after a throw', () => {
    const sqlite = setup();
    sqlite.pragma('synchronous = FULL'); // whatever the connection had is put back
    const seen: unknown[] = [];
    expect(() =>
      withUnsyncedCommits(sqlite, () => {
        seen.push(sync(sqlite));
        synced(sqlite, () => seen.push(sync(sqlite)));
        seen.push(sync(sqlite));
        sqlite
          .transaction(() => {
            sqlite.prepare('INSERT INTO bulk (v) VALUES (?)').run('x');
            throw new Error('boom');
          })
          .immediate();
      }),
    ).toThrow('boom');
    expect(seen).toEqual([1, 2, 1]); // NORMAL, FULL, NORMAL
    expect(sync(sqlite)).toBe(2);
    expect(sqlite.prepare('SELECT count(*) AS n FROM bulk').get()).toEqual({ n: 0 });
  });
});
