/**
 * Who received the batches of a recall: the shipped sales lines of those batches (by the recall's product and
 * batch numbers), quantity summed per customer, with the customer's contacts and its agents. The recall
 * start, the notices' derived quantity_sold and the 受影响客户 view all read it from here.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { batches, customerAgents, customers, outboundSlips, salesLines, salesOrders } from '../../../../schema/tables';
import type { Db } from '../../../db';
import type { Row } from '../../records';

export interface RecallScope {
  product: number;
  batches: string[];
}

export const scopeOf = (recall: Row): RecallScope => ({
  product: recall.product as number,
  batches: Array.isArray(recall.batches) ? (recall.batches as string[]) : [],
});

/** The live batches (ids) the recall covers. */
export async function coveredBatchIds(db: Db, scope: RecallScope): Promise<number[]> {
  if (!scope.batches.length) return [];
  return (
    await db
      .select({ id: batches.id })
      .from(batches)
      .where(and(eq(batches.product, scope.product), inArray(batches.batch_no, scope.batches), isNull(batches.voided_at)))
      .all()
  ).map((b) => b.id);
}

/**
 * 第二篇 3.14: who received the goods. A line counts when its order has a live, reviewed (shipped) slip, or an
 * imported one (a slip of the legacy system: the goods left there, its 复核员 is a legacy fact, never our
 * reviewer — a recall must still reach that customer) — whether or not the order or the line was voided after
 * that slip was issued; a line voided before the slip never left. Drafts and unshipped orders are not "sold" here (unshippedByCustomer lists them apart).
 */
const shippedLine = sql`EXISTS (SELECT 1 FROM ${outboundSlips} s WHERE s."order" = ${salesLines.order} AND s.voided_at IS NULL
  AND ((s.reviewed_by IS NOT NULL AND s.reviewed_by <> '') OR s.import_id IS NOT NULL) AND (${salesLines.voided_at} IS NULL OR ${salesLines.voided_at} >= s.created_at))`;

/** Quantity shipped per customer of the recalled batches, largest first. */
export async function soldByCustomer(
  db: Db,
  scope: RecallScope,
  customerId?: number,
): Promise<{ customer: number; quantity: number; lines: number; last_sale: string | null }[]> {
  const ids = await coveredBatchIds(db, scope);
  if (!ids.length) return [];
  return (
    await db
      .select({
        customer: salesOrders.customer,
        quantity: sql<number>`sum(${salesLines.quantity})`,
        lines: sql<number>`count(*)`,
        last_sale: sql<string | null>`max(${salesOrders.sale_date})`,
      })
      .from(salesLines)
      .innerJoin(salesOrders, eq(salesOrders.id, salesLines.order))
      .where(and(inArray(salesLines.batch, ids), shippedLine, ...(customerId != null ? [eq(salesOrders.customer, customerId)] : [])))
      .groupBy(salesOrders.customer)
      .orderBy(sql`sum(${salesLines.quantity}) desc`, salesOrders.customer)
      .all()
  ).filter((r) => r.quantity > 0) as { customer: number; quantity: number; lines: number; last_sale: string | null }[];
}

export interface NotShipped {
  customer: number;
  quantity: number;
  orders: string[];
}

/** Live orders (drafts, confirmed, or with a slip not yet reviewed) of the recalled batches: nothing has left yet. */
export async function unshippedByCustomer(db: Db, scope: RecallScope): Promise<NotShipped[]> {
  const ids = await coveredBatchIds(db, scope);
  if (!ids.length) return [];
  const rows = await db
    .select({ customer: salesOrders.customer, quantity: salesLines.quantity, order_no: salesOrders.order_no })
    .from(salesLines)
    .innerJoin(salesOrders, eq(salesOrders.id, salesLines.order))
    .where(and(inArray(salesLines.batch, ids), isNull(salesLines.voided_at), isNull(salesOrders.voided_at), sql`NOT ${shippedLine}`))
    .all();
  const by = new Map<number, NotShipped>();
  for (const r of rows) {
    const e: NotShipped = by.get(r.customer) ?? { customer: r.customer, quantity: 0, orders: [] };
    e.quantity += r.quantity ?? 0;
    if (!e.orders.includes(r.order_no)) e.orders.push(r.order_no);
    by.set(r.customer, e);
  }
  return [...by.values()].sort((a, b) => b.quantity - a.quantity || a.customer - b.customer);
}

export interface Contact {
  name: string;
  role: string | null;
  phone: string | null;
}

/** The customer's own contact first, then its live agents (legal representative, purchasers, receivers...). */
export async function contactsOf(db: Db, customerIds: number[]): Promise<Map<number, { name: string; contacts: Contact[] }>> {
  const out = new Map<number, { name: string; contacts: Contact[] }>();
  if (!customerIds.length) return out;
  for (const c of await db.select().from(customers).where(inArray(customers.id, customerIds)).all()) {
    const contacts: Contact[] = c.contact_name || c.contact_phone ? [{ name: c.contact_name ?? '', role: 'contact', phone: c.contact_phone ?? null }] : [];
    out.set(c.id, { name: c.name, contacts });
  }
  const agents = await db
    .select()
    .from(customerAgents)
    .where(and(inArray(customerAgents.customer, customerIds), isNull(customerAgents.voided_at)))
    .all();
  for (const a of agents) out.get(a.customer)?.contacts.push({ name: a.name, role: a.role, phone: a.phone ?? null });
  return out;
}
