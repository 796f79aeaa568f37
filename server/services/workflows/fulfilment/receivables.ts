/**
 * Receivables ageing (第五篇 6, 应收账款账龄): per customer what was invoiced, paid and is outstanding, the
 * outstanding part bucketed by days past due. An invoice is due its contract's payment term after the
 * invoice date (the shortest term when its slips' orders have several contracts); without a known term,
 * DEFAULT_TERM_DAYS. Payments count up to the as-of date; those not against an invoice are shown apart.
 */
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { addDays, daysBetween, isIsoDate } from '../../../../schema/rules';
import * as t from '../../../../schema/tables';
import type { Db } from '../../../db';
import { BUCKETS, type Ageing, type Bucket, type Buckets, type CustomerAgeing, type CustomerReceivables } from '../../../../schema/workflows/fulfilment-views';

/** Chinese names by pinyin. */
const zhCollator = new Intl.Collator('zh');

export const DEFAULT_TERM_DAYS = 30;

const cents = (n: number) => Math.round(n * 100) / 100;
const emptyBuckets = (): Buckets => ({ current: 0, d1_30: 0, d31_60: 0, d61_90: 0, over_90: 0 });

export function bucketOf(daysPastDue: number): Bucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd1_30';
  if (daysPastDue <= 60) return 'd31_60';
  if (daysPastDue <= 90) return 'd61_90';
  return 'over_90';
}

/** Every live invoice dated up to as-of (of one customer or all) with its term, payments and ageing. */
export async function agedInvoices(db: Db, asOf: string, customer?: number) {
  // Plain SQL (the outer table named): inside a one-table select Drizzle leaves column names unqualified.
  const term = sql<number | null>`(SELECT MIN(k.payment_days) FROM invoice_slips l
      JOIN outbound_slips s ON s.id = l.slip JOIN sales_orders o ON o.id = s."order" JOIN contracts k ON k.id = o.contract
      WHERE l.invoice = invoices.id AND l.voided_at IS NULL AND k.payment_days IS NOT NULL)`;
  const paid = sql<number>`(SELECT COALESCE(SUM(p.amount), 0) FROM payments p
      WHERE p.invoice = invoices.id AND p.voided_at IS NULL AND p.paid_at <= ${asOf})`;
  const rows = await db
    .select({
      id: t.invoices.id,
      invoice_no: t.invoices.invoice_no,
      type: t.invoices.type,
      customer: t.invoices.customer,
      invoice_date: t.invoices.invoice_date,
      amount: t.invoices.amount,
      payment_days: term,
      paid,
    })
    .from(t.invoices)
    .where(and(isNull(t.invoices.voided_at), lte(t.invoices.invoice_date, asOf), customer != null ? eq(t.invoices.customer, customer) : undefined))
    .orderBy(t.invoices.invoice_date, t.invoices.id)
    .all();
  return rows
    .filter((r) => isIsoDate(r.invoice_date))
    .map((r) => {
      const days = r.payment_days ?? DEFAULT_TERM_DAYS;
      const due = addDays(r.invoice_date as string, days);
      const outstanding = cents((r.amount ?? 0) - (r.paid ?? 0));
      const pastDue = daysBetween(due, asOf);
      return {
        ...r,
        paid: cents(r.paid ?? 0),
        outstanding,
        term_known: r.payment_days != null,
        payment_days: days,
        due_date: due,
        days_past_due: outstanding > 0 ? Math.max(0, pastDue) : 0,
        bucket: outstanding > 0 ? bucketOf(pastDue) : null,
      };
    });
}

/** Payments up to as-of not made against an invoice, per customer. */
async function unallocated(db: Db, asOf: string, customer?: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ customer: t.payments.customer, amount: sql<number>`SUM(${t.payments.amount})` })
    .from(t.payments)
    .where(
      and(
        isNull(t.payments.voided_at),
        sql`${t.payments.invoice} IS NULL`,
        lte(t.payments.paid_at, asOf),
        customer != null ? eq(t.payments.customer, customer) : undefined,
      ),
    )
    .groupBy(t.payments.customer)
    .all();
  return new Map(rows.map((r) => [r.customer as number, cents(r.amount)]));
}

