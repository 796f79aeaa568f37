/**
 * Phase 1's output: a throw-away SQLite file beside the database holding every record the ledger import
 * will create, its findings and its rejected rows (no journal, no fsync: a crash only loses the staging
 * file, which is re-created). A reference to a record staged by this import is its staging id negated; a
 * positive reference is an existing record's id. Phase 2 (server/services/bulk/ledger-merge.ts) copies it
 * into the main database.
 *
 * Writes are collected here as rows in column order (no object per row) and handed over ≈ 1,000 at a time to
 * the store (staging-store.ts) — in this thread, or for a big file in a staging thread of its own
 * (staging-thread.ts), so SQLite's inserts run on the second core. A read of staged rows first lets every
 * write before it land.
 *
 * @db-sync the staging file is its own SQLite connection, written synchronously in big transactions.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import type { FindingDetail } from '../../../server/services/rules/finding-text';
import type { MemoryContext } from '../../../schema/rules';
import { StagingStore, type StageOp } from './staging-store';
import { INSERT_COLS } from './staging-tables';
import { ThreadStore, type StoreLike } from './staging-thread';
import type { ContextCollection, FindingRows, RulesInit, StagedWindow } from './rules-eval';
import { readEnv } from '../../../server/env';

export { INSERT_COLS, LEDGER_IMPORT_TABLES, STAGED, STAGED_BY_NAME } from './staging-tables';

export type StageRow = Record<string, unknown>;

/** rows collected before they are handed to the store */
const SEND_ROWS = 1024;
/** batches the staging thread may have waiting before the import thread evaluates orders itself (behind()) */
const BEHIND = 4;

/**
 * A Bloom filter over strings, blocked: each string sets 8 bits inside one 512-bit block (one cache line),
 * block and bits from independent 32-bit hashes. With 3 bits anywhere in a fixed filter (2^24 bits for 573k
 * invoices, 2^25 for as many orders) the 1M-row bench ledger, which stages every number once, answered "maybe"
 * for 131 invoice and 18 order numbers never staged, and each "maybe" is a query that waits for the staging
 * thread to catch up: 2.9 s of the import thread's phase 1; now none. It grows with what it holds, 64 bits a string up to `maxBits`: small, it stays in the cache (a 4 MB
 * filter cost the 100k-row import ≈ 0.2 s of memory stalls, one every add and look-up); grown, the strings
 * added so far are put in again from their hashes, kept until then. No false "maybe" in 600k numbers never
 * added after 600k added (staging-bloom.test.ts).
 */
