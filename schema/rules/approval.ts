/**
 * APPROVAL_SUPERSEDED: an approved record (a customer or product's 首营 approval, a contract's approval, a
 * line's price approval) was changed in what the approval covered (schema/lifecycle.ts `review`). The write
 * service returns the record to review and raises this finding at that moment; the re-approval resolves it.
 * It is an event, not a state a view shows, so the rule itself evaluates nothing.
 */
import type { Rule } from './types';

export const APPROVAL_SUPERSEDED = 'APPROVAL_SUPERSEDED';

export const approvalRules: Rule[] = [
  {
    code: APPROVAL_SUPERSEDED,
    severity: 'warning',
    source: '第二篇 3.4; 第五篇 3.3; 第五篇 4.4',
    section: 'record',
    appliesTo: 'customers',
    title: { zh: '审核后修改了已审核内容，原审核失效', en: 'Approved content changed; the approval is superseded' },
    event: true,
    check: () => [],
  },
];
