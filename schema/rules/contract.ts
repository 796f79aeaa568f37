/** Contract rules (第五篇 3): a sale needs a contract, approved at its level, with the agreed terms. */
import { audited } from '../legacy';
import { APPROVAL_ROLE, CONTRACT_STATUS } from '../enums';
import { dateOf } from './dates';
import { blank, customerName, rule, type Issue } from './rule';
import type { RuleSettings } from './settings';
import type { ContractRow, Loose } from './types';

type Role = NonNullable<ContractRow['approved_role']>;

/** The approval a contract needs: the general manager from {majorContractAmount} on, else the sales VP (or the GM). */
export function requiredApproval(c: Pick<Loose<ContractRow>, 'amount'>, settings: RuleSettings): Role {
  return (c.amount ?? 0) >= settings.majorContractAmount ? 'gm' : 'sales_vp';
}

/**
 * Why a contract is not approved at its level by `by` (the sale date, or its signing date); null when it
 * is. Approved means status 已审批/已签订 with an approval role at the required level, dated (if dated)
 * on or before `by`.
 */
export function approvalProblem(c: Loose<ContractRow>, settings: RuleSettings, by: string | null): Issue | null {
  const needed = requiredApproval(c, settings);
  const levelOk = c.approved_role === 'gm' || (c.approved_role === 'sales_vp' && needed === 'sales_vp');
  const statusOk = c.status === 'approved' || c.status === 'signed';
  const at = dateOf(c.approved_at);
  const late = !!(at && by && at > by);
  if (statusOk && levelOk && !late) return null;
  const [neededZh, neededEn] = APPROVAL_ROLE.labels[needed];
  const no = c.contract_no ?? `#${c.id}`;
  const level = needed === 'gm' ? `金额 ${c.amount} 元达到重大合同标准（${settings.majorContractAmount} 元），须经${neededZh}审定` : `须经${neededZh}审核`;
  const levelEn =
    needed === 'gm' ? `at ${c.amount} it is a major contract (≥ ${settings.majorContractAmount}) and needs the ${neededEn}` : `it needs the ${neededEn}`;
  let zh: string;
  let en: string;
  if (!statusOk || !c.approved_role) {
    const [s, sEn] = c.status ? CONTRACT_STATUS.labels[c.status] : ['未审批', 'not approved'];
    zh = `购销合同 ${no} 尚未审批（状态：${s}），${level}后方可签约和销售。请提交审批。`;
    en = `Contract ${no} is not approved (status: ${sEn}); ${levelEn} before signing or selling. Submit it for approval.`;
  } else if (!levelOk) {
    zh = `购销合同 ${no} 仅经${APPROVAL_ROLE.labels[c.approved_role][0]}审批，${level}。请提交${neededZh}审定。`;
    en = `Contract ${no} was approved only by the ${APPROVAL_ROLE.labels[c.approved_role][1]}; ${levelEn}. Submit it to the ${neededEn}.`;
  } else {
    zh = `购销合同 ${no} 于 ${at} 才审批，晚于 ${by}。合同须先审批后签约、销售；请核对审批日期。`;
    en = `Contract ${no} was approved only on ${at}, after ${by}. Contracts must be approved before signing and selling; check the approval date.`;
  }
  return { fields: ['contract'], zh, en, params: { contract_no: no, required: needed } };
}

/** The terms 第五篇 3.2 requires of a contract (CONTRACT_TERMS_MISSING; the submit step and its checklist panel). */
export const TERMS = [
  { field: 'quality_terms', zh: '药品质量信息（通用名称、剂型、规格、质量标准及包装要求）', en: 'product quality information' },
  { field: 'quantity_price_terms', zh: '购货量与供货单价', en: 'quantity and unit price' },
  { field: 'delivery_terms', zh: '交货方式及交货日期', en: 'delivery method and date' },
  { field: 'payment_method', zh: '付款方式', en: 'payment method' },
  { field: 'payment_days', zh: '付款期限', en: 'payment term' },
  { field: 'after_sales_terms', zh: '质量条款及售后服务约定', en: 'quality and after-sales terms' },
] as const;

export const contractRules = [
  rule({
    code: 'CONTRACT_MISSING',
    severity: 'warning',
    source: '第二篇 3.4; 第五篇 3',
    section: 'contract',
    appliesTo: 'sales_lines',
    title: { zh: '销售无购销合同', en: 'Sale without contract' },
    test(line, ctx) {
      if (line.contract != null) return null;
      const c = line.customer != null ? ctx.customer(line.customer) : undefined;
      return {
        fields: ['contract'],
        zh: `向「${customerName(c, line.customer)}」的销售${line.order_no ? `（${line.order_no}）` : ''}未关联购销合同。销售应依法订立购销合同；请补签合同并在销售单上登记合同编号。`,
        en: `The sale to "${customerName(c, line.customer)}"${line.order_no ? ` (${line.order_no})` : ''} references no contract. Sales need a purchase contract: sign one and enter its number on the order.`,
      };
    },
  }),
  rule({
    code: 'CONTRACT_UNAPPROVED',
    severity: 'error',
    source: '第五篇 3.3',
    section: 'contract',
    appliesTo: 'sales_lines',
    title: { zh: '合同未按级别审批', en: 'Contract not approved at its level' },
    test(line, ctx) {
      const c = line.contract != null ? audited(ctx.contract(line.contract), line.legacy) : undefined;
      return c ? approvalProblem(c, ctx.settings, dateOf(line.sale_date)) : null;
    },
  }),
  rule({
    code: 'CONTRACT_UNAPPROVED',
    severity: 'error',
    source: '第五篇 3.3',
    section: 'contract',
    appliesTo: 'contracts',
    title: { zh: '合同未按级别审批', en: 'Contract not approved at its level' },
    test(c, ctx) {
      if (c.status !== 'signed') return null;
      const issue = approvalProblem(c, ctx.settings, dateOf(c.signed_at));
      return issue && { ...issue, fields: issue.fields.map((f) => (f === 'contract' ? 'approved_role' : f)) };
    },
  }),
  rule({
    code: 'CONTRACT_TERMS_MISSING',
    severity: 'warning',
    source: '第五篇 3.2',
    section: 'contract',
    appliesTo: 'contracts',
    title: { zh: '合同条款不全', en: 'Contract terms missing' },
    test(c) {
      const missing = TERMS.filter((t) => blank(c[t.field]));
      if (missing.length === 0) return null;
      return {
        fields: missing.map((t) => t.field),
        zh: `购销合同 ${c.contract_no ?? `#${c.id}`} 缺少以下条款：${missing.map((t) => t.zh).join('、')}。请补充后重新审核。`,
        en: `Contract ${c.contract_no ?? `#${c.id}`} lacks: ${missing.map((t) => t.en).join(', ')}. Add them and have it reviewed again.`,
      };
    },
  }),
];
