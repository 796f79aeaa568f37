/**
 * Ledger rows → orders, lines, outbound slips, invoices and special-drug checks, one order at a time.
 *
 * Rows sharing 单据编号 (or, without it, sale date + buyer + salesperson) form one order. Only the order
 * being read is held in memory (the window); when the next order starts, the window is staged and its
 * rows' rules are evaluated with the order complete (SPECIAL_* and INVOICE rules read the whole order).
 * Rows of one outbound slip share its data (出库日期, 库管员, 复核员, 收货确认日期 …): rows whose slip data
 * differ get slips of their own (`XS1`, `XS1-2` …). An order whose rows are scattered through the file is
 * re-opened from the staging file, and re-evaluated from it at the end (finishScattered).
 *
 * Invoice lines are not staged: the merge derives one per staged line that names an invoice.
 *
 * An order number already in the database: when it is the same order (same buyer and sale date), rows
 * whose line is already in it are duplicates and the others are added to it (that is how fixed rejected
 * rows are re-imported); a different order under the same number is a duplicate unless --force.
 *
 * @db-sync phase 1 reads the main database with prepared statements, synchronously, row by row.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { MemoryContext, OutboundSlipRow, RuleContext, SalesLineRow, Loose, SalesOrderRow, SpecialCheckRow } from '../../../schema/rules';
import { ledgerValue, type Values } from './resolver';
import { factsFor, factsTokenOf, type LedgerGuard } from './guard';
import { INSERT_COLS, stagedValue, type Staging } from './staging';
import { ledgerFieldsFor } from '../../headers/ledger-fields';
import { readEnv } from '../../../server/env';
import {
  documentFactsToken,
  evaluateWindow,
  factsAsText,
  factsToken,
  lineRecord,
  slipRecord,
  windowContext,
  windowRecords,
  type EvalWindow,
  type FindingSink,
  type StagedWindow,
} from './rules-eval';

export type { FindingSink } from './rules-eval';

export interface LedgerLine {
  row: number;
  v: Values;
  customer: number;
  product: number;
  batch: number | null;
  salesperson: number | null;
  contract: number | null;
}

type SlipData = Loose<OutboundSlipRow> & { id: number; order: number; slip_no: string };
interface SlipRec {
  ref: number;
  key: string;
  /**
   * the slip as the rules read it (the ledger may leave any of its fields empty): one read back from the
   * database or the staging file; for a slip this import creates, made from its staged row when it is
   * evaluated in this thread (slipRecord)
   */
  data: SlipData | null;
  /** a slip this import creates: where its staged row starts in the group's slipRows (else -1) */
  at: number;
  isNew: boolean;
  /** rows of this window on the slip */
  rows: number[];
}
interface InvRec {
  ref: number;
  invoice_no: string;
  invoice_date: string | null;
  state: 'new' | 'staged' | 'main';
  /** new lines' amounts in this window */
  add: number;
  type?: string;
  customer?: number;
}
type LineData = Loose<SalesLineRow> & { id: number; order: number; sale_date: string; customer: number };
interface LineRec {
  ref: number;
  row: number;
  /** the line as the rules read it: one read back from the staging file, else made from its staged row when evaluated here */
  data: LineData | null;
  /** a line this import creates: where its staged row starts in the group's lineRows (else -1) */
  at: number;
  slip: SlipRec | null;
  inv: InvRec | null;
}
/** The order being built: a sales order row (what the rules read) whose identity the ledger always gives. */
type OrderRow = SalesOrderRow & {
  order_no: string;
  customer: number;
  salesperson: number | null;
  contract: number | null;
  sale_date: string;
};

interface Group {
  key: string;
  ref: number;
  state: 'new' | 'staged' | 'main' | 'clash';
  /** evaluation deferred to finishScattered (the order was read before) */
  reopened: boolean;
  order: OrderRow;
  prior: Loose<SalesLineRow>[];
  lines: LineRec[];
  /**
   * the staged rows of the lines and slips this import creates, flat in INSERT_COLS order (their legacy facts
   * as tokens: rules-eval.ts factsToken): built once, as a window hands them over or as staged here
   */
  lineRows: unknown[];
  slipRows: unknown[];
  slips: SlipRec[];
  slipByKey: Map<string, SlipRec>;
  invoices: Map<string, InvRec>;
  invByRef: Map<number, InvRec>;
  pairs: Set<string>;
  /** invoices linked to a slip of the order (what the line view shows, as the database view does) */
  linked: Set<number>;
  newPairs: Array<[InvRec, SlipRec]>;
  check: Loose<SpecialCheckRow> | null;
  checkNew: boolean;
  dupSigs: Map<string, number> | null;
  remarks: string[];
}

