/**
 * Which rule records a write touches: the written record itself (`own`) and the records whose rules read
 * it (a licence → the sales lines of that customer; a payment → its invoice and the lines it pays for).
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { RecordKind } from '../../../schema/rules';
import { splitList } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import type { Db } from '../../db';
import { queueDependents, type DependentsBy } from './recheck-progress';
import { afterSalesRecordTargets } from './after-sales-views';
import { linesMayChange } from './rule-reads';

export interface Target {
  kind: RecordKind;
  id: number;
  own: boolean;
}
type Row = Record<string, any>;

const ids = (rows: Row[], key = 'id') => [...new Set(rows.map((r) => r[key]).filter((v) => v != null))] as number[];
const liveWhere = (table: any, cond: any) => and(cond, isNull(table.voided_at));

async function linesWhere(db: Db, cond: any): Promise<number[]> {
  return ids((await db.select({ id: t.salesLines.id }).from(t.salesLines).where(liveWhere(t.salesLines, cond)).all()) as Row[]);
}
async function linesOfOrders(db: Db, orderIds: number[]): Promise<number[]> {
  return orderIds.length ? linesWhere(db, inArray(t.salesLines.order, orderIds)) : [];
}
/** The lines of the orders an invoice's live slips ship: one query (it runs for every invoice, line, link and payment written). */
async function linesOfInvoice(db: Db, invoiceId: number): Promise<number[]> {
  const slips = db
    .select({ slip: t.invoiceSlips.slip })
    .from(t.invoiceSlips)
    .where(liveWhere(t.invoiceSlips, eq(t.invoiceSlips.invoice, invoiceId)));
  return linesWhere(
    db,
    inArray(t.salesLines.order, db.select({ order: t.outboundSlips.order }).from(t.outboundSlips).where(inArray(t.outboundSlips.id, slips))),
  );
}

const lines = (list: number[], own = false): Target[] => list.map((id) => ({ kind: 'sales_lines', id, own }));

/** How many of a master record's most recent sales lines a master-data edit re-checks at once. */
export const RECENT_DEPENDENTS = 50;

/**
 * The sales lines a master-data edit re-checks at once: the RECENT_DEPENDENTS lines with the newest
 * active findings (so a fix resolves them now) and the RECENT_DEPENDENTS most recent lines (so a new
 * violation shows at once). A big customer or product has tens of thousands of lines: re-checking all of
 * them inside the edit would hold the write lock for seconds. When there may be more, the master record
 * is queued (`by`, its id): the next daily re-check re-evaluates all of its lines (recheck-candidates.ts);
 * `npm run recheck -- --all` re-evaluates everything.
 *
 * Lines of a salesperson or contract (through their orders): both look-ups start from the newest end of an
 * index instead of collecting every line of every order first (a salesperson of a 1M-line ledger has ~30k
 * orders: 90 + 90 ms per training or authorization written, load bench) — the most recent lines are those
 * of the newest orders, and a salesperson's lines with findings are found through the findings' own
 * salesperson column (finding-context.ts), each still checked against the order.
 */
async function dependentLines(db: Db, scope: LineScope, by: DependentsBy, refIds: number[]): Promise<Target[]> {
  const viaOrders = 'orders' in scope;
  // with the findings narrowed, each candidate's order is checked; without, the orders' ids are collected once
  const withCond = !viaOrders ? scope.lines : scope.findings ? and(scope.findings, orderMatches(scope.orders)) : ofOrdersWhere(scope.orders);
  const withFindings = ids(
    (await db
      .select({ id: t.salesLines.id })
      .from(t.findings)
      .innerJoin(t.salesLines, eq(t.salesLines.id, t.findings.record_id))
      .where(and(eq(t.findings.resource, 'sales_lines'), inArray(t.findings.status, ['open', 'acknowledged']), withCond, isNull(t.salesLines.voided_at)))
      .orderBy(desc(t.findings.id))
      .limit(RECENT_DEPENDENTS)
      .all()) as Row[],
  );
  const recentCond = viaOrders
    ? inArray(
        t.salesLines.order,
        db.select({ id: t.salesOrders.id }).from(t.salesOrders).where(scope.orders).orderBy(desc(t.salesOrders.id)).limit(RECENT_DEPENDENTS),
      )
    : scope.lines;
  const recent = ids(
    (await db
      .select({ id: t.salesLines.id })
      .from(t.salesLines)
      .where(liveWhere(t.salesLines, recentCond))
      .orderBy(desc(t.salesLines.id))
      .limit(RECENT_DEPENDENTS)
      .all()) as Row[],
  );
  if (recent.length >= RECENT_DEPENDENTS) await queueDependents(db, by, refIds);
  return lines([...new Set([...withFindings, ...recent])]);
}

