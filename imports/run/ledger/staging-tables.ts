/** The tables of a ledger import's staging file (staging.ts) and how the merge copies them into the main database. */
import { ledgerFieldsFor } from '../../headers/ledger-fields';

export interface StagedTable {
  name: string;
  /** columns copied to the main table (same names) */
  cols: string[];
  /** reference columns → the table they point to (negative values are staged ids there) */
  refs?: Record<string, string>;
  /** JSON columns (stored as JSON text in both databases) */
  json?: string[];
  /** staging-only columns */
  extra?: string[];
}

/** A staged record's columns: the fields ledger columns fill (schema/ledger.ts), then those the importer sets. */
const pending = (resource: string, own: string[]) => [...new Set([...ledgerFieldsFor(resource).map((f) => f.field), ...own])];

export const STAGED: readonly StagedTable[] = [
  { name: 'customers', cols: pending('customers', ['type', 'region', 'qa_status']) },
  { name: 'products', cols: pending('products', ['kind', 'special_control', 'qa_status']), json: ['special_control'] },
  { name: 'batches', cols: pending('batches', ['product', 'status']), refs: { product: 'products' } },
  { name: 'salespeople', cols: ['name'] },
  {
    name: 'sales_orders',
    cols: ['order_no', 'customer', 'salesperson', 'contract', 'sale_date', 'payment_method', 'status', 'remark', 'legacy_facts'],
    json: ['legacy_facts'],
    refs: { customer: 'customers', salesperson: 'salespeople', contract: 'contracts' },
    extra: ['first_row'],
  },
  {
    name: 'sales_lines',
    cols: pending('sales_lines', ['order', 'sale_date', 'customer', 'product', 'batch', 'legacy_facts']),
    json: ['legacy_facts'],
    refs: { order: 'sales_orders', customer: 'customers', product: 'products', batch: 'batches' },
    extra: ['row', 'slip', 'invoice'],
  },
  {
    name: 'outbound_slips',
    cols: pending('outbound_slips', ['slip_no', 'order', 'legacy_facts']),
    json: ['legacy_facts'],
    refs: { order: 'sales_orders' },
  },
  { name: 'invoices', cols: ['invoice_no', 'type', 'customer', 'invoice_date', 'amount'], refs: { customer: 'customers' } },
  { name: 'invoice_slips', cols: ['invoice', 'slip'], refs: { invoice: 'invoices', slip: 'outbound_slips' } },
  { name: 'special_checks', cols: ['order', 'verified_by', 'verified_at', 'legacy_facts'], refs: { order: 'sales_orders' }, json: ['legacy_facts'] },
];
export const STAGED_BY_NAME = new Map(STAGED.map((t) => [t.name, t]));
/** Every table a ledger import writes rows to (besides its `imports` row): the staged ones and those the merge derives. */
export const LEDGER_IMPORT_TABLES: readonly string[] = [...STAGED.map((t) => t.name), 'invoice_lines', 'findings', 'import_rejects'];

/** Every staged table's insert columns, id first (findings, report rows and rejects: ids of their own). */
export const INSERT_COLS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ...STAGED.map((t): [string, string[]] => [t.name, ['id', ...t.cols, ...(t.extra ?? [])]]),
  ['findings', ['rule', 'severity', 'resource', 'record_id', 'row', 'fields', 'message', 'detail']],
  ['report_findings', ['row', 'rule', 'severity', 'fields', 'message', 'order']],
  ['import_rejects', ['row', 'raw', 'errors']],
]);