/** An order's group as opened: nothing gathered yet (one object literal: a group is opened per order). */
const newGroup = (key: string, ref: number, state: Group['state'], order: OrderRow): Group => ({
  key,
  ref,
  state,
  reopened: false,
  order,
  prior: [],
  lines: [],
  lineRows: [],
  slipRows: [],
  slips: [],
  slipByKey: new Map(),
  invoices: new Map(),
  invByRef: new Map(),
  pairs: new Set(),
  linked: new Set(),
  newPairs: [],
  check: null,
  checkNew: false,
  dupSigs: null,
  remarks: [],
});

const text = (v: unknown): string | null => (v == null || String(v).trim() === '' ? null : String(v).trim());
/** The slip's fields the ledger fills (schema/ledger.ts): outbound date, issuer, picker, reviewer, receipt … */
const SLIP_COLUMNS = ledgerFieldsFor('outbound_slips');
const SLIP_FIELDS = SLIP_COLUMNS.map((c) => c.field);
/**
 * How a staged row's columns after the id are filled (INSERT_COLS order): a string is the ledger column whose
 * value the record keeps (ledgerValue), a number the position of a value the importer sets in `set`.
 */
function rowFill(table: string, set: readonly string[]): Array<string | number> {
  const keyOf = new Map(ledgerFieldsFor(table).map((f) => [f.field, f.key]));
  return INSERT_COLS.get(table)!
    .slice(1)
    .map((c) => (set.includes(c) ? set.indexOf(c) : (keyOf.get(c) ?? `\u0000${c}`)));
}
/** a line's columns the importer sets, in this order (the old system's price approval: a legacy fact, never ours) */
const LINE_SET = ['order', 'sale_date', 'customer', 'product', 'batch', 'price_approved_by', 'legacy_facts', 'row', 'slip', 'invoice'];
const LINE_FILL = rowFill('sales_lines', LINE_SET);
/** a slip's (the old system's review: a legacy fact, never ours) */
const SLIP_SET = ['slip_no', 'order', 'reviewed_by', 'legacy_facts'];
const SLIP_FILL = rowFill('outbound_slips', SLIP_SET);
/** Appends a staged row: its id, then each column from the ledger's values or from `set` (rowFill). */
function pushRow(out: unknown[], id: number, fill: ReadonlyArray<string | number>, v: Values, set: readonly unknown[], cell: (x: unknown) => unknown) {
  out.push(id);
  for (let i = 0; i < fill.length; i++) {
    const f = fill[i];
    out.push(typeof f === 'number' ? (set[f] ?? null) : cell(ledgerValue(v[f])));
  }
}
const asIs = (x: unknown) => x;
/** A slip's identity in the ledger: its data, the reviewer as the ledger wrote it (kept as a legacy fact). */
const slipKeyOf = (d: object) => {
  const r = d as Record<string, unknown>;
  let key = '';
  for (const k of SLIP_FIELDS) key += `${text(r[k] ?? (k === 'reviewed_by' ? legacyField(r.legacy_facts, k) : null)) ?? ''}\u0001`;
  return key;
};
/** The same key from a ledger row's values (its columns' keys), without building the slip. */
const rowSlipKey = (v: Values) => {
  let key = '';
  for (const c of SLIP_COLUMNS) key += `${text(v[c.key]) ?? ''}\u0001`;
  return key;
};
const legacyField = (facts: unknown, k: string): unknown => {
  if (!facts) return null;
  const f = (typeof facts === 'string' ? JSON.parse(facts) : facts) as { fields?: Record<string, unknown> };
  return f.fields?.[k] ?? null;
};
const lineSig = (l: { product?: unknown; batch?: unknown; quantity?: unknown; unit_price?: unknown; amount?: unknown }) =>
  `${l.product}|${l.batch ?? ''}|${Number(l.quantity)}|${Number(l.unit_price)}|${Number(l.amount)}`;

