/**
 * Who, what and when a finding is about (buyer, salesperson, product, batch, business date), copied onto it
 * for QA's filters and the monthly chart. Live findings take it from the record's view; findings an import
 * merges in bulk get it from the merged records in SQL (fillFindingContext), the same columns either way.
 *
 * @db-sync used by the SQLite bulk merge inside its synchronous transaction.
 */
import type Database from 'better-sqlite3';
import type { RecordKind, RuleContext } from '../../../schema/rules';

export interface FindingContext {
  customer: number | null;
  salesperson: number | null;
  product: number | null;
  batch: number | null;
  record_date: string | null;
}

const date = (v: unknown) => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : null);
const id = (v: unknown) => (typeof v === 'number' ? v : null);

export function findingContext(kind: RecordKind, view: Record<string, any>, rc: RuleContext): FindingContext {
  const item = { product: id(view.product), batch: id(view.batch) };
  switch (kind) {
    case 'sales_lines':
    case 'contracts':
      return { customer: id(view.customer), salesperson: id(view.salesperson), ...item, record_date: date(view.sale_date ?? view.signed_at) };
    case 'outbound_slips': {
      const order = view.order != null ? rc.order(view.order) : undefined;
      return { customer: id(order?.customer), salesperson: id(order?.salesperson), ...item, record_date: date(view.outbound_date) };
    }
    case 'customers':
      return { customer: id(view.id), salesperson: null, ...item, record_date: null };
    case 'salespeople':
      return { customer: null, salesperson: id(view.id), ...item, record_date: null };
    case 'corrective_actions':
      return { customer: null, salesperson: null, ...item, record_date: date(view.due_date) };
    case 'invoices':
      return { customer: id(view.customer), salesperson: null, ...item, record_date: date(view.invoice_date) };
    default:
      return {
        customer: id(view.customer),
        salesperson: null,
        ...item,
        // issue #14's records date their findings by their own start: found, departed, due, plan start, validity end
        record_date: date(
          view.received_at ?? view.reported_at ?? view.notified_at ?? view.found_at ?? view.departed_at ?? view.due_date ?? view.start_date ?? view.valid_to,
        ),
      };
  }
}

/**
 * Fills the context of findings on sales lines and outbound slips from their records (and the order), where
 * it is missing: the findings a ledger import merges (`where` narrows to one import) and, once, those written
 * before these columns were filled.
 */
export function fillFindingContext(sqlite: Database.Database, importId?: number): number {
  const params = importId == null ? {} : { imp: importId };
  return FINDING_CONTEXT_UPDATES(importId == null ? '' : 'AND f."import" = @imp').reduce((n, text) => n + sqlite.prepare(text).run(params).changes, 0);
}

/** fillFindingContext's two statements (portable SQL), narrowed by `scope` (e.g. to one import): the PostgreSQL merge runs them too. */
export const FINDING_CONTEXT_UPDATES = (scope: string): string[] => [
  `UPDATE findings AS f SET customer = o.customer, salesperson = o.salesperson, product = l.product, batch = l.batch,
          record_date = substr(o.sale_date, 1, 10)
   FROM sales_lines AS l JOIN sales_orders AS o ON o.id = l."order"
   WHERE f.resource = 'sales_lines' AND l.id = f.record_id AND f.record_date IS NULL ${scope}`,
  `UPDATE findings AS f SET customer = o.customer, salesperson = o.salesperson, record_date = substr(s.outbound_date, 1, 10)
   FROM outbound_slips AS s JOIN sales_orders AS o ON o.id = s."order"
   WHERE f.resource = 'outbound_slips' AND s.id = f.record_id AND f.record_date IS NULL ${scope}`,
];
