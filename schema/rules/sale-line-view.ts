/**
 * The one way sales lines become the records the rules read (SaleLineView): each line as stored, with its
 * order's fields, the order's live outbound slips, the invoices linked to them (with their payments) and
 * its newest special-drug check. The server builds it from the database (server/services/rules/views.ts),
 * the ledger importer from the rows it is staging (imports/run/ledger/orders.ts): both call this, so a rule
 * that reads a new column of a line or an order sees it on live entry, re-check and import alike.
 */
import { isLegacy } from '../legacy';
import type { Loose, OutboundSlipRow, SaleLineInvoice, SaleLineView, SalesLineRow, SalesOrderRow, SpecialCheckRow } from './types';

export interface SaleLineParts {
  outbounds: readonly Loose<OutboundSlipRow>[];
  invoices: readonly SaleLineInvoice[];
  special_check: Loose<SpecialCheckRow> | null;
}

/** The views of `lines`, all of one order. */
export function saleLineViewsFor(order: SalesOrderRow, lines: readonly Loose<SalesLineRow>[], parts: SaleLineParts): SaleLineView[] {
  const shared = {
    order_no: order.order_no, sale_date: order.sale_date ?? null, customer: order.customer ?? null, salesperson: order.salesperson ?? null,
    contract: order.contract ?? null, payment_method: order.payment_method, order_status: order.status,
    // a sale the legacy system recorded: audited on its trusted legacy facts (schema/legacy.ts)
    legacy: isLegacy(order),
    outbounds: parts.outbounds, invoices: parts.invoices, special_check: parts.special_check,
  };
  const out = new Array<SaleLineView>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = { ...lines[i], ...shared, id: lines[i].id, order: order.id };
  return out;
}