/** The order number of a row: 单据编号, else a stable one from sale date + buyer + salesperson. */
export function orderNoOf(v: Values): string {
  const no = text(v.order_no);
  if (no) return no;
  const h = createHash('sha1')
    .update(`${v.sale_date}|${text(v.customer) ?? text(v.customer_credit_code)}|${text(v.salesperson) ?? ''}`)
    .digest('hex')
    .slice(0, 10);
  return `无单号-${String(v.sale_date).replace(/-/g, '')}-${h}`;
}

export interface OrderStats {
  imported: number;
  duplicates: number;
}

export class OrderBuilder {
  private g: Group | null = null;
  /** the order whose rules are being evaluated in this thread (what ctx answers for order / orderLines) */
  private evaluating: EvalWindow | null = null;
  private readonly scattered = new Set<number>();
  private readonly touchedMain = new Set<number>();
  readonly stats: OrderStats = { imported: 0, duplicates: 0 };
  readonly ctx: RuleContext;
  /** CPU ms spent evaluating rules (GSP_IMPORT_TIMING=rules: a process.cpuUsage() pair per order costs ≈ 10 % of the import) */
  evalMs = 0;
  private readonly timing = readEnv().GSP_IMPORT_TIMING === 'rules';
  private readonly mainHasOrders: boolean;
  private readonly mainHasInvoices: boolean;
  private readonly q: Record<string, Database.Statement>;

  constructor(
    private readonly st: Staging,
    main: Database.Database,
    base: MemoryContext,
    private readonly sink: FindingSink,
    private readonly force: boolean,
    private readonly guard: LedgerGuard,
  ) {
    // The rules read the order being evaluated (orderLines: SPECIAL_ARRIVAL_UNCONFIRMED, INVOICE_MISMATCH)
    // from the window; everything else from the master data in memory.
    this.ctx = windowContext(base, () => this.evaluating);
    const one = (sql: string) => main.prepare(sql);
    this.mainHasOrders = !!one('SELECT 1 FROM sales_orders LIMIT 1').get();
    this.mainHasInvoices = !!one('SELECT 1 FROM invoices LIMIT 1').get();
    this.q = {
      order: one('SELECT * FROM sales_orders WHERE order_no = ? AND voided_at IS NULL ORDER BY id LIMIT 1'),
      orderById: one('SELECT * FROM sales_orders WHERE id = ?'),
      lines: one('SELECT id, "order", product, batch, quantity, unit_price, amount FROM sales_lines WHERE "order" = ? AND voided_at IS NULL ORDER BY id'),
      slips: one('SELECT * FROM outbound_slips WHERE "order" = ? AND voided_at IS NULL ORDER BY id'),
      pairs: one('SELECT invoice, slip FROM invoice_slips WHERE slip = ? AND voided_at IS NULL'),
      invoiceById: one('SELECT id, invoice_no, invoice_date FROM invoices WHERE id = ?'),
      invoiceByNo: one('SELECT id, invoice_no, invoice_date FROM invoices WHERE invoice_no = ? AND voided_at IS NULL ORDER BY id LIMIT 1'),
      check: one('SELECT * FROM special_checks WHERE "order" = ? AND voided_at IS NULL ORDER BY id DESC LIMIT 1'),
    };
  }

