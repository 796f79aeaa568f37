/**
 * What the rules read and what they return. A row type is the resource's definition (schema/tables/)
 * read as a row (RowOf, schema/define.ts): every field, each optional and nullable (legacy rows and an
 * import's pending records lack most), so a field added to a definition is in the rules' input at once.
 * Lists (scope, varieties, regions, special_control, batches) may be arrays or `、`-separated text.
 */
import type { RowOf } from '../define';
import type { EnumDef, PAYMENT_METHOD } from '../enums';
import type * as T from '../tables';
import type { RuleContext } from './context';

type Key<E> = E extends EnumDef<infer K> ? K : never;
type N<T> = T | null | undefined;
/** a `list` field: JSON array from the database, or free text from an import */
export type ListValue = N<readonly string[] | string>;
export type Id = number;

export type Severity = 'error' | 'warning';
export type PaymentMethod = Key<typeof PAYMENT_METHOD>;

/** A record as a rule view carries it: any field may be missing or null (a view is built from partial rows). */
export type Loose<R> = { [K in keyof R]?: R[K] | null };

export type CompanyLicenseRow = RowOf<typeof T.companyLicenses>;
export type CustomerRow = RowOf<typeof T.customers>;
export type CustomerLicenseRow = RowOf<typeof T.customerLicenses>;
export type CustomerAgentRow = RowOf<typeof T.customerAgents>;
export type SalespersonRow = RowOf<typeof T.salespeople>;
/** A training record (培训记录): a salesperson's count for the 上岗 qualification (第四篇 一.1). */
export type TrainingRow = RowOf<typeof T.trainings>;
export type AuthorizationRow = RowOf<typeof T.authorizations>;
export type ProductRow = RowOf<typeof T.products>;
export type BatchRow = RowOf<typeof T.batches>;
export type RecallRow = RowOf<typeof T.recalls>;
export type ContractRow = RowOf<typeof T.contracts>;
export type SalesOrderRow = RowOf<typeof T.salesOrders>;
/** a sales line as stored (sales_lines) */
export type SalesLineRow = RowOf<typeof T.salesLines>;
export type OutboundSlipRow = RowOf<typeof T.outboundSlips> & {
  /** its delivery records, where the view was built with them (the server's; an import row has none to show) */
  deliveries?: readonly { temp_start?: N<number>; temp_end?: N<number> }[];
};
export type PaymentRow = RowOf<typeof T.payments>;
export type SpecialCheckRow = RowOf<typeof T.specialChecks>;
export type InvoiceRow = RowOf<typeof T.invoices>;
export type InvoiceLineRow = RowOf<typeof T.invoiceLines>;
export type VisitRow = RowOf<typeof T.visits>;

// ── The records rules apply to ────────────────────────────────────────────────────────────────────────

/**
 * A sales line joined with its order and, where they exist, the order's outbound slips, invoices and
 * special-drug check (built by saleLineViewsFor, sale-line-view.ts). Master data (customer, product, …) is
 * looked up in the RuleContext by id.
 */
export type SaleLineView = Loose<SalesLineRow> & {
  order_no?: N<string>;
  sale_date: N<string>;
  customer: N<Id>;
  salesperson: N<Id>;
  contract: N<Id>;
  payment_method?: N<PaymentMethod>;
  order_status?: SalesOrderRow['status'];
  outbounds?: readonly Loose<OutboundSlipRow>[];
  invoices?: readonly SaleLineInvoice[];
  special_check?: N<Loose<SpecialCheckRow>>;
  /** a sale the legacy system recorded (its order carries legacy facts): audited on trusted legacy facts */
  legacy?: boolean;
};
export type SaleLineInvoice = Loose<InvoiceRow> & {
  /** payments against the invoice (SPECIAL_CASH_PAYMENT looks at their method) */
  payments?: readonly Loose<PaymentRow>[];
};

/** An invoice with its lines, the outbound slips it covers (invoice_slips) and the payments against it. */
export type InvoiceView = Loose<InvoiceRow> & {
  lines?: readonly Loose<InvoiceLineRow>[];
  slips?: readonly Loose<OutboundSlipRow>[];
  payments?: readonly Loose<PaymentRow>[];
};

export type ComplaintView = Loose<RowOf<typeof T.complaints>>;

/**
 * A customer checked as a designated service point (定点单位): its on-site visits (the caller may pass
 * only the visits from `since` on) and the first day it is checked from. Without `since` only the
 * calendar month before as-of is checked.
 */
