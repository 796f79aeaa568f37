/**
 * What every database engine offers the services (issue #17): the SQLite engine (sqlite.ts) today; a
 * PostgreSQL engine (a pool, a transaction holding a global advisory lock so the audit hash chain, order
 * numbering and natural keys stay correct under concurrent writers) slots in behind the same interface.
 *
 * Services reach the database only through `ctx.db`. Outside a write transaction its queries go to a
 * read connection (SQLite: a read-only connection — a stray write fails loudly; it sees only committed
 * rows). Inside `transaction()` — in the callback's whole async context, through every await — the same
 * `ctx.db` goes to the transaction's connection, so code that captured the handle before the transaction
 * still reads its own writes. Other requests interleaving with an open transaction keep reading the
 * committed state.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface DbEngine {
  readonly dialect: Dialect;
  /** the file (or the URL without its password) for the start-up line */
  readonly name: string;
  /**
   * Runs `fn` in the write transaction: a new one once the process-wide write lock is free, or a savepoint
   * when the calling async context is already inside one. An exception rolls it back and is re-thrown.
   */
  transaction<T>(fn: () => Promise<T> | T): Promise<T>;
  /**
   * Holds the write lock and routes the calling async context to the writer without opening a transaction:
   * for a bulk loader that commits its own batches (SQLite: prepared statements in synchronous transactions).
   */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T>;
  /** whether the calling async context is inside a write transaction (or an exclusive section) */
  readonly inTransaction: boolean;
  /** the longest a connection waits, blocking, for a lock another process holds (ms) */
  setLockTimeout(ms: number): void;
  /** SQLite: closes the connections; PostgreSQL: ends the pool (a promise, once the connections in use are back). */
  close(): void | Promise<void>;
}