  /** Adds one resolved row (flushing the previous order when this row starts another). */
  /** 'foreign': the order exists and belongs to another salesperson than the (scoped) importing user. */
  add(line: LedgerLine): 'imported' | 'duplicate' | 'foreign' {
    const key = orderNoOf(line.v);
    if (this.g && this.g.key !== key) this.flush();
    if (!this.g) this.g = this.open(key, line);
    const g = this.g;
    if (this.guard.scoped && g.order.salesperson !== this.guard.ownId) return 'foreign';
    if (g.state === 'clash') return this.dup();
    const v = line.v;
    if (g.dupSigs) {
      const sig = lineSig({ product: line.product, batch: line.batch, quantity: v.quantity, unit_price: v.unit_price, amount: v.amount });
      const n = g.dupSigs.get(sig) ?? 0;
      if (n > 0) {
        g.dupSigs.set(sig, n - 1);
        return this.dup();
      }
    }
    if (g.state === 'new') {
      if (g.order.payment_method == null && v.payment_method) g.order.payment_method = v.payment_method;
      if (g.order.contract == null && line.contract != null) g.order.contract = line.contract;
      if (g.order.salesperson == null && line.salesperson != null) g.order.salesperson = line.salesperson;
    }
    const ref = -this.st.reserve('sales_lines');
    let slip: SlipRec | null = null;
    if (v.outbound_date) {
      const sk = rowSlipKey(v);
      slip = g.slipByKey.get(sk) ?? this.newSlip(g, v, sk, line.row);
      slip.rows.push(line.row);
    }
    let inv: InvRec | null = null;
    const invoiceNo = text(v.invoice_no);
    if (invoiceNo) {
      inv = g.invoices.get(invoiceNo) ?? this.findInvoice(g, invoiceNo, v);
      inv.add += Number(v.amount) || 0;
      if (slip && !g.pairs.has(`${inv.ref}|${slip.ref}`)) {
        g.pairs.add(`${inv.ref}|${slip.ref}`);
        g.linked.add(inv.ref);
        g.newPairs.push([inv, slip]);
      }
    }
    if (!g.check && v.special_verified_at) {
      // the legacy system's verification: a check record marked legacy, its verifier a legacy fact only
      g.check = {
        id: 0,
        verified_at: v.special_verified_at,
        verified_by: null,
        legacy_facts: factsFor(this.guard, 'special_checks', line.row, 'verified_by', text(v.special_verified_by), 'verified_at', v.special_verified_at),
      };
      g.checkNew = true;
    }
    const remark = text(v.remark);
    if (remark && !g.remarks.includes(remark)) g.remarks.push(remark);
    // the line's staged row: its own fields as the ledger gives them, then what the importer resolved
    const at = g.lineRows.length;
    const facts = v.price_approved_by == null ? null : factsTokenOf(this.guard, 'sales_lines', line.row, 'price_approved_by', text(v.price_approved_by));
    pushRow(
      g.lineRows,
      -ref,
      LINE_FILL,
      v,
      [g.ref, g.order.sale_date, g.order.customer, line.product, line.batch, null, facts, line.row, slip?.ref ?? null, inv?.ref ?? null],
      asIs,
    );
    g.lines.push({ ref, row: line.row, slip, inv, data: null, at });
    this.stats.imported++;
    return 'imported';
  }

  private dup(): 'duplicate' {
    this.stats.duplicates++;
    return 'duplicate';
  }

  private open(key: string, line: LedgerLine): Group {
    const v = line.v;
    const g = newGroup(key, 0, 'new', {
      id: 0,
      order_no: key,
      customer: line.customer,
      salesperson: line.salesperson,
      contract: line.contract,
      sale_date: v.sale_date,
      payment_method: v.payment_method ?? null,
      status: 'confirmed',
    });
    const staged = this.st.stagedOrder(key);
    if (staged) {
      g.ref = -(staged.id as number);
      g.state = 'staged';
      g.order = { ...(staged as unknown as OrderRow), id: g.ref };
      this.reopen(g);
      return g;
    }
    const existing = this.mainHasOrders ? (this.q.order.get(key) as OrderRow | undefined) : undefined;
    if (existing) {
      const same = existing.customer === line.customer && existing.sale_date === v.sale_date;
      if (same || !this.force) {
        g.ref = existing.id;
        g.order = existing;
        g.state = same ? 'main' : 'clash';
        if (!same) return g;
        this.loadMain(g);
        if (this.touchedMain.has(g.ref)) this.reopen(g);
        this.touchedMain.add(g.ref);
        return g;
      }
    }
    g.ref = -this.st.reserve('sales_orders');
    g.order.id = g.ref;
    return g;
  }

  /** The order's existing lines, slips, invoices and check from the database. */
  private loadMain(g: Group) {
    g.prior = this.q.lines.all(g.ref) as SalesLineRow[];
    if (!this.force) {
      g.dupSigs = new Map();
      for (const l of g.prior) g.dupSigs.set(lineSig(l), (g.dupSigs.get(lineSig(l)) ?? 0) + 1);
    }
    for (const s of this.q.slips.all(g.ref) as SlipData[]) {
      this.addSlip(g, { ref: s.id, key: slipKeyOf(s), data: s, at: -1, isNew: false, rows: [] });
      for (const p of this.q.pairs.all(s.id) as Array<{ invoice: number; slip: number }>) {
        const inv = this.q.invoiceById.get(p.invoice) as { id: number; invoice_no: string; invoice_date: string } | undefined;
        if (!inv) continue;
        const rec = g.invByRef.get(inv.id) ?? { ref: inv.id, invoice_no: inv.invoice_no, invoice_date: inv.invoice_date, state: 'main' as const, add: 0 };
        g.invoices.set(rec.invoice_no, rec);
        g.invByRef.set(rec.ref, rec);
        g.pairs.add(`${rec.ref}|${s.id}`);
        g.linked.add(rec.ref);
      }
    }
    const check = this.q.check.get(g.ref) as SpecialCheckRow | undefined;
    if (check) g.check = check;
  }

