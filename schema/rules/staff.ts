/**
 * The salesperson's qualification to sell (第二篇 3.3, 3.12; 第四篇 一.1), the salesperson as a person
 * (social insurance, assessment: 第二篇 3.3) and the corrective actions' due dates (第二篇 3.13).
 * `qualificationGaps` is the one definition of "qualified": the sale rule reads it, and the office's
 * letter issue (server/services/workflows/authorisation/letter-check.ts) reads it with `requireTraining`.
 */
import { addDays, dateOf, deadlineState } from './dates';
import { blank, parts, rule, type Issue } from './rule';
import type { TrainingsHeld } from './context';
import type { Loose, SalespersonRow, TrainingRow } from './types';

export interface QualificationOptions {
  /** days a lapse (contract ended, permit expired, training failed) is tolerated */
  graceDays: number;
  /**
   * a passed training must exist (the letter issue). A sale is not refused for a training record that was
   * never kept — the legacy files hold none — only for a failed one: without a passed training no letter is
   * issued, and the sale is refused by SALESPERSON_UNAUTHORIZED.
   */
  requireTraining?: boolean;
}

/** Ended more than `grace` days before `date` (a date on which the lapse is no longer tolerated). */
const lapsed = (end: string | null | undefined, date: string, grace: number) => {
  const d = dateOf(end);
  return !!d && addDays(d, grace) < date;
};

/** The record with the latest readable date (the later entry on the same day), if any. */
function latestBy<T extends { id?: number | null }>(rows: readonly T[], date: (r: T) => string | null | undefined): T | undefined {
  let best: T | undefined;
  for (const r of rows) {
    const d = dateOf(date(r));
    if (!d) continue;
    const b = best && dateOf(date(best))!;
    if (!best || d > b! || (d === b && (r.id ?? 0) > (best.id ?? 0))) best = r;
  }
  return best;
}

/**
 * A salesperson's dated trainings sorted as latestBy ranks them (date, then id; among equals the first given
 * last), with whether one passed up to each: built once per trainings array, so each sale date is a binary
 * search instead of a pass over every training (a salesperson may have thousands; a write re-checks 100 lines).
 */
const trainingIndexes = new WeakMap<object, { dates: string[]; rows: Loose<TrainingRow>[]; passedBy: boolean[] }>();
function trainingIndex(trainings: readonly Loose<TrainingRow>[]) {
  let ix = trainingIndexes.get(trainings);
  if (!ix) {
    const dated = trainings.flatMap((t, i) => {
      const d = dateOf(t.date);
      return d ? [{ d, t, i }] : [];
    });
    dated.sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : (a.t.id ?? 0) - (b.t.id ?? 0) || b.i - a.i));
    let any = false;
    ix = { dates: dated.map((x) => x.d), rows: dated.map((x) => x.t), passedBy: dated.map((x) => (any ||= x.t.passed === true)) };
    trainingIndexes.set(trainings, ix);
  }
  return ix;
}

/** How many of the sorted `dates` are ≤ `date`. */
function upperBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The trainings held on `date` (RuleContext.trainingsHeld) from a salesperson's training records. */
export function trainingsHeldIn(trainings: readonly Loose<TrainingRow>[], date: string): TrainingsHeld {
  const ix = trainingIndex(trainings);
  const held = upperBound(ix.dates, date);
  return { latest: held ? ix.rows[held - 1] : undefined, passed: held > 0 && ix.passedBy[held - 1] };
}

/** What keeps the salesperson from selling on `date`: one issue per missing or lapsed qualification. */
export function qualificationGaps(
  s: Loose<SalespersonRow>,
  trainings: TrainingsHeld | readonly Loose<TrainingRow>[],
  date: string,
  o: QualificationOptions,
): Issue[] {
  const out: Issue[] = [];
  const g = o.graceDays;
  if (blank(s.contract_start) && blank(s.contract_end)) {
    out.push({ fields: ['contract_end'], zh: '没有劳动合同记录', en: 'no labour contract on file' });
  } else if ((dateOf(s.contract_start) ?? '') > date || lapsed(s.contract_end, date, g)) {
    out.push({
      fields: ['contract_end'],
      zh: `劳动合同（${s.contract_start ?? '…'} 至 ${s.contract_end ?? '…'}）不覆盖 ${date}（宽限 ${g} 天）`,
      en: `the labour contract (${s.contract_start ?? '…'} to ${s.contract_end ?? '…'}) does not cover ${date} (grace ${g} days)`,
    });
  }
  if (blank(s.permit_no)) out.push({ fields: ['permit_no'], zh: '没有上岗证', en: 'no sales permit' });
  else if (lapsed(s.permit_valid_to, date, g))
    out.push({
      fields: ['permit_valid_to'],
      zh: `上岗证 ${s.permit_no} 已于 ${s.permit_valid_to} 到期超过 ${g} 天`,
      en: `permit ${s.permit_no} expired on ${s.permit_valid_to}, more than ${g} days before`,
    });
  // the trainings held on `date`: those dated on or before it
  const { latest, passed } = Array.isArray(trainings) ? trainingsHeldIn(trainings, date) : (trainings as TrainingsHeld);
  if (latest && latest.passed !== true && lapsed(latest.date, date, g)) {
    out.push({
      fields: ['trainings'],
      zh: `最近一次培训「${latest.topic ?? ''}」（${latest.date}）考核不合格，超过 ${g} 天未补考合格`,
      en: `the latest training "${latest.topic ?? ''}" (${latest.date}) was failed and not passed again within ${g} days`,
    });
  } else if (o.requireTraining && !passed) {
    out.push({ fields: ['trainings'], zh: '没有考核合格的培训记录', en: 'no passed training on file' });
  }
  return out;
}

