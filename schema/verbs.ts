/**
 * The workflow verbs (POST /api/:res/:id/:verb): who may run them, whether they are signed (password
 * re-entry, an e-signature with its meaning), whether a comment is required, whether the signer may not be
 * the record's creator, and the record states they apply to. The server adds what each verb changes
 * (server/services/verbs); the web app offers the buttons from the same table.
 */
import type { Role } from './permissions';
import { FIRST_BUSINESS_VERBS } from './workflows/first-business';
import { CONTRACTS_VERBS } from './workflows/contracts';
import { FULFILMENT_VERBS } from './workflows/fulfilment';
import { RECALL_VERBS } from './workflows/recall';
import { AFTERSALES_VERBS } from './workflows/aftersales';
import { IMPORT_VERBS } from './workflows/imports';
import { STAFF_QUALITY_VERBS } from './workflows/staff-quality';

export interface I18nText { zh: string; en: string }
type Rec = Record<string, unknown>;

export interface VerbSpec {
  resource: string;
  verb: string;
  /** the signature's meaning (signatures.meaning) */
  meaning: string;
  roles: Role[];
  signed: boolean;
  commentRequired: boolean;
  /** the signer may not sign a record they created */
  noSelfApproval: boolean;
  label: I18nText;
  /** what the signer is told they sign when the meanings of /api/meta do not have it yet */
  meaningLabel?: I18nText;
  /** extra values the dialog asks for (sent in the verb's body beside password and comment) */
  inputs?: readonly VerbInput[];
  /** offered by its workflow's own panel, not the show page's toolbar (its state needs more than the record) */
  inPanel?: boolean;
  ready(record: Rec): boolean;
  /** why the verb does not apply when ready() says no (instead of the generic "not in this state") */
  notReady?: I18nText;
}

/** One extra value of a verb's dialog, e.g. the quantity returned or the notification method. */
export interface VerbInput {
  key: string;
  label: I18nText;
  kind: 'text' | 'number' | 'date' | 'select';
  required?: boolean;
  /** for kind 'select': the choices (usually an enum's keys and labels) */
  options?: readonly { id: string; label: I18nText }[];
}

const notApproved = (r: Rec) => r.qa_status !== 'approved';

const APPROVAL_VERB_SPECS: readonly VerbSpec[] = [
  {
    resource: 'customers', verb: 'approve', meaning: 'approve_first_business', roles: ['qa'], signed: true, commentRequired: false,
    noSelfApproval: true, label: { zh: '首营审核批准', en: 'Approve first business' }, ready: notApproved,
  },
  {
    resource: 'products', verb: 'approve', meaning: 'approve_first_business', roles: ['qa'], signed: true, commentRequired: false,
    noSelfApproval: true, label: { zh: '首营品种审核批准', en: 'Approve first variety' }, ready: notApproved,
  },
  {
    resource: 'customers', verb: 'reject', meaning: 'reject_first_business', roles: ['qa'], signed: true, commentRequired: true,
    noSelfApproval: false, label: { zh: '首营审核驳回', en: 'Reject first business' },
    meaningLabel: { zh: '首营审核驳回', en: 'First-business rejection' }, ready: (r) => r.qa_status !== 'rejected',
  },
  {
    resource: 'products', verb: 'reject', meaning: 'reject_first_business', roles: ['qa'], signed: true, commentRequired: true,
    noSelfApproval: false, label: { zh: '首营品种驳回', en: 'Reject first variety' },
    meaningLabel: { zh: '首营品种审核驳回', en: 'First-variety rejection' }, ready: (r) => r.qa_status !== 'rejected',
  },
  {
    resource: 'contracts', verb: 'approve', meaning: 'approve_contract', roles: ['sales_vp', 'gm'], signed: true, commentRequired: false,
    noSelfApproval: true, label: { zh: '合同审批', en: 'Approve contract' },
    // Only a submitted contract (schema/workflows/contracts.ts submit checks the 3.2 terms first).
    ready: (r) => r.status === 'pending',
  },
  {
    resource: 'sales_lines', verb: 'approve-price', meaning: 'approve_price', roles: ['sales_head'], signed: true, commentRequired: false,
    noSelfApproval: true, label: { zh: '价格审批', en: 'Approve price' }, ready: (r) => !r.price_approved_by,
  },
  {
    resource: 'outbound_slips', verb: 'review', meaning: 'review_outbound', roles: ['reviewer'], signed: true, commentRequired: false,
    noSelfApproval: true, label: { zh: '出库复核', en: 'Review outbound' }, ready: (r) => !r.reviewed_by,
  },
  {
    resource: 'complaints', verb: 'close', meaning: 'close_complaint', roles: ['qa', 'after_sales'], signed: true, commentRequired: false,
    noSelfApproval: false, label: { zh: '投诉结案', en: 'Close complaint' }, ready: (r) => r.status !== 'closed',
  },
  {
    resource: 'findings', verb: 'acknowledge', meaning: 'acknowledge_finding', roles: ['qa'], signed: false, commentRequired: false,
    noSelfApproval: false, label: { zh: '确认（处理中）', en: 'Acknowledge' }, ready: (r) => r.status === 'open',
  },
  {
    resource: 'findings', verb: 'waive', meaning: 'waive_finding', roles: ['qa'], signed: true, commentRequired: true,
    noSelfApproval: false, label: { zh: '豁免', en: 'Waive' }, ready: (r) => r.status === 'open' || r.status === 'acknowledged',
  },
];

/** Every verb: the approvals above plus each workflow's own (schema/workflows/). */
export const VERB_SPECS: readonly VerbSpec[] = [
  ...APPROVAL_VERB_SPECS, ...FIRST_BUSINESS_VERBS, ...CONTRACTS_VERBS, ...FULFILMENT_VERBS, ...RECALL_VERBS, ...AFTERSALES_VERBS, ...IMPORT_VERBS,
  ...STAFF_QUALITY_VERBS,
];

export function findVerbSpec(resource: string, verb: string): VerbSpec | undefined {
  return VERB_SPECS.find((v) => v.resource === resource && v.verb === verb);
}