  /** An order read before in this file: its staged slips, invoice links and check; evaluated at the end. */
  private reopen(g: Group) {
    g.reopened = true;
    this.st.indexForReopen();
    this.scattered.add(g.ref);
    for (const s of this.st.all<SlipData>('SELECT * FROM outbound_slips WHERE "order" = ? ORDER BY id', g.ref)) {
      const ref = -s.id;
      this.addSlip(g, { ref, key: slipKeyOf(s), data: { ...s, id: ref }, at: -1, isNew: false, rows: [] });
      for (const p of this.st.all<{ invoice: number }>('SELECT invoice FROM invoice_slips WHERE slip = ?', ref)) this.linkStagedInvoice(g, p.invoice, ref);
    }
    if (!g.check) {
      const c = this.st.get<SpecialCheckRow>('SELECT * FROM special_checks WHERE "order" = ? LIMIT 1', g.ref);
      if (c) g.check = { ...c, id: -(c.id as number) };
    }
  }

  private linkStagedInvoice(g: Group, invRef: number, slipRef: number) {
    let rec = g.invByRef.get(invRef);
    if (!rec) {
      const inv =
        invRef < 0
          ? this.st.get<{ invoice_no: string; invoice_date: string }>('SELECT invoice_no, invoice_date FROM invoices WHERE id = ?', -invRef)
          : (this.q.invoiceById.get(invRef) as { invoice_no: string; invoice_date: string } | undefined);
      if (!inv) return;
      rec = { ref: invRef, invoice_no: inv.invoice_no, invoice_date: inv.invoice_date, state: invRef < 0 ? 'staged' : 'main', add: 0 };
      g.invByRef.set(invRef, rec);
      g.invoices.set(rec.invoice_no, rec);
    }
    g.pairs.add(`${invRef}|${slipRef}`);
    g.linked.add(invRef);
  }

  private addSlip(g: Group, s: SlipRec) {
    g.slips.push(s);
    if (!g.slipByKey.has(s.key)) g.slipByKey.set(s.key, s);
  }

  private newSlip(g: Group, v: Values, key: string, row: number): SlipRec {
    const n = g.slips.length + 1;
    const ref = -this.st.reserve('outbound_slips');
    // the slip's staged row: its fields as the ledger gives them, then its identity
    const at = g.slipRows.length;
    const slipNo = n === 1 ? g.order.order_no : `${g.order.order_no}-${n}`;
    const facts = v.reviewed_by == null ? null : factsTokenOf(this.guard, 'outbound_slips', row, 'reviewed_by', text(v.reviewed_by));
    pushRow(g.slipRows, -ref, SLIP_FILL, v, [slipNo, g.ref, null, facts], stagedValue);
    const s: SlipRec = { ref, key, isNew: true, rows: [], data: null, at };
    this.addSlip(g, s);
    return s;
  }

  private findInvoice(g: Group, no: string, v: Values): InvRec {
    let rec: InvRec;
    const staged = this.st.stagedInvoice(no);
    const main = !staged && this.mainHasInvoices ? (this.q.invoiceByNo.get(no) as { id: number; invoice_date: string } | undefined) : undefined;
    if (staged) {
      rec = { ref: -staged.id, invoice_no: no, invoice_date: staged.invoice_date ?? null, state: 'staged', add: 0 };
    } else if (main) {
      rec = { ref: main.id, invoice_no: no, invoice_date: main.invoice_date, state: 'main', add: 0 };
    } else {
      // The legacy ledger's invoice date is its 开票日期 / 销售日期 column.
      rec = {
        ref: -this.st.reserve('invoices'),
        invoice_no: no,
        invoice_date: g.order.sale_date,
        state: 'new',
        add: 0,
        type: v.invoice_type ?? 'vat_ordinary',
        customer: g.order.customer,
      };
    }
    g.invoices.set(no, rec);
    g.invByRef.set(rec.ref, rec);
    return rec;
  }

