/**
 * The PostgreSQL engine (issue #17): a `pg.Pool`. Reads run on any pool connection (autocommit, committed rows
 * only). A write transaction queues behind this process's other writers (an async mutex: a waiting writer holds no
 * connection), takes a connection of its own, BEGIN, then a transaction-scoped advisory lock on one
 * key: every writer of the database — in this process or any other — queues there, so the audit hash chain
 * (read the last hash, append the next), the document numbering and the natural-key look-ups see the previous
 * writer's committed rows, as SQLite's one writer does. The calling async context is routed to that connection
 * (AsyncLocalStorage, as sqlite.ts), so `ctx.db` inside the callback reads its own writes; nested calls become
 * SAVEPOINTs. Lock waits give up after lock_timeout and long statements after statement_timeout: both roll the
 * transaction back and surface as the busy error (errors.ts) that HTTP turns into 503 + Retry-After.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { DbEngine } from './engine';
import { Mutex } from './mutex';

/** The advisory lock key every writer of a GSP database takes ('GSPW' as a number: one key, any process). */
export const WRITE_LOCK_KEY = 0x47535057;

export interface PgEngineOptions {
  /** the longest a writer waits for the write lock or a row lock (ms; lock_timeout); default 5000 */
  lockTimeoutMs?: number;
  /** the longest one statement may run (ms; statement_timeout, 0 = none); default 60000 */
  statementTimeoutMs?: number;
  /** pool size; default 10 */
  max?: number;
  /**
   * The file path the console keeps its own files beside (attachments/, imports/, backups/, first-login.txt), as
   * the SQLite file's directory holds them: GSP_DB (else data/gsp.db) — no file is created there.
   */
  filesBeside?: string;
}

/** int8 (count(*), sums of integers) and numeric (avg, sums of int8) as numbers, as SQLite answers them. */
const NUMERIC_TYPES = new Set([20, 1700]);
type TypeParsers = { getTypeParser: (id: number, format?: string) => unknown };

/** A query config whose type parsers read int8 and numeric as numbers (a counter past 2^53 would lose digits). */
function withNumbers(config: unknown): unknown {
  if (typeof config !== 'string' && (!config || typeof config !== 'object' || typeof (config as { submit?: unknown }).submit === 'function')) return config;
  const c = (typeof config === 'string' ? { text: config } : config) as { types?: TypeParsers };
  const inner: TypeParsers = c.types ?? (pg.types as TypeParsers);
  return { ...c, types: { getTypeParser: (id: number, format?: string) => (NUMERIC_TYPES.has(id) ? Number : inner.getTypeParser(id, format)) } };
}

/** The write lock of a transactionLockingLater(): held for a passage, or taken until the COMMIT. */
export interface LaterWriteLock {
  hold<R>(fn: () => Promise<R>): Promise<R>;
  take(): Promise<void>;
}

/** The connection of one async context: a transaction (or exclusive section) until `open` turns false. */
interface PgTxState {
  open: boolean;
  client: pg.PoolClient;
  /** a BEGIN is open on `client` (an exclusive section runs without one until it calls transaction()) */
  inTx: boolean;
  savepoints: number;
  /** a ROLLBACK or unlock failed: the connection's state is unknown, so the pool destroys it */
  broken?: boolean;
  memo: SectionMemo;
  /**
   * RELEASE SAVEPOINTs not sent yet: they go with the section's next statement of its own (the next SAVEPOINT,
   * COMMIT) in one round trip, or just before any other query — a nested write (the seed's creates, a verb's)
   * costs one round trip for its savepoint instead of two.
   */
  releases: string[];
  /** rows appendLater() holds for the next statement: `INSERT … VALUES …` texts by table */
  appends: Map<string, { head: string; rows: string[] }>;
}

