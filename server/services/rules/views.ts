/**
 * The record views the rules read (schema/rules/types.ts), built from the database: a sales line joined
 * with its order, slips, invoices and special-drug check; an invoice with its lines, slips and payments.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { RecordKind, RecordViews } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import type { Db } from '../../db';
import { isLegacy } from '../../../schema/legacy';

type Row = Record<string, any>;
const live = (table: any) => isNull(table.voided_at);

function getById(db: Db, table: any, id: number): Row | undefined {
  return db.select().from(table).where(and(eq(table.id, id), live(table))).get() as Row | undefined;
}

function payments(db: Db, invoiceIds: number[]): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  if (!invoiceIds.length) return out;
  for (const p of db.select().from(t.payments).where(and(inArray(t.payments.invoice, invoiceIds), live(t.payments))).all() as Row[]) {
    out.set(p.invoice, [...(out.get(p.invoice) ?? []), p]);
  }
  return out;
}

/** The parts of a sales line view that belong to its order (shared by all its lines). */
export function orderParts(db: Db, orderId: number) {
  const order = getById(db, t.salesOrders, orderId);
  if (!order) return undefined;
  const slips = db.select().from(t.outboundSlips).where(and(eq(t.outboundSlips.order, orderId), live(t.outboundSlips))).orderBy(asc(t.outboundSlips.id)).all() as Row[];
  const slipIds = slips.map((s) => s.id);
  const invoiceIds = slipIds.length
    ? [...new Set((db.select({ invoice: t.invoiceSlips.invoice }).from(t.invoiceSlips).where(and(inArray(t.invoiceSlips.slip, slipIds), live(t.invoiceSlips))).all() as Row[]).map((r) => r.invoice))]
    : [];
  const invoices = invoiceIds.length ? (db.select().from(t.invoices).where(and(inArray(t.invoices.id, invoiceIds), live(t.invoices))).all() as Row[]) : [];
  const pays = payments(db, invoiceIds);
  const check = db.select().from(t.specialChecks).where(and(eq(t.specialChecks.order, orderId), live(t.specialChecks))).orderBy(desc(t.specialChecks.id)).get() as Row | undefined;
  return {
    order_no: order.order_no, sale_date: order.sale_date, customer: order.customer, salesperson: order.salesperson,
    contract: order.contract, payment_method: order.payment_method, order_status: order.status,
    legacy: isLegacy(order),
    outbounds: slips,
    invoices: invoices.map((i) => ({ ...i, payments: pays.get(i.id) ?? [] })),
    special_check: check ?? null,
  };
}

export function saleLineViews(db: Db, orderId: number): RecordViews['sales_lines'][] {
  const parts = orderParts(db, orderId);
  if (!parts) return [];
  const lines = db.select().from(t.salesLines).where(and(eq(t.salesLines.order, orderId), live(t.salesLines))).orderBy(asc(t.salesLines.id)).all() as Row[];
  return lines.map((l) => ({ ...l, ...parts, id: l.id, order: orderId }) as RecordViews['sales_lines']);
}

export function invoiceView(db: Db, id: number): RecordViews['invoices'] | undefined {
  const inv = getById(db, t.invoices, id);
  if (!inv) return undefined;
  const lines = db.select().from(t.invoiceLines).where(and(eq(t.invoiceLines.invoice, id), live(t.invoiceLines))).all() as Row[];
  const slipIds = (db.select({ slip: t.invoiceSlips.slip }).from(t.invoiceSlips).where(and(eq(t.invoiceSlips.invoice, id), live(t.invoiceSlips))).all() as Row[]).map((r) => r.slip);
  const slips = slipIds.length ? (db.select().from(t.outboundSlips).where(and(inArray(t.outboundSlips.id, slipIds), live(t.outboundSlips))).all() as Row[]) : [];
  return { ...inv, lines, slips, payments: payments(db, [id]).get(id) ?? [] } as RecordViews['invoices'];
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
