/**
 * The record views the rules read (schema/rules/types.ts), built from the database: a sales line joined
 * with its order, slips, invoices and special-drug check (saleLineViewsFor, the builder the importer uses
 * too); an invoice with its lines, slips and payments.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { ResourceTable, RowOf } from '../../../schema/define';
import { saleLineViewsFor, type RecordKind, type RecordViews } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import type { Db } from '../../db';
import { liveRowsIn } from './bulk-rows';
import { AFTERSALES_RECORD_VIEWS, afterSalesViewsOf } from './after-sales-views';

async function getById<T extends ResourceTable>(db: Db, table: T, id: number): Promise<RowOf<T> | undefined> {
  return (await db
    .select()
    .from(table)
    .where(and(eq(table.id, id), isNull(table.voided_at)))
    .get()) as RowOf<T> | undefined;
}

const group = <R extends { id: number }>(rows: readonly R[], key: keyof R): Map<number, R[]> => {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    const k = r[key] as number;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
};

/**
 * The sales line views of many orders at once (the re-check reads thousands): one query per table for the
 * whole set, the same views as one order at a time. Orders missing or voided are absent from the map.
 */
export async function saleLineViewsOf(db: Db, orderIds: readonly number[]): Promise<Map<number, RecordViews['sales_lines'][]>> {
  const out = new Map<number, RecordViews['sales_lines'][]>();
  const wanted = [...new Set(orderIds)];
  if (!wanted.length) return out;
  const orders = await liveRowsIn(db, t.salesOrders, 'id', wanted);
  if (!orders.length) return out;
  const ids = orders.map((o) => o.id);
  const slips = group(await liveRowsIn(db, t.outboundSlips, 'order', ids), 'order');
  const slipIds = [...slips.values()].flat().map((s) => s.id);
  const links = await liveRowsIn(db, t.invoiceSlips, 'slip', slipIds);
  const invoiceIds = [...new Set(links.map((l) => l.invoice as number))];
  const invoices = new Map((await liveRowsIn(db, t.invoices, 'id', invoiceIds)).map((i) => [i.id, i]));
  const pays = group(await liveRowsIn(db, t.payments, 'invoice', invoiceIds), 'invoice');
  const invoicesOfSlip = group(links, 'slip');
  // the newest live check per order
  const checks = new Map<number, RowOf<typeof t.specialChecks>>();
  for (const c of await liveRowsIn(db, t.specialChecks, 'order', ids)) checks.set(c.order as number, c);
  const lines = group(await liveRowsIn(db, t.salesLines, 'order', ids), 'order');
  for (const order of orders) {
    const orderSlips = slips.get(order.id) ?? [];
    const own = [...new Set(orderSlips.flatMap((s) => (invoicesOfSlip.get(s.id) ?? []).map((l) => l.invoice as number)))]
      .sort((a, b) => a - b)
      .map((id) => invoices.get(id))
      .filter((i) => !!i);
    out.set(
      order.id,
      saleLineViewsFor(order, lines.get(order.id) ?? [], {
        outbounds: orderSlips,
        invoices: own.map((i) => ({ ...i, payments: pays.get(i.id) ?? [] })),
        special_check: checks.get(order.id) ?? null,
      }),
    );
  }
  return out;
}

export async function saleLineViews(db: Db, orderId: number): Promise<RecordViews['sales_lines'][]> {
  return (await saleLineViewsOf(db, [orderId])).get(orderId) ?? [];
}

export async function invoiceView(db: Db, id: number): Promise<RecordViews['invoices'] | undefined> {
  const inv = await getById(db, t.invoices, id);
  if (!inv) return undefined;
  const lines = await liveRowsIn(db, t.invoiceLines, 'invoice', [id]);
  const slipIds = (await liveRowsIn(db, t.invoiceSlips, 'invoice', [id])).map((r) => r.slip as number);
  const slips = await liveRowsIn(db, t.outboundSlips, 'id', slipIds);
  return { ...inv, lines, slips, payments: await liveRowsIn(db, t.payments, 'invoice', [id]) };
}

async function servicePoint(db: Db, id: number): Promise<RecordViews['customers'] | undefined> {
  const c = await getById(db, t.customers, id);
  if (!c) return undefined;
  const visits = (await liveRowsIn(db, t.visits, 'customer', [id])).map((v) => ({ visit_date: v.visit_date, kind: v.kind }));
  return { ...c, visits };
}

