/**
 * The workflow verbs of one flow — Contracts (第五篇 3): a salesperson's draft is submitted once the terms
 * of 3.2 are complete, approved (schema/verbs.ts contracts/approve) or rejected at its level — the sales VP,
 * or the general manager from settings.majorContractAmount on — and then signed with the customer.
 */
import type { VerbSpec } from '../verb-spec';

export const CONTRACTS_VERBS: readonly VerbSpec[] = [
  {
    resource: 'contracts',
    verb: 'submit',
    meaning: 'submit_contract',
    roles: ['sales', 'sales_head'],
    signed: false,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '提交审批', en: 'Submit for approval' },
    ready: (r) => r.status === 'draft' || r.status === 'rejected',
  },
  {
    resource: 'contracts',
    verb: 'reject',
    meaning: 'reject_contract',
    roles: ['sales_vp', 'gm'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '合同驳回', en: 'Reject contract' },
    ready: (r) => r.status === 'pending',
  },
  {
    resource: 'contracts',
    verb: 'sign',
    meaning: 'sign_contract',
    roles: ['sales', 'sales_head'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '合同签订', en: 'Sign contract' },
    inputs: [{ key: 'signed_at', label: { zh: '签订日期（默认今天）', en: 'Signed on (default today)' }, kind: 'date' }],
    ready: (r) => r.status === 'approved',
  },
];
