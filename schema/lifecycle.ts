/**
 * The lifecycle of each resource, declared once: the fields only its workflow steps write, and the fields an
 * approval covers. The write service (server/services/lifecycle.ts) enforces it on every generic create and
 * update, for every role, admin included; the web forms show step-owned fields read-only with the step that
 * sets them; the importer and the generated test (test/server/lifecycle-generated.test.ts) read it too.
 *
 * - `owned`: a field set only by the named verbs (`verb` of this resource, or `resource/verb` when another
 *   record's step writes it). A generic create must leave it at its initial value (the field's default in
 *   schema/tables, else empty) — so a record starts in its initial state — and an update must not change it.
 *   `plain` lists values a plain write may still move between (an order is drafted and confirmed by its
 *   salesperson, the rules checking the confirmation either way; only its steps ship and complete it).
 * - `review`: the approval and the fields it covered. Changing one of them on an approved record (any role,
 *   through the generic update) sets `reset` — the record is back to review — opens an APPROVAL_SUPERSEDED
 *   finding and shows the approval's signatures (`meanings`) as superseded.
 * - `reviewsParent`: a child whose creation or change of these fields returns its parent to review (a
 *   customer's licences and agents were part of the customer's 首营 approval).
 * - `attachments` (on `review` or `reviewsParent`): the record's scans were part of what was approved, so a
 *   new or replaced scan returns the record (or its parent) to review like a covered field
 *   (server/services/attachments/lifecycle.ts).
 */

export type Rec = Record<string, unknown>;
export interface I18n {
  zh: string;
  en: string;
}

export interface StepOwned {
  steps: readonly string[];
  plain?: readonly string[];
}

export interface Review {
  /** what was approved, for messages: 首营审核, 合同审批, 超限价审批 */
  label: I18n;
  approved(row: Rec): boolean;
  fields: readonly string[];
  reset: Rec;
  /** the state the record is back in, for messages */
  backTo: I18n;
  meanings: readonly string[];
  /** the record's scans were reviewed too: a new or replaced one returns it to review */
  attachments?: boolean;
}

export interface Lifecycle {
  owned: Record<string, StepOwned>;
  review?: Review;
  reviewsParent?: { fields: readonly string[]; attachments?: boolean };
}

const by = (...steps: string[]): StepOwned => ({ steps });

const FIRST_BUSINESS = { zh: '首营审核', en: 'first-business approval' };
const BACK_TO_PENDING = { zh: '待审核', en: 'pending review' };
const qaApproved = (r: Rec) => r.qa_status === 'approved';

