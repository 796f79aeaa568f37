/**
 * Phase 1's output: a throw-away SQLite file beside the database holding every record the ledger import
 * will create, its findings and its rejected rows, written with prepared statements in big transactions
 * (no journal, no fsync: a crash only loses the staging file, which is re-created). A reference to a record
 * staged by this import is its staging id negated; a positive reference is an existing record's id.
 * Phase 2 (server/services/bulk/ledger-merge.ts) copies it all into the main database in one transaction.
 *
 * @db-sync the staging file is its own SQLite connection, written synchronously in big transactions.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { ledgerFieldsFor } from '../../headers/ledger-fields';
import type { FindingDetail } from '../../../server/services/rules/finding-text';

export interface StagedTable {
  name: string;
  /** columns copied to the main table (same names) */
  cols: string[];
  /** reference columns → the table they point to (negative values are staged ids there) */
  refs?: Record<string, string>;
  /** JSON columns (stored as JSON text in both databases) */
  json?: string[];
  /** staging-only columns */
  extra?: string[];
}

/** A staged record's columns: the fields ledger columns fill (schema/ledger.ts), then those the importer sets. */
const pending = (resource: string, own: string[]) => [...new Set([...ledgerFieldsFor(resource).map((f) => f.field), ...own])];

export const STAGED: readonly StagedTable[] = [
  { name: 'customers', cols: pending('customers', ['type', 'region', 'qa_status']) },
  { name: 'products', cols: pending('products', ['kind', 'special_control', 'qa_status']), json: ['special_control'] },
  { name: 'batches', cols: pending('batches', ['product', 'status']), refs: { product: 'products' } },
  { name: 'salespeople', cols: ['name'] },
  {
    name: 'sales_orders',
    cols: ['order_no', 'customer', 'salesperson', 'contract', 'sale_date', 'payment_method', 'status', 'remark', 'legacy_facts'],
    json: ['legacy_facts'],
    refs: { customer: 'customers', salesperson: 'salespeople', contract: 'contracts' },
    extra: ['first_row'],
  },
  {
    name: 'sales_lines',
    cols: pending('sales_lines', ['order', 'sale_date', 'customer', 'product', 'batch', 'legacy_facts']),
    json: ['legacy_facts'],
    refs: { order: 'sales_orders', customer: 'customers', product: 'products', batch: 'batches' },
    extra: ['row', 'slip', 'invoice'],
  },
  {
    name: 'outbound_slips',
    cols: pending('outbound_slips', ['slip_no', 'order', 'legacy_facts']),
    json: ['legacy_facts'],
    refs: { order: 'sales_orders' },
  },
  { name: 'invoices', cols: ['invoice_no', 'type', 'customer', 'invoice_date', 'amount'], refs: { customer: 'customers' } },
  { name: 'invoice_slips', cols: ['invoice', 'slip'], refs: { invoice: 'invoices', slip: 'outbound_slips' } },
  { name: 'special_checks', cols: ['order', 'verified_by', 'verified_at', 'legacy_facts'], refs: { order: 'sales_orders' }, json: ['legacy_facts'] },
];
export const STAGED_BY_NAME = new Map(STAGED.map((t) => [t.name, t]));

const q = (c: string) => `"${c}"`;

export type StageRow = Record<string, unknown>;

/** Buffers rows of one table and inserts them `BATCH` at a time (one statement per batch: far fewer calls). */
class BufferedInsert {
  static readonly BATCH = 50;
  private readonly args: unknown[];
  private at = 0;
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;
  constructor(
    db: Database.Database,
    table: string,
    readonly cols: string[],
  ) {
    const tuple = `(?${', ?'.repeat(cols.length - 1)})`;
    const head = `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES `;
    this.one = db.prepare(head + tuple);
    this.many = db.prepare(head + new Array(BufferedInsert.BATCH).fill(tuple).join(', '));
    this.args = new Array(BufferedInsert.BATCH * cols.length).fill(null);
  }
  push(values: unknown[]) {
    const a = this.args;
    let at = this.at;
    for (let i = 0; i < values.length; i++) a[at++] = values[i];
    if (at === a.length) {
      this.many.run(a);
      at = 0;
    }
    this.at = at;
  }
  /** A row still in the buffer whose column `col` equals `value`, as an object (id and columns). */
  pending(col: string, value: unknown): StageRow | undefined {
    const w = this.cols.length;
    const c = this.cols.indexOf(col);
    for (let i = 0; i < this.at; i += w) {
      if (this.args[i + c] === value) return Object.fromEntries(this.cols.map((k, j) => [k, this.args[i + j]]));
    }
    return undefined;
  }
  /** Adds to a numeric column of a buffered row; false when the row is no longer in the buffer. */
  addTo(id: number, col: string, amount: number): boolean {
    const w = this.cols.length;
    const c = this.cols.indexOf(col);
    for (let i = 0; i < this.at; i += w) {
      if (this.args[i] === id) {
        this.args[i + c] = Math.round(((this.args[i + c] as number) + amount) * 100) / 100;
        return true;
      }
    }
    return false;
  }
  flush() {
    const w = this.cols.length;
    for (let i = 0; i < this.at; i += w) this.one.run(this.args.slice(i, i + w));
    this.at = 0;
  }
}

