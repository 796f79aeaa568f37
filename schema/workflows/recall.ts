/**
 * The workflow verbs of one flow — Recalls. A recall starts when QA creates it (status open): the notices
 * for every customer who received the batches are created and the batches blocked in that same write
 * (server/services/workflows/recall). The steps below follow each notice — notified, acknowledged, goods
 * returned — and QA closes the recall with a signature once every customer is notified and has confirmed.
 */
import { NOTICE_METHOD } from '../enums';
import type { VerbSpec } from '../verb-spec';

type Rec = Record<string, unknown>;
const NOTICE_ROLES = ['warehouse', 'after_sales', 'qa'] as const;
/** 第二篇 3.14: the salesperson also tells their own customers (server/services/workflows/recall/notices.ts limits them). */
const TELLING_ROLES = [...NOTICE_ROLES, 'sales'] as const;
const notice = (verb: string, label: VerbSpec['label'], rest: Partial<VerbSpec> & Pick<VerbSpec, 'ready'>): VerbSpec => ({
  resource: 'recall_notices',
  verb,
  meaning: `recall_${verb}`,
  roles: [...NOTICE_ROLES],
  signed: false,
  commentRequired: false,
  noSelfApproval: false,
  label,
  ...rest,
});

export const RECALL_VERBS: readonly VerbSpec[] = [
  {
    resource: 'recalls',
    verb: 'close',
    meaning: 'close_recall',
    roles: ['qa'],
    signed: true,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '结束召回', en: 'Close recall' },
    meaningLabel: { zh: '召回结束', en: 'Recall closed' },
    ready: (r: Rec) => r.status === 'open',
  },
  {
    resource: 'recalls',
    verb: 'refresh',
    meaning: 'refresh_recall',
    roles: ['qa'],
    signed: false,
    commentRequired: false,
    noSelfApproval: false,
    label: { zh: '重新核对受影响客户', en: 'Re-check affected customers' },
    ready: (r: Rec) => r.status === 'open',
  },
  notice(
    'notify',
    { zh: '登记通知', en: 'Record notification' },
    {
      roles: [...TELLING_ROLES],
      inputs: [
        {
          key: 'method',
          label: { zh: '通知方式', en: 'Method' },
          kind: 'select',
          required: true,
          options: NOTICE_METHOD.values.map((id) => ({ id, label: { zh: NOTICE_METHOD.labels[id][0], en: NOTICE_METHOD.labels[id][1] } })),
        },
        { key: 'notified_at', label: { zh: '通知日期（默认今天）', en: 'Notified on (default today)' }, kind: 'date' },
      ],
      ready: (r: Rec) => !r.notified_at,
    },
  ),
  notice(
    'acknowledge',
    { zh: '登记客户确认', en: 'Record acknowledgement' },
    {
      roles: [...TELLING_ROLES],
      inputs: [{ key: 'acknowledged_at', label: { zh: '确认日期（默认今天）', en: 'Acknowledged on (default today)' }, kind: 'date' }],
      ready: (r: Rec) => !!r.notified_at && !r.acknowledged_at,
    },
  ),
  notice(
    'record-return',
    { zh: '登记退回数量', en: 'Record returned quantity' },
    {
      inputs: [{ key: 'quantity_returned', label: { zh: '退回数量（累计）', en: 'Quantity returned (total)' }, kind: 'number', required: true }],
      ready: (r: Rec) => !!r.notified_at,
    },
  ),
];