export const LIFECYCLE: Record<string, Lifecycle> = {
  customers: {
    owned: {
      qa_status: by('approve', 'reject'),
      qa_approved_at: by('approve'),
      qa_approved_by: by('approve'),
      credit_reviewed_at: by('credit-review'),
      payment_rating: by('credit-review'),
      storage_reviewed_at: by('storage-review'),
    },
    // 第二篇 3.4: QA approved this buyer as it was — its identity, type, region, address and cold chain.
    review: {
      label: FIRST_BUSINESS,
      approved: qaApproved,
      backTo: BACK_TO_PENDING,
      meanings: ['approve_first_business'],
      attachments: true,
      fields: ['name', 'type', 'credit_code', 'region', 'address', 'legal_rep', 'cold_chain'],
      reset: { qa_status: 'pending', qa_approved_at: null, qa_approved_by: null },
    },
  },
  customer_licenses: { owned: {}, reviewsParent: { fields: ['customer', 'kind', 'number', 'scope', 'valid_from', 'valid_to'], attachments: true } },
  customer_agents: { owned: {}, reviewsParent: { fields: ['customer', 'name', 'role', 'id_no', 'attorney_valid_to', 'id_copy'], attachments: true } },
  products: {
    owned: { qa_status: by('approve', 'reject') },
    // 第二篇 3.1 / 3.9: the variety as approved — what it is, who makes it, its category and special control.
    review: {
      label: { zh: '首营品种审核', en: 'first-variety approval' },
      approved: qaApproved,
      backTo: BACK_TO_PENDING,
      meanings: ['approve_first_business'],
      attachments: true,
      fields: [
        'kind',
        'generic_name',
        'dosage_form',
        'spec',
        'manufacturer',
        'manufacturer_license',
        'approval_no',
        'scope_category',
        'device_class',
        'special_control',
        'storage',
        'sterile_single_use',
        'imported',
      ],
      reset: { qa_status: 'pending' },
    },
  },
  contracts: {
    owned: {
      status: by('submit', 'approve', 'reject', 'sign'),
      approved_by: by('approve'),
      approved_role: by('approve'),
      approved_at: by('approve'),
      signed_at: by('sign'),
    },
    // 第五篇 3.3: the approver approved these terms at this amount's level; a change needs a new approval.
    review: {
      label: { zh: '合同审批', en: 'contract approval' },
      approved: (r) => r.status === 'approved' || r.status === 'signed',
      backTo: { zh: '草稿（须重新提交审批）', en: 'draft (to be submitted for approval again)' },
      meanings: ['approve_contract', 'sign_contract'],
      fields: [
        'customer',
        'salesperson',
        'amount',
        'quality_terms',
        'quantity_price_terms',
        'delivery_terms',
        'payment_method',
        'payment_days',
        'after_sales_terms',
      ],
      reset: { status: 'draft', approved_by: null, approved_role: null, approved_at: null, signed_at: null },
    },
  },
  sales_orders: {
    owned: { status: { steps: ['confirm', 'issue-outbound', 'outbound_slips/confirm-receipt'], plain: ['draft', 'confirmed'] } },
  },
  sales_lines: {
    owned: { price_approved_by: by('approve-price') },
    // 第五篇 4.4: the head of sales approved this price for this product and quantity.
    review: {
      label: { zh: '超限价审批', en: 'price approval' },
      approved: (r) => !!r.price_approved_by,
      meanings: ['approve_price'],
      backTo: { zh: '待价格审批', en: 'awaiting price approval' },
      fields: ['product', 'quantity', 'unit_price', 'amount'],
      reset: { price_approved_by: null },
    },
  },
  outbound_slips: {
    owned: {
      issued_by: by('sales_orders/issue-outbound'),
      picked_by: by('pick'),
      reviewed_by: by('review'),
      reviewed_at: by('review'),
      receipt_confirmed_at: by('confirm-receipt'),
      arrival_verified_at: by('verify-arrival'),
      arrival_verified_by: by('verify-arrival'),
    },
  },
  // 第三篇 五/七: each step of a complaint records what it did — the investigation, the measures and the
  // feedback to the customer, the follow-up — so a plain edit cannot fill in a step that never ran.
  complaints: {
    owned: {
      status: by('investigate', 'handle', 'close'),
      reported_to_qa_at: by('report-qa'),
      investigation: by('investigate'),
      measures: by('handle'),
      feedback_at: by('handle'),
      follow_up: by('follow-up'),
    },
  },
  // 第一篇 3: the cause analysis and the handling opinion are QA's (质管部处理), written only by its step.
  quality_feedback: { owned: { status: by('report', 'handle', 'close'), reported_at: by('report'), analysis: by('handle'), handling: by('handle') } },
  adverse_reactions: { owned: { forwarded_to_qa_at: by('forward'), reported_at: by('report-regulator') } },
  recalls: { owned: { status: by('close') } },
  recall_notices: {
    // The quantity returned stays a count the warehouse may correct (the notice's hook caps it at what was sold).
    owned: { notified_at: by('notify'), method: by('notify'), acknowledged_at: by('acknowledge') },
  },
  // #14 after-sales records (schema/workflows/after-sales-records.ts): QA's decision and close of a
  // nonconforming-goods case, each notice's notify/acknowledge steps, a service promise's fulfilment
  nonconformities: {
    owned: {
      decision: by('open-recall', 'notify-customers'),
      decided_at: by('open-recall', 'notify-customers'),
      decision_note: by('notify-customers'),
      recall: by('open-recall'),
      status: by('close'),
    },
  },
  nonconformity_notices: { owned: { notified_at: by('notify'), method: by('notify'), acknowledged_at: by('acknowledge') } },
  service_promises: { owned: { fulfilled_at: by('fulfil'), fulfilment: by('fulfil') } },
  // #14 staff and quality records: the approval, the sending and reading, the filing and the verification
  // are their steps' (schema/workflows/staff-quality.ts).
  product_materials: { owned: { status: by('approve'), approved_by: by('approve'), approved_at: by('approve') } },
  market_reports: { owned: { status: by('submit', 'mark-read'), submitted_at: by('submit'), read_receipts: by('mark-read'), last_read_at: by('mark-read') } },
  price_filings: {
    owned: { status: by('submit', 'acknowledge'), submitted_at: by('submit'), acknowledged_by: by('acknowledge'), acknowledged_at: by('acknowledge') },
  },
  corrective_actions: {
    owned: {
      status: by('complete', 'verify'),
      completed_at: by('complete'),
      result: by('complete'),
      verification: by('verify'),
      verified_by: by('verify'),
      verified_at: by('verify'),
    },
  },
};

/** The step-owned declaration of a field, if any. */
export function stepOwned(resource: string, field: string): StepOwned | undefined {
  return LIFECYCLE[resource]?.owned[field];
}

/** `resource/verb` of each step that sets the field. */
export function stepKeys(resource: string, field: string): string[] {
  return (stepOwned(resource, field)?.steps ?? []).map((s) => (s.includes('/') ? s : `${resource}/${s}`));
}

/** Every (resource, step-owned field) pair: what the generated test and the importer walk. */
export function stepOwnedFields(): { resource: string; field: string; owned: StepOwned }[] {
  return Object.entries(LIFECYCLE).flatMap(([resource, l]) => Object.entries(l.owned).map(([field, owned]) => ({ resource, field, owned })));
}