/**
 * What a write section (a transaction or exclusive section: it holds the database's one write lock, so only its
 * own statements change the database) has read and may read again without a round trip: rows by id, the audit
 * chain's tail. Every statement the section's connection sends forgets the table it writes (`update "t"`,
 * `delete from "t"`, an upsert; a plain `insert into "t"` only the look-ups that found nothing there), any other
 * non-SELECT statement forgets everything, and so does a rollback to a savepoint. A value loaded while something
 * was forgotten is not kept (it may predate the write). Sound while no trigger writes a table other than its
 * own (drizzle-pg/'s triggers only refuse: append-only audit log, attachments).
 */
export class SectionMemo {
  private readonly tables = new Map<string, Map<string | number, unknown>>();
  private generation = 0;

  /** the value under (table, key), loading and keeping it on a miss; a copy, so callers may change it */
  async read<T>(table: string, key: string | number, load: () => Promise<T>): Promise<T> {
    const known = this.tables.get(table);
    if (known?.has(key)) return structuredClone(known.get(key)) as T;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) this.set(table, key, value);
    return value;
  }

  /** whether (table, key) is kept */
  has(table: string, key: string | number): boolean {
    return this.tables.get(table)?.has(key) ?? false;
  }

  /** keeps what the section itself just wrote (e.g. the audit chain's new tail, after its insert) */
  set(table: string, key: string | number, value: unknown): void {
    let known = this.tables.get(table);
    if (!known) this.tables.set(table, (known = new Map()));
    known.set(key, structuredClone(value));
  }

  forget(table?: string): void {
    this.generation++;
    if (table === undefined) this.tables.clear();
    else this.tables.delete(table);
  }

  /** what a statement changes: a table, one row of it, nothing (reads, savepoints) or anything */
  noteStatement(text: string | undefined, values?: readonly unknown[]): void {
    if (text !== undefined && READS.test(text)) return;
    const m = text === undefined ? null : WRITES_TABLE.exec(text);
    if (!m) {
      this.forget();
      return;
    }
    if (/^\s*insert\b/i.test(text!) && !/\bon\s+conflict\b/i.test(text!)) {
      this.forgetMisses(m[1]);
      return;
    }
    // Drizzle's update or delete of one row by id (`… where "t"."id" = $n [returning …]`): that row
    const one = ONE_ROW.exec(text!);
    const id = one && one[1] === m[1] ? values?.[Number(one[2]) - 1] : undefined;
    if (typeof id === 'number') this.forgetMisses(m[1], id);
    else this.forget(m[1]);
  }

  /**
   * A plain INSERT changes no row there was: the rows kept by id stay; what was looked for and not found may exist
   * now, and what is kept about the table as a whole (a string key: the audit chain's tail) may have moved.
   */
  private forgetMisses(table: string, andRow?: number): void {
    this.generation++;
    const known = this.tables.get(table);
    if (known) for (const [key, value] of known) if (value === undefined || typeof key !== 'number' || key === andRow) known.delete(key);
  }
}

/** a statement that writes no table (one statement: a multi-statement text is matched by its first) */
const READS = /^\s*(?:select\b(?![^;]*;)|savepoint\b|release\b)/i;
/** Drizzle's `where` of one row by id, last in an update or delete (before a `returning`) */
const ONE_ROW = /\swhere "([^"]+)"\."id" = \$(\d+)(?: returning [^;]*)?$/i;
/** Drizzle's single-table writes (a CTE or a multi-statement text forgets everything) */
const WRITES_TABLE = /^\s*(?:insert\s+into|update|delete\s+from)\s+"([^"]+)"[^;]*$/i;

/** The pool's query function as Drizzle calls it (`client.query(config | text, values)`). */
export interface PgQueryable {
  query: pg.Pool['query'];
  /** where the console's files sit (PgEngineOptions.filesBeside), as better-sqlite3's `name` is the database file */
  name?: string;
}