/** One row per customer with invoices, the largest outstanding first, and the totals over all of them. */
export async function receivablesAgeing(db: Db, asOf: string): Promise<Ageing> {
  const invoices = await agedInvoices(db, asOf);
  const names = new Map((await db.select({ id: t.customers.id, name: t.customers.name }).from(t.customers).all()).map((c) => [c.id, c.name]));
  const credits = await unallocated(db, asOf);
  const by = new Map<number, CustomerAgeing>();
  for (const inv of invoices) {
    const c = inv.customer as number;
    const row = by.get(c) ?? {
      customer: c,
      name: names.get(c) ?? `#${c}`,
      invoiced: 0,
      paid: 0,
      outstanding: 0,
      unallocated: credits.get(c) ?? 0,
      open_invoices: 0,
      overdue: 0,
      oldest_due: null,
      buckets: emptyBuckets(),
    };
    row.invoiced = cents(row.invoiced + (inv.amount ?? 0));
    row.paid = cents(row.paid + inv.paid);
    if (inv.outstanding > 0) {
      row.outstanding = cents(row.outstanding + inv.outstanding);
      row.open_invoices++;
      row.buckets[inv.bucket!] = cents(row.buckets[inv.bucket!] + inv.outstanding);
      if (inv.bucket !== 'current') row.overdue = cents(row.overdue + inv.outstanding);
      if (!row.oldest_due || inv.due_date < row.oldest_due) row.oldest_due = inv.due_date;
    }
    by.set(c, row);
  }
  const customers = [...by.values()].sort((a, b) => b.outstanding - a.outstanding || zhCollator.compare(a.name, b.name));
  const totals = customers.reduce(
    (s, c) => {
      s.invoiced = cents(s.invoiced + c.invoiced);
      s.paid = cents(s.paid + c.paid);
      s.outstanding = cents(s.outstanding + c.outstanding);
      s.overdue = cents(s.overdue + c.overdue);
      for (const b of BUCKETS) s.buckets[b] = cents(s.buckets[b] + c.buckets[b]);
      return s;
    },
    { invoiced: 0, paid: 0, outstanding: 0, overdue: 0, buckets: emptyBuckets() },
  );
  return { as_of: asOf, default_term_days: DEFAULT_TERM_DAYS, totals, customers };
}

/** One customer's invoices (newest first) and payments: the drill-down and the customer page's tab. */
export async function customerReceivables(db: Db, asOf: string, customer: number): Promise<Omit<CustomerReceivables, 'name'>> {
  const invoices = (await agedInvoices(db, asOf, customer)).reverse();
  const p = t.payments;
  const payments = await db
    .select({ id: p.id, invoice: p.invoice, amount: p.amount, paid_at: p.paid_at, method: p.method, voucher_no: p.voucher_no })
    .from(t.payments)
    .where(and(eq(t.payments.customer, customer), isNull(t.payments.voided_at), lte(t.payments.paid_at, asOf)))
    .orderBy(sql`${t.payments.paid_at} DESC`)
    .limit(200)
    .all();
  const summary = emptyBuckets();
  for (const i of invoices) if (i.bucket) summary[i.bucket] = cents(summary[i.bucket] + i.outstanding);
  return {
    as_of: asOf,
    customer,
    default_term_days: DEFAULT_TERM_DAYS,
    buckets: summary,
    invoiced: cents(invoices.reduce((s, i) => s + (i.amount ?? 0), 0)),
    paid: cents(invoices.reduce((s, i) => s + i.paid, 0)),
    outstanding: cents(invoices.reduce((s, i) => s + i.outstanding, 0)),
    unallocated: (await unallocated(db, asOf, customer)).get(customer) ?? 0,
    invoices,
    payments,
  };
}
