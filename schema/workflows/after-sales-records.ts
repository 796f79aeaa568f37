/**
 * The workflows of issue #14's after-sales records, declared in one place and merged into the shared tables by
 * schema/verbs.ts (their step-owned fields are in schema/lifecycle.ts, their grants in schema/permissions.ts,
 * kept there so neither imports a workflow):
 * - nonconforming goods sold (第四篇 一.6): QA opens a recall of the chosen level, or notifies the customers
 *   without one (a signed reason), follows each notice, and closes the case once everyone was told;
 * - service promises (第五篇 7): fulfilled by the salesperson, the head of sales or after-sales.
 * Deliveries, replies, follow-up plans and supplier agreements are plain records (their rules judge them).
 */
import { NOTICE_METHOD, RECALL_INITIATOR, RECALL_LEVEL, type EnumDef } from '../enums';
import type { Role } from '../permissions';
import type { VerbInput, VerbSpec } from '../verb-spec';

type Rec = Record<string, unknown>;
const select = (key: string, zh: string, en: string, e: EnumDef): VerbInput => ({
  key,
  label: { zh, en },
  kind: 'select',
  required: true,
  options: e.values.map((id) => ({ id, label: { zh: e.labels[id][0], en: e.labels[id][1] } })),
});
const date = (key: string, zh: string, en: string): VerbInput => ({ key, label: { zh, en }, kind: 'date' });
const plain = { signed: false, commentRequired: false, noSelfApproval: false } as const;
const NOTICE_ROLES: Role[] = ['warehouse', 'after_sales', 'qa'];
const pending = (r: Rec) => r.status === 'open' && r.decision === 'pending';

export const AFTERSALES_RECORD_VERBS: readonly VerbSpec[] = [
  {
    resource: 'nonconformities',
    verb: 'open-recall',
    meaning: 'nonconformity_recall',
    roles: ['qa'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '启动召回', en: 'Open a recall' },
    meaningLabel: { zh: '不合格品启动召回', en: 'Recall opened for nonconforming goods' },
    inputs: [select('level', '召回级别', 'Recall level', RECALL_LEVEL), select('initiated_by', '发起方', 'Initiated by', RECALL_INITIATOR)],
    ready: pending,
  },
  {
    resource: 'nonconformities',
    verb: 'notify-customers',
    meaning: 'nonconformity_notice',
    roles: ['qa'],
    signed: true,
    commentRequired: true,
    noSelfApproval: false,
    label: { zh: '通知收回（不启动召回）', en: 'Notify without a recall' },
    meaningLabel: { zh: '不合格品通知收回（不启动召回）', en: 'Nonconforming goods: notices without a recall' },
    ready: pending,
  },
  {
    // sales entered later (an import of older ledgers) may reveal more customers: counts, and notices, brought up to date
    resource: 'nonconformities',
    verb: 'refresh',
    meaning: 'nonconformity_refresh',
    roles: ['qa'],
    ...plain,
    label: { zh: '重新核对已购客户', en: 'Re-check customers' },
    ready: (r) => r.status === 'open',
  },
  {
    resource: 'nonconformities',
    verb: 'close',
    meaning: 'close_nonconformity',
    roles: ['qa'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '结束处理', en: 'Close case' },
    meaningLabel: { zh: '已售不合格品处理结束', en: 'Nonconforming-goods case closed' },
    ready: (r) => r.status === 'open',
  },
  {
    resource: 'nonconformity_notices',
    verb: 'notify',
    meaning: 'nonconformity_notify',
    roles: NOTICE_ROLES,
    ...plain,
    label: { zh: '登记通知', en: 'Record notification' },
    inputs: [select('method', '通知方式', 'Method', NOTICE_METHOD), date('notified_at', '通知日期（默认今天）', 'Notified on (default today)')],
    ready: (r) => !r.notified_at,
  },
  {
    resource: 'nonconformity_notices',
    verb: 'acknowledge',
    meaning: 'nonconformity_acknowledge',
    roles: NOTICE_ROLES,
    ...plain,
    label: { zh: '登记客户确认', en: 'Record acknowledgement' },
    inputs: [date('acknowledged_at', '确认日期（默认今天）', 'Acknowledged on (default today)')],
    ready: (r) => !!r.notified_at && !r.acknowledged_at,
  },
  {
    resource: 'service_promises',
    verb: 'fulfil',
    meaning: 'service_promise_fulfil',
    roles: ['sales', 'sales_head', 'after_sales'],
    ...plain,
    label: { zh: '登记兑现', en: 'Record fulfilment' },
    inputs: [
      { key: 'fulfilment', label: { zh: '兑现情况', en: 'How it was fulfilled' }, kind: 'text', required: true },
      date('fulfilled_at', '兑现日期（默认今天）', 'Fulfilled on (default today)'),
    ],
    ready: (r) => !r.fulfilled_at,
  },
];
