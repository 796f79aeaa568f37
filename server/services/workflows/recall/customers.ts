/**
 * The 受影响客户 view of a recall: every customer who received its batches (derived from the shipped sales
 * lines, so a draft of the scope is visible before anyone is told; orders not shipped are listed apart), the quantities, whom to call, and
 * where the customer's notice stands. Customers with a notice but nothing (any longer) sold are listed too.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { recallNotices } from '../../../../schema/tables';
import type { Db } from '../../../db';
import type { Row } from '../../records';
import { contactsOf, scopeOf, soldByCustomer, unshippedByCustomer, type Contact, type RecallScope } from './affected';

export interface AffectedCustomer {
  customer: number;
  customer_name: string;
  quantity_sold: number;
  lines: number;
  last_sale: string | null;
  contacts: Contact[];
  notice: {
    id: number;
    version: number;
    quantity_sold: number | null;
    notified_at: string | null;
    method: string | null;
    acknowledged_at: string | null;
    quantity_returned: number | null;
  } | null;
  state: 'no_notice' | 'not_notified' | 'notified' | 'acknowledged';
}

export interface AffectedTotals {
  customers: number;
  quantity_sold: number;
  quantity_returned: number;
  not_notified: number;
  not_acknowledged: number;
  not_shipped_quantity: number;
}
/** Orders of the batches that have not left (drafts, confirmed, slip not reviewed): listed apart, never "received". */
export interface NotShippedCustomer {
  customer: number;
  customer_name: string;
  quantity: number;
  orders: string[];
}
/** GET /api/workflows/recalls/:id/customers (the web reads this type too) */
export interface Affected {
  recall: Row;
  customers: AffectedCustomer[];
  not_shipped: NotShippedCustomer[];
  totals: AffectedTotals;
}

export async function affectedCustomers(db: Db, recall: Row): Promise<Affected> {
  const notices = (await db
    .select()
    .from(recallNotices)
    .where(and(eq(recallNotices.recall, recall.id), isNull(recallNotices.voided_at)))
    .all()) as Row[];
  return { recall, ...(await affectedOf(db, scopeOf(recall), notices)) };
}

/**
 * Who received the batches of `scope` and where each one's notice (of `noticeRows`, one per customer) stands:
 * a recall's notices, or those of a nonconforming-goods case notified without a recall (after-sales-records).
 */
export async function affectedOf(db: Db, scope: RecallScope, noticeRows: readonly Row[]): Promise<Omit<Affected, 'recall'>> {
  const sold = await soldByCustomer(db, scope);
  const notices = new Map(noticeRows.map((n) => [n.customer as number, n]));
  const unshipped = await unshippedByCustomer(db, scope);
  const ids = [...new Set([...sold.map((s) => s.customer), ...notices.keys()])];
  const contacts = await contactsOf(db, [...new Set([...ids, ...unshipped.map((u) => u.customer)])]);
  const bySold = new Map(sold.map((s) => [s.customer, s]));
  const customers = ids.map((id): AffectedCustomer => {
    const s = bySold.get(id);
    const n = notices.get(id);
    return {
      customer: id,
      customer_name: contacts.get(id)?.name ?? `#${id}`,
      quantity_sold: s?.quantity ?? 0,
      lines: s?.lines ?? 0,
      last_sale: s?.last_sale ?? null,
      contacts: contacts.get(id)?.contacts ?? [],
      notice: n
        ? {
            id: n.id,
            version: n.version ?? 1,
            quantity_sold: n.quantity_sold as number | null,
            notified_at: n.notified_at as string | null,
            method: n.method as string | null,
            acknowledged_at: n.acknowledged_at as string | null,
            quantity_returned: n.quantity_returned as number | null,
          }
        : null,
      state: !n ? 'no_notice' : n.acknowledged_at ? 'acknowledged' : n.notified_at ? 'notified' : 'not_notified',
    };
  });
  const totals = {
    customers: customers.filter((c) => c.quantity_sold > 0).length,
    quantity_sold: customers.reduce((a, c) => a + c.quantity_sold, 0),
    quantity_returned: customers.reduce((a, c) => a + (c.notice?.quantity_returned ?? 0), 0),
    not_notified: customers.filter((c) => c.quantity_sold > 0 && (c.state === 'no_notice' || c.state === 'not_notified')).length,
    not_acknowledged: customers.filter((c) => c.quantity_sold > 0 && c.state !== 'acknowledged').length,
    not_shipped_quantity: unshipped.reduce((a, u) => a + u.quantity, 0),
  };
  const not_shipped = unshipped.map((u) => ({ ...u, customer_name: contacts.get(u.customer)?.name ?? `#${u.customer}` }));
  return { customers, not_shipped, totals };
}
