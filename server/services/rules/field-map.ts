/**
 * A finding names fields of the rule's record view (a sales line joined with its order, `product.x` paths
 * into master data, `outbounds.x` into embedded records). On a refused form those become the form's
 * fields: on the sales order form a line's batch is `sales_lines.2.batch`, the buyer is `customer`.
 */
import type { Target } from './targets';

const ORDER_FIELDS = new Set(['order_no', 'sale_date', 'customer', 'salesperson', 'contract', 'payment_method']);
const LINE_FIELDS = new Set(['product', 'batch', 'quantity', 'unit_price', 'amount', 'price_approved_by', 'handler', 'responsible']);

export function fieldFor(resource: string, target: Target, field: string, childIds?: number[]): string {
  const [head, tail] = field.split('.');
  if (target.kind === 'sales_lines') {
    if (resource === 'sales_orders') {
      if (ORDER_FIELDS.has(head)) return head;
      const i = childIds?.indexOf(target.id) ?? -1;
      if (LINE_FIELDS.has(head) && i >= 0) return `sales_lines.${i}.${head}`;
      return '';
    }
    if (resource === 'sales_lines') return LINE_FIELDS.has(head) ? head : ORDER_FIELDS.has(head) ? 'order' : '';
    if (resource === 'special_checks' && head === 'special_check') return tail ?? 'verified_at';
    if (resource === 'outbound_slips' && head === 'outbounds') return tail ?? '';
    if (resource === 'invoices' && head === 'invoices') return tail ?? '';
    if (resource === 'payments' && head === 'invoices') return 'method';
    return '';
  }
  if (target.kind === resource) return head;
  return '';
}
