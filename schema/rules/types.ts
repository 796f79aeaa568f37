/**
 * What the rules read and what they return. Row types list only the DOMAIN.md fields the rules use,
 * each nullable (legacy rows lack them); a database row or an importer row with more fields fits.
 * Lists (scope, varieties, regions, special_control, batches) may be arrays or `、`-separated text.
 */
import type {
  AGENT_ROLE, APPROVAL_ROLE, BATCH_STATUS, COMPANY_LICENSE_KIND, CONTRACT_STATUS, CUSTOMER_LICENSE_KIND, CUSTOMER_TYPE,
  DEVICE_CLASS, EnumDef, FEEDBACK_STATUS, PAYMENT_METHOD, PRODUCT_KIND, QA_STATUS, STORAGE, VISIT_KIND,
} from '../enums';
import type { RuleContext } from './context';

type Key<E> = E extends EnumDef<infer K> ? K : never;
type N<T> = T | null | undefined;
/** a `list` field: JSON array from the database, or free text from an import */
export type ListValue = N<readonly string[] | string>;
export type Id = number;

export type Severity = 'error' | 'warning';
export type PaymentMethod = Key<typeof PAYMENT_METHOD>;

export interface CompanyLicenseRow {
  id?: Id; kind: Key<typeof COMPANY_LICENSE_KIND>; number?: N<string>; scope?: ListValue;
  valid_from?: N<string>; valid_to?: N<string>;
}
export interface CustomerRow {
  id: Id; name: string; type?: N<Key<typeof CUSTOMER_TYPE>>; region?: N<string>; address?: N<string>;
  contact_name?: N<string>; contact_phone?: N<string>; legal_rep?: N<string>;
  qa_status?: N<Key<typeof QA_STATUS>>; qa_approved_at?: N<string>;
  credit_reviewed_at?: N<string>; storage_reviewed_at?: N<string>; cold_chain?: N<boolean>; service_point?: N<boolean>;
}
export interface CustomerLicenseRow {
  id?: Id; customer: Id; kind: Key<typeof CUSTOMER_LICENSE_KIND>; number?: N<string>; scope?: ListValue;
  valid_from?: N<string>; valid_to?: N<string>;
}
export interface CustomerAgentRow {
  id?: Id; customer: Id; name: string; role: Key<typeof AGENT_ROLE>; id_no?: N<string>; phone?: N<string>;
  attorney_valid_to?: N<string>; id_copy?: N<boolean>;
}
export interface SalespersonRow {
  id: Id; name: string; id_no?: N<string>; contract_start?: N<string>; contract_end?: N<string>;
  permit_no?: N<string>; permit_valid_to?: N<string>;
}
export interface AuthorizationRow {
  id?: Id; document_no?: N<string>; salesperson: Id; varieties?: ListValue; regions?: ListValue;
  valid_from?: N<string>; valid_to?: N<string>; sealed?: N<boolean>;
}
export interface ProductRow {
  id: Id; kind?: N<Key<typeof PRODUCT_KIND>>; generic_name?: N<string>; trade_name?: N<string>;
  dosage_form?: N<string>; spec?: N<string>; unit?: N<string>; manufacturer?: N<string>;
  manufacturer_license?: N<string>; approval_no?: N<string>; scope_category?: N<string>;
  device_class?: N<Key<typeof DEVICE_CLASS>>; special_control?: ListValue; storage?: N<Key<typeof STORAGE>>;
  sterile_single_use?: N<boolean>; price_cap?: N<number>; price_min?: N<number>; price_max?: N<number>;
  qa_status?: N<Key<typeof QA_STATUS>>;
}
export interface BatchRow {
  id: Id; product?: N<Id>; batch_no?: N<string>; expiry_date?: N<string>; sterilization_batch?: N<string>;
  status?: N<Key<typeof BATCH_STATUS>>;
}
export interface RecallRow {
  id: Id; recall_no?: N<string>; product: Id; batches?: ListValue; started_at?: N<string>;
}
export interface ContractRow {
  id: Id; contract_no?: N<string>; customer?: N<Id>; amount?: N<number>; signed_at?: N<string>;
  quality_terms?: N<string>; quantity_price_terms?: N<string>; delivery_terms?: N<string>;
  payment_method?: N<PaymentMethod>; payment_days?: N<number>; after_sales_terms?: N<string>;
  status?: N<Key<typeof CONTRACT_STATUS>>; approved_by?: N<string>; approved_role?: N<Key<typeof APPROVAL_ROLE>>;
  approved_at?: N<string>;
}
export interface SalesOrderRow {
  id: Id; order_no?: N<string>; customer?: N<Id>; salesperson?: N<Id>; contract?: N<Id>; sale_date?: N<string>;
  payment_method?: N<PaymentMethod>; status?: N<string>;
  legacy_facts?: unknown;
}
/** a sales line as stored (sales_lines) */
export interface SalesLineRow {
  id?: Id; order?: N<Id>; product?: N<Id>; batch?: N<Id>; quantity?: N<number>; unit_price?: N<number>;
  amount?: N<number>;
}
export interface OutboundSlipRow {
  id?: Id; slip_no?: N<string>; order?: N<Id>; outbound_date?: N<string>; picked_by?: N<string>;
  reviewed_by?: N<string>; reviewed_at?: N<string>; receipt_confirmed_at?: N<string>;
  arrival_verified_at?: N<string>; arrival_verified_by?: N<string>;
  /** what a legacy system recorded (schema/legacy.ts): an object, or its JSON text from SQLite */
  legacy_facts?: unknown;
}
export interface PaymentRow { amount?: N<number>; paid_at?: N<string>; method?: N<PaymentMethod> }
export interface SpecialCheckRow {
  id?: Id; contract_obtained?: N<boolean>; identity_verified?: N<boolean>; authenticity_verified?: N<boolean>;
  verified_by?: N<string>; verified_at?: N<string>;
  legacy_facts?: unknown;
}

