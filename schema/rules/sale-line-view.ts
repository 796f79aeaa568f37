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
  const { order_no, payment_method, status } = order;
  const sale_date = order.sale_date ?? null;
  const customer = order.customer ?? null;
  const salesperson = order.salesperson ?? null;
  const contract = order.contract ?? null;
  // a sale the legacy system recorded: audited on its trusted legacy facts (schema/legacy.ts)
  const legacy = isLegacy(order);
  const { outbounds, invoices, special_check } = parts;
  const out = new Array<SaleLineView>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    // the order's part as a literal (one shape for every view: the rules read it many times), then every
    // column of the line's own row it does not name
    const l: Record<string, unknown> = lines[i];
    const v: Record<string, unknown> = {
      id: l.id,
      order: order.id,
      order_no,
      sale_date,
      customer,
      salesperson,
      contract,
      payment_method,
      order_status: status,
      legacy,
      outbounds,
      invoices,
      special_check,
    };
    for (const k in l) if (!(k in v)) v[k] = l[k];
    out[i] = v as SaleLineView;
  }
  return out;
}
