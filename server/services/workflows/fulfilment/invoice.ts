/**
 * Finance issues an invoice from reviewed outbound slips of one customer (第二篇 3.8, 3.10 票账货相符): the
 * invoice's lines are the goods of the slips' orders per product, its total their sum, and it is linked to
 * the slips. The rules then check the written invoice like any other (INVOICE_MISMATCH refuses).
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { looksLikeIndividual } from '../../../../schema/rules';
import { registry } from '../../../../schema/resources';
import * as t from '../../../../schema/tables';
import { authorize } from '../../../auth/rbac';
import { badRequest, validationError } from '../../../errors';
import type { Db } from '../../../db';
import { inTransaction, type ServiceContext } from '../../context';
import { readRecord } from '../../records';
import { enforceRules } from '../../rules/enforce';
import { createRecord } from '../../write';
import { stepDate } from './inputs';
import { requireNoBlocks, STEPS } from './blocks';
import { requireSpecialVerified } from './special';
import type { InvoiceableSlip } from '../../../../schema/workflows/fulfilment-views';

type R = Record<string, any>;
const cents = (n: number) => Math.round(n * 100) / 100;

export interface InvoiceInput {
  slips?: unknown;
  invoice_no?: unknown;
  type?: unknown;
  invoice_date?: unknown;
  /** itemised on the invoice itself, or a goods list (销售清单) attached */
  form?: unknown;
}

/** The slips' goods per product: each order's lines counted once. */
export async function goodsOf(db: Db, orderIds: number[]) {
  if (!orderIds.length) return [];
  const lines = (await db
    .select()
    .from(t.salesLines)
    .where(and(inArray(t.salesLines.order, orderIds), isNull(t.salesLines.voided_at)))
    .all()) as R[];
  const by = new Map<number, { product: number; quantity: number; amount: number }>();
  for (const l of lines) {
    const e = by.get(l.product) ?? { product: l.product, quantity: 0, amount: 0 };
    e.quantity += l.quantity ?? 0;
    e.amount = cents(e.amount + (l.amount ?? 0));
    by.set(l.product, e);
  }
  return [...by.values()];
}

/** Live invoice links of these slips (slip → invoice no.). */
async function invoicedSlips(db: Db, slipIds: number[]): Promise<Map<number, string>> {
  if (!slipIds.length) return new Map();
  const rows = await db
    .select({ slip: t.invoiceSlips.slip, no: t.invoices.invoice_no })
    .from(t.invoiceSlips)
    .innerJoin(t.invoices, eq(t.invoices.id, t.invoiceSlips.invoice))
    .where(and(inArray(t.invoiceSlips.slip, slipIds), isNull(t.invoiceSlips.voided_at), isNull(t.invoices.voided_at)))
    .all();
  return new Map(rows.map((r) => [r.slip as number, String(r.no)]));
}

/** Reviewed slips not yet invoiced, with their order's customer and amount (the invoice dialog's choices). */
export async function invoiceableSlips(db: Db, customer?: number): Promise<InvoiceableSlip[]> {
  const rows = await db
    .select({
      id: t.outboundSlips.id,
      slip_no: t.outboundSlips.slip_no,
      outbound_date: t.outboundSlips.outbound_date,
      order: t.outboundSlips.order,
      order_no: t.salesOrders.order_no,
      customer: t.salesOrders.customer,
      customer_name: t.customers.name,
      reviewed_by: t.outboundSlips.reviewed_by,
      amount: sql<number>`(SELECT COALESCE(SUM(${t.salesLines.amount}), 0) FROM ${t.salesLines} WHERE ${t.salesLines.order} = ${t.outboundSlips.order} AND ${t.salesLines.voided_at} IS NULL)`,
    })
    .from(t.outboundSlips)
    .innerJoin(t.salesOrders, eq(t.salesOrders.id, t.outboundSlips.order))
    .innerJoin(t.customers, eq(t.customers.id, t.salesOrders.customer))
    .where(
      and(
        isNull(t.outboundSlips.voided_at),
        isNotNull(t.outboundSlips.reviewed_by),
        customer != null ? eq(t.salesOrders.customer, customer) : undefined,
        sql`NOT EXISTS (SELECT 1 FROM ${t.invoiceSlips} JOIN ${t.invoices} ON ${t.invoices.id} = ${t.invoiceSlips.invoice}
                      WHERE ${t.invoiceSlips.slip} = ${t.outboundSlips.id} AND ${t.invoiceSlips.voided_at} IS NULL AND ${t.invoices.voided_at} IS NULL)`,
      ),
    )
    .orderBy(t.outboundSlips.outbound_date, t.outboundSlips.id)
    .limit(500)
    .all();
  return rows;
}

