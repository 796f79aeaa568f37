/**
 * @db-sync the bulk journal is the SQLite engine's synchronous bulk path.
 *
 * The merge's bulk journal (server/services/bulk/journal.ts) on real database files: the sole connection
 * writes through a rollback journal and gets WAL back; with another connection open (here or in another
 * process) SQLite refuses the switch and the write runs in WAL; a failed write is rolled back either way.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { soleWriter, writerOf } from '../../server/db';
import { withBulkJournal } from '../../server/services/bulk/journal';
import { tempDb, type TempDb } from './pipeline-fixtures';

let t: TempDb | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const mode = (db: Database.Database) => String(db.pragma('journal_mode', { simple: true }));
const count = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM bulk').get() as { n: number }).n;

function setup() {
  t = tempDb();
  const sqlite = writerOf(t.db);
  sqlite.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = sqlite.prepare('INSERT INTO bulk (v) VALUES (?)');
  const write = sqlite.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(`row ${i}`);
  });
  return { sqlite, write };
}

describe('withBulkJournal', () => {
  it('as the only connection: writes through a rollback journal, then the database is in WAL again', () => {
    const { sqlite, write } = setup();
    let during = '';
    // the engine's read connection closed meanwhile (as the ledger merge runs it): the writer is the only one
    const r = soleWriter(t!.db, () =>
      withBulkJournal(sqlite, () => {
        during = mode(sqlite);
        write.immediate(5000);
        return 'done';
      }),
    );
    expect(r).toEqual({ result: 'done', journal: 'delete' });
    expect(during).toBe('delete');
    expect(mode(sqlite)).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL, as server/db.ts sets it
    expect(count(sqlite)).toBe(5000);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('with another connection open (a server), SQLite keeps WAL at once — no wait for busy_timeout — and the write still lands', () => {
    const { sqlite, write } = setup();
    const other = new Database(t!.file);
    try {
      expect(count(other)).toBe(0);
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      const started = performance.now();
      let readerCount = -1;
      const r = withBulkJournal(sqlite, () => {
        readerCount = count(other);
        write.immediate(100);
        return mode(sqlite);
      });
      expect(r).toEqual({ result: 'wal', journal: 'wal' });
      // before: the refused switch waited the whole busy_timeout (5 s), holding off the other connection
      expect(performance.now() - started).toBeLessThan(1000);
      expect(readerCount).toBe(0);
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(count(other)).toBe(100);
      expect(mode(other)).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('a write that throws is rolled back and the journal mode restored', () => {
    const { sqlite, write } = setup();
    expect(() =>
      withBulkJournal(sqlite, () =>
        sqlite
          .transaction(() => {
            write(10);
            throw new Error('boom');
          })
          .immediate(),
      ),
    ).toThrow('boom');
    expect(count(sqlite)).toBe(0);
    expect(mode(sqlite)).toBe('wal');
  });
});