export class Bloom {
  private words: Int32Array;
  /** the block mask (blocks of 16 words) */
  private blocks: number;
  private count = 0;
  /** each string's block hash and first bit hash, for growing (dropped at maxBits) */
  private log: Uint32Array | null = new Uint32Array(2048);
  /** the last string's three 27-bit hashes of its bits (8 × 9 bits) */
  private x = 0;
  private y = 0;
  private z = 0;
  constructor(
    private readonly maxBits: number,
    bits = Math.min(maxBits, 1 << 16),
  ) {
    this.words = new Int32Array(bits >>> 5);
    this.blocks = (bits >>> 9) - 1;
  }
  /** The string's block hash; its bits' hashes in x, y, z. */
  private hash(s: string): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = fmix(h1);
    this.bitHashes(fmix(h2 ^ h1));
    return h1;
  }
  private bitHashes(x: number) {
    this.x = x;
    this.y = fmix(x + 0x9e3779b9);
    this.z = fmix(this.y + 0x9e3779b9);
  }
  /** the k-th bit (0–7) of the last string, in its block */
  private bit(k: number): number {
    return k < 3 ? (this.x >>> (k * 9)) & 511 : k < 6 ? (this.y >>> ((k - 3) * 9)) & 511 : (this.z >>> ((k - 6) * 9)) & 511;
  }
  private set(h1: number) {
    const base = (h1 & this.blocks) << 4;
    const w = this.words;
    for (let k = 0; k < 8; k++) {
      const b = this.bit(k);
      w[base + (b >>> 5)] |= 1 << (b & 31);
    }
  }
  add(s: string) {
    const h1 = this.hash(s);
    this.set(h1);
    if (!this.log) return;
    const at = 2 * this.count++;
    if (at === this.log.length) {
      const more = new Uint32Array(2 * this.log.length);
      more.set(this.log);
      this.log = more;
    }
    this.log[at] = h1;
    this.log[at + 1] = this.x;
    if (this.count * 64 > this.words.length * 32) this.grow();
  }
  has(s: string): boolean {
    const base = (this.hash(s) & this.blocks) << 4;
    const w = this.words;
    for (let k = 0; k < 8; k++) {
      const b = this.bit(k);
      if (!(w[base + (b >>> 5)] & (1 << (b & 31)))) return false;
    }
    return true;
  }
  /** Four times the bits (at most maxBits), every string added so far put in again. */
  private grow() {
    const log = this.log!;
    const bits = Math.min(this.maxBits, this.words.length * 32 * 4);
    this.words = new Int32Array(bits >>> 5);
    this.blocks = (bits >>> 9) - 1;
    for (let i = 0; i < 2 * this.count; i += 2) {
      this.bitHashes(log[i + 1]);
      this.set(log[i]);
    }
    if (bits === this.maxBits) this.log = null;
  }
}
/** MurmurHash3's finaliser: every input bit moves every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FINDING_WIDTH = INSERT_COLS.get('findings')!.length;
const REPORT_WIDTH = INSERT_COLS.get('report_findings')!.length;
const SLIP_WIDTH = INSERT_COLS.get('outbound_slips')!.length;
const LINE_WIDTH = INSERT_COLS.get('sales_lines')!.length;

/** A value as a staged cell keeps it: booleans 1/0, objects as JSON text, undefined as null. */
export const stagedValue = (v: unknown) =>
  v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
const value = stagedValue;

type RowPutter = (row: StageRow, out: unknown[], facts: (f: unknown) => unknown, value: (v: unknown) => unknown) => void;
/**
 * Appends a record's columns after the id in INSERT_COLS order: one function per table, generated with the
 * column names as constants (monomorphic property loads instead of a keyed load per column).
 */
function rowPutter(table: string): RowPutter {
  const body = INSERT_COLS.get(table)!
    .slice(1)
    .map((c) => `out.push(${c === 'legacy_facts' ? 'facts' : 'value'}(row[${JSON.stringify(c)}]));`)
    .join('\n');
  return new Function('row', 'out', 'facts', 'value', body) as RowPutter;
}
const PUTS = new Map<string, RowPutter>();

export class Staging implements FindingRows {
  private store: StoreLike;
  /** new orders not yet handed to the store, their rules to be evaluated there (window()) */
  private windows: StagedWindow[] = [];
  /** records the import created, for a staging thread's rule context */
  private ctxAdds: Array<[ContextCollection, Record<string, unknown>]> = [];
  /** whether new orders go through window() (evaluateRules with a staging thread) */
  evaluates = false;
  private readonly next = new Map<string, number>();
  /** per table: rows not yet handed to the store, flat in INSERT_COLS order */
  private readonly unsent = new Map<string, unknown[]>();
  private unsentRows = 0;
  /** writes since the last commit */
  private pending = 0;
  private readonly lookups = new Map<string, number>();
  private readonly ordersSeen = new Bloom(1 << 25);
  private readonly invoicesSeen = new Bloom(1 << 25);
  private reopenIndexed = false;

  constructor(
    readonly file: string,
    opts: { thread?: boolean } = {},
  ) {
    this.store = opts.thread ? new ThreadStore(file) : new StagingStore(file, true);
    for (const t of INSERT_COLS.keys()) {
      this.next.set(t, 1);
      this.unsent.set(t, []);
    }
  }