/** 第二篇 3.1, 3.4: a sales invoice goes only to an approved buyer that is not a private person. */
async function requireInvoiceableBuyer(ctx: ServiceContext, customerId: number) {
  const c = (await ctx.db.select().from(t.customers).where(eq(t.customers.id, customerId)).get()) as R;
  const en = ctx.lang === 'en';
  const why =
    c.type === 'individual' || (c.type == null && looksLikeIndividual(c.name))
      ? en
        ? 'is a private person'
        : '是个人'
      : c.qa_status !== 'approved'
        ? en
          ? 'has not passed the first-business review'
          : '未通过首营审核'
        : null;
  if (why) throw badRequest(msg(ctx.lang, 'wf_invoice_buyer', { customer: c.name, why }));
}

export function issueInvoice(ctx: ServiceContext, input: InvoiceInput) {
  authorize(ctx.actor, registry.get('invoices')!, 'create', ctx.lang);
  authorize(ctx.actor, registry.get('invoice_slips')!, 'create', ctx.lang);
  authorize(ctx.actor, registry.get('invoice_lines')!, 'create', ctx.lang);
  const ids = Array.isArray(input.slips) ? [...new Set(input.slips.map(Number).filter((n) => Number.isInteger(n) && n > 0))] : [];
  if (!ids.length) throw validationError(msg(ctx.lang, 'wf_invoice_no_slips'), { slips: msg(ctx.lang, 'wf_invoice_no_slips') });
  const date = stepDate(ctx, input as Record<string, unknown>, 'invoice_date', { zh: '开票', en: 'Invoice' });
  return inTransaction(ctx, async (tx) => {
    const slips = (await tx.db
      .select()
      .from(t.outboundSlips)
      .where(and(inArray(t.outboundSlips.id, ids), isNull(t.outboundSlips.voided_at)))
      .all()) as R[];
    if (slips.length !== ids.length)
      throw validationError(msg(ctx.lang, 'wf_invoice_no_slips'), { slips: msg(ctx.lang, 'not_found', { resource: 'outbound_slips', id: ids.join(',') }) });
    for (const s of slips) if (!s.reviewed_by) throw badRequest(msg(ctx.lang, 'wf_invoice_slip_unreviewed', { slip: s.slip_no }));
    const invoiced = await invoicedSlips(tx.db, ids);
    for (const s of slips)
      if (invoiced.has(s.id)) throw badRequest(msg(ctx.lang, 'wf_invoice_slip_invoiced', { slip: s.slip_no, invoice: invoiced.get(s.id)! }));
    const orderIds = [...new Set(slips.map((s) => s.order as number))];
    const orders = (await tx.db.select().from(t.salesOrders).where(inArray(t.salesOrders.id, orderIds)).all()) as R[];
    const customers = new Set(orders.map((o) => o.customer));
    if (customers.size !== 1) throw badRequest(msg(ctx.lang, 'wf_invoice_customers'));
    for (const o of orders) await requireSpecialVerified(tx, o, date, 'invoice');
    for (const o of orders) await requireNoBlocks(tx, o.id, date, STEPS.invoice);
    await requireInvoiceableBuyer(tx, orders[0].customer);

    const goods = await goodsOf(tx.db, orderIds);
    const form = input.form === 'list_attached' ? 'list_attached' : 'itemised';
    const invoice = await createRecord(
      tx,
      registry.get('invoices')!,
      {
        invoice_no: input.invoice_no,
        type: input.type,
        customer: orders[0].customer,
        invoice_date: date,
        amount: cents(goods.reduce((s, g) => s + g.amount, 0)),
        itemised: form === 'itemised',
        list_attached: form === 'list_attached',
      },
      { reason: 'issue_invoice', verb: true },
    );
    // The lines and links are written together and checked once, on the finished invoice: one by one, a
    // half-linked invoice would not match its slips yet.
    const quiet: ServiceContext = { ...tx, deferredRules: new Map() };
    for (const g of goods)
      await createRecord(quiet, registry.get('invoice_lines')!, { invoice: invoice.id, ...g }, { historical: true, reason: 'issue_invoice' });
    for (const s of slips)
      await createRecord(quiet, registry.get('invoice_slips')!, { invoice: invoice.id, slip: s.id }, { historical: true, reason: 'issue_invoice' });
    await enforceRules(tx, 'invoices', invoice);
    return {
      ...(await readRecord(tx.db, registry.get('invoices')!, invoice.id as number))!,
      lines: goods,
      slips: slips.map((s) => ({ id: s.id, slip_no: s.slip_no })),
    };
  });
}
