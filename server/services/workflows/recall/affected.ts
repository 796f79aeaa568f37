/**
 * Who received the batches of a recall: the live sales lines of those batches (by the recall's product and
 * batch numbers), quantity summed per customer, with the customer's contacts and its agents. The recall
 * start, the notices' derived quantity_sold and the 受影响客户 view all read it from here.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { batches, customerAgents, customers, salesLines, salesOrders } from '../../../../schema/tables';
import type { Db } from '../../../db';
import type { Row } from '../../records';

export interface RecallScope { product: number; batches: string[] }

export const scopeOf = (recall: Row): RecallScope => ({
  product: recall.product as number,
  batches: Array.isArray(recall.batches) ? (recall.batches as string[]) : [],
});

/** The live batches (ids) the recall covers. */
export function coveredBatchIds(db: Db, scope: RecallScope): number[] {
  if (!scope.batches.length) return [];
  return db.select({ id: batches.id }).from(batches)
    .where(and(eq(batches.product, scope.product), inArray(batches.batch_no, scope.batches), isNull(batches.voided_at)))
    .all().map((b) => b.id);
}

/** Quantity sold per customer of the recalled batches (live lines of live orders), largest first. */
export function soldByCustomer(db: Db, scope: RecallScope, customerId?: number): { customer: number; quantity: number; lines: number; last_sale: string | null }[] {
  const ids = coveredBatchIds(db, scope);
  if (!ids.length) return [];
  return db
    .select({
      customer: salesOrders.customer,
      quantity: sql<number>`sum(${salesLines.quantity})`,
      lines: sql<number>`count(*)`,
      last_sale: sql<string | null>`max(${salesOrders.sale_date})`,
    })
    .from(salesLines)
    .innerJoin(salesOrders, eq(salesOrders.id, salesLines.order))
    .where(and(
      inArray(salesLines.batch, ids), isNull(salesLines.voided_at), isNull(salesOrders.voided_at),
      ...(customerId != null ? [eq(salesOrders.customer, customerId)] : []),
    ))
    .groupBy(salesOrders.customer)
    .orderBy(sql`sum(${salesLines.quantity}) desc`, salesOrders.customer)
    .all()
    .filter((r) => r.quantity > 0) as { customer: number; quantity: number; lines: number; last_sale: string | null }[];
}

export interface Contact { name: string; role: string | null; phone: string | null }

/** The customer's own contact first, then its live agents (legal representative, purchasers, receivers...). */
export function contactsOf(db: Db, customerIds: number[]): Map<number, { name: string; contacts: Contact[] }> {
  const out = new Map<number, { name: string; contacts: Contact[] }>();
  if (!customerIds.length) return out;
  for (const c of db.select().from(customers).where(inArray(customers.id, customerIds)).all()) {
    const contacts: Contact[] = c.contact_name || c.contact_phone ? [{ name: c.contact_name ?? '', role: 'contact', phone: c.contact_phone ?? null }] : [];
    out.set(c.id, { name: c.name, contacts });
  }
  const agents = db.select().from(customerAgents)
    .where(and(inArray(customerAgents.customer, customerIds), isNull(customerAgents.voided_at))).all();
  for (const a of agents) out.get(a.customer)?.contacts.push({ name: a.name, role: a.role, phone: a.phone ?? null });
  return out;
}
