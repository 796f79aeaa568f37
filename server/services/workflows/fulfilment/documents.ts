/**
 * The live documents downstream of sales orders — outbound slips, the invoices linked to them, the
 * payments on those invoices — and the 票账货相符 check (第二篇 3.10) each unwind step re-runs on them.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { evaluate } from '../../../../schema/rules';
import { msg } from '../../../../schema/messages';
import * as t from '../../../../schema/tables';
import { badRequest } from '../../../errors';
import type { Db } from '../../../db';
import type { ServiceContext } from '../../context';
import { createSqlContext, settled } from '../../rules/sql-context';
import { invoiceView } from '../../rules/views';

type R = Record<string, any>;
const cents = (n: number) => Math.round(n * 100);

export interface Documents {
  slips: R[];
  invoices: R[];
  payments: R[];
}

export async function liveSlips(db: Db, orderIds: number[]): Promise<R[]> {
  if (!orderIds.length) return [];
  return (await db
    .select()
    .from(t.outboundSlips)
    .where(and(inArray(t.outboundSlips.order, orderIds), isNull(t.outboundSlips.voided_at)))
    .all()) as R[];
}

/** Live invoices linked (by a live link) to these slips. */
export async function liveInvoicesOfSlips(db: Db, slipIds: number[]): Promise<R[]> {
  if (!slipIds.length) return [];
  const ids = [
    ...new Set(
      (
        await db
          .select({ invoice: t.invoiceSlips.invoice })
          .from(t.invoiceSlips)
          .where(and(inArray(t.invoiceSlips.slip, slipIds), isNull(t.invoiceSlips.voided_at)))
          .all()
      ).map((r) => r.invoice as number),
    ),
  ];
  return ids.length
    ? ((await db
        .select()
        .from(t.invoices)
        .where(and(inArray(t.invoices.id, ids), isNull(t.invoices.voided_at)))
        .all()) as R[])
    : [];
}

export async function livePayments(db: Db, invoiceIds: number[]): Promise<R[]> {
  if (!invoiceIds.length) return [];
  return (await db
    .select()
    .from(t.payments)
    .where(and(inArray(t.payments.invoice, invoiceIds), isNull(t.payments.voided_at)))
    .all()) as R[];
}

export async function documentsOf(db: Db, orderIds: number[]): Promise<Documents> {
  const slips = await liveSlips(db, orderIds);
  const invoices = await liveInvoicesOfSlips(
    db,
    slips.map((s) => s.id),
  );
  return {
    slips,
    invoices,
    payments: await livePayments(
      db,
      invoices.map((i) => i.id),
    ),
  };
}

/** "出库单 CK…、发票 FP…、回款 HK…" — what is still live, named for the message. */
export function nameDocuments(ctx: ServiceContext, d: Partial<Documents>): string {
  const en = ctx.lang === 'en';
  const part = (rows: R[] | undefined, zh: string, enLabel: string, key: string) =>
    rows?.length ? `${en ? enLabel : zh} ${rows.map((r) => r[key] ?? `#${r.id}`).join(en ? ', ' : '、')}` : null;
  return [
    part(d.slips, '出库单', 'outbound slips', 'slip_no'),
    part(d.invoices, '发票', 'invoices', 'invoice_no'),
    part(d.payments, '回款', 'payments', 'voucher_no'),
  ]
    .filter(Boolean)
    .join(en ? '; ' : '；');
}

/** The orders whose slips an invoice covers (links live or not: an unwind step checks what it touched). */
export async function ordersOfInvoice(db: Db, invoiceId: number): Promise<number[]> {
  return [
    ...new Set(
      (
        await db
          .select({ order: t.outboundSlips.order })
          .from(t.invoiceSlips)
          .innerJoin(t.outboundSlips, eq(t.outboundSlips.id, t.invoiceSlips.slip))
          .where(eq(t.invoiceSlips.invoice, invoiceId))
          .all()
      ).map((r) => r.order as number),
    ),
  ];
}

/**
 * 票账货相符 over these orders, as the records stand now: no live slip of a voided order, no live invoice
 * without live slips or not matching them (INVOICE_MISMATCH), no live link to a voided slip or invoice,
 * payments of the invoice's customer not above its amount. Throws (rolling the step back) when broken.
 */
export async function assertConsistent(ctx: ServiceContext, orderIds: number[]): Promise<void> {
  const db = ctx.db;
  const problems: string[] = [];
  const en = ctx.lang === 'en';
  const slips = orderIds.length ? ((await db.select().from(t.outboundSlips).where(inArray(t.outboundSlips.order, orderIds)).all()) as R[]) : [];
  const orders = new Map(
    (orderIds.length ? ((await db.select().from(t.salesOrders).where(inArray(t.salesOrders.id, orderIds)).all()) as R[]) : []).map((o) => [o.id, o]),
  );
  for (const s of slips) {
    if (!s.voided_at && orders.get(s.order)?.voided_at)
      problems.push(en ? `slip ${s.slip_no} is live but its order is voided` : `出库单 ${s.slip_no} 仍有效而其订单已作废`);
  }
  const links = slips.length
    ? ((await db
        .select()
        .from(t.invoiceSlips)
        .where(
          and(
            inArray(
              t.invoiceSlips.slip,
              slips.map((s) => s.id),
            ),
            isNull(t.invoiceSlips.voided_at),
          ),
        )
        .all()) as R[])
    : [];
  const invoiceIds = [...new Set(links.map((l) => l.invoice as number))];
  const invoices = invoiceIds.length ? ((await db.select().from(t.invoices).where(inArray(t.invoices.id, invoiceIds)).all()) as R[]) : [];
  const slipById = new Map(slips.map((s) => [s.id, s]));
  for (const l of links) {
    const inv = invoices.find((i) => i.id === l.invoice);
    if (inv?.voided_at || slipById.get(l.slip)?.voided_at) {
      problems.push(en ? `invoice ${inv?.invoice_no} is still linked to a voided record` : `发票 ${inv?.invoice_no} 与已作废的单据仍有关联`);
    }
  }
  const rc = await createSqlContext(db, ctx.clock.today());
  for (const inv of invoices.filter((i) => !i.voided_at)) {
    const view = (await invoiceView(db, inv.id))!;
    if (!view.slips?.length) problems.push(en ? `invoice ${inv.invoice_no} covers no live slip` : `发票 ${inv.invoice_no} 已没有有效的出库单`);
    for (const f of (await settled(rc, () => evaluate('invoices', view, rc))).filter((x) => x.code === 'INVOICE_MISMATCH'))
      problems.push(en ? f.message.en : f.message.zh);
    const pays = await livePayments(db, [inv.id]);
    if (cents(pays.reduce((a, p) => a + (p.amount ?? 0), 0)) > cents(inv.amount ?? 0)) {
      problems.push(en ? `payments on invoice ${inv.invoice_no} exceed its amount` : `发票 ${inv.invoice_no} 的回款超过其金额`);
    }
    if (pays.some((p) => p.customer !== inv.customer))
      problems.push(en ? `a payment on invoice ${inv.invoice_no} is from another customer` : `发票 ${inv.invoice_no} 有其他单位的回款`);
  }
  if (problems.length) throw badRequest(msg(ctx.lang, 'wf_chain_inconsistent', { detail: problems.join(en ? '; ' : '；') }));
}
