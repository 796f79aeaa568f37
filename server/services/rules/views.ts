/**
 * The record views the rules read (schema/rules/types.ts), built from the database: a sales line joined
 * with its order, slips, invoices and special-drug check; an invoice with its lines, slips and payments.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { saleLineViewsFor, type RecordKind, type RecordViews } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import type { Db } from '../../db';
import { liveRowsIn } from './bulk-rows';

type Row = Record<string, any>;
const live = (table: any) => isNull(table.voided_at);

function getById(db: Db, table: any, id: number): Row | undefined {
  return db.select().from(table).where(and(eq(table.id, id), live(table))).get() as Row | undefined;
}

const group = (rows: Row[], key: string): Map<number, Row[]> => {
  const out = new Map<number, Row[]>();
  for (const r of rows) {
    const list = out.get(r[key]);
    if (list) list.push(r);
    else out.set(r[key], [r]);
  }
  return out;
};

/**
 * The sales line views of many orders at once (the re-check reads thousands): one query per table for the
 * whole set, the same views as one order at a time. Orders missing or voided are absent from the map.
 */
export function saleLineViewsOf(db: Db, orderIds: readonly number[]): Map<number, RecordViews['sales_lines'][]> {
  const out = new Map<number, RecordViews['sales_lines'][]>();
  const wanted = [...new Set(orderIds)];
  if (!wanted.length) return out;
  const orders = liveRowsIn(db, t.salesOrders, 'id', wanted);
  if (!orders.length) return out;
  const ids = orders.map((o) => o.id as number);
  const slips = group(liveRowsIn(db, t.outboundSlips, 'order', ids), 'order');
  const slipIds = [...slips.values()].flat().map((s) => s.id as number);
  const links = liveRowsIn(db, t.invoiceSlips, 'slip', slipIds);
  const invoiceIds = [...new Set(links.map((l) => l.invoice as number))];
  const invoices = new Map(liveRowsIn(db, t.invoices, 'id', invoiceIds).map((i) => [i.id, i]));
  const pays = group(liveRowsIn(db, t.payments, 'invoice', invoiceIds), 'invoice');
  const invoicesOfSlip = group(links, 'slip');
  // the newest live check per order
  const checks = new Map<number, Row>();
  for (const c of liveRowsIn(db, t.specialChecks, 'order', ids)) checks.set(c.order, c);
  const lines = group(liveRowsIn(db, t.salesLines, 'order', ids), 'order');
  for (const order of orders) {
    const orderSlips = slips.get(order.id) ?? [];
    const own = [...new Set(orderSlips.flatMap((s) => (invoicesOfSlip.get(s.id) ?? []).map((l) => l.invoice as number)))]
      .sort((a, b) => a - b).map((id) => invoices.get(id)).filter((i): i is Row => !!i);
    out.set(order.id, saleLineViewsFor(order as never, lines.get(order.id) ?? [], {
      outbounds: orderSlips,
      invoices: own.map((i) => ({ ...i, payments: pays.get(i.id) ?? [] })),
      special_check: checks.get(order.id) ?? null,
    }));
  }
  return out;
}

export function saleLineViews(db: Db, orderId: number): RecordViews['sales_lines'][] {
  return saleLineViewsOf(db, [orderId]).get(orderId) ?? [];
}

export function invoiceView(db: Db, id: number): RecordViews['invoices'] | undefined {
  const inv = getById(db, t.invoices, id);
  if (!inv) return undefined;
  const lines = db.select().from(t.invoiceLines).where(and(eq(t.invoiceLines.invoice, id), live(t.invoiceLines))).all() as Row[];
  const slipIds = (db.select({ slip: t.invoiceSlips.slip }).from(t.invoiceSlips).where(and(eq(t.invoiceSlips.invoice, id), live(t.invoiceSlips))).all() as Row[]).map((r) => r.slip);
  const slips = slipIds.length ? (db.select().from(t.outboundSlips).where(and(inArray(t.outboundSlips.id, slipIds), live(t.outboundSlips))).all() as Row[]) : [];
  return { ...inv, lines, slips, payments: liveRowsIn(db, t.payments, 'invoice', [id]) } as RecordViews['invoices'];
}

function servicePoint(db: Db, id: number): RecordViews['customers'] | undefined {
  const c = getById(db, t.customers, id);
  if (!c) return undefined;
  const visits = db.select({ visit_date: t.visits.visit_date, kind: t.visits.kind }).from(t.visits).where(and(eq(t.visits.customer, id), live(t.visits))).all() as Row[];
  return { ...c, visits } as unknown as RecordViews['customers'];
}

const PLAIN: Partial<Record<RecordKind, any>> = {
  contracts: t.contracts, outbound_slips: t.outboundSlips, complaints: t.complaints, recall_notices: t.recallNotices,
  adverse_reactions: t.adverseReactions, quality_feedback: t.qualityFeedback,
};

/** The view of one record of a kind, or undefined when it does not exist or is voided. */
export function viewOf<K extends RecordKind>(db: Db, kind: K, id: number): RecordViews[K] | undefined {
  switch (kind) {
    case 'sales_lines': {
      const line = getById(db, t.salesLines, id);
      return line ? (saleLineViews(db, line.order).find((v) => v.id === id) as RecordViews[K]) : undefined;
    }
    case 'invoices': return invoiceView(db, id) as RecordViews[K];
    case 'customers': return servicePoint(db, id) as RecordViews[K];
    default: return getById(db, PLAIN[kind], id) as RecordViews[K];
  }
}