export const staffRules = [
  rule({
    code: 'SALESPERSON_UNQUALIFIED',
    severity: 'error',
    source: '第二篇 3.3, 3.12; 第四篇 一.1',
    section: 'seller',
    appliesTo: 'sales_lines',
    title: { zh: '销售人员不具备上岗资格', en: 'Salesperson not qualified to sell' },
    test(line, ctx) {
      const { salesperson: s, date } = parts(line, ctx);
      if (!s) return null;
      const gaps = qualificationGaps(s, ctx.trainingsHeld(s.id, date), date, { graceDays: ctx.settings.qualificationGraceDays });
      if (!gaps.length) return null;
      return {
        fields: ['salesperson'],
        zh: `销售人员「${s.name}」在销售日期 ${date} 不具备上岗资格：${gaps.map((x) => x.zh).join('；')}。销售人员须签订劳动合同、经培训合格并持有效上岗证方可销售；请续签合同、换证或补训合格后再销售。`,
        en: `Salesperson "${s.name}" was not qualified to sell on ${date}: ${gaps.map((x) => x.en).join('; ')}. A salesperson needs a labour contract, a passed training and a valid permit: renew or retrain before selling.`,
      };
    },
  }),
  rule({
    code: 'SALESPERSON_NO_SOCIAL_INSURANCE',
    severity: 'warning',
    source: '第二篇 3.3',
    section: 'seller',
    appliesTo: 'salespeople',
    title: { zh: '销售人员未登记社会保险', en: 'No social insurance recorded' },
    test(s) {
      if (s.social_insurance === true) return null;
      return {
        fields: ['social_insurance'],
        zh: `销售人员「${s.name}」未登记公司缴纳的社会基本保险。公司须为所有销售人员缴纳社会基本保险；请办理后在人员档案中登记。`,
        en: `Salesperson "${s.name}" has no social insurance recorded. The company pays basic social insurance for every salesperson: arrange it and record it.`,
      };
    },
  }),
  rule({
    code: 'SALESPERSON_ASSESSMENT_FAILED',
    severity: 'warning',
    source: '第二篇 3.3',
    section: 'seller',
    appliesTo: 'salespeople',
    title: { zh: '销售人员考核不合格', en: 'Salesperson failed the assessment' },
    test(s) {
      const latest = latestBy(s.assessments, (a) => a.period_to);
      if (latest?.conclusion !== 'failed') return null;
      return {
        fields: ['assessments'],
        zh: `销售人员「${s.name}」最近一次考核（${latest.period_from ?? '…'} 至 ${latest.period_to}）不合格。请销售部安排培训、整改，并在下一期考核合格后解除。`,
        en: `Salesperson "${s.name}" failed the latest assessment (${latest.period_from ?? '…'} to ${latest.period_to}). Retrain and correct; a passed assessment clears it.`,
        params: { period_to: latest.period_to! },
      };
    },
  }),
];

export const correctiveRules = [
  rule({
    code: 'CORRECTIVE_ACTION_OVERDUE',
    severity: 'warning',
    source: '第二篇 3.13; 第三篇 四',
    section: 'aftersales',
    appliesTo: 'corrective_actions',
    periodic: true,
    title: { zh: '质量改进措施逾期', en: 'Corrective action overdue' },
    test(a, ctx) {
      const due = dateOf(a.due_date);
      if (!due) return null;
      // the deadline is the due date itself: 0 days after it
      const state = deadlineState(due, 0, a.completed_at, ctx.asOf);
      if (state !== 'late' && state !== 'overdue') return null;
      return {
        fields: ['completed_at'],
        zh: `质量改进措施 ${a.action_no ?? ''}（责任人 ${a.owner ?? '—'}）应于 ${due} 前完成，${state === 'late' ? `但直到 ${dateOf(a.completed_at)} 才完成` : '至今未完成'}。请督促责任人实施并登记实施情况，由质管部验证。`,
        en: `Corrective action ${a.action_no ?? ''} (owner ${a.owner ?? '—'}) was due by ${due}, ${state === 'late' ? `but was completed only on ${dateOf(a.completed_at)}` : 'and is not completed'}. Carry it out, record it and have QA verify it.`,
        params: { due_date: due },
      };
    },
  }),
];
