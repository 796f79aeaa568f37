/** Outbound slips per shipped order, invoices covering them (with their slips and lines), and payments. */
import { addDays, at, compact, minDate, monthEnd, monthOf } from './dates';
import { STAFF } from './names';
import { cents, type Rng } from './random';
import { isSpecial, type OrderSeed } from './sales';
import type { Writer } from './writer';

/** Decides each order's status and outbound slip (planting the slip-level violations listed in demo.ts). */
export function planShipping(rng: Rng, today: string, orders: OrderSeed[]): void {
  let seq = rng.int(3000, 3999);
  for (const o of orders) {
    const age = Math.round((Date.parse(today) - Date.parse(o.sale_date)) / 86_400_000);
    if (age < 3) {
      o.status = age === 0 && rng.chance(0.5) ? 'draft' : 'confirmed';
      continue;
    }
    // Special-control drugs leave the day after the verification; others the same or the next days.
    const outbound = minDate(addDays(o.sale_date, isSpecial(o) ? rng.int(1, 2) : rng.pick([0, 0, 1, 1, 2])), addDays(today, -1));
    const picker = rng.pick(STAFF.pickers);
    const receipt = addDays(outbound, rng.int(1, 5));
    const arrival = addDays(outbound, rng.int(1, 3));
    o.slip = {
      slip_no: `CK${compact(outbound)}${seq++}`,
      outbound_date: outbound,
      issued_by: `开票员 ${rng.pick(STAFF.issuers)}`,
      picked_by: picker,
      reviewed_by: rng.pick(STAFF.reviewers),
      reviewed_at: at(outbound, rng.int(8, 16), rng.int(0, 59)),
      receipt_confirmed_at: receipt <= today ? receipt : null,
      arrival_verified_at: isSpecial(o) && arrival <= today ? arrival : null,
      arrival_verified_by: isSpecial(o) && arrival <= today ? `储运部 ${rng.pick(STAFF.pickers)}` : null,
    };
    o.status = o.slip.receipt_confirmed_at ? 'completed' : 'shipped';
  }

  // Slip-level plants, on ordinary (otherwise clean) shipped orders spread over the period.
  const shipped = orders.filter((o) => o.slip && !o.plants.length);
  const olderThan = (days: number) => shipped.filter((o) => o.slip!.outbound_date <= addDays(today, -days));
  const take = (list: OrderSeed[], n: number, plant: string) =>
    rng
      .sample(
        list.filter((o) => !o.plants.length),
        n,
      )
      .map((o) => {
        o.plants.push(plant);
        return o;
      });
  for (const o of take(olderThan(20), 3, 'OUTBOUND_NOT_REVIEWED')) Object.assign(o.slip!, { reviewed_by: null, reviewed_at: null });
  for (const o of take(olderThan(20), 2, 'OUTBOUND_NOT_REVIEWED')) o.slip!.reviewed_by = o.slip!.picked_by; // picker reviewed his own slip
  for (const o of take(olderThan(30), 5, 'RECEIPT_UNCONFIRMED')) {
    o.slip!.receipt_confirmed_at = null;
    o.status = 'shipped';
  }
  for (const o of take(olderThan(20), 1, 'DATE_INCONSISTENT')) o.slip!.outbound_date = addDays(o.sale_date, -1); // keyed in before the sale
  const special = olderThan(20).filter(isSpecial);
  for (const o of take(special, 2, 'SPECIAL_ARRIVAL_UNCONFIRMED')) Object.assign(o.slip!, { arrival_verified_at: null, arrival_verified_by: null });
  for (const o of take(special, 3, 'SPECIAL_NOT_VERIFIED')) o.specialCheck = 'missing';
  for (const o of take(special, 1, 'SPECIAL_NOT_VERIFIED')) o.specialCheck = 'late';
}

export async function writeSlips(w: Writer, orders: OrderSeed[]): Promise<void> {
  const shipped = orders.filter((o) => o.slip);
  const rows = await w.createAll('outbound_slips', shipped, (o) => ({ order: o.id, ...o.slip, id: undefined }));
  rows.forEach((r, i) => (shipped[i].slip!.id = r.id));
}

interface InvoicePlan {
  invoice_no: string;
  type: 'vat_special' | 'vat_ordinary';
  customer: OrderSeed['customer'];
  invoice_date: string;
  orders: OrderSeed[];
  lines: { product: number; quantity: number; amount: number }[];
  amount: number;
  itemised: boolean;
  list_attached: boolean;
  plant?: string;
  id?: number;
}

/**
 * Invoices: hospitals and other institutions get one per month covering that month's slips, everyone else
 * one per order. Lines sum the order lines per product; more than eight products go on an attached list.
 */