export class PgEngine implements DbEngine {
  readonly dialect = 'postgres';
  readonly name: string;
  readonly pool: pg.Pool;
  /** what Drizzle holds: each query goes to the connection of the calling async context */
  readonly client: PgQueryable;
  private readonly als = new AsyncLocalStorage<PgTxState>();
  /**
   * This process's writers queue here before they take a connection: one at a time waits on the advisory lock,
   * so writers waiting their turn never hold the pool's connections the reads need.
   */
  private readonly writers = new Mutex();
  private lockTimeoutMs: number;
  /** the server process ids of this pool's open connections (pg_stat_activity.pid) */
  private readonly pids = new Set<number>();

  constructor(url: string, opts: PgEngineOptions = {}) {
    this.name = describePgUrl(url);
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 5000;
    const statementTimeout = opts.statementTimeoutMs ?? 60000;
    // Every connection starts read-only (as SQLite's reader: a write outside transaction() fails loudly, 25006)
    // and with the timeouts: a read too waits at most lock_timeout (e.g. behind a migration).
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 10,
      options: `-c default_transaction_read_only=on -c lock_timeout=${this.lockTimeoutMs} -c statement_timeout=${statementTimeout}`,
    });
    // An idle connection the server dropped (restart, admin kill) must not crash the process.
    this.pool.on('error', () => {});
    const pidOf = (c: pg.PoolClient) => (c as unknown as { processID?: number }).processID;
    this.pool.on('connect', (c) => pidOf(c) && this.pids.add(pidOf(c)!));
    this.pool.on('remove', (c) => pidOf(c) && this.pids.delete(pidOf(c)!));
    const query = ((config: unknown, ...rest: unknown[]) =>
      (this.connection().query as (...a: unknown[]) => unknown)(withNumbers(config), ...rest)) as pg.Pool['query'];
    this.client = { query, name: opts.filesBeside };
  }

  /** the connection the calling async context uses: its transaction's, or the pool */
  connection(): pg.Pool | pg.PoolClient {
    const s = this.als.getStore();
    return s?.open ? s.client : this.pool;
  }

  /** The server processes of this pool's connections: the sessions on the database that are this engine's own. */
  ownSessions(): number[] {
    return [...this.pids];
  }

  get inTransaction(): boolean {
    return this.als.getStore()?.open === true;
  }

  async transaction<T>(fn: () => Promise<T> | T): Promise<T> {
    const outer = this.als.getStore();
    if (outer?.open) return outer.inTx ? this.savepoint(outer, fn) : this.begin(outer, fn);
    const release = await this.writers.lock();
    try {
      return await this.withConnection((state) => this.begin(state, fn));
    } finally {
      release();
    }
  }

  /**
   * Holds the write lock (session-level advisory lock) on one connection without a transaction: a bulk loader
   * commits its own batches (each a transaction() inside, on the same connection).
   */
  async exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.als.getStore()?.open) return fn();
    const release = await this.writers.lock();
    try {
      return await this.exclusiveSection(fn);
    } finally {
      release();
    }
  }

  private exclusiveSection<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.withConnection(async (state) => {
      await state.client.query(`SET lock_timeout = ${this.lockTimeoutMs}; SET default_transaction_read_only = off; SELECT pg_advisory_lock(${WRITE_LOCK_KEY})`);
      try {
        return await fn();
      } finally {
        await state.client
          .query(`RESET lock_timeout; RESET default_transaction_read_only; SELECT pg_advisory_unlock(${WRITE_LOCK_KEY})`)
          .catch(() => (state.broken = true));
      }
    });
  }

  /** For every write transaction and exclusive section begun from now on (reads keep the pool's start-up value). */
  setLockTimeout(ms: number): void {
    this.lockTimeoutMs = Math.max(0, Math.round(ms));
  }

  /** Ends the pool (waits for the connections in use to be released). */
  close(): Promise<void> {
    return this.pool.ended ? Promise.resolve() : this.pool.end();
  }

  /**
   * A pool connection for the calling context's section; a connection left in an unknown state is destroyed.
   * While the section has it, every query sent on it (by the adapter, the bulk loaders, COPY) first sends the
   * pending RELEASEs and tells the section's memo what it writes.
   */
  private async withConnection<T>(run: (state: PgTxState) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const state: PgTxState = { open: true, client, inTx: false, savepoints: 0, memo: new SectionMemo(), releases: [], appends: new Map() };
    const own = Object.hasOwn(client, 'query');
    const send = client.query;
    client.query = ((config: unknown, ...rest: unknown[]) => {
      const text =
        typeof config === 'string' ? config : (config as { submit?: unknown } | null)?.submit ? undefined : (config as { text?: string } | null)?.text;
      // what this statement must come after: the savepoints ended, the rows held for a table it names
      const before = [...this.takeReleases(state), ...this.takeAppends(state, text)];
      if (before.length) (send as (text: string) => Promise<unknown>).call(client, before.join('; ')).catch(() => undefined); // a failure aborts the transaction: the query below reports it
      state.memo.noteStatement(text, Array.isArray(rest[0]) ? rest[0] : (config as { values?: unknown[] } | null)?.values);
      return (send as (...a: unknown[]) => unknown).call(client, config, ...rest);
    }) as typeof client.query;
    try {
      return await this.als.run(state, () => run(state));
    } finally {
      state.open = false;
      if (own) client.query = send;
      else delete (client as Partial<pg.PoolClient>).query;
      client.release(state.broken || state.inTx);
    }
  }

  private takeReleases(state: PgTxState): string[] {
    return state.releases.splice(0);
  }

  /** the INSERTs of the rows held for the tables `text` names (all of them for COMMIT, a savepoint, COPY: undefined) */
  private takeAppends(state: PgTxState, text?: string): string[] {
    const out: string[] = [];
    for (const [table, { head, rows }] of state.appends) {
      if (text !== undefined && !text.includes(table)) continue;
      out.push(`${head} VALUES ${rows.join(', ')}`);
      state.appends.delete(table);
    }
    return out;
  }

  /**
   * Inside a write transaction: holds one row for `table` (values rendered as SQL literals) and sends it with the
   * transaction's next statement of its own (SAVEPOINT, COMMIT: one round trip) or just before any statement that
   * names the table (it reads them, in order); undone with a rollback to a savepoint begun before it. Answers
   * false outside a transaction: the caller inserts it itself. The audit log's rows: no round trip of their own.
   */
  appendLater(table: string, columns: readonly string[], values: readonly unknown[]): boolean {
    const state = this.als.getStore();
    if (!state?.open || !state.inTx) return false;
    let held = state.appends.get(table);
    if (!held)
      state.appends.set(
        table,
        (held = { head: `INSERT INTO ${pg.escapeIdentifier(table)} (${columns.map((c) => pg.escapeIdentifier(c)).join(', ')})`, rows: [] }),
      );
    held.rows.push(`(${values.map(literal).join(', ')})`);
    return true;
  }

  /** The memo of the calling context's write section (see SectionMemo); undefined outside one. */
  sectionMemo(): SectionMemo | undefined {
    const s = this.als.getStore();
    return s?.open ? s.memo : undefined;
  }

  /**
   * BEGIN, the lock timeout for this transaction, then the write lock: one round trip. The lock is released by
   * COMMIT or ROLLBACK, whatever happens to this process's connection (a crash rolls back on the server).
   */
  private async begin<T>(state: PgTxState, fn: () => Promise<T> | T, lockNow = true): Promise<T> {
    state.inTx = true;
    try {
      if (lockNow)
        await this.lockAndPrime(state, `BEGIN READ WRITE; SET LOCAL lock_timeout = ${this.lockTimeoutMs}; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
      else await state.client.query('BEGIN READ WRITE');
      const out = await fn();
      await state.client.query([...this.takeReleases(state), ...this.takeAppends(state), 'COMMIT'].join('; '));
      state.inTx = false;
      return out;
    } catch (e) {
      state.releases.length = 0;
      state.appends.clear();
      await state.client.query('ROLLBACK').catch(() => (state.broken = true));
      state.inTx = false;
      throw e;
    } finally {
      state.memo.forget();
    }
  }

  /** `head` (ending with the statement that takes the write lock), then the primers' reads into a fresh memo: one round trip. */
  private async lockAndPrime(state: PgTxState, head: string): Promise<void> {
    const results = (await state.client.query([head, ...PRIMERS.map((p) => p.text)].join('; '))) as unknown as pg.QueryResult[];
    PRIMERS.forEach((p, i) => p.apply(results[results.length - PRIMERS.length + i].rows, state.memo));
  }

  /**
   * A write transaction that does not take the write lock at BEGIN: a bulk merge whose rows nobody sees before
   * its COMMIT (MVCC), so other writers need not wait while it inserts. It takes the lock itself where it must
   * see — and be seen by — every other writer's committed rows (natural keys, id ranges, the audit chain's
   * tail): `hold(fn)` for a passage in the middle (a session-level lock, released after fn, even on error),
   * `take()` until the COMMIT. Not routed through this process's writer queue; never nested.
   */
  async transactionLockingLater<T>(fn: (lock: LaterWriteLock) => Promise<T>, lockTimeoutMs: number): Promise<T> {
    if (this.als.getStore()?.open) throw new Error('transactionLockingLater: already inside a write section');
    return this.withConnection((state) => {
      const timeout = `SET LOCAL lock_timeout = ${Math.max(0, Math.round(lockTimeoutMs))}`;
      const lock: LaterWriteLock = {
        hold: async (inner) => {
          state.memo.forget(); // what it read before may have changed meanwhile
          await this.lockAndPrime(state, `${timeout}; SELECT pg_advisory_lock(${WRITE_LOCK_KEY})`);
          try {
            return await inner();
          } finally {
            state.memo.forget(); // other writers go on from here
            await state.client.query(`SELECT pg_advisory_unlock(${WRITE_LOCK_KEY})`).catch(() => (state.broken = true)); // a broken connection is closed: the lock goes with it
          }
        },
        take: () => {
          state.memo.forget();
          return this.lockAndPrime(state, `${timeout}; SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
        },
      };
      return this.begin(state, () => fn(lock), false);
    });
  }

  /** SAVEPOINT (with the RELEASEs still pending: one round trip); its RELEASE waits for the next statement. */
  private async savepoint<T>(state: PgTxState, fn: () => Promise<T> | T): Promise<T> {
    const name = `sp${++state.savepoints}`;
    // the rows held so far are written before it: a rollback to it must not undo them
    await state.client.query([...this.takeReleases(state), ...this.takeAppends(state), `SAVEPOINT ${name}`].join('; '));
    try {
      const out = await fn();
      state.releases.push(`RELEASE SAVEPOINT ${name}`);
      return out;
    } catch (e) {
      // the RELEASEs pending are of savepoints inside this one, the rows held were held since it: the rollback undoes them
      state.releases.length = 0;
      state.appends.clear();
      await state.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`).catch(() => (state.broken = true));
      state.memo.forget();
      throw e;
    }
  }
}

/**
 * Reads every write transaction makes in its first round trip, after taking the write lock, into its memo (the
 * audit chain's tail: services/audit.ts): a write then needs no round trip of its own to learn them.
 */
const PRIMERS: { text: string; apply: (rows: unknown[], memo: SectionMemo) => void }[] = [];
export function primeWriteTransactions(text: string, apply: (rows: unknown[], memo: SectionMemo) => void): void {
  PRIMERS.push({ text, apply });
}

/** A value as an SQL literal (numbers, booleans, null, text: the driver's own escaping). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return pg.escapeLiteral(String(v));
}

/** A PostgreSQL URL for a log line: engine, user, host and database, never the password. */
export function describePgUrl(url: string): string {
  const u = new URL(url);
  return `postgresql ${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
}
