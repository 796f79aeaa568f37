/**
 * The workflow verbs (POST /api/:res/:id/:verb): who may run them, whether they are signed (password
 * re-entry, an e-signature with its meaning), whether a comment is required, whether the signer may not be
 * the record's creator, and the record states they apply to. The server adds what each verb changes
 * (server/services/verbs); the web app offers the buttons from the same table.
 */
import type { VerbSpec } from './verb-spec';
import { FIRST_BUSINESS_VERBS } from './workflows/first-business';
import { CONTRACTS_VERBS } from './workflows/contracts';
import { FULFILMENT_VERBS } from './workflows/fulfilment';
import { RECALL_VERBS } from './workflows/recall';
import { AFTERSALES_VERBS } from './workflows/aftersales';
import { IMPORT_VERBS } from './workflows/imports';
import { AFTERSALES_RECORD_VERBS } from './workflows/after-sales-records';
import { STAFF_QUALITY_VERBS } from './workflows/staff-quality';

export type { I18nText, VerbSpec } from './verb-spec';
type Rec = Record<string, unknown>;

const notApproved = (r: Rec) => r.qa_status !== 'approved';

const APPROVAL_VERB_SPECS: readonly VerbSpec[] = [
  {
    resource: 'customers',
    verb: 'approve',
    meaning: 'approve_first_business',
    roles: ['qa'],
    signed: true,
    commentRequired: false,
    noSelfApproval: true,
    label: { zh: '首营审核批准', en: 'Approve first business' },
    ready: notApproved,
  },
  {
    resource: 'products',
    verb: 'approve',
    meaning: 'approve_first_business',
    roles: ['qa'],
    signed: true,
    commentRequired: false,
    noSelfApproval: true,
    label: { zh: '首营品种审核批准', en: 'Approve first variety' },
    ready: notApproved,
  },
  {
    resource: 'customers',
    verb: 'reject',
    meaning: 'reject_first_business',
    roles: ['qa'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '首营审核驳回', en: 'Reject first business' },
    meaningLabel: { zh: '首营审核驳回', en: 'First-business rejection' },
    ready: (r) => r.qa_status !== 'rejected',
  },
  {
    resource: 'products',
    verb: 'reject',
    meaning: 'reject_first_business',
    roles: ['qa'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '首营品种驳回', en: 'Reject first variety' },
    meaningLabel: { zh: '首营品种审核驳回', en: 'First-variety rejection' },
    ready: (r) => r.qa_status !== 'rejected',
  },
  {
    resource: 'contracts',
    verb: 'approve',
    meaning: 'approve_contract',
    roles: ['sales_vp', 'gm'],
    signed: true,
    commentRequired: false,
    noSelfApproval: true,
    label: { zh: '合同审批', en: 'Approve contract' },
    // Only a submitted contract (schema/workflows/contracts.ts submit checks the 3.2 terms first).
    ready: (r) => r.status === 'pending',
  },
  {
    resource: 'sales_lines',
    verb: 'approve-price',
    meaning: 'approve_price',
    roles: ['sales_head'],
    signed: true,
    commentRequired: false,
    noSelfApproval: true,
    label: { zh: '价格审批', en: 'Approve price' },
    ready: (r) => !r.price_approved_by,
  },
  {
    resource: 'outbound_slips',
    verb: 'review',
    meaning: 'review_outbound',
    roles: ['reviewer'],
    signed: true,
    commentRequired: false,
    noSelfApproval: true,
    label: { zh: '出库复核', en: 'Review outbound' },
    ready: (r) => !r.reviewed_by,
  },
  {
    resource: 'complaints',
    verb: 'close',
    meaning: 'close_complaint',
    roles: ['qa', 'after_sales'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '投诉结案', en: 'Close complaint' },
    ready: (r) => r.status !== 'closed',
  },
  {
    resource: 'findings',
    verb: 'acknowledge',
    meaning: 'acknowledge_finding',
    roles: ['qa'],
    signed: false,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '确认（处理中）', en: 'Acknowledge' },
    ready: (r) => r.status === 'open',
  },
  {
    resource: 'findings',
    verb: 'waive',
    meaning: 'waive_finding',
    roles: ['qa'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '豁免', en: 'Waive' },
    ready: (r) => r.status === 'open' || r.status === 'acknowledged',
  },
];

/** Every verb: the approvals above plus each workflow's own (schema/workflows/). */
export const VERB_SPECS: readonly VerbSpec[] = [
  ...APPROVAL_VERB_SPECS,
  ...FIRST_BUSINESS_VERBS,
  ...CONTRACTS_VERBS,
  ...FULFILMENT_VERBS,
  ...RECALL_VERBS,
  ...AFTERSALES_VERBS,
  ...IMPORT_VERBS,
  ...AFTERSALES_RECORD_VERBS,
  ...STAFF_QUALITY_VERBS,
];

export function findVerbSpec(resource: string, verb: string): VerbSpec | undefined {
  return VERB_SPECS.find((v) => v.resource === resource && v.verb === verb);
}