export async function seedInvoices(w: Writer, rng: Rng, today: string, orders: OrderSeed[]): Promise<InvoicePlan[]> {
  const groups = new Map<string, OrderSeed[]>();
  for (const o of orders) {
    if (!o.slip) continue;
    const monthly = o.customer.type === 'medical_institution' || o.customer.type === 'other_legal';
    const key = monthly ? `${o.customer.id}:${monthOf(o.slip.outbound_date)}` : `order:${o.id}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const plans: InvoicePlan[] = [];
  for (const [key, list] of groups) {
    const first = list[0];
    const date = key.startsWith('order:') ? addDays(first.slip!.outbound_date, rng.int(0, 3)) : monthEnd(first.slip!.outbound_date);
    if (date > today) continue; // not invoiced yet
    const byProduct = new Map<number, { product: number; quantity: number; amount: number }>();
    for (const o of list) {
      for (const l of o.lines) {
        const e = byProduct.get(l.product.id!) ?? { product: l.product.id!, quantity: 0, amount: 0 };
        e.quantity += l.quantity;
        e.amount = cents(e.amount + l.amount);
        byProduct.set(l.product.id!, e);
      }
    }
    const lines = [...byProduct.values()];
    const c = first.customer;
    plans.push({
      invoice_no: '',
      type: c.type === 'wholesaler' || c.type === 'retailer' || c.type === 'device_dealer' ? 'vat_special' : 'vat_ordinary',
      customer: c,
      invoice_date: date,
      orders: list,
      lines,
      amount: cents(lines.reduce((s, l) => s + l.amount, 0)),
      itemised: lines.length <= 8,
      list_attached: lines.length > 8,
    });
  }
  plans.sort((a, b) => (a.invoice_date < b.invoice_date ? -1 : a.invoice_date > b.invoice_date ? 1 : a.amount - b.amount));
  let no = rng.int(10_000_000, 19_000_000);
  for (const p of plans) p.invoice_no = String((no += rng.int(1, 40))).padStart(8, '0');

  // Invoice plants: three that do not match their slips, two without itemisation or goods list.
  const candidates = plans.filter((p) => p.lines.length >= 2 && p.orders.every((o) => !o.plants.length) && p.invoice_date < addDays(today, -30));
  const [a, b, c, d, e] = rng.sample(candidates, 5);
  a.amount = cents(a.amount + 100); // total keyed wrongly
  b.lines[0] = { ...b.lines[0], quantity: b.lines[0].quantity + 10, amount: b.lines[0].amount }; // quantity off
  c.lines = c.lines.slice(1); // one product left off (total still that of the slips)
  for (const x of [a, b, c]) x.plant = 'INVOICE_MISMATCH';
  for (const x of [d, e]) Object.assign(x, { itemised: false, list_attached: false, plant: 'INVOICE_LIST_MISSING' });

  const rows = await w.createAll('invoices', plans, (p) => ({
    invoice_no: p.invoice_no,
    type: p.type,
    customer: p.customer.id,
    invoice_date: p.invoice_date,
    amount: p.amount,
    itemised: p.itemised,
    list_attached: p.list_attached,
  }));
  rows.forEach((r, i) => (plans[i].id = r.id));
  await w.createAll(
    'invoice_lines',
    plans.flatMap((p) => p.lines.map((l) => ({ invoice: p.id, ...l }))),
    (x) => x,
    800,
  );
  return plans;
}

/**
 * Links each invoice to the slips it covers. Written last (after lines and payments): while an invoice
 * covers no slip, a write to it re-checks only the invoice, not the sales lines behind it.
 */
export async function linkInvoiceSlips(w: Writer, invoices: InvoicePlan[]): Promise<void> {
  await w.createAll(
    'invoice_slips',
    invoices.flatMap((p) => p.orders.map((o) => ({ invoice: p.id, slip: o.slip!.id }))),
    (x) => x,
    800,
  );
}

/**
 * Payments by the contract's term: prompt payers early, late payers after the due date (some still unpaid,
 * hence overdue), a few split in two instalments; cash where the order said cash.
 */
export async function seedPayments(w: Writer, rng: Rng, today: string, invoices: InvoicePlan[]): Promise<number> {
  const payments: Record<string, unknown>[] = [];
  const lateTurn = new Map<unknown, number>();
  let seq = 0;
  for (const inv of invoices) {
    const contract = inv.orders[0].contract;
    const term = contract?.payment_days ?? 30;
    const [lo, hi] = { prompt: [0.3, 0.9], normal: [0.5, 1.05], late: [1, 2.2] }[inv.customer.payer];
    const paid = addDays(inv.invoice_date, Math.round(term * (lo + rng.next() * (hi - lo))));
    if (paid > today) continue;
    const method = inv.orders[0].payment_method;
    let parts = inv.amount > 20_000 && rng.chance(0.25) ? [cents(inv.amount * 0.6), cents(inv.amount - cents(inv.amount * 0.6))] : [inv.amount];
    // Late payers leave some invoices of the last ten months unpaid or part-paid, so the receivables ageing
    // shows every bucket up to > 90 days. Chosen in turn per customer, not by the shared generator, so the
    // data seeded after is unchanged.
    if (inv.customer.payer === 'late' && inv.invoice_date >= addDays(today, -300)) {
      const n = (lateTurn.get(inv.customer.id) ?? 0) + 1;
      lateTurn.set(inv.customer.id, n);
      if (n % 3 === 0) continue;
      if (n % 3 === 1) parts = [cents(inv.amount * 0.4)];
    }
    parts.forEach((amount, i) => {
      const day = i === 0 ? paid : minDate(addDays(paid, rng.int(10, 30)), today);
      payments.push({
        customer: inv.customer.id,
        invoice: inv.id,
        amount,
        paid_at: day,
        method,
        voucher_no: `${method === 'cash' ? 'XJ' : 'HK'}${compact(day)}${String(++seq).padStart(4, '0')}`,
      });
    });
  }
  await w.createAll('payments', payments, (p) => p, 800);
  return payments.length;
}

export type { InvoicePlan };
