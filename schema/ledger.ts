/**
 * The flat legacy sales ledger (import kind `sales-ledger`, DOMAIN.md): which field of which resource each
 * ledger column lands in. A column's Chinese and English label, its header aliases, its value kind and
 * enum come from that field's one definition (schema/tables/), so every import of that resource and the
 * ledger accept the same headers. The ledger adds only what is ledger-specific: a template header where
 * DOMAIN.md's ledger table names the column otherwise, and the few names that mean this field only in a
 * flat ledger (日期 is the sale date there, 出库单号 the order number).
 */
import type { FieldKind, FieldSpec } from './define';
import type { EnumDef, Label } from './enums';

export const SALES_LEDGER_KIND = 'sales-ledger';

export interface LedgerColumnSpec {
  /** the ledger's key for the column (what normalised rows and the importer use) */
  key: string;
  /** `resource.field` the value lands in (a reference field: the column holds the record's natural key) */
  field: string;
  /** `resource.field` of the referenced record the column holds, whose names it accepts too */
  via?: string;
  /** the ledger template's header where DOMAIN.md's ledger table differs from the field's label */
  header?: Label;
  /** names only a flat ledger gives this column */
  aliases?: readonly string[];
}

/** DOMAIN.md's ledger table, in its order. */
export const LEDGER_COLUMNS: readonly LedgerColumnSpec[] = [
  { key: 'order_no', field: 'sales_orders.order_no', aliases: ['出库单号', '票据号'] },
  { key: 'sale_date', field: 'sales_orders.sale_date', aliases: ['日期', '开票日期'] },
  { key: 'outbound_date', field: 'outbound_slips.outbound_date' },
  { key: 'customer', field: 'sales_orders.customer', via: 'customers.name', aliases: ['收货单位'] },
  { key: 'customer_credit_code', field: 'customers.credit_code' },
  { key: 'generic_name', field: 'products.generic_name' },
  { key: 'trade_name', field: 'products.trade_name' },
  { key: 'dosage_form', field: 'products.dosage_form' },
  { key: 'spec', field: 'products.spec' },
  { key: 'unit', field: 'products.unit' },
  { key: 'manufacturer', field: 'products.manufacturer' },
  { key: 'approval_no', field: 'products.approval_no' },
  { key: 'batch_no', field: 'batches.batch_no' },
  { key: 'production_date', field: 'batches.production_date' },
  { key: 'expiry_date', field: 'batches.expiry_date' },
  { key: 'sterilization_batch', field: 'batches.sterilization_batch' },
  { key: 'quantity', field: 'sales_lines.quantity', aliases: ['出库数量'] },
  { key: 'unit_price', field: 'sales_lines.unit_price' },
  { key: 'amount', field: 'sales_lines.amount' },
  { key: 'salesperson', field: 'sales_orders.salesperson', header: ['业务员', 'Salesperson'] },
  { key: 'issued_by', field: 'outbound_slips.issued_by' },
  { key: 'picked_by', field: 'outbound_slips.picked_by' },
  { key: 'reviewed_by', field: 'outbound_slips.reviewed_by' },
  { key: 'receipt_confirmed_at', field: 'outbound_slips.receipt_confirmed_at' },
  { key: 'invoice_no', field: 'invoices.invoice_no' },
  { key: 'invoice_type', field: 'invoices.type', header: ['发票类型', 'Invoice type'] },
  { key: 'payment_method', field: 'sales_orders.payment_method' },
  { key: 'contract_no', field: 'contracts.contract_no', header: ['合同号', 'Contract no.'] },
  { key: 'handler', field: 'sales_lines.handler' },
  { key: 'responsible', field: 'sales_lines.responsible' },
  { key: 'special_verified_at', field: 'special_checks.verified_at', header: ['特药核实日期', 'Special-drug check date'] },
  { key: 'special_verified_by', field: 'special_checks.verified_by' },
  { key: 'arrival_verified_at', field: 'outbound_slips.arrival_verified_at' },
  { key: 'price_approved_by', field: 'sales_lines.price_approved_by' },
  { key: 'remark', field: 'sales_orders.remark' },
];

/** One ledger column as derived from its field's definition. */
export interface LedgerColumn {
  key: string;
  /** the resource and field the value lands in */
  resource: string;
  field: string;
  /** for a reference field: the resource it points to (the importer resolves the record by natural key) */
  ref?: string;
  /** for a reference: the referenced record's field the column holds (`customers.name`) */
  via?: { resource: string; field: string };
  /** template header (Chinese) and English label */
  label: Label;
  /** every Chinese header accepted, the template header first */
  names: readonly string[];
  kind: FieldKind;
  enum?: EnumDef;
  vocabulary?: readonly string[];
  /** identifier kept as text (batch `00123`) */
  code: boolean;
}

/** The registry as far as the derivation reads it (a clone with a field more derives the same way). */
export type FieldRegistry = ReadonlyMap<string, { fields: Readonly<Record<string, FieldSpec>> }>;

const CODE_KEY = /(^|_)(no|number|code)$|^batch_no$|^sterilization_batch$|^manufacturer_license$|^id_no$/;
/** Identifiers kept as text on import (batch `00123`, credit codes): every import kind and the ledger. */
export const isCodeField = (key: string, spec: FieldSpec): boolean => spec.kind === 'text' && (CODE_KEY.test(key) || !!spec.check);

function specOf(registry: FieldRegistry, path: string): { resource: string; field: string; spec: FieldSpec } {
  const [resource, field] = path.split('.');
  const spec = registry.get(resource)?.fields[field];
  if (!spec) throw new Error(`ledger column on ${path}: no such field`);
  return { resource, field, spec };
}

/** The ledger's columns, derived from the definitions of the fields they land in. */
export function ledgerColumns(registry: FieldRegistry, columns: readonly LedgerColumnSpec[] = LEDGER_COLUMNS): LedgerColumn[] {
  return columns.map((c) => {
    const { resource, field, spec } = specOf(registry, c.field);
    const via = c.via ? specOf(registry, c.via) : undefined;
    // the value's own field: the referenced record's (a name) for a reference, else the landing field
    const value = via ?? (spec.kind === 'ref' ? undefined : { field, spec });
    const label: Label = c.header ?? spec.label;
    const names = [label[0], spec.label[0], ...spec.aliases, ...(via ? [via.spec.label[0], ...via.spec.aliases] : []), ...(c.aliases ?? [])];
    return {
      key: c.key,
      resource,
      field,
      ...(spec.ref && { ref: spec.ref }),
      ...(via && { via: { resource: via.resource, field: via.field } }),
      label,
      names: [...new Set(names)],
      kind: value?.spec.kind ?? 'text',
      enum: value?.spec.enum,
      vocabulary: value?.spec.vocabulary,
      code: value ? isCodeField(value.field, value.spec) : false,
    };
  });
}

/**
 * The fields of a record of `resource` that ledger columns give values to, with the column (a pending
 * product: generic_name, spec …; a pending customer: name from 购货单位, credit_code). Reference fields
 * are left out: the importer resolves them.
 */
export function ledgerFieldsOf(columns: readonly LedgerColumn[], resource: string): Array<{ key: string; field: string }> {
  const out: Array<{ key: string; field: string }> = [];
  for (const c of columns) {
    if (c.via?.resource === resource) out.push({ key: c.key, field: c.via.field });
    else if (c.resource === resource && !c.ref) out.push({ key: c.key, field: c.field });
  }
  return out;
}