  /** The staging file's connection in this thread (a staging thread hands the file over, finished, first). */
  get db(): Database.Database {
    if (this.store instanceof ThreadStore) {
      this.send([{ t: 'commit' }]);
      this.store = this.store.handOff();
    }
    return (this.store as StagingStore).db;
  }

  /** Reserves the next staging id of a table; the record is referenced as its negation. */
  reserve(table: string): number {
    const id = this.next.get(table)!;
    this.next.set(table, id + 1);
    return id;
  }

  count(table: string): number {
    return this.next.get(table)! - 1;
  }

  /** Inserts a staged record under a reserved id (positive). */
  insert(table: string, id: number, row: StageRow): void {
    this.rowOf(table, id, row, this.unsent.get(table)!);
    this.added();
  }

  /** A staged record's row in INSERT_COLS order, appended to `out` (`facts`: how its legacy facts are put). */
  rowOf(table: string, id: number, row: StageRow, out: unknown[] = [], facts: (f: unknown) => unknown = value): unknown[] {
    let put = PUTS.get(table);
    if (!put) PUTS.set(table, (put = rowPutter(table)));
    out.push(id);
    put(row, out, facts, value);
    if (table === 'sales_orders') this.ordersSeen.add(String(row.order_no));
    else if (table === 'invoices') this.invoicesSeen.add(String(row.invoice_no));
    return out;
  }

  /**
   * With a staging thread: from now on a new order is staged as a window (window()) and its rules are
   * evaluated there, on the second core, over a copy of the master data (`init`); the records the import
   * creates reach it through the context returned, which the import must add them to. In this thread (or with
   * GSP_IMPORT_RULES_THREAD=0) the orders' rules are evaluated as they are built (orders.ts): `ctx` is returned.
   */
  evaluateRules(ctx: MemoryContext, init: () => RulesInit): MemoryContext {
    if (this.store instanceof StagingStore || readEnv().GSP_IMPORT_RULES_THREAD === false) return ctx;
    this.evaluates = true;
    this.store.apply([{ t: 'rules', init: init() }]);
    return {
      ...ctx,
      add: (collection, row) => {
        ctx.add(collection, row);
        this.ctxAdds.push([collection, row as Record<string, unknown>]);
      },
    };
  }

  /**
   * Whether the staging thread is behind (more than BEHIND batches not applied): the import thread then
   * evaluates the next order itself (orders.ts), so that neither core idles while the other has work. Which
   * thread evaluates an order changes nothing in what is staged (ids are reserved here; findings go where made).
   */
  behind(): boolean {
    return this.store instanceof ThreadStore && this.store.backlog() > BEHIND;
  }

  /** A new order's rows (order, slips, check, lines), staged and evaluated together where the store runs. */
  window(w: Omit<StagedWindow, 'findingsAt' | 'reportAt'>): void {
    this.windows.push({
      order: w.order,
      slips: w.slips,
      check: w.check,
      lines: w.lines,
      invoices: w.invoices,
      findingsAt: this.unsent.get('findings')!.length / FINDING_WIDTH,
      reportAt: this.unsent.get('report_findings')!.length / REPORT_WIDTH,
    });
    const rows = 1 + (w.check ? 1 : 0) + w.slips.length / SLIP_WIDTH + w.lines.length / LINE_WIDTH;
    this.pending += rows - 1;
    this.unsentRows += rows - 1;
    this.added();
  }

  /** A row in column order (id first) for a staged table: no object per row. */
  insertRow(table: string, args: unknown[]): void {
    const out = this.unsent.get(table)!;
    for (let i = 0; i < args.length; i++) out.push(args[i]);
    this.added();
  }

  /** Rows in column order (id first), one after another in a flat list (a whole order's lines at once). */
  insertRows(table: string, rows: readonly unknown[]): void {
    if (!rows.length) return;
    const out = this.unsent.get(table)!;
    for (let i = 0; i < rows.length; i++) out.push(rows[i]);
    const n = rows.length / INSERT_COLS.get(table)!.length;
    this.pending += n - 1;
    this.unsentRows += n - 1;
    this.added();
  }

