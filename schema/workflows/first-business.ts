/**
 * The workflow verbs of one flow — 首营 (first-business) approval: the reviews that precede QA's signed
 * approval (schema/verbs.ts customers/products approve, which refuses while a blocking check fails).
 */
import type { VerbSpec } from '../verb-spec';

export const PAYMENT_RATINGS = [
  { id: '良好', label: { zh: '良好', en: 'Good' } },
  { id: '一般', label: { zh: '一般', en: 'Fair' } },
  { id: '较差', label: { zh: '较差', en: 'Poor' } },
] as const;

const live = (r: Record<string, unknown>) => !r.voided_at;

export const FIRST_BUSINESS_VERBS: readonly VerbSpec[] = [
  {
    // 第五篇 2.2, 2.3: the salesperson reviews credit and ability to pay with finance's help; the credit limit
    // itself is set by finance or the head of sales (schema/permissions.ts FIELD_GUARDS credit_limit).
    resource: 'customers',
    verb: 'credit-review',
    meaning: 'review_credit',
    roles: ['sales', 'sales_head', 'finance'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '信誉审核', en: 'Credit review' },
    inputs: [
      { key: 'payment_rating', label: { zh: '付款能力评价', en: 'Payment ability' }, kind: 'select', required: true, options: PAYMENT_RATINGS },
      {
        key: 'credit_limit',
        label: { zh: '信用额度（元，财务部/销售部负责人核定）', en: 'Credit limit (CNY, set by finance / head of sales)' },
        kind: 'number',
      },
    ],
    ready: live,
  },
  {
    // 第二篇 3.5: the storage conditions of a customer taking cold-chain goods are reviewed before supply.
    resource: 'customers',
    verb: 'storage-review',
    meaning: 'review_storage',
    roles: ['qa', 'warehouse'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '储存条件审核', en: 'Storage review' },
    ready: (r) => live(r) && r.cold_chain === true,
  },
];