/** A Bloom filter over strings: `bits` bits (a power of two), three hashes. */
class Bloom {
  private readonly words: Uint32Array;
  private readonly mask: number;
  constructor(bits: number) {
    this.words = new Uint32Array(bits >>> 5);
    this.mask = bits - 1;
  }
  private hashes(s: string): [number, number] {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    return [h1 >>> 0, (h2 ^ (h2 >>> 15)) >>> 0];
  }
  add(s: string) {
    const [a, b] = this.hashes(s);
    for (let k = 0; k < 3; k++) {
      const bit = (a + k * b) & this.mask;
      this.words[bit >>> 5] |= 1 << (bit & 31);
    }
  }
  has(s: string): boolean {
    const [a, b] = this.hashes(s);
    for (let k = 0; k < 3; k++) {
      const bit = (a + k * b) & this.mask;
      if (!(this.words[bit >>> 5] & (1 << (bit & 31)))) return false;
    }
    return true;
  }
}

/** Tables read back while phase 1 runs are written directly; the others through buffers. */
const DIRECT = new Set(['customers', 'products', 'batches', 'salespeople']);

const value = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

export class Staging {
  readonly db: Database.Database;
  private readonly next = new Map<string, number>();
  private readonly direct = new Map<string, { cols: string[]; stmt: Database.Statement }>();
  private readonly buffered = new Map<string, BufferedInsert>();
  private readonly orderByNo: Database.Statement;
  private readonly invoiceByNo: Database.Statement;
  private readonly addInvoiceAmount: Database.Statement;
  private readonly findingsOut: BufferedInsert;
  private readonly reportOut: BufferedInsert;
  private readonly rejectsOut: BufferedInsert;
  private inTx = false;
  private pending = 0;

  constructor(readonly file: string) {
    fs.rmSync(file, { force: true });
    this.db = new Database(file);
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -32768');
    this.db.pragma('temp_store = FILE');
    for (const t of STAGED) {
      const cols = [...t.cols, ...(t.extra ?? [])];
      this.db.exec(`CREATE TABLE ${q(t.name)} (id INTEGER PRIMARY KEY, ${cols.map((c) => `${q(c)}`).join(', ')})`);
      if (DIRECT.has(t.name)) {
        this.direct.set(t.name, {
          cols,
          stmt: this.db.prepare(`INSERT INTO ${q(t.name)} (id, ${cols.map(q).join(', ')}) VALUES (?${', ?'.repeat(cols.length)})`),
        });
      } else {
        this.buffered.set(t.name, new BufferedInsert(this.db, t.name, ['id', ...cols]));
      }
      this.next.set(t.name, 1);
    }
    this.db.exec(`
      CREATE TABLE findings (id INTEGER PRIMARY KEY, rule, severity, resource, record_id, "row", fields, message, detail);
      CREATE TABLE report_findings (id INTEGER PRIMARY KEY, "row", rule, severity, fields, message, "order");
      CREATE TABLE import_rejects (id INTEGER PRIMARY KEY, "row", raw, errors);
    `);
    this.orderByNo = this.db.prepare('SELECT * FROM sales_orders WHERE order_no = ? LIMIT 1');
    this.invoiceByNo = this.db.prepare('SELECT id, customer, invoice_date FROM invoices WHERE invoice_no = ? LIMIT 1');
    this.addInvoiceAmount = this.db.prepare('UPDATE invoices SET amount = round(amount + ?, 2) WHERE id = ?');
    this.findingsOut = new BufferedInsert(this.db, 'findings', ['rule', 'severity', 'resource', 'record_id', 'row', 'fields', 'message', 'detail']);
    this.reportOut = new BufferedInsert(this.db, 'report_findings', ['row', 'rule', 'severity', 'fields', 'message', 'order']);
    this.rejectsOut = new BufferedInsert(this.db, 'import_rejects', ['row', 'raw', 'errors']);
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
    this.tx();
    const d = this.direct.get(table);
    const b = d ? null : this.buffered.get(table)!;
    const cols = d ? d.cols : b!.cols;
    const args: unknown[] = [id];
    for (let i = d ? 0 : 1; i < cols.length; i++) args.push(value(row[cols[i]]));
    if (table === 'sales_orders') this.ordersSeen.add(String(row.order_no));
    else if (table === 'invoices') this.invoicesSeen.add(String(row.invoice_no));
    if (d) d.stmt.run(args);
    else b!.push(args);
  }

