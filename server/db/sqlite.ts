/**
 * The SQLite engine: one file, two connections. The writer (WAL, foreign keys) is taken by one write
 * transaction at a time — a process-wide async mutex, then BEGIN IMMEDIATE … COMMIT/ROLLBACK around an async
 * callback (better-sqlite3 and Drizzle refuse async transaction callbacks, so the engine drives it itself),
 * SAVEPOINTs when nested. Everything else reads through a read-only connection: between the awaits of an
 * open transaction other requests run, and they must see neither its uncommitted rows nor be able to write
 * past it. `:memory:` cannot be shared between connections: there one connection does both (tests only).
 */
import { recoverUnfinishedMerges } from '../services/bulk/merge-recovery';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ROOT } from '../root';
import { registerZhSort } from '../zh-sort';
import type { DbEngine } from './engine';
import { type Mutex, mutexFor } from './mutex';
import { cachePreparedStatements } from './statements';
import { dropUnkeptCounts } from './live-counts';

const MIGRATIONS = path.join(ROOT, 'drizzle');

/** The open write transaction of one async context: `open` turns false at its end (work it started later reads again). */
interface TxState {
  open: boolean;
  savepoints: number;
}

let memories = 0;

export class SqliteEngine implements DbEngine {
  readonly dialect = 'sqlite';
  private readonly als = new AsyncLocalStorage<TxState>();
  private readonly mutex: Mutex;
  /** what Drizzle holds: routes each call to the connection of the calling async context */
  readonly client: Database.Database;

  constructor(
    readonly name: string,
    readonly writer: Database.Database,
    public reader: Database.Database,
  ) {
    this.mutex = mutexFor(writer === reader ? `:memory:${++memories}` : path.resolve(name));
    const close = () => this.close();
    this.client = new Proxy(reader, {
      get: (_target, prop) => {
        if (prop === 'close') return close;
        const c = this.connection();
        const v = Reflect.get(c, prop, c);
        return typeof v === 'function' ? v.bind(c) : v;
      },
    });
  }

  /** the connection the calling async context uses */
  connection(): Database.Database {
    return this.als.getStore()?.open ? this.writer : this.reader;
  }

  get inTransaction(): boolean {
    return this.als.getStore()?.open === true;
  }

  async transaction<T>(fn: () => Promise<T> | T): Promise<T> {
    const outer = this.als.getStore();
    if (outer?.open) return this.writer.inTransaction ? this.savepoint(outer, fn) : this.begin(fn);
    const release = await this.mutex.lock();
    const state: TxState = { open: true, savepoints: 0 };
    try {
      return await this.als.run(state, () => this.begin(fn));
    } finally {
      state.open = false;
      release();
    }
  }

  async exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.als.getStore()?.open) return fn();
    const release = await this.mutex.lock();
    const state: TxState = { open: true, savepoints: 0 };
    try {
      return await this.als.run(state, fn);
    } finally {
      state.open = false;
      release();
    }
  }

  setLockTimeout(ms: number): void {
    this.writer.pragma(`busy_timeout = ${ms}`);
    if (this.reader !== this.writer) this.reader.pragma(`busy_timeout = ${ms}`);
  }

  /**
   * Runs the synchronous `fn` with the read connection closed, so the writer is this process's only
   * connection to the file (a bulk merge may then switch to a rollback journal: bulk/journal.ts). No other
   * code runs meanwhile (fn is synchronous), so no read misses its connection.
   */
  soleWriter<T>(fn: () => T): T {
    if (this.reader === this.writer) return fn();
    this.reader.close();
    try {
      return fn();
    } finally {
      this.reader = openReader(this.name);
    }
  }

  close(): void {
    if (this.reader !== this.writer && this.reader.open) this.reader.close();
    if (this.writer.open) this.writer.close();
  }

  /** BEGIN IMMEDIATE takes the file's write lock now (SQLITE_BUSY after busy_timeout if another process holds it). */
  private async begin<T>(fn: () => Promise<T> | T): Promise<T> {
    this.writer.exec('BEGIN IMMEDIATE');
    try {
      const out = await fn();
      this.writer.exec('COMMIT');
      return out;
    } catch (e) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      throw e;
    }
  }

  private async savepoint<T>(state: TxState, fn: () => Promise<T> | T): Promise<T> {
    const name = `sp${++state.savepoints}`;
    this.writer.exec(`SAVEPOINT ${name}`);
    try {
      const out = await fn();
      this.writer.exec(`RELEASE ${name}`);
      return out;
    } catch (e) {
      if (this.writer.inTransaction) this.writer.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw e;
    }
  }
}

/** Opens (creating if needed) the SQLite file with the pragmas DESIGN.md asks for and migrates it; returns the engine. */
export function openSqlite(file: string): SqliteEngine {
  const memory = file === ':memory:' || file === '';
  if (!memory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const writer = cachePreparedStatements(new Database(file));
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = NORMAL');
  writer.pragma('foreign_keys = ON');
  writer.pragma('busy_timeout = 5000');
  registerZhSort(writer);
  migrate(drizzle({ client: writer }), { migrationsFolder: MIGRATIONS });
  dropUnkeptCounts(writer);
  // a ledger merge whose process died part-way: its records go before anything reads them (bulk/merge-recovery.ts)
  if (!memory) recoverUnfinishedMerges(writer);
  if (memory) return new SqliteEngine(file, writer, writer);
  return new SqliteEngine(file, writer, openReader(file));
}

function openReader(file: string): Database.Database {
  const reader = cachePreparedStatements(new Database(file, { readonly: true, fileMustExist: true }));
  reader.pragma('busy_timeout = 5000');
  registerZhSort(reader);
  return reader;
}
