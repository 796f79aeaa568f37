/**
 * The workflow verbs of one flow — After-sales (第四篇 二; 第三篇 七): a complaint is investigated, handled
 * (measures, feedback to the customer), followed up, reported to QA and closed (the signed close verb lives in
 * schema/verbs.ts); a quality feedback form is reported to QA and leadership, handled by QA and closed; an
 * adverse-reaction report is forwarded to QA, who reports it to the regulator.
 */
import type { Role } from '../permissions';
import type { VerbInput, VerbSpec } from '../verb-spec';

type Rec = Record<string, unknown>;
const DESK: Role[] = ['after_sales', 'sales', 'sales_head'];
const step = (
  resource: string,
  verb: string,
  roles: Role[],
  label: VerbSpec['label'],
  ready: VerbSpec['ready'],
  inputs?: VerbInput[],
  signed = false,
): VerbSpec => ({
  resource,
  verb,
  meaning: `${resource}_${verb}`,
  roles,
  signed,
  commentRequired: false,
  noSelfApproval: false,
  label,
  ready,
  inputs,
});
const text = (key: string, zh: string, en: string, required = true): VerbInput => ({ key, label: { zh, en }, kind: 'text', required });
const date = (key: string, zh: string, en: string): VerbInput => ({ key, label: { zh, en }, kind: 'date' });
const status =
  (...s: string[]) =>
  (r: Rec) =>
    s.includes(r.status as string);

export const AFTERSALES_VERBS: readonly VerbSpec[] = [
  step('complaints', 'investigate', ['after_sales', 'qa'], { zh: '调查与评估', en: 'Investigate' }, status('open', 'investigating'), [
    text('investigation', '调查与评估结论', 'Investigation and assessment'),
  ]),
  step('complaints', 'handle', ['after_sales', 'qa'], { zh: '处理措施与反馈', en: 'Measures and feedback' }, status('investigating', 'handled'), [
    text('measures', '处理措施', 'Measures'),
    date('feedback_at', '向顾客反馈日期（默认今天）', 'Feedback to the customer on (default today)'),
  ]),
  step('complaints', 'follow-up', ['after_sales', 'qa'], { zh: '事后跟踪', en: 'Follow-up' }, status('handled', 'closed'), [
    text('follow_up', '跟踪情况', 'Follow-up'),
  ]),
  step('complaints', 'report-qa', [...DESK, 'qa'], { zh: '报质管部', en: 'Report to QA' }, (r) => !r.reported_to_qa_at),
  step('quality_feedback', 'report', [...DESK, 'qa'], { zh: '上报质管部和公司领导', en: 'Report to QA and leadership' }, status('open')),
  step('quality_feedback', 'handle', ['qa'], { zh: '质管部处理', en: 'QA handling' }, status('reported', 'handled'), [
    text('analysis', '原因分析', 'Analysis'),
    text('handling', '处理意见', 'Handling'),
  ]),
  {
    ...step('quality_feedback', 'close', ['qa'], { zh: '关闭反馈', en: 'Close feedback' }, status('handled'), undefined, true),
    meaning: 'close_quality_feedback',
    meaningLabel: { zh: '质量信息反馈处理完毕', en: 'Quality feedback closed' },
  },
  step('adverse_reactions', 'forward', [...DESK, 'qa'], { zh: '转交质管部', en: 'Forward to QA' }, (r) => !r.forwarded_to_qa_at, [
    date('forwarded_to_qa_at', '转交日期（默认今天）', 'Forwarded on (default today)'),
  ]),
  {
    ...step(
      'adverse_reactions',
      'report-regulator',
      ['qa'],
      { zh: '上报监管部门', en: 'Report to the regulator' },
      (r) => !r.reported_at,
      [date('reported_at', '上报日期（默认今天）', 'Reported on (default today)')],
      true,
    ),
    meaning: 'report_adverse_reaction',
    meaningLabel: { zh: '不良反应上报监管部门', en: 'Adverse reaction reported to the regulator' },
  },
];
