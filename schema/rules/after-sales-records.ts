/**
 * The rules of issue #14's after-sales records: nonconforming goods sold and not called back, deliveries of
 * cold-chain goods without (or outside) their temperature record, service promises and follow-ups overdue,
 * supplier quality agreements lapsed or without the device repair clause. Deadlines are `periodic` (only the
 * re-check judges them, never refusing a write); the others run on every save.
 */
import { isLegacy } from '../legacy';
import type { RuleContext } from './context';
import { addDays, dateOf, deadlineState } from './dates';
import { blank, customerName, isNum, productName, rule } from './rule';
import type { Id } from './types';

/** The cold chain: the storage conditions whose goods travel refrigerated or frozen, and their range in ℃. */
export const COLD_CHAIN_RANGES = { cold: [2, 10], frozen: [-25, -10] } as const;
export type ColdStorage = keyof typeof COLD_CHAIN_RANGES;
export const isColdChain = (storage: unknown): storage is ColdStorage => storage === 'cold' || storage === 'frozen';

/** The coldest storage among an order's goods (frozen before cold), or null when none needs the cold chain. */
export function coldestStorage(ctx: RuleContext, orderId: Id): ColdStorage | null {
  let out: ColdStorage | null = null;
  for (const l of ctx.orderLines(orderId)) {
    const s = l.product != null ? ctx.product(l.product)?.storage : null;
    if (s === 'frozen') return 'frozen';
    if (s === 'cold') out = 'cold';
  }
  return out;
}

/** The due dates of a follow-up plan up to `until`: start + interval, + 2 × interval, … (at most 400). */
export function followUpDueDates(start: string, interval: number, end: string | null, until: string): string[] {
  const out: string[] = [];
  if (!Number.isInteger(interval) || interval < 1) return out;
  for (let d = addDays(start, interval); d <= until && (!end || d <= end) && out.length < 400; d = addDays(d, interval)) out.push(d);
  return out;
}

const TEMPS = [
  ['temp_start', '起运', 'at departure'],
  ['temp_end', '到达', 'on arrival'],
  ['temp_min', '途中最低', 'lowest en route'],
  ['temp_max', '途中最高', 'highest en route'],
] as const;