export type ServicePointView = Loose<CustomerRow> & {
  id: Id;
  visits: readonly Loose<Pick<VisitRow, 'visit_date' | 'kind'>>[];
  since?: N<string>;
};

export type RecallNoticeView = Loose<RowOf<typeof T.recallNotices>> & { recall: Id };
export type AdverseReactionView = Loose<RowOf<typeof T.adverseReactions>>;
/** A quality feedback form; `created_at` (the form's system creation time) starts its deadline. */
export type QualityFeedbackView = Loose<RowOf<typeof T.qualityFeedback>>;

/** Record kinds are the resource names whose records the findings point at. */
// ── Issue #14's after-sales records (schema/rules/after-sales-records.ts) ──
/** A nonconforming-goods case with its notices (when QA chose notices without a recall). */
export interface NonconformityView {
  id?: Id;
  case_no?: N<string>;
  batch?: N<Id>;
  product?: N<Id>;
  found_at?: N<string>;
  customers_count?: N<number>;
  decision?: N<string>;
  status?: N<string>;
  notices?: readonly { customer?: N<Id>; quantity_sold?: N<number>; notified_at?: N<string> }[];
}
/** A delivery; `storage` is the coldest storage condition among the slip's goods (cold chain: cold or frozen). */
export interface DeliveryView {
  id?: Id;
  slip?: N<Id>;
  cold_chain?: N<boolean>;
  storage?: N<ProductRow['storage']>;
  arrived_at?: N<string>;
  temp_start?: N<number>;
  temp_end?: N<number>;
  temp_min?: N<number>;
  temp_max?: N<number>;
}
export interface ServicePromiseView {
  id?: Id;
  contract?: N<Id>;
  customer?: N<Id>;
  promise?: N<string>;
  due_date?: N<string>;
  fulfilled_at?: N<string>;
}
/** A follow-up plan with the visit dates of its customer and product. */
export interface FollowUpPlanView {
  id?: Id;
  customer?: N<Id>;
  product?: N<Id>;
  kind?: N<string>;
  start_date?: N<string>;
  interval_days?: N<number>;
  end_date?: N<string>;
  visits: readonly { visit_date?: N<string> }[];
}
export interface SupplierAgreementView {
  id?: Id;
  agreement_no?: N<string>;
  supplier?: N<Id>;
  valid_from?: N<string>;
  valid_to?: N<string>;
  covers_devices?: N<boolean>;
  repair_terms?: N<string>;
}

/** Record kinds are the resource names whose records the findings point at. */
/** A salesperson checked as a person (第二篇 3.3): social insurance and the latest assessments. */
export type SalespersonView = Loose<SalespersonRow> & {
  id: Id;
  assessments: readonly { id?: Id; period_from?: N<string>; period_to?: N<string>; conclusion?: N<string> }[];
};
/** A corrective action (质量改进措施) with its due date (第二篇 3.13). */
export interface CorrectiveActionRow {
  id?: Id;
  action_no?: N<string>;
  owner?: N<string>;
  due_date?: N<string>;
  completed_at?: N<string>;
  status?: N<string>;
}

export interface RecordViews {
  sales_lines: SaleLineView;
  contracts: Loose<ContractRow>;
  outbound_slips: Loose<OutboundSlipRow>;
  invoices: InvoiceView;
  complaints: ComplaintView;
  customers: ServicePointView;
  recall_notices: RecallNoticeView;
  adverse_reactions: AdverseReactionView;
  quality_feedback: QualityFeedbackView;
  /** event rules only (PRODUCT_IMPORT_DOCS_MISSING is enforced by the approval step, not evaluated on a view) */
  products: ProductRow;
  nonconformities: NonconformityView;
  deliveries: DeliveryView;
  service_promises: ServicePromiseView;
  follow_up_plans: FollowUpPlanView;
  supplier_agreements: SupplierAgreementView;
  salespeople: SalespersonView;
  corrective_actions: CorrectiveActionRow;
}
export type RecordKind = keyof RecordViews;
export const RECORD_KINDS = [
  'sales_lines',
  'contracts',
  'outbound_slips',
  'invoices',
  'complaints',
  'customers',
  'recall_notices',
  'adverse_reactions',
  'quality_feedback',
  'nonconformities',
  'deliveries',
  'service_promises',
  'follow_up_plans',
  'supplier_agreements',
  'salespeople',
  'corrective_actions',
] as const satisfies readonly RecordKind[];

// ── Findings and rules ────────────────────────────────────────────────────────────────────────────────

export interface I18nText {
  zh: string;
  en: string;
}

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
  check(record: RecordViews[K], ctx: RuleContext): readonly Finding[];
}
