/** After-sales deadlines, all checked against ctx.asOf by the periodic re-check. */
import { addDays, addMonths, dateOf, deadlineState, monthOf, monthsFromTo } from './dates';
import { blank, customerName, productName, rule } from './rule';

/** Visit kinds that are a visit to the service point (第四篇 二.3 派出…到定点单位); phone and letter are not. */
export const ON_SITE_VISIT_KINDS = ['scheduled', 'random', 'maintenance'] as const;

const lateOrOverdue = (s: string) => s === 'late' || s === 'overdue';

export const aftersalesRules = [
  rule({
    code: 'COMPLAINT_OVERDUE',
    severity: 'warning',
    source: '第四篇 二.2; 第三篇 五',
    section: 'aftersales',
    appliesTo: 'complaints',
    periodic: true,
    title: { zh: '投诉处理超期', en: 'Complaint overdue' },
    test(c, ctx) {
      const received = dateOf(c.received_at);
      if (!received) return null;
      const days = ctx.settings.complaintDays;
      const deadline = addDays(received, days);
      const feedback = dateOf(c.feedback_at);
      const missing = [
        blank(c.investigation) && { field: 'investigation', zh: '调查与评估', en: 'investigation' },
        blank(c.measures) && { field: 'measures', zh: '处理措施', en: 'measures' },
        (!feedback || feedback > deadline) && { field: 'feedback_at', zh: '向顾客反馈', en: 'feedback to the customer' },
      ].filter((m): m is { field: string; zh: string; en: string } => !!m);
      if (missing.length === 0) return null;
      if (!(feedback && feedback > deadline) && ctx.asOf <= deadline) return null;
      const customer = c.customer != null ? ctx.customer(c.customer) : undefined;
      return {
        fields: missing.map((m) => m.field),
        zh: `投诉 ${c.complaint_no ?? ''}（${customerName(customer, c.customer)}，${received} 受理）应在 ${days} 天内（${deadline} 前）完成调查评估、处理措施并反馈顾客，${feedback && feedback > deadline ? `但直到 ${feedback} 才反馈` : `尚缺：${missing.map((m) => m.zh).join('、')}`}。请尽快处理、反馈顾客并记录。`,
        en: `Complaint ${c.complaint_no ?? ''} (${customerName(customer, c.customer)}, received ${received}) needed investigation, measures and feedback within ${days} days (by ${deadline}); ${feedback && feedback > deadline ? `feedback came only on ${feedback}` : `still missing: ${missing.map((m) => m.en).join(', ')}`}. Handle it, answer the customer and record it.`,
        params: { deadline },
      };
    },
  }),
  rule({
    code: 'SERVICE_VISIT_MISSING',
    severity: 'warning',
    source: '第四篇 二.3',
    section: 'aftersales',
    appliesTo: 'customers',
    periodic: true,
    title: { zh: '定点单位当月无售后服务', en: 'Service point not visited' },
    // Checks each complete calendar month from `since` (default: only the month before as-of) through the
    // month before as-of; one finding per month without an on-site visit.
    test(c, ctx) {
      if (c.service_point !== true) return null;
      const last = addMonths(monthOf(ctx.asOf), -1);
      const since = dateOf(c.since);
      const months = monthsFromTo(since ? monthOf(since) : last, last);
      const visited = new Set(
        c.visits
          .filter((v) => v.kind == null || (ON_SITE_VISIT_KINDS as readonly string[]).includes(v.kind))
          .map((v) => dateOf(v.visit_date))
          .filter((d): d is string => d !== null)
          .map(monthOf),
      );
      return months
        .filter((m) => !visited.has(m))
        .map((month) => ({
          fields: ['visits'],
          zh: `定点服务单位「${c.name}」${month} 没有上门售后服务记录。定点单位须每月定期派出服务一次；请补派服务并登记顾客访问记录。`,
          en: `The designated service point "${c.name}" had no on-site service visit in ${month}. Service points need a visit every month: make the visit and record it.`,
          params: { month },
        }));
    },
  }),
  rule({
    code: 'RECALL_NOT_NOTIFIED',
    severity: 'error',
    source: '第二篇 3.14; 第四篇 一.6',
    section: 'aftersales',
    appliesTo: 'recall_notices',
    periodic: true,
    title: { zh: '召回未及时通知客户', en: 'Recall notice late' },
    test(n, ctx) {
      const recall = ctx.recall(n.recall);
      const start = dateOf(recall?.started_at);
      if (!recall || !start || n.quantity_sold === 0) return null;
      const days = ctx.settings.recallNoticeDays;
      const state = deadlineState(start, days, n.notified_at, ctx.asOf);
      if (!lateOrOverdue(state)) return null;
      const customer = n.customer != null ? ctx.customer(n.customer) : undefined;
      const product = productName(recall.product != null ? ctx.product(recall.product) : undefined);
      return {
        fields: ['notified_at'],
        zh: `召回 ${recall.recall_no ?? ''}（「${product}」，${start} 开始）须在 ${days} 天内通知购货单位「${customerName(customer, n.customer)}」停止使用，${state === 'late' ? `但直到 ${dateOf(n.notified_at)} 才通知` : '至今未通知'}。请立即通知客户停止使用、协助召回，并登记通知日期和方式。`,
        en: `Recall ${recall.recall_no ?? ''} ("${product}", started ${start}) required telling "${customerName(customer, n.customer)}" to stop use within ${days} day(s), ${state === 'late' ? `but they were told only on ${dateOf(n.notified_at)}` : 'and they have not been told'}. Notify them now and record the date and method.`,
        params: { started_at: start, days },
      };
    },
  }),
  rule({
    code: 'ADR_NOT_FORWARDED',
    severity: 'warning',
    source: '第一篇 3',
    section: 'aftersales',
    appliesTo: 'adverse_reactions',
    periodic: true,
    title: { zh: '不良反应未及时报质管部', en: 'Adverse reaction not forwarded' },
    test(r, ctx) {
      const received = dateOf(r.received_at);
      if (!received) return null;
      const days = ctx.settings.adrDays;
      const state = deadlineState(received, days, r.forwarded_to_qa_at, ctx.asOf);
      if (!lateOrOverdue(state)) return null;
      const product = productName(r.product != null ? ctx.product(r.product) : undefined);
      return {
        fields: ['forwarded_to_qa_at'],
        zh: `「${product}」的不良反应报告于 ${received} 获知，应在 ${days} 天内报质管部，${state === 'late' ? `但直到 ${dateOf(r.forwarded_to_qa_at)} 才报` : '至今未报'}。请立即转交质管部并登记报质管部日期。`,
        en: `The adverse reaction to "${product}" received on ${received} should have reached QA within ${days} days, ${state === 'late' ? `but was forwarded only on ${dateOf(r.forwarded_to_qa_at)}` : 'and has not'}. Forward it now and record the date.`,
        params: { received_at: received, days },
      };
    },
  }),
  rule({
    code: 'QUALITY_FEEDBACK_UNHANDLED',
    severity: 'warning',
    source: '第三篇 七; 第四篇 二.5',
    section: 'aftersales',
    appliesTo: 'quality_feedback',
    periodic: true,
    title: { zh: '质量反馈未及时上报', en: 'Quality feedback not reported' },
    test(f, ctx) {
      const created = dateOf(f.created_at);
      if (!created) return null;
      const days = ctx.settings.feedbackDays;
      const state = deadlineState(created, days, f.reported_at, ctx.asOf);
      if (!lateOrOverdue(state)) return null;
      return {
        fields: ['reported_at'],
        zh: `质量信息反馈处理表 ${f.form_no ?? ''}（${created} 填写）应在 ${days} 天内将处理意见上报质管部，${state === 'late' ? `但直到 ${dateOf(f.reported_at)} 才上报` : '至今未上报'}。请分析处理后上报质管部并登记上报日期。`,
        en: `Quality feedback form ${f.form_no ?? ''} (filed ${created}) should have been reported to QA within ${days} days, ${state === 'late' ? `but was reported only on ${dateOf(f.reported_at)}` : 'and has not been'}. Analyse it, report it to QA and record the date.`,
        params: { created_at: created, days },
      };
    },
  }),
];