/** Which lines: a condition on the lines, or on their orders (with a condition on findings narrowing the search). */
type LineScope = { lines: SQL } | { orders: SQL; findings?: SQL };
const ofOrdersWhere = (cond: SQL) => inArray(t.salesLines.order, sql`(SELECT ${t.salesOrders.id} FROM ${t.salesOrders} WHERE ${cond})`);
/** the line's order matches `cond`, checked line by line (for a few candidate lines, not all the orders' lines) */
const orderMatches = (cond: SQL) => sql`EXISTS (SELECT 1 FROM ${t.salesOrders} WHERE ${t.salesOrders.id} = ${t.salesLines.order} AND ${cond})`;
const ofSalesperson = (id: number): LineScope => ({ orders: eq(t.salesOrders.salesperson, id), findings: eq(t.findings.salesperson, id) });

/** The master records that are rule records themselves: an edit re-checks them even when it spares their lines. */
const SELF_CHECKED: Readonly<Record<string, { kind: RecordKind; own: boolean }>> = {
  customers: { kind: 'customers', own: false },
  contracts: { kind: 'contracts', own: true },
  salespeople: { kind: 'salespeople', own: false },
};

/**
 * `before`: the record before an edit. A master record's edit that changes no column a sales-line rule
 * reads (rule-reads.ts) re-checks none of its lines; the record itself is still checked.
 */
export async function targetsOf(db: Db, resource: string, row: Row, before?: Row): Promise<Target[]> {
  const own = await afterSalesRecordTargets(db, resource, row);
  // a nonconforming-goods case dates its batch's 不合格 status: the batch's sales are re-judged (BATCH_BLOCKED)
  if (resource === 'nonconformities') return [...own!, ...(await coreTargetsOf(db, 'batches', { id: row.batch }))];
  if (own && resource !== 'visits') return own;
  if (before && !linesMayChange(resource, before, row)) {
    const self = SELF_CHECKED[resource];
    return [...(own ?? []), ...(self ? [{ kind: self.kind, id: row.id, own: self.own }] : [])];
  }
  return [...(own ?? []), ...(await coreTargetsOf(db, resource, row))];
}

async function coreTargetsOf(db: Db, resource: string, row: Row): Promise<Target[]> {
  switch (resource) {
    case 'sales_orders':
      return lines(await linesOfOrders(db, [row.id]), true);
    case 'sales_lines':
      return [{ kind: 'sales_lines', id: row.id, own: true }];
    case 'special_checks':
      return lines(await linesOfOrders(db, [row.order]), true);
    case 'outbound_slips':
      return [{ kind: 'outbound_slips', id: row.id, own: true }, ...lines(await linesOfOrders(db, [row.order]), true)];
    case 'invoices':
      return [{ kind: 'invoices', id: row.id, own: true }, ...lines(await linesOfInvoice(db, row.id), true)];
    case 'invoice_slips':
    case 'invoice_lines':
      return targetsOf(db, 'invoices', { id: row.invoice });
    // A payment is checked with its invoice's sales (SPECIAL_CASH_PAYMENT refuses cash for special drugs).
    case 'payments':
      return row.invoice ? targetsOf(db, 'invoices', { id: row.invoice }) : [];
    case 'contracts':
      return [
        { kind: 'contracts', id: row.id, own: true },
        ...(await dependentLines(db, { orders: eq(t.salesOrders.contract, row.id) }, 'contract', [row.id])),
      ];
    case 'complaints':
    case 'recall_notices':
    case 'adverse_reactions':
    case 'quality_feedback':
      return [{ kind: resource, id: row.id, own: true }];
    case 'visits':
      return [{ kind: 'customers', id: row.customer, own: false }];
    case 'customers':
      return [{ kind: 'customers', id: row.id, own: false }, ...(await dependentLines(db, { lines: eq(t.salesLines.customer, row.id) }, 'customer', [row.id]))];
    case 'customer_licenses':
    case 'customer_agents':
      return dependentLines(db, { lines: eq(t.salesLines.customer, row.customer) }, 'customer', [row.customer]);
    case 'salespeople':
      return [{ kind: 'salespeople', id: row.id, own: false }, ...(await dependentLines(db, ofSalesperson(row.id), 'salesperson', [row.id]))];
    // a failed training makes the salesperson's sales unqualified; an assessment is checked on the salesperson
    case 'trainings':
      return row.salesperson ? dependentLines(db, ofSalesperson(row.salesperson), 'salesperson', [row.salesperson]) : [];
    case 'salesperson_assessments':
      return [{ kind: 'salespeople', id: row.salesperson, own: false }];
    case 'corrective_actions':
      return [{ kind: 'corrective_actions', id: row.id, own: true }];
    case 'authorizations':
      return dependentLines(db, ofSalesperson(row.salesperson), 'salesperson', [row.salesperson]);
    case 'products':
      return dependentLines(db, { lines: eq(t.salesLines.product, row.id) }, 'product', [row.id]);
    case 'batches':
      return dependentLines(db, { lines: eq(t.salesLines.batch, row.id) }, 'batch', [row.id]);
    case 'recalls': {
      const batchIds = ids(
        (await db.select({ id: t.batches.id, batch_no: t.batches.batch_no }).from(t.batches).where(eq(t.batches.product, row.product)).all()).filter((b: Row) =>
          splitList(row.batches).includes(b.batch_no),
        ) as Row[],
      );
      const notices = ids(
        (await db
          .select({ id: t.recallNotices.id })
          .from(t.recallNotices)
          .where(liveWhere(t.recallNotices, eq(t.recallNotices.recall, row.id)))
          .all()) as Row[],
      );
      return [
        ...(batchIds.length ? await dependentLines(db, { lines: inArray(t.salesLines.batch, batchIds) }, 'batch', batchIds) : []),
        ...notices.map((id) => ({ kind: 'recall_notices' as const, id, own: false })),
      ];
    }
    default:
      return [];
  }
}

