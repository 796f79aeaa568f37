/** Special-control drugs (含特殊药品复方制剂, 第二篇 3.9, 3.11): buyer documents, verification, arrival, no cash. */
import { usableStep } from '../legacy';
import type { RuleContext } from './context';
import { dateOf, deadlineState } from './dates';
import { blank, customerName, parts, productName, rule } from './rule';
import { splitList } from './scope';
import type { CustomerAgentRow, Id, ProductRow } from './types';

export const isSpecial = (p: ProductRow | undefined): boolean => !!p && splitList(p.special_control).length > 0;

/** Does any line of the order carry a special-control drug? */
export function orderHasSpecial(orderId: Id | null | undefined, ctx: RuleContext): boolean {
  if (orderId == null) return false;
  return ctx.orderLines(orderId).some((l) => l.product != null && isSpecial(ctx.product(l.product)));
}

interface Need {
  zh: string;
  en: string;
}

/** What one purchaser lacks (module-level functions here and below: no closures per rule call). */
function purchaserGaps(a: CustomerAgentRow, date: string): Need[] {
  return [
    ...(!a.attorney_valid_to || (dateOf(a.attorney_valid_to) ?? '') < date
      ? [{ zh: `采购人员${a.name}有效期内的法人委托书`, en: `a valid power of attorney for purchaser ${a.name}` }]
      : []),
    ...(a.id_copy !== true ? [{ zh: `采购人员${a.name}的身份证复印件`, en: `an ID copy of purchaser ${a.name}` }] : []),
    ...(blank(a.phone) ? [{ zh: `采购人员${a.name}的联系电话`, en: `purchaser ${a.name}'s phone` }] : []),
  ];
}

function needPhone(out: Need[], agents: readonly CustomerAgentRow[], role: CustomerAgentRow['role'], zh: string, en: string): void {
  if (!agents.some((a) => a.role === role && !blank(a.phone))) out.push({ zh: `${zh}联系电话`, en: `the ${en}'s phone` });
}

/** What the buyer lacks on `date` of 3.9's documents, or [] when complete. */
export function missingSpecialDocs(agents: readonly CustomerAgentRow[], date: string): Need[] {
  const purchasers = agents.filter((a) => a.role === 'purchaser');
  const best = purchasers.map((a) => purchaserGaps(a, date)).sort((x, y) => x.length - y.length)[0];
  const out: Need[] = best ?? [{ zh: '采购人员（法人委托书、身份证复印件、联系电话）', en: 'a purchaser (power of attorney, ID copy, phone)' }];
  needPhone(out, agents, 'legal_rep', '法定代表人', 'legal representative');
  needPhone(out, agents, 'responsible', '分管负责人', 'responsible person');
  return out;
}

const CHECK_ITEMS = [
  { key: 'contract_obtained', zh: '索取购销合同', en: 'contract obtained' },
  { key: 'identity_verified', zh: '核实采购人员身份', en: 'purchaser identity checked' },
  { key: 'authenticity_verified', zh: '核实购买真实性', en: 'purchase authenticity checked' },
] as const;