  /** Stages the window and evaluates its rows' rules. */
  flush(): void {
    const g = this.g;
    if (!g) return;
    try {
      if (g.state === 'clash' || g.lines.length === 0) return;
      const w = this.stage(g);
      if (w) {
        // a new order, staged as one window: its rules evaluated where it is staged (a staging thread: the second
        // core) — unless that thread is behind: then here, from the same rows, and neither core waits for the other
        if (this.st.evaluates && !this.st.behind()) {
          this.st.window(w);
          return;
        }
        this.timed(() => this.evaluateWindow(windowRecords(w, this.guard), g.prior, false));
        const st = this.st;
        st.insertRows('sales_orders', w.order);
        st.insertRows('outbound_slips', w.slips);
        if (w.check) st.insertRows('special_checks', w.check);
        st.insertRows('sales_lines', w.lines);
        return;
      }
      if (!g.reopened) this.timed(() => this.evaluate(g, false));
    } finally {
      this.g = null;
      this.st.maybeCommit();
    }
  }

  private timed(f: () => void) {
    const t = this.timing ? process.cpuUsage() : null;
    f();
    if (t) {
      const u = process.cpuUsage(t);
      this.evalMs += (u.user + u.system) / 1000;
    }
  }

  /**
   * Stages the order's records. A new order's own rows (order, slips, check, lines) are returned instead, as one
   * window (its legacy facts as tokens: the rules' records and the staged JSON text are made from it where it is
   * evaluated); an existing order's new rows are staged here.
   */
  private stage(g: Group): Omit<StagedWindow, 'findingsAt' | 'reportAt'> | null {
    const st = this.st;
    // (a new order is never re-opened: only orders read back from the staging file or the database are)
    const isNew = g.state === 'new';
    let order: unknown[] | null = null;
    if (isNew) {
      const hasSlip = g.slips.length > 0;
      const hasInv = g.invoices.size > 0;
      const o = g.order;
      o.status = hasSlip && hasInv ? 'completed' : hasSlip ? 'shipped' : 'confirmed';
      o.remark = g.remarks.length ? g.remarks.join('；') : null;
      const row = {
        order_no: o.order_no,
        customer: o.customer,
        salesperson: o.salesperson,
        contract: o.contract,
        sale_date: o.sale_date,
        payment_method: o.payment_method,
        status: o.status,
        remark: o.remark,
        first_row: g.lines[0].row,
        // a document of the legacy system: its state as the ledger shows it, blocked from our workflow
        legacy_facts: documentFactsToken(g.lines[0].row, o.status),
      };
      order = st.rowOf('sales_orders', -g.ref, row, [], asIs);
    }
    for (const inv of g.invoices.values()) {
      if (inv.state === 'new') {
        st.insert('invoices', -inv.ref, {
          invoice_no: inv.invoice_no,
          type: inv.type,
          customer: inv.customer,
          invoice_date: inv.invoice_date,
          amount: Math.round(inv.add * 100) / 100,
        });
        inv.state = 'staged';
      } else if (inv.state === 'staged' && inv.add) st.addToInvoice(-inv.ref, inv.add);
      inv.add = 0;
    }
    for (const [inv, slip] of g.newPairs) st.insertRow('invoice_slips', [st.reserve('invoice_slips'), inv.ref, slip.ref]);
    let check: unknown[] | null = null;
    if (g.check && g.checkNew) {
      const sid = st.reserve('special_checks');
      const row = { order: g.ref, verified_by: g.check.verified_by, verified_at: g.check.verified_at, legacy_facts: g.check.legacy_facts ?? null };
      if (isNew) check = st.rowOf('special_checks', sid, row, [], (f) => factsToken(f, this.guard));
      else st.insert('special_checks', sid, row);
      g.check = { ...g.check, id: -sid };
    }
    if (isNew) return { order: order!, slips: g.slipRows, check, lines: g.lineRows, invoices: this.linkedInvoices(g) };
    factsAsText('outbound_slips', g.slipRows, 0, this.guard);
    st.insertRows('outbound_slips', g.slipRows);
    factsAsText('sales_lines', g.lineRows, 0, this.guard);
    st.insertRows('sales_lines', g.lineRows);
    return null;
  }

