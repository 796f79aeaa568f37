/**
 * The workflow verbs of the staff and quality records (#14):
 * - product information material (第二篇 3.7, 第五篇 3.1): drafted by sales, approved by QA (signed); the
 *   approval supersedes the product's earlier approved version, which stays readable;
 * - market and price information (第三篇 九, 第四篇 二.6): sent to management, who each record having read it;
 * - in-range prices filed (第五篇 4.3): the salesperson files the period's prices, the head of sales acknowledges;
 * - corrective actions (第二篇 3.13, 第三篇 四): opened from a complaint, feedback form or visit, carried out by
 *   the owner, verified by QA (signed).
 */
import type { Role } from '../permissions';
import type { VerbInput, VerbSpec } from '../verb-spec';

type Rec = Record<string, unknown>;
const MANAGEMENT: Role[] = ['sales_head', 'sales_vp', 'gm'];
const step = (resource: string, verb: string, roles: Role[], label: VerbSpec['label'], ready: VerbSpec['ready'], more: Partial<VerbSpec> = {}): VerbSpec => ({
  resource,
  verb,
  meaning: `${resource}_${verb}`,
  roles,
  signed: false,
  commentRequired: false,
  noSelfApproval: false,
  label,
  ready,
  ...more,
});
const text = (key: string, zh: string, en: string, required = true): VerbInput => ({ key, label: { zh, en }, kind: 'text', required });
const date = (key: string, zh: string, en: string, required = false): VerbInput => ({ key, label: { zh, en }, kind: 'date', required });
const status =
  (...s: string[]) =>
  (r: Rec) =>
    s.includes(r.status as string);

/** What opening a corrective action from a record asks (the verb is the same on each source). */
export const CORRECTIVE_INPUTS: readonly VerbInput[] = [
  text('cause', '原因分析', 'Cause'),
  text('action', '改进措施', 'Action'),
  text('owner', '责任人', 'Owner'),
  date('due_date', '完成期限', 'Due date', true),
];
const openCorrective = (resource: string, roles: Role[]) =>
  step(resource, 'open-corrective-action', roles, { zh: '提出改进措施', en: 'Open corrective action' }, () => true, { inputs: CORRECTIVE_INPUTS });

export const STAFF_QUALITY_VERBS: readonly VerbSpec[] = [
  step('product_materials', 'approve', ['qa'], { zh: '质管部批准资料', en: 'Approve material' }, status('draft'), {
    signed: true,
    noSelfApproval: true,
    meaning: 'approve_product_material',
    meaningLabel: { zh: '产品介绍资料批准', en: 'Product material approved' },
  }),
  step('market_reports', 'submit', ['sales', 'sales_head', 'after_sales'], { zh: '报送企业领导', en: 'Send to management' }, status('draft')),
  step('market_reports', 'mark-read', MANAGEMENT, { zh: '已阅', en: 'Mark as read' }, status('submitted', 'read')),
  step('price_filings', 'submit', ['sales', 'sales_head'], { zh: '报公司备案', en: 'File prices' }, status('draft')),
  step('price_filings', 'acknowledge', ['sales_head'], { zh: '确认备案', en: 'Acknowledge filing' }, status('submitted'), {
    signed: true,
    noSelfApproval: true,
    meaning: 'acknowledge_price_filing',
    meaningLabel: { zh: '限价幅度内价格备案确认', en: 'In-range prices acknowledged' },
  }),
  step('corrective_actions', 'complete', ['after_sales', 'sales', 'sales_head', 'qa'], { zh: '登记实施情况', en: 'Record completion' }, status('open'), {
    inputs: [text('result', '实施情况', 'Result'), date('completed_at', '完成日期（默认今天）', 'Completed on (default today)')],
  }),
  step('corrective_actions', 'verify', ['qa'], { zh: '质管部验证', en: 'Verify (QA)' }, status('done'), {
    signed: true,
    meaning: 'verify_corrective_action',
    meaningLabel: { zh: '质量改进措施验证', en: 'Corrective action verified' },
    inputs: [text('verification', '验证结论', 'Verification')],
  }),
  openCorrective('complaints', ['after_sales', 'qa', 'sales_head']),
  openCorrective('quality_feedback', ['after_sales', 'qa', 'sales_head']),
  openCorrective('visits', ['after_sales', 'qa', 'sales', 'sales_head']),
];