// ── The records rules apply to ────────────────────────────────────────────────────────────────────────

/**
 * A sales line joined with its order and, where they exist, the order's outbound slips, invoices and
 * special-drug check. Master data (customer, product, …) is looked up in the RuleContext by id.
 */
export interface SaleLineView extends SalesLineRow {
  order_no?: N<string>;
  sale_date: N<string>;
  customer: N<Id>;
  salesperson: N<Id>;
  contract: N<Id>;
  payment_method?: N<PaymentMethod>;
  price_approved_by?: N<string>;
  handler?: N<string>;
  responsible?: N<string>;
  outbounds?: readonly OutboundSlipRow[];
  invoices?: readonly SaleLineInvoice[];
  special_check?: N<SpecialCheckRow>;
  legacy_facts?: unknown;
  order_status?: N<string>;
  /** a sale the legacy system recorded (its order carries legacy facts): audited on trusted legacy facts */
  legacy?: boolean;
}
export interface SaleLineInvoice {
  id?: Id; invoice_no?: N<string>; invoice_date?: N<string>;
  /** payments against the invoice (SPECIAL_CASH_PAYMENT looks at their method) */
  payments?: readonly PaymentRow[];
}

/** An invoice with its lines, the outbound slips it covers (invoice_slips) and the payments against it. */
export interface InvoiceView {
  id?: Id; invoice_no?: N<string>; customer?: N<Id>; invoice_date?: N<string>; amount?: N<number>;
  itemised?: N<boolean>; list_attached?: N<boolean>;
  lines?: readonly { product?: N<Id>; quantity?: N<number>; amount?: N<number> }[];
  slips?: readonly OutboundSlipRow[];
  payments?: readonly PaymentRow[];
}

export interface ComplaintView {
  id?: Id; complaint_no?: N<string>; customer?: N<Id>; received_at?: N<string>; investigation?: N<string>;
  measures?: N<string>; feedback_at?: N<string>;
}

