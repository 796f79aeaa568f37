/**
 * The whole chain of one sales order, from the records themselves: order → confirmed → slip issued →
 * picked → reviewed → receipt confirmed → invoiced → paid, each with who and when (the record's own fields
 * where GSP keeps them, else the audit trail), plus the lines awaiting a price approval.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import * as t from '../../../../schema/tables';
import type { Db } from '../../../db';
import { specialState } from './special';
import type { Chain, ChainStep } from '../../../../schema/workflows/fulfilment-views';

type R = Record<string, any>;

const parse = (v: unknown): R | null => (v == null ? null : typeof v === 'string' ? JSON.parse(v) : (v as R));
const cents = (n: number) => Math.round(n * 100) / 100;

async function userNames(db: Db, ids: unknown[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((v): v is number => typeof v === 'number'))];
  if (!list.length) return new Map();
  return new Map(
    (await db.select({ id: t.users.id, name: t.users.display_name }).from(t.users).where(inArray(t.users.id, list)).all()).map((u) => [u.id, u.name]),
  );
}

/** The audit row in which `field` of the record first took a value accepted by `test`. */
async function whenSet(db: Db, resource: string, id: number, field: string, test: (v: unknown) => boolean) {
  const rows = (await db
    .select()
    .from(t.auditLog)
    .where(and(eq(t.auditLog.resource, resource), eq(t.auditLog.record_id, id)))
    .orderBy(asc(t.auditLog.id))
    .all()) as R[];
  for (const a of rows) {
    const before = parse(a.before);
    const after = parse(a.after);
    if (after && test(after[field]) && !(before && test(before[field]))) return { at: a.at as string, actor: a.actor as number | null };
  }
  return undefined;
}