  /** The invoices linked to a slip of the order, as the line view shows them. */
  private linkedInvoices(g: Group): EvalWindow['invoices'] {
    return [...g.linked].map((ref) => {
      const inv = g.invByRef.get(ref)!;
      return { id: inv.ref, invoice_no: inv.invoice_no, invoice_date: inv.invoice_date };
    });
  }

  /** The order's rules, evaluated in this thread (`all`: every staged slip's findings, the order evaluated again). */
  private evaluate(g: Group, all: boolean) {
    // the records of the lines and slips created here, made from their staged rows (the legacy facts as staged)
    for (const l of g.lines) l.data ??= lineRecord(g.lineRows, l.at, this.guard) as LineData;
    for (const s of g.slips) s.data ??= slipRecord(g.slipRows, s.at, this.guard) as SlipData;
    const lines = g.lines as ReadonlyArray<LineRec & { data: LineData }>;
    const slips = g.slips as ReadonlyArray<SlipRec & { data: SlipData }>;
    this.evaluateWindow({ ref: g.ref, order: g.order, lines, slips, invoices: this.linkedInvoices(g), check: g.check }, g.prior, all);
  }

  private evaluateWindow(w: EvalWindow, prior: EvalWindow['prior'], all: boolean) {
    this.evaluating = prior?.length ? { ...w, prior } : w;
    try {
      evaluateWindow(this.evaluating, this.ctx, this.sink, all);
    } finally {
      this.evaluating = null;
    }
  }

  /** Orders whose rows were scattered: evaluated once, complete, from the staging file. */
  finishScattered(): number {
    this.flush();
    if (!this.scattered.size) return 0;
    const st = this.st;
    st.indexForReopen();
    st.exec('CREATE INDEX IF NOT EXISTS sales_lines__order ON sales_lines ("order")');
    for (const ref of this.scattered) {
      const order = ref < 0 ? st.get<OrderRow>('SELECT * FROM sales_orders WHERE id = ?', -ref) : (this.q.orderById.get(ref) as OrderRow | undefined);
      if (!order) continue;
      const g = newGroup(order.order_no, ref, ref < 0 ? 'staged' : 'main', { ...order, id: ref });
      if (ref > 0) {
        this.loadMain(g);
        g.dupSigs = null;
      }
      const slipByRef = new Map<number, SlipRec>(g.slips.map((s) => [s.ref, s]));
      for (const s of st.all<SlipData>('SELECT * FROM outbound_slips WHERE "order" = ? ORDER BY id', ref)) {
        const rec: SlipRec = { ref: -s.id, key: slipKeyOf(s), data: { ...s, id: -s.id }, at: -1, isNew: true, rows: [] };
        this.addSlip(g, rec);
        slipByRef.set(rec.ref, rec);
        for (const p of st.all<{ invoice: number }>('SELECT invoice FROM invoice_slips WHERE slip = ?', rec.ref)) this.linkStagedInvoice(g, p.invoice, rec.ref);
      }
      const c = st.get<SpecialCheckRow>('SELECT * FROM special_checks WHERE "order" = ? LIMIT 1', ref);
      if (c) g.check = { ...c, id: -(c.id as number) };
      for (const { row, slip: slipRef, invoice: _invoice, ...l } of st.all<LineData & { row: number; slip: number | null; invoice: number | null }>(
        'SELECT * FROM sales_lines WHERE "order" = ? ORDER BY id',
        ref,
      )) {
        const slip = slipRef != null ? (slipByRef.get(slipRef) ?? null) : null;
        slip?.rows.push(row);
        g.lines.push({ ref: -l.id, row, slip, inv: null, data: { ...l, id: -l.id, order: ref }, at: -1 });
      }
      st.run(
        `DELETE FROM findings WHERE (resource = 'sales_lines' AND record_id IN (SELECT -id FROM sales_lines WHERE "order" = ?))
              OR (resource = 'outbound_slips' AND record_id IN (SELECT -id FROM outbound_slips WHERE "order" = ?))`,
        ref,
        ref,
      );
      st.run('DELETE FROM report_findings WHERE "order" = ?', ref);
      this.evaluate(g, true);
    }
    st.commit();
    return this.scattered.size;
  }
}