  /**
   * The staged order with this number, if any. Most lookups are for orders not seen before (a sorted
   * ledger): a fixed-size Bloom filter answers those without a query, in memory that does not grow.
   */
  stagedOrder(orderNo: string): StageRow | undefined {
    if (!this.ordersSeen.has(orderNo)) return undefined;
    return this.unsentRow('sales_orders', 'order_no', orderNo) ?? this.lookup('sales_orders', 'SELECT * FROM sales_orders WHERE order_no = ? LIMIT 1', orderNo);
  }

  stagedInvoice(invoiceNo: string): { id: number; customer: number; invoice_date: string | null } | undefined {
    if (!this.invoicesSeen.has(invoiceNo)) return undefined;
    return (this.unsentRow('invoices', 'invoice_no', invoiceNo) ??
      this.lookup('invoices', 'SELECT id, customer, invoice_date FROM invoices WHERE invoice_no = ? LIMIT 1', invoiceNo)) as
      | { id: number; customer: number; invoice_date: string | null }
      | undefined;
  }

  /**
   * A staged order / invoice by number. Its index is only built once the Bloom filter has said "maybe" a
   * few times (scattered orders): a sorted ledger never pays for it.
   */
  private lookup(table: 'sales_orders' | 'invoices', sql: string, no: string): StageRow | undefined {
    const n = (this.lookups.get(table) ?? 0) + 1;
    this.lookups.set(table, n);
    if (n === 4) {
      this.exec(
        table === 'sales_orders'
          ? 'CREATE INDEX IF NOT EXISTS sales_orders__order_no ON sales_orders (order_no)'
          : 'CREATE INDEX IF NOT EXISTS invoices__invoice_no ON invoices (invoice_no)',
      );
    }
    return this.get(sql, no);
  }

  /** Staged reads of orders and slips by order (re-opened orders only): indexed on first use. */
  indexForReopen(): void {
    if (this.reopenIndexed) return;
    this.reopenIndexed = true;
    this.exec(`
      CREATE INDEX IF NOT EXISTS outbound_slips__order ON outbound_slips ("order");
      CREATE INDEX IF NOT EXISTS invoice_slips__slip ON invoice_slips (slip);
      CREATE INDEX IF NOT EXISTS special_checks__order ON special_checks ("order");
    `);
  }

  addToInvoice(id: number, amount: number): void {
    const rows = this.unsent.get('invoices')!;
    const cols = INSERT_COLS.get('invoices')!;
    const w = cols.length;
    const c = cols.indexOf('amount');
    for (let i = 0; i < rows.length; i += w) {
      if (rows[i] === id) {
        rows[i + c] = Math.round(((rows[i + c] as number) + amount) * 100) / 100;
        this.pending++;
        return;
      }
    }
    this.run('UPDATE invoices SET amount = round(amount + ?, 2) WHERE id = ?', amount, id);
  }

  finding(
    rule: string,
    severity: string,
    resource: string,
    recordId: number,
    row: number | null,
    fields: string[],
    message: string,
    detail: FindingDetail,
  ): void {
    this.unsent.get('findings')!.push(rule, severity, resource, recordId, row, JSON.stringify(fields), message, JSON.stringify(detail));
    this.added();
  }

  reportFinding(row: number, rule: string, severity: string, fields: string[], message: string, order: number | null): void {
    this.unsent.get('report_findings')!.push(row, rule, severity, JSON.stringify(fields), message, order);
    this.added();
  }

  reject(row: number, raw: Record<string, string>, errors: Array<{ field: string; message: string }>): void {
    this.unsent.get('import_rejects')!.push(row, JSON.stringify(raw), JSON.stringify(errors));
    this.added();
  }