export const specialRules = [
  rule({
    code: 'SPECIAL_DOCS_MISSING',
    severity: 'error',
    source: '第二篇 3.9',
    section: 'special',
    appliesTo: 'sales_lines',
    title: { zh: '特药购货单位资料不全', en: 'Special-drug buyer documents missing' },
    test(line, ctx) {
      const { customer: c, product: p, date } = parts(line, ctx);
      if (!c || !isSpecial(p)) return null;
      const missing = missingSpecialDocs(ctx.customerAgents(c.id), date);
      if (missing.length === 0) return null;
      return {
        fields: ['customer'],
        zh: `销售含特殊药品复方制剂「${productName(p)}」，购货单位「${c.name}」在销售日期 ${date} 缺少：${missing.map((m) => m.zh).join('、')}。请索取并登记到购货单位人员后再销售。`,
        en: `Selling the special-control drug "${productName(p)}", the buyer "${c.name}" lacked on ${date}: ${missing.map((m) => m.en).join(', ')}. Obtain them and record them under the buyer's agents before selling.`,
      };
    },
  }),
  rule({
    code: 'SPECIAL_NOT_VERIFIED',
    severity: 'error',
    source: '第二篇 3.9',
    section: 'special',
    appliesTo: 'sales_lines',
    title: { zh: '特药开票前未核实', en: 'Special-drug sale not verified' },
    // "Before it": the verification's date is on or before the earliest invoice / outbound date. A check
    // item left empty (legacy ledgers record only the date) counts as done; only an explicit 否 fails.
    test(line, ctx) {
      const { product: p } = parts(line, ctx);
      if (!isSpecial(p)) return null;
      const docs = [...(line.outbounds ?? []).map((o) => dateOf(o.outbound_date)), ...(line.invoices ?? []).map((i) => dateOf(i.invoice_date))]
        .filter((d): d is string => d !== null)
        .sort();
      if (docs.length === 0) return null;
      const first = docs[0];
      const check = usableStep(line.special_check, line.legacy);
      const at = dateOf(check?.verified_at);
      const undone = check ? CHECK_ITEMS.filter((i) => check[i.key] === false) : [];
      if (check && at && at <= first && undone.length === 0) return null;
      const why =
        !check || !at
          ? { zh: '没有核实记录', en: 'there is no verification record' }
          : at > first
            ? { zh: `核实日期 ${at} 晚于首次开票/出库日期 ${first}`, en: `the verification on ${at} came after the first invoice / outbound on ${first}` }
            : { zh: `核实记录未完成：${undone.map((i) => i.zh).join('、')}`, en: `the verification is incomplete: ${undone.map((i) => i.en).join(', ')}` };
      return {
        fields: undone.length > 0 && at ? undone.map((i) => `special_check.${i.key}`) : ['special_check.verified_at'],
        zh: `含特殊药品复方制剂「${productName(p)}」已开票或出库，但${why.zh}。开票前须索取购销合同、核实采购人员身份和购买真实性并记录；请补做核实并如实登记核实时间。`,
        en: `The special-control drug "${productName(p)}" was invoiced or shipped but ${why.en}. Before invoicing, the contract must be obtained and the purchaser's identity and the purchase verified and recorded.`,
      };
    },
  }),
  rule({
    code: 'SPECIAL_ARRIVAL_UNCONFIRMED',
    severity: 'warning',
    source: '第二篇 3.11',
    section: 'special',
    appliesTo: 'outbound_slips',
    periodic: true,
    title: { zh: '特药到货未核实', en: 'Special-drug arrival not verified' },
    test(slip, ctx) {
      const out = dateOf(slip.outbound_date);
      if (!out || !orderHasSpecial(slip.order, ctx)) return null;
      const days = ctx.settings.specialArrivalDays;
      const state = deadlineState(out, days, slip.arrival_verified_at, ctx.asOf);
      if (state !== 'late' && state !== 'overdue') return null;
      const when = state === 'late' ? `直到 ${dateOf(slip.arrival_verified_at)} 才核实` : '至今未核实';
      return {
        fields: ['arrival_verified_at'],
        zh: `出库单 ${slip.slip_no ?? ''} 含特殊药品复方制剂，于 ${out} 出库，${days} 天内应由储运部与客户核实到货情况，但${when}。请联系客户核实到货并登记到货核实日期和核实人。`,
        en: `Outbound slip ${slip.slip_no ?? ''} with special-control drugs left on ${out}; storage & transport should have verified arrival with the customer within ${days} days, but ${state === 'late' ? `did so only on ${dateOf(slip.arrival_verified_at)}` : 'has not'}. Verify and record the date and verifier.`,
        params: { outbound_date: out, days },
      };
    },
  }),
  rule({
    code: 'SPECIAL_CASH_PAYMENT',
    severity: 'error',
    source: '《关于切实加强部分含特殊药品复方制剂销售管理的通知》（国食药监办〔2009〕503号）',
    section: 'special',
    appliesTo: 'sales_lines',
    title: { zh: '特药现金交易', en: 'Special drug paid in cash' },
    test(line, ctx) {
      const { product: p, customer: c } = parts(line, ctx);
      if (!isSpecial(p)) return null;
      const contract = line.contract != null ? ctx.contract(line.contract) : undefined;
      const fields = [
        line.payment_method === 'cash' && 'payment_method',
        contract?.payment_method === 'cash' && 'contract',
        (line.invoices ?? []).some((i) => (i.payments ?? []).some((x) => x.method === 'cash')) && 'invoices.payments',
      ].filter((f): f is string => !!f);
      if (fields.length === 0) return null;
      return {
        fields,
        zh: `含特殊药品复方制剂「${productName(p)}」销售给「${customerName(c, line.customer)}」使用现金结算。此类药品禁止现金交易；请改为银行转账等非现金方式结算并更正付款方式。`,
        en: `The special-control drug "${productName(p)}" sold to "${customerName(c, line.customer)}" is paid in cash, which is banned for these drugs. Settle by bank transfer or another non-cash method and correct the payment method.`,
      };
    },
  }),
];
