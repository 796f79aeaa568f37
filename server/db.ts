import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './root';
import { registerZhSort } from './zh-sort';
import { recoverUnfinishedMerges } from './services/bulk/merge-recovery';

export type Db = BetterSQLite3Database<Record<string, never>> & { $client: Database.Database };

const MIGRATIONS = path.join(ROOT, 'drizzle');

/**
 * Drizzle prepares every query it runs anew; preparing is the single largest cost of a small write here
 * (~18% of the demo seed). Statements are cached by SQL text and handed out in default mode (Drizzle
 * switches raw mode on where it wants it). Bounded, so ad-hoc SQL cannot grow it without limit.
 */
function cachePreparedStatements(sqlite: Database.Database, max = 2000): Database.Database {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    } else if (stmt.reader) {
      stmt.raw(false);
      stmt.pluck(false);
      stmt.expand(false);
    }
    return stmt;
  }) as typeof sqlite.prepare;
  return sqlite;
}

/** Opens (creating if needed) the SQLite file with the pragmas DESIGN.md asks for, and migrates it. */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = cachePreparedStatements(new Database(file));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  registerZhSort(sqlite);
  const db = drizzle(sqlite) as unknown as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  // a ledger merge whose process died part-way: its records go before anything reads them (bulk/merge-recovery.ts)
  if (file !== ':memory:') recoverUnfinishedMerges(sqlite);
  return db;
}
