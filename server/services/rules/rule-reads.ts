/**
 * Which columns of the master records a sales line points to (its buyer, product, batch, salesperson,
 * contract, their licences, agents, letters and recalls) the rules read: an edit that changes none of them
 * cannot change a finding of those lines, so it re-checks none of them (targets.ts). A customer's phone
 * number edited from one number to another re-checked up to 100 of its lines inside the edit (the load
 * bench: 20 % of its requests; reads p99 611 ms with them).
 *
 * Derived from the rules' code, not kept by hand: test/server/rules/rule-reads.test.ts scans it
 * (test/server/rules/rule-reads-scan.ts: every column named in the compiled rule code counts as read) and
 * fails, printing the new table, when this one differs. `value`: read for its value; `presence`: read only
 * for being filled or not (RECORD_INCOMPLETE's checklist).
 */
import { blank } from '../../../schema/rules/rule';

export const MASTER_OF_LINES = [
  'customers',
  'customer_licenses',
  'customer_agents',
  'salespeople',
  'authorizations',
  'products',
  'batches',
  'contracts',
  'recalls',
] as const;
type MasterOfLines = (typeof MASTER_OF_LINES)[number];
export interface RuleReads {
  value: string[];
  presence: string[];
}

export const RULE_READS: Record<MasterOfLines, RuleReads> = {
  customers: {
    value: [
      'address',
      'cold_chain',
      'created_at',
      'credit_code',
      'credit_reviewed_at',
      'id',
      'legacy_facts',
      'legal_rep',
      'name',
      'payment_rating',
      'qa_approved_at',
      'qa_approved_by',
      'qa_status',
      'region',
      'service_point',
      'storage_reviewed_at',
      'type',
      'voided_at',
    ],
    presence: ['contact_phone'],
  },
  customer_licenses: {
    value: ['created_at', 'customer', 'id', 'kind', 'legacy_facts', 'number', 'scope', 'valid_from', 'valid_to', 'voided_at'],
    presence: [],
  },
  customer_agents: {
    value: ['attorney_valid_to', 'created_at', 'customer', 'id', 'id_copy', 'id_no', 'legacy_facts', 'name', 'phone', 'role', 'voided_at'],
    presence: [],
  },
  salespeople: {
    value: [
      'contract_end',
      'contract_start',
      'created_at',
      'id',
      'id_no',
      'legacy_facts',
      'name',
      'permit_no',
      'permit_valid_to',
      'phone',
      'social_insurance',
      'voided_at',
    ],
    presence: [],
  },
  authorizations: {
    value: ['created_at', 'id', 'legacy_facts', 'regions', 'salesperson', 'sealed', 'valid_from', 'valid_to', 'varieties', 'voided_at'],
    presence: [],
  },
  products: {
    value: [
      'approval_no',
      'created_at',
      'device_class',
      'dosage_form',
      'generic_name',
      'id',
      'imported',
      'kind',
      'legacy_facts',
      'manufacturer',
      'manufacturer_license',
      'price_cap',
      'price_max',
      'price_min',
      'qa_status',
      'scope_category',
      'spec',
      'special_control',
      'sterile_single_use',
      'storage',
      'trade_name',
      'unit',
      'voided_at',
    ],
    presence: [],
  },
  batches: { value: ['batch_no', 'created_at', 'expiry_date', 'id', 'legacy_facts', 'product', 'status', 'voided_at'], presence: ['sterilization_batch'] },
  contracts: {
    value: [
      'after_sales_terms',
      'amount',
      'approved_at',
      'approved_by',
      'approved_role',
      'contract_no',
      'created_at',
      'customer',
      'delivery_terms',
      'id',
      'legacy_facts',
      'payment_days',
      'payment_method',
      'quality_terms',
      'quantity_price_terms',
      'salesperson',
      'signed_at',
      'status',
      'voided_at',
    ],
    presence: [],
  },
  recalls: { value: ['batches', 'created_at', 'id', 'legacy_facts', 'level', 'product', 'recall_no', 'started_at', 'status', 'voided_at'], presence: [] },
};

const READS = new Map(Object.entries(RULE_READS).map(([k, r]) => [k, { value: new Set(r.value), presence: new Set(r.presence) }]));
/** the write service's own stamps: every edit changes them */
const STAMPS = new Set(['version', 'updated_at', 'updated_by']);

/**
 * Whether an edit of a master record (before → after) may change a finding of the sales lines that use it.
 * True for anything this table does not know (another resource, no before: a create or a void).
 */
export function linesMayChange(resource: string, before: Record<string, unknown> | undefined, after: Record<string, unknown>): boolean {
  const reads = READS.get(resource);
  if (!reads || !before) return true;
  for (const k of Object.keys(after)) {
    if (STAMPS.has(k) || JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    if (reads.value.has(k)) return true;
    if (reads.presence.has(k) && blank(before[k]) !== blank(after[k])) return true;
  }
  return false;
}