/**
 * A customer checked as a designated service point (定点单位): its on-site visits (the caller may pass
 * only the visits from `since` on) and the first day it is checked from. Without `since` only the
 * calendar month before as-of is checked.
 */
export interface ServicePointView extends CustomerRow {
  visits: readonly { visit_date?: N<string>; kind?: N<Key<typeof VISIT_KIND>> }[];
  since?: N<string>;
}

export interface RecallNoticeView {
  id?: Id; recall: Id; customer?: N<Id>; quantity_sold?: N<number>; notified_at?: N<string>;
}

export interface AdverseReactionView {
  id?: Id; product?: N<Id>; customer?: N<Id>; received_at?: N<string>; forwarded_to_qa_at?: N<string>;
}

/** A quality feedback form; `created_at` (the form's system creation time) starts its deadline. */
export interface QualityFeedbackView {
  id?: Id; form_no?: N<string>; created_at?: N<string>; reported_at?: N<string>;
  status?: N<Key<typeof FEEDBACK_STATUS>>;
}

/** Record kinds are the resource names whose records the findings point at. */
export interface RecordViews {
  sales_lines: SaleLineView;
  contracts: ContractRow;
  outbound_slips: OutboundSlipRow;
  invoices: InvoiceView;
  complaints: ComplaintView;
  customers: ServicePointView;
  recall_notices: RecallNoticeView;
  adverse_reactions: AdverseReactionView;
  quality_feedback: QualityFeedbackView;
}
export type RecordKind = keyof RecordViews;
export const RECORD_KINDS = [
  'sales_lines', 'contracts', 'outbound_slips', 'invoices', 'complaints', 'customers', 'recall_notices',
  'adverse_reactions', 'quality_feedback',
] as const satisfies readonly RecordKind[];

// ── Findings and rules ────────────────────────────────────────────────────────────────────────────────

export interface I18nText { zh: string; en: string }

export interface Finding {
  code: string;
  severity: Severity;
  /**
   * Field keys of the record the rule applies to (`customer`, `unit_price`, `batch`), or `ref.field`
   * paths into the master record a reference resolves to (`product.dosage_form`, `batch.expiry_date`,
   * `customer.address`) or into an embedded record (`outbounds.reviewed_by`, `special_check.verified_at`).
   * The part after the dot is the field's DOMAIN.md key, which for products and batches is also the
   * sales-ledger column key.
   */
  fields: string[];
  message: I18nText;
  source: string;
  params?: Record<string, string | number>;
}

export type Section = 'buyer' | 'seller' | 'product' | 'record' | 'price' | 'contract' | 'special' | 'fulfilment' | 'aftersales';

/** The catalogue entry of one rule code (one per row of RULES.md). */
export interface RuleMeta {
  code: string;
  severity: Severity;
  /** RULES.md's source column, markdown removed (`*reg.*` → `reg.`) */
  source: string;
  section: Section;
  title: I18nText;
}

export interface Rule<K extends RecordKind = RecordKind> extends RuleMeta {
  appliesTo: K;
  /**
   * Only the periodic re-check evaluates it (never refuses a live write): a deadline rule whose result
   * changes as time passes. Implies `timeDriven`.
   */
  periodic?: boolean;
  /**
   * raised by a service when something happens (an approved record changed: server/services/lifecycle.ts),
   * not evaluated on a view: rulesFor() leaves it out, so no re-check resolves it; its own step does
   */
  event?: boolean;
  /**
   * Evaluated live and also re-evaluated by the re-check, because its result can change with ctx.asOf for
   * some records (DATE_INCONSISTENT: a date after as-of stops being one once as-of reaches it). The
   * re-check's candidate queries (server/services/rules/recheck-candidates.ts) say which records.
   */
  timeDriven?: boolean;
  check(record: RecordViews[K], ctx: RuleContext): Finding[];
}