/** A deferred rule pass's note of what a write touches (ServiceContext.deferredRules): records, or the lines of an order or invoice. */
export type Deferred = { kind: string; id: number } | { linesOf: 'order' | 'invoice'; id: number };

/**
 * What a created sales record touches, for a deferred rule pass (flushRules): its own target, and the orders and
 * invoices whose lines it touches, their lines looked up once at the flush for all of them (lineTargetsOf) instead
 * of one query per write — the seed writes ~4,000 invoice lines, links and payments. The lines are read in the
 * state the pass evaluates, which holds every line the write's own look-up would have found (records are
 * only added before a flush). Undefined for every other resource: targetsOf then.
 */
export function deferredTargetsOf(resource: string, row: Row): Deferred[] | undefined {
  switch (resource) {
    case 'sales_orders':
      return [{ linesOf: 'order', id: row.id }];
    case 'sales_lines':
      return [{ kind: 'sales_lines', id: row.id }];
    case 'special_checks':
      return [{ linesOf: 'order', id: row.order }];
    case 'outbound_slips':
      return [
        { kind: 'outbound_slips', id: row.id },
        { linesOf: 'order', id: row.order },
      ];
    case 'invoices':
      return [
        { kind: 'invoices', id: row.id },
        { linesOf: 'invoice', id: row.id },
      ];
    case 'invoice_slips':
    case 'invoice_lines':
      return deferredTargetsOf('invoices', { id: row.invoice });
    case 'payments':
      return row.invoice ? deferredTargetsOf('invoices', { id: row.invoice }) : [];
    default:
      return undefined;
  }
}

/** The deferred notes as targets, in their order (each record once): the lines of all noted orders and invoices in one query each per 500. */
export async function resolveDeferred(db: Db, notes: readonly Deferred[]): Promise<Target[]> {
  const of = { order: new Map<number, number[]>(), invoice: new Map<number, number[]>() };
  for (const n of notes) if ('linesOf' in n) of[n.linesOf].set(n.id, []);
  const add = (m: Map<number, number[]>, key: number, line: number) => m.get(key)?.push(line);
  const orderIds = [...of.order.keys()];
  for (let i = 0; i < orderIds.length; i += 500) {
    const rows = (await db
      .select({ id: t.salesLines.id, key: t.salesLines.order })
      .from(t.salesLines)
      .where(liveWhere(t.salesLines, inArray(t.salesLines.order, orderIds.slice(i, i + 500))))
      .orderBy(t.salesLines.id)
      .all()) as Row[];
    for (const r of rows) add(of.order, r.key, r.id);
  }
  const invoiceIds = [...of.invoice.keys()];
  for (let i = 0; i < invoiceIds.length; i += 500) {
    // as linesOfInvoice: the lines of the orders the invoice's live slips ship
    const rows = (await db
      .select({ id: t.salesLines.id, key: t.invoiceSlips.invoice })
      .from(t.invoiceSlips)
      .innerJoin(t.outboundSlips, and(eq(t.outboundSlips.id, t.invoiceSlips.slip), isNull(t.outboundSlips.voided_at)))
      .innerJoin(t.salesLines, and(eq(t.salesLines.order, t.outboundSlips.order), isNull(t.salesLines.voided_at)))
      .where(liveWhere(t.invoiceSlips, inArray(t.invoiceSlips.invoice, invoiceIds.slice(i, i + 500))))
      .orderBy(t.salesLines.id)
      .all()) as Row[];
    for (const r of rows) add(of.invoice, r.key, r.id);
  }
  const out = new Map<string, Target>();
  const put = (kind: RecordKind, id: number) => {
    const key = `${kind}:${id}`;
    if (!out.has(key)) out.set(key, { kind, id, own: false });
  };
  for (const n of notes) {
    if (!('linesOf' in n)) put(n.kind as RecordKind, n.id);
    else for (const line of [...new Set(of[n.linesOf].get(n.id))]) put('sales_lines', line);
  }
  return [...out.values()];
}