  /**
   * The staged order with this number, if any. Most lookups are for orders not seen before (a sorted
   * ledger): a fixed-size Bloom filter answers those without a query, in memory that does not grow.
   */
  stagedOrder(orderNo: string): StageRow | undefined {
    if (!this.ordersSeen.has(orderNo)) return undefined;
    return this.buffered.get('sales_orders')!.pending('order_no', orderNo) ?? (this.lookup('sales_orders').get(orderNo) as StageRow | undefined);
  }

  /**
   * The lookup statement of staged orders / invoices by number. Its index is only built once the Bloom
   * filter has said "maybe" a few times (scattered orders): a sorted ledger never pays for it.
   */
  private lookup(table: 'sales_orders' | 'invoices'): Database.Statement {
    const n = (this.lookups.get(table) ?? 0) + 1;
    this.lookups.set(table, n);
    if (n === 4) {
      this.commit();
      this.db.exec(
        table === 'sales_orders'
          ? 'CREATE INDEX IF NOT EXISTS sales_orders__order_no ON sales_orders (order_no)'
          : 'CREATE INDEX IF NOT EXISTS invoices__invoice_no ON invoices (invoice_no)',
      );
    }
    return table === 'sales_orders' ? this.orderByNo : this.invoiceByNo;
  }
  private readonly lookups = new Map<string, number>();

  private readonly ordersSeen = new Bloom(1 << 25);
  private readonly invoicesSeen = new Bloom(1 << 24);

  /** Staged reads of orders and slips by order (re-opened orders only): indexed on first use. */
  indexForReopen(): void {
    if (this.reopenIndexed) return;
    this.reopenIndexed = true;
    this.commit();
    this.db.exec(`
      CREATE INDEX IF NOT EXISTS outbound_slips__order ON outbound_slips ("order");
      CREATE INDEX IF NOT EXISTS invoice_slips__slip ON invoice_slips (slip);
      CREATE INDEX IF NOT EXISTS special_checks__order ON special_checks ("order");
    `);
  }
  private reopenIndexed = false;

  /** A row in column order (id first) for a buffered table: no object per row. */
  insertRow(table: string, args: unknown[]): void {
    this.tx();
    this.buffered.get(table)!.push(args);
  }

  stagedInvoice(invoiceNo: string): { id: number; customer: number; invoice_date: string | null } | undefined {
    if (!this.invoicesSeen.has(invoiceNo)) return undefined;
    return (this.buffered.get('invoices')!.pending('invoice_no', invoiceNo) ?? this.lookup('invoices').get(invoiceNo)) as
      | { id: number; customer: number; invoice_date: string | null }
      | undefined;
  }

  addToInvoice(id: number, amount: number): void {
    this.tx();
    if (!this.buffered.get('invoices')!.addTo(id, 'amount', amount)) this.addInvoiceAmount.run(amount, id);
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
    this.tx();
    this.findingsOut.push([rule, severity, resource, recordId, row, JSON.stringify(fields), message, JSON.stringify(detail)]);
  }

  reportFinding(row: number, rule: string, severity: string, fields: string[], message: string, order: number | null): void {
    this.tx();
    this.reportOut.push([row, rule, severity, JSON.stringify(fields), message, order]);
  }

  reject(row: number, raw: Record<string, string>, errors: Array<{ field: string; message: string }>): void {
    this.tx();
    this.rejectsOut.push([row, JSON.stringify(raw), JSON.stringify(errors)]);
  }

  /** Writes every buffered row (before reading the staging file back). */
  flushBuffers(): void {
    for (const b of this.buffered.values()) b.flush();
    this.findingsOut.flush();
    this.reportOut.flush();
    this.rejectsOut.flush();
  }

  private tx() {
    if (!this.inTx) {
      this.db.exec('BEGIN');
      this.inTx = true;
    }
    this.pending++;
  }

  /** Runs a statement of the caller's (cached by SQL text) inside the open write transaction. */
  run(sql: string, ...args: unknown[]): void {
    this.tx();
    this.flushBuffers();
    this.stmt(sql).run(...args);
  }

  all<T = StageRow>(sql: string, ...args: unknown[]): T[] {
    this.flushBuffers();
    return this.stmt(sql).all(...args) as T[];
  }

  get<T = StageRow>(sql: string, ...args: unknown[]): T | undefined {
    this.flushBuffers();
    return this.stmt(sql).get(...args) as T | undefined;
  }

  private readonly cache = new Map<string, Database.Statement>();
  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Commits every ~`every` writes (called between orders, so an order is never split across commits). */
  maybeCommit(every = 50_000): void {
    if (this.inTx && this.pending >= every) this.commit();
  }

  commit(): void {
    if (this.inTx) {
      this.flushBuffers();
      this.db.exec('COMMIT');
      this.inTx = false;
      this.pending = 0;
    }
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
      if (this.inTx) this.db.exec('ROLLBACK');
    } catch {
      /* closing anyway */
    }
    if (this.db.open) this.db.close();
    if (remove) for (const ext of ['', '-journal', '-wal', '-shm']) fs.rmSync(this.file + ext, { force: true });
  }
}