export const afterSalesRecordRules = [
  rule({
    code: 'NONCONFORMING_SOLD_NOT_NOTIFIED',
    severity: 'error',
    source: '第四篇 一.6; 第二篇 3.14',
    section: 'aftersales',
    appliesTo: 'nonconformities',
    periodic: true,
    title: { zh: '已售不合格品未通知收回', en: 'Nonconforming goods sold, customers not told' },
    test(c, ctx) {
      const found = dateOf(c.found_at);
      if (!found || c.status === 'closed' || !((c.customers_count ?? 0) > 0) || c.decision === 'recall') return null;
      const days = ctx.settings.recallNoticeDays;
      const deadline = addDays(found, days);
      const batch = c.batch != null ? ctx.batch(c.batch) : undefined;
      const what = `「${productName(c.product != null ? ctx.product(c.product) : undefined)}」批号 ${batch?.batch_no ?? ''}`;
      const whatEn = `"${productName(c.product != null ? ctx.product(c.product) : undefined)}" batch ${batch?.batch_no ?? ''}`;
      if (c.decision !== 'notice') {
        if (ctx.asOf <= deadline) return null;
        return {
          fields: ['decision'],
          zh: `${what}于 ${found} 判定不合格，已售给 ${c.customers_count} 家客户，应在 ${days} 天内（${deadline} 前）通知收回，至今未决定召回或通知。请启动相应级别的召回，或通知客户停止销售使用并退回。`,
          en: `${whatEn} was found nonconforming on ${found} and went to ${c.customers_count} customer(s); they had to be told within ${days} day(s) (by ${deadline}) and nothing was decided. Open a recall of the right level or notify them to stop and return it.`,
          params: { found_at: found, days },
        };
      }
      const late = (c.notices ?? []).filter(
        (n) => (n.quantity_sold ?? 0) > 0 && ['late', 'overdue'].includes(deadlineState(found, days, n.notified_at, ctx.asOf)),
      );
      if (!late.length) return null;
      const names = late.map((n) => customerName(n.customer != null ? ctx.customer(n.customer) : undefined, n.customer));
      return {
        fields: ['notices'],
        zh: `${what}于 ${found} 判定不合格，须在 ${days} 天内（${deadline} 前）通知已购客户停止销售使用并退回，以下客户未按时通知：${names.join('、')}。请立即通知并登记通知日期和方式。`,
        en: `${whatEn} was found nonconforming on ${found}; customers had to be told within ${days} day(s) (by ${deadline}). Not told in time: ${names.join(', ')}. Notify them now and record the date and method.`,
        params: { found_at: found, days },
      };
    },
  }),
  rule({
    code: 'DELIVERY_TEMPERATURE_MISSING',
    severity: 'error',
    source: '第五篇 5.4; 第二篇 3.5',
    section: 'fulfilment',
    appliesTo: 'deliveries',
    title: { zh: '冷链运输缺温度记录', en: 'Cold-chain delivery without temperature record' },
    test(d) {
      if (!d.cold_chain || !d.arrived_at) return null;
      const missing = TEMPS.slice(0, 2).filter(([k]) => !isNum(d[k]));
      if (!missing.length) return null;
      return {
        fields: missing.map(([k]) => k),
        zh: `冷链品种运输到达后须有温度记录，缺少${missing.map(([, zh]) => `${zh}温度`).join('、')}。请根据温度记录仪数据填写起运和到达温度。`,
        en: `A cold-chain delivery that arrived needs its temperature record; missing: temperature ${missing.map(([, , en]) => en).join(', ')}. Fill them in from the logger.`,
      };
    },
  }),
  rule({
    code: 'DELIVERY_TEMPERATURE_EXCURSION',
    severity: 'warning',
    source: '第五篇 5.4; 第二篇 3.5',
    section: 'fulfilment',
    appliesTo: 'deliveries',
    title: { zh: '冷链运输温度超出范围', en: 'Cold-chain temperature excursion' },
    test(d) {
      if (!d.cold_chain || !isColdChain(d.storage)) return null;
      const [lo, hi] = COLD_CHAIN_RANGES[d.storage];
      const out = TEMPS.filter(([k]) => isNum(d[k]) && ((d[k] as number) < lo || (d[k] as number) > hi));
      if (!out.length) return null;
      const storage = d.storage === 'cold' ? '冷藏' : '冷冻';
      return {
        fields: out.map(([k]) => k),
        zh: `${storage}品种运输温度应在 ${lo}～${hi}℃，${out.map(([k, zh]) => `${zh} ${d[k]}℃`).join('、')} 超出范围。请质管部评估该批货物质量，必要时暂停销售，并在温度偏离说明中记录原因和处理。`,
        en: `${d.storage === 'cold' ? 'Refrigerated' : 'Frozen'} goods must travel at ${lo}–${hi} °C; ${out.map(([k, , en]) => `${en} ${d[k]} °C`).join(', ')} is outside. QA to assess the goods (hold them if needed) and record cause and handling.`,
        params: { min: lo, max: hi },
      };
    },
  }),
  rule({
    code: 'COLD_CHAIN_DELIVERY_UNRECORDED',
    severity: 'warning',
    source: '第五篇 5.4、5.5; 第二篇 3.5',
    section: 'fulfilment',
    appliesTo: 'outbound_slips',
    title: { zh: '冷链收货确认无运输温度记录', en: 'Cold-chain receipt without a delivery temperature record' },
    test(s, ctx) {
      // a legacy ledger's slip: the old system kept no delivery records, so there is nothing to judge (its
      // import and a later re-check agree: test/imports/rule-parity.test.ts)
      if (isLegacy(s) || !s.deliveries || !s.receipt_confirmed_at || s.order == null) return null;
      const storage = coldestStorage(ctx, s.order);
      if (!storage) return null;
      if (s.deliveries.some((d) => isNum(d.temp_start) && isNum(d.temp_end))) return null;
      return {
        fields: ['receipt_confirmed_at'],
        zh: `出库单 ${s.slip_no ?? ''} 含${storage === 'cold' ? '冷藏' : '冷冻'}品种，已确认收货，但没有记录起运和到达温度的运输记录。请补录该单的运输记录（承运、车辆、温度）。`,
        en: `Outbound slip ${s.slip_no ?? ''} carries ${storage === 'cold' ? 'refrigerated' : 'frozen'} goods and its receipt was confirmed, but no delivery record holds the temperatures at departure and arrival. Record its delivery (carrier, vehicle, temperatures).`,
      };
    },
  }),
  rule({
    code: 'SERVICE_PROMISE_OVERDUE',
    severity: 'warning',
    source: '第五篇 7',
    section: 'aftersales',
    appliesTo: 'service_promises',
    periodic: true,
    title: { zh: '服务承诺未如期兑现', en: 'Service promise overdue' },
    test(p, ctx) {
      const due = dateOf(p.due_date);
      if (!due) return null;
      const state = deadlineState(due, 0, p.fulfilled_at, ctx.asOf);
      if (state !== 'late' && state !== 'overdue') return null;
      const customer = customerName(p.customer != null ? ctx.customer(p.customer) : undefined, p.customer);
      const contract = p.contract != null ? (ctx.contract(p.contract)?.contract_no ?? '') : '';
      return {
        fields: ['fulfilled_at'],
        zh: `合同 ${contract} 向「${customer}」承诺「${p.promise ?? ''}」应于 ${due} 前兑现，${state === 'late' ? `但直到 ${dateOf(p.fulfilled_at)} 才兑现` : '至今未兑现'}。服务承诺应如期付诸实施，不得失信：请尽快兑现并登记。`,
        en: `Contract ${contract} promised "${p.promise ?? ''}" to "${customer}" by ${due}; ${state === 'late' ? `it was fulfilled only on ${dateOf(p.fulfilled_at)}` : 'it has not been fulfilled'}. Keep the promise and record it.`,
        params: { due_date: due },
      };
    },
  }),
  rule({
    code: 'FOLLOW_UP_OVERDUE',
    severity: 'warning',
    source: '第一篇 3; 第四篇 二.4',
    section: 'aftersales',
    appliesTo: 'follow_up_plans',
    periodic: true,
    title: { zh: '跟踪服务逾期', en: 'Follow-up overdue' },
    test(p, ctx) {
      const start = dateOf(p.start_date);
      if (!start || !isNum(p.interval_days)) return null;
      const interval = p.interval_days;
      const visits = p.visits.map((v) => dateOf(v.visit_date)).filter((d): d is string => !!d);
      // a due date is met by a visit in the interval ending on it; the last one is judged once it has passed
      const missed = followUpDueDates(start, interval, dateOf(p.end_date), addDays(ctx.asOf, -1)).filter(
        (due) => !visits.some((v) => v > addDays(due, -interval) && v <= due),
      );
      if (!missed.length) return null;
      const customer = customerName(p.customer != null ? ctx.customer(p.customer) : undefined, p.customer);
      const product = productName(p.product != null ? ctx.product(p.product) : undefined);
      const shown = missed.length > 5 ? `${missed.slice(0, 5).join('、')} 等 ${missed.length} 次` : missed.join('、');
      return {
        fields: ['visits'],
        zh: `「${customer}」使用「${product}」的跟踪服务计划（每 ${interval} 天）在 ${shown} 到期，未登记跟踪访问。请联系客户了解使用效果和不良反应，并登记顾客访问记录（注明品种）。`,
        en: `The follow-up plan for "${customer}" using "${product}" (every ${interval} days) was due on ${missed.slice(0, 5).join(', ')}${missed.length > 5 ? ` and ${missed.length - 5} more` : ''} without a recorded visit. Contact the customer about the effect and any adverse reaction and record the visit with the product.`,
        params: { missed: missed.length, last_due: missed[missed.length - 1] },
      };
    },
  }),
  rule({
    code: 'SUPPLIER_AGREEMENT_EXPIRED',
    severity: 'warning',
    source: '第三篇 三',
    section: 'aftersales',
    appliesTo: 'supplier_agreements',
    periodic: true,
    title: { zh: '供货方质量保证协议过期', en: 'Supplier quality agreement expired' },
    test(a, ctx) {
      const to = dateOf(a.valid_to);
      if (!to || to >= ctx.asOf) return null;
      return {
        fields: ['valid_to'],
        zh: `质量保证协议 ${a.agreement_no ?? ''} 已于 ${to} 到期。请与供货方续签质量保证协议（医疗器械须同时约定维修条款）。`,
        en: `Quality agreement ${a.agreement_no ?? ''} expired on ${to}. Renew it with the supplier (for devices with the repair clause).`,
        params: { valid_to: to },
      };
    },
  }),
  rule({
    code: 'DEVICE_REPAIR_TERMS_MISSING',
    severity: 'error',
    source: '第三篇 三',
    section: 'aftersales',
    appliesTo: 'supplier_agreements',
    title: { zh: '医疗器械质量协议缺维修条款', en: 'Device agreement without repair clause' },
    test(a) {
      if (!a.covers_devices || !blank(a.repair_terms)) return null;
      return {
        fields: ['repair_terms'],
        zh: `质量保证协议 ${a.agreement_no ?? ''} 涵盖医疗器械，须同时约定由供货方负责的医疗器械维修条款。请填写维修条款。`,
        en: `Quality agreement ${a.agreement_no ?? ''} covers medical devices and must state the supplier's repair terms. Fill them in.`,
      };
    },
  }),
];
