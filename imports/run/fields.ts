/**
 * Field keys → the column headers a person sees. A finding names fields of the rule's record view
 * (`customer`, `product.dosage_form`, `outbounds.reviewed_by`); the report names the file's columns, or,
 * for a field the file has no column for, its label (`购货单位.地址` for the buyer's address on file).
 */
import type { HeaderMapping } from '../headers/map';
import type { KindInfo } from '../headers/kinds';
import { registry } from '../../schema/resources';

export type HeaderOf = (field: string) => string;

/** field key → header text of its column, else the field's label. */
export function headerLookup(kind: KindInfo, columns: HeaderMapping['columns']): HeaderOf {
  const byField = new Map<string, string>();
  for (const c of columns) if (c.field && !byField.has(c.field)) byField.set(c.field, c.header);
  const labels = new Map(kind.fields.map((f) => [f.key, f.label]));
  return (field) => byField.get(field) ?? labels.get(field) ?? field;
}

/** Which ledger column holds what a rule-view path names. */
const LEDGER_PATH: Record<string, string> = {
  product: 'generic_name',
  batch: 'batch_no',
  order: 'order_no',
  contract: 'contract_no',
  customer: 'customer',
  'special_check.verified_at': 'special_verified_at',
  'special_check.verified_by': 'special_verified_by',
  'invoices.invoice_date': 'sale_date',
  'invoices.invoice_no': 'invoice_no',
  'product.generic_name': 'generic_name',
  'customer.name': 'customer',
  'customer.credit_code': 'customer_credit_code',
};
const REF_RESOURCE: Record<string, string> = {
  product: 'products',
  batch: 'batches',
  customer: 'customers',
  salesperson: 'salespeople',
  contract: 'contracts',
  special_check: 'special_checks',
  outbounds: 'outbound_slips',
  invoices: 'invoices',
  customer_licenses: 'customer_licenses',
};

/** A sales-ledger finding's fields as headers (deduplicated, in order). */
export function ledgerFindingHeaders(fields: readonly string[], headerOf: HeaderOf, ledgerKeys: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const f of fields) {
    let key = LEDGER_PATH[f];
    if (!key) {
      const [head, tail] = f.split('.');
      if (!tail) key = head;
      else if (ledgerKeys.has(tail) && head !== 'customer' && head !== 'customer_licenses') key = tail;
    }
    let h: string;
    if (key && ledgerKeys.has(key)) h = headerOf(key);
    else {
      const [head, tail] = f.split('.');
      const res = registry.get(REF_RESOURCE[head] ?? head);
      const refLabel = res?.label[0] ?? head;
      h = tail ? `${refLabel}.${res?.fields[tail]?.label[0] ?? tail}` : refLabel;
    }
    if (!out.includes(h)) out.push(h);
  }
  return out;
}

/** A resource finding's fields (the record's own keys) as headers. */
export function resourceFindingHeaders(fields: readonly string[], headerOf: HeaderOf): string[] {
  return [...new Set(fields.map((f) => headerOf(f.split('.')[0])))];
}