  /** Runs a statement of the caller's inside the open write transaction, after every write before it. */
  run(sql: string, ...args: unknown[]): void {
    this.pending++;
    this.send([{ t: 'run', sql, args }]);
  }

  /** DDL (indexes of the staged tables), after the writes before it are committed. */
  exec(sql: string): void {
    this.send([{ t: 'exec', sql }]);
  }

  all<T = StageRow>(sql: string, ...args: unknown[]): T[] {
    this.send([]);
    return this.store.query({ t: 'all', sql, args }) as T[];
  }

  get<T = StageRow>(sql: string, ...args: unknown[]): T | undefined {
    this.send([]);
    return this.store.query({ t: 'get', sql, args }) as T | undefined;
  }

  /** Commits every ~`every` writes (called between orders, so an order is never split across commits). */
  maybeCommit(every = 50_000): void {
    if (this.pending >= every) {
      this.send([{ t: 'commit' }]);
      this.pending = 0;
    }
  }

  /** Every write so far committed to the file (waits for a staging thread). */
  commit(): void {
    this.send([{ t: 'commit' }]);
    this.pending = 0;
    this.store.drain();
  }

  *reportFindings(): Generator<{ row: number; rule: string; severity: 'error' | 'warning'; fields: string[]; message: string }> {
    this.commit();
    const stmt = this.db.prepare('SELECT "row", rule, severity, fields, message FROM report_findings ORDER BY "row", id');
    for (const r of stmt.iterate() as IterableIterator<{ row: number; rule: string; severity: 'error' | 'warning'; fields: string; message: string }>) {
      yield { row: r.row, rule: r.rule, severity: r.severity, fields: JSON.parse(r.fields), message: r.message };
    }
  }

  *rejects(): Generator<{ row: number; errors: Array<{ field: string; message: string }> }> {
    this.commit();
    const stmt = this.db.prepare('SELECT "row", errors FROM import_rejects ORDER BY "row", id');
    for (const r of stmt.iterate() as IterableIterator<{ row: number; errors: string }>) yield { row: r.row, errors: JSON.parse(r.errors) };
  }

  close(remove = true): void {
    try {
      this.store.close();
    } catch {
      /* closing anyway: a failure of the staging thread was thrown where it happened */
    } finally {
      if (remove) for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(this.file + ext, { force: true });
    }
  }

  private added() {
    this.pending++;
    if (++this.unsentRows >= SEND_ROWS) this.send([]);
  }

  /** A row not yet handed to the store whose column `col` equals `v`, as an object (id and columns). */
  private unsentRow(table: string, col: string, v: unknown): StageRow | undefined {
    const cols = INSERT_COLS.get(table)!;
    if (table === 'sales_orders') {
      const c = cols.indexOf(col);
      for (const w of this.windows) if (w.order[c] === v) return Object.fromEntries(cols.map((k, j) => [k, w.order[j]]));
    }
    const rows = this.unsent.get(table)!;
    const w = cols.length;
    const c = cols.indexOf(col);
    for (let i = 0; i < rows.length; i += w) {
      if (rows[i + c] === v) return Object.fromEntries(cols.map((k, j) => [k, rows[i + j]]));
    }
    return undefined;
  }

  /** Hands the collected rows, then `ops`, to the store in the order they were made. */
  private send(ops: StageOp[]): void {
    if (this.unsentRows || this.ctxAdds.length) {
      const rows: StageOp[] = [];
      // the created records first (the windows' rules may read them), the windows before the findings they go among
      if (this.ctxAdds.length) rows.push({ t: 'ctx', adds: this.ctxAdds });
      if (this.windows.length) rows.push({ t: 'windows', list: this.windows });
      this.ctxAdds = [];
      this.windows = [];
      for (const [table, args] of this.unsent) {
        if (!args.length) continue;
        rows.push({ t: 'rows', table, args });
        this.unsent.set(table, []);
      }
      this.unsentRows = 0;
      ops = [...rows, ...ops];
    }
    if (ops.length) this.store.apply(ops);
  }
}