export async function orderChain(db: Db, order: R, asOf: string): Promise<Omit<Chain, 'blocks'>> {
  const lines = (await db
    .select()
    .from(t.salesLines)
    .where(and(eq(t.salesLines.order, order.id), isNull(t.salesLines.voided_at)))
    .orderBy(asc(t.salesLines.id))
    .all()) as R[];
  const products = new Map(
    (lines.length
      ? ((await db
          .select()
          .from(t.products)
          .where(
            inArray(
              t.products.id,
              lines.map((l) => l.product),
            ),
          )
          .all()) as R[])
      : []
    ).map((p) => [p.id, p]),
  );
  const slips = (await db
    .select()
    .from(t.outboundSlips)
    .where(and(eq(t.outboundSlips.order, order.id), isNull(t.outboundSlips.voided_at)))
    .orderBy(asc(t.outboundSlips.id))
    .all()) as R[];
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
  const invoices = invoiceIds.length
    ? ((await db
        .select()
        .from(t.invoices)
        .where(and(inArray(t.invoices.id, invoiceIds), isNull(t.invoices.voided_at)))
        .orderBy(asc(t.invoices.invoice_date))
        .all()) as R[])
    : [];
  const payments = invoiceIds.length
    ? ((await db
        .select()
        .from(t.payments)
        .where(and(inArray(t.payments.invoice, invoiceIds), isNull(t.payments.voided_at)))
        .orderBy(asc(t.payments.paid_at))
        .all()) as R[])
    : [];

  const confirmed = await whenSet(db, 'sales_orders', order.id, 'status', (v) => v === 'confirmed' || v === 'shipped' || v === 'completed');
  const picked: Awaited<ReturnType<typeof whenSet>>[] = [];
  const received: Awaited<ReturnType<typeof whenSet>>[] = [];
  for (const s of slips) {
    picked.push(await whenSet(db, 'outbound_slips', s.id, 'picked_by', (v) => !!v));
    received.push(await whenSet(db, 'outbound_slips', s.id, 'receipt_confirmed_at', (v) => !!v));
  }
  const names = await userNames(db, [
    order.created_by,
    confirmed?.actor,
    ...received.map((r) => r?.actor),
    ...invoices.map((i) => i.created_by),
    ...payments.map((p) => p.created_by),
  ]);
  const name = (id: unknown) => (typeof id === 'number' ? (names.get(id) ?? null) : null);
  const last = <T>(xs: T[]) => xs[xs.length - 1];
  const allDone = (test: (s: R) => boolean) => slips.length > 0 && slips.every(test);
  const slipNos = slips.map((s) => s.slip_no).join('、') || null;

  const invoiced = cents(invoices.reduce((s, i) => s + (i.amount ?? 0), 0));
  const paid = cents(payments.reduce((s, p) => s + (p.amount ?? 0), 0));
  const orderAmount = cents(lines.reduce((s, l) => s + (l.amount ?? 0), 0));

  const steps: ChainStep[] = [
    { key: 'ordered', done: true, who: name(order.created_by), when: order.created_at, detail: `${order.order_no} · ${order.sale_date}` },
    { key: 'confirmed', done: order.status !== 'draft', who: confirmed ? name(confirmed.actor) : null, when: confirmed?.at ?? null },
    { key: 'issued', done: slips.length > 0, who: last(slips)?.issued_by ?? null, when: last(slips)?.outbound_date ?? null, detail: slipNos },
    { key: 'picked', done: allDone((s) => !!s.picked_by), who: last(slips)?.picked_by ?? null, when: (await last(picked))?.at ?? null },
    { key: 'reviewed', done: allDone((s) => !!s.reviewed_by), who: last(slips)?.reviewed_by ?? null, when: last(slips)?.reviewed_at ?? null },
    {
      key: 'received',
      done: allDone((s) => !!s.receipt_confirmed_at),
      who: name((await last(received))?.actor) ?? null,
      when: last(slips)?.receipt_confirmed_at ?? null,
    },
    {
      key: 'invoiced',
      done: slips.length > 0 && slips.every((s) => links.some((l) => l.slip === s.id)),
      who: name(last(invoices)?.created_by),
      when: last(invoices)?.invoice_date ?? null,
      detail: invoices.map((i) => i.invoice_no).join('、') || null,
    },
    {
      key: 'paid',
      done: invoices.length > 0 && paid + 0.005 >= invoiced,
      who: name(last(payments)?.created_by),
      when: last(payments)?.paid_at ?? null,
      detail: invoices.length ? `${paid.toFixed(2)} / ${invoiced.toFixed(2)}` : null,
    },
  ];
  const current = steps.findIndex((s) => !s.done);

  const prices = lines
    .map((l, i) => {
      const p = products.get(l.product) ?? {};
      const outside = (p.price_min != null && l.unit_price < p.price_min) || (p.price_max != null && l.unit_price > p.price_max);
      return {
        line: l.id,
        index: i,
        product: [p.generic_name, p.spec].filter(Boolean).join(' '),
        unit_price: l.unit_price,
        price_min: p.price_min ?? null,
        price_max: p.price_max ?? null,
        price_cap: p.price_cap ?? null,
        outside,
        approved_by: l.price_approved_by ?? null,
      };
    })
    .filter((x) => x.outside);

  return {
    order: { id: order.id, order_no: order.order_no, status: order.status, amount: orderAmount },
    steps,
    current: current < 0 ? steps.length : current,
    slips: slips.map((s) => ({
      id: s.id,
      slip_no: s.slip_no,
      outbound_date: s.outbound_date,
      issued_by: s.issued_by,
      picked_by: s.picked_by,
      reviewed_by: s.reviewed_by,
      reviewed_at: s.reviewed_at,
      receipt_confirmed_at: s.receipt_confirmed_at,
    })),
    invoices: invoices.map((i) => ({ id: i.id, invoice_no: i.invoice_no, invoice_date: i.invoice_date, amount: i.amount, type: i.type })),
    payments: payments.map((p) => ({ id: p.id, invoice: p.invoice, amount: p.amount, paid_at: p.paid_at, method: p.method, voucher_no: p.voucher_no })),
    prices,
    special: await specialState(db, order, asOf),
  };
}
