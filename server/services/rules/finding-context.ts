/** Who and when a finding is about (buyer, salesperson, business date), copied onto it for QA's filters. */
import type { RecordKind, RuleContext } from '../../../schema/rules';

export interface FindingContext { customer: number | null; salesperson: number | null; record_date: string | null }

const date = (v: unknown) => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : null);
const id = (v: unknown) => (typeof v === 'number' ? v : null);

export function findingContext(kind: RecordKind, view: Record<string, any>, rc: RuleContext): FindingContext {
  switch (kind) {
    case 'sales_lines':
    case 'contracts':
      return { customer: id(view.customer), salesperson: id(view.salesperson), record_date: date(view.sale_date ?? view.signed_at) };
    case 'outbound_slips': {
      const order = view.order != null ? rc.order(view.order) : undefined;
      return { customer: id(order?.customer), salesperson: id(order?.salesperson), record_date: date(view.outbound_date) };
    }
    case 'customers':
      return { customer: id(view.id), salesperson: null, record_date: null };
    case 'invoices':
      return { customer: id(view.customer), salesperson: null, record_date: date(view.invoice_date) };
    default:
      return { customer: id(view.customer), salesperson: null, record_date: date(view.received_at ?? view.reported_at ?? view.notified_at) };
  }
}