/** A salesperson with the assessments of 第二篇 3.3 (SALESPERSON_ASSESSMENT_FAILED reads the latest). */
async function salespersonView(db: Db, id: number): Promise<RecordViews['salespeople'] | undefined> {
  const s = await getById(db, t.salespeople, id);
  if (!s) return undefined;
  const a = t.salespersonAssessments;
  const assessments = await db
    .select({ id: a.id, period_from: a.period_from, period_to: a.period_to, conclusion: a.conclusion })
    .from(a)
    .where(and(eq(a.salesperson, id), isNull(a.voided_at)))
    .all();
  return { ...s, assessments };
}

/** The record kinds whose view is the row itself. */
const PLAIN = {
  contracts: t.contracts,
  outbound_slips: t.outboundSlips,
  complaints: t.complaints,
  recall_notices: t.recallNotices,
  adverse_reactions: t.adverseReactions,
  quality_feedback: t.qualityFeedback,
  corrective_actions: t.correctiveActions,
} satisfies Partial<Record<RecordKind, ResourceTable>>;

/** The view of one record of a kind, or undefined when it does not exist or is voided. */
export async function viewOf<K extends RecordKind>(db: Db, kind: K, id: number): Promise<RecordViews[K] | undefined> {
  const own = AFTERSALES_RECORD_VIEWS[kind];
  if (own) return own(db, id) as RecordViews[K] | undefined;
  const k: RecordKind = kind;
  switch (k) {
    case 'sales_lines': {
      const line = await getById(db, t.salesLines, id);
      return (line?.order != null ? (await saleLineViews(db, line.order)).find((v) => v.id === id) : undefined) as RecordViews[K] | undefined;
    }
    case 'invoices':
      return (await invoiceView(db, id)) as RecordViews[K] | undefined;
    case 'customers':
      return (await servicePoint(db, id)) as RecordViews[K] | undefined;
    case 'salespeople':
      return (await salespersonView(db, id)) as RecordViews[K] | undefined;
    default: {
      const table = PLAIN[k as keyof typeof PLAIN] as ResourceTable | undefined;
      return (table ? getById(db, table, id) : undefined) as RecordViews[K] | undefined;
    }
  }
}

/**
 * The views of many records of one kind (a rule pass over a batch of targets): one query per table for the
 * invoices and the kinds whose view is the row; the other kinds one record at a time (viewOf). Records
 * missing or voided are absent. Sales lines: saleLineViewsOf, by their orders.
 */
export async function viewsOf<K extends RecordKind>(db: Db, kind: K, ids: readonly number[]): Promise<Map<number, RecordViews[K]>> {
  const out = new Map<number, RecordViews[K]>();
  const k: RecordKind = kind;
  const table = PLAIN[k as keyof typeof PLAIN] as ResourceTable | undefined;
  const afterSales = await afterSalesViewsOf(db, kind, ids);
  if (afterSales) {
    for (const [id, v] of afterSales) out.set(id, v as RecordViews[K]);
  } else if (k === 'invoices') {
    for (const v of await invoiceViews(db, ids)) out.set(v.id as number, v as RecordViews[K]);
  } else if (table && !AFTERSALES_RECORD_VIEWS[kind]) {
    for (const r of await liveRowsIn(db, table, 'id', ids)) out.set(r.id as number, r as RecordViews[K]);
  } else {
    for (const id of ids) {
      const v = await viewOf(db, kind, id);
      if (v) out.set(id, v);
    }
  }
  return out;
}

/** invoiceView for many invoices: the same views, one query per table. */
async function invoiceViews(db: Db, ids: readonly number[]): Promise<RecordViews['invoices'][]> {
  const invoices = await liveRowsIn(db, t.invoices, 'id', ids);
  if (!invoices.length) return [];
  const live = invoices.map((i) => i.id);
  const lines = group(await liveRowsIn(db, t.invoiceLines, 'invoice', live), 'invoice');
  const links = group(await liveRowsIn(db, t.invoiceSlips, 'invoice', live), 'invoice');
  const slips = await liveRowsIn(db, t.outboundSlips, 'id', [...new Set([...links.values()].flat().map((l) => l.slip as number))]);
  const pays = group(await liveRowsIn(db, t.payments, 'invoice', live), 'invoice');
  return invoices.map((inv) => {
    const own = new Set((links.get(inv.id) ?? []).map((l) => l.slip as number));
    return { ...inv, lines: lines.get(inv.id) ?? [], slips: slips.filter((s) => own.has(s.id)), payments: pays.get(inv.id) ?? [] };
  });
}
