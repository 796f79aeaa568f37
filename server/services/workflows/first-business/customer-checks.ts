/**
 * Every check of a customer's first-business review (首营审核, 第二篇 3.4): who it is, its credit code, its
 * file, its licences, its agents, the credit review by sales with finance and, for a cold-chain customer,
 * the storage review. Reuses the rule catalogue's own functions where a rule already states the check.
 */
import { isCreditCode } from '../../../../schema/checks';
import { looksLikeIndividual, type CustomerRow, type RuleContext } from '../../../../schema/rules';
import { missingSpecialDocs } from '../../../../schema/rules/special';
import { blank } from '../../../../schema/rules/rule';
import { text, type Check } from './check';
import { licenceChecks } from './licences';

export interface CustomerFacts extends CustomerRow {
  credit_code?: string | null;
  credit_limit?: number | null;
  payment_rating?: string | null;
}

const PROFILE = [
  ['region', '所在地区', 'region'],
  ['address', '地址', 'address'],
  ['contact_name', '联系人', 'contact'],
  ['contact_phone', '联系电话', 'contact phone'],
  ['legal_rep', '法定代表人', 'legal representative'],
] as const;

/** `signers`: who signed the credit reviews so far (name and role), shown with the credit check. */
export function customerChecks(c: CustomerFacts, ctx: RuleContext, signers: readonly string[] = []): Check[] {
  const checks: Check[] = [];
  const individual = c.type === 'individual' || (c.type == null && looksLikeIndividual(c.name));
  checks.push({
    key: 'legal_entity',
    label: text('合法单位（非个人）', 'A legal entity, not an individual'),
    blocking: true,
    source: '第二篇 3.1; 第五篇 2.4',
    fields: ['type'],
    ...(individual
      ? {
          status: 'fail',
          detail: text('个人（自然人、患者或最终使用者）不得作为购货单位', 'An individual (natural person, patient, end user) may not be a customer'),
        }
      : c.type == null
        ? { status: 'fail', detail: text('未登记单位类型，无法确定须审核的证照', 'No customer type recorded, so the licences it needs are unknown') }
        : { status: 'pass', detail: text('单位类型已登记', 'Customer type recorded') }),
  });
  const code = (c.credit_code ?? '').trim();
  checks.push({
    key: 'credit_code',
    label: text('统一社会信用代码', 'Unified social credit code'),
    blocking: true,
    source: 'GB 32100-2015',
    fields: ['credit_code'],
    ...(!code
      ? { status: 'fail', detail: text('未登记统一社会信用代码（见营业执照）', 'No credit code recorded (see the business licence)') }
      : isCreditCode(code)
        ? { status: 'pass', detail: text(`${code}，校验位正确`, `${code}, check digit valid`) }
        : { status: 'fail', detail: text(`${code} 校验位不正确，请对照营业执照核对`, `${code} has a wrong check digit: compare with the business licence`) }),
  });
  const missing = PROFILE.filter(([k]) => blank((c as unknown as Record<string, unknown>)[k]));
  checks.push({
    key: 'profile',
    label: text('购货者档案基本信息', 'Customer file details'),
    blocking: true,
    source: '第二篇 3.4; 第四篇 一.4',
    fields: missing.map(([k]) => k),
    ...(missing.length
      ? { status: 'fail', detail: text(`缺少：${missing.map((m) => m[1]).join('、')}`, `Missing: ${missing.map((m) => m[2]).join(', ')}`) }
      : {
          status: 'pass',
          detail: text(
            `${c.region}，${c.address}；联系人 ${c.contact_name} ${c.contact_phone}`,
            `${c.region}, ${c.address}; contact ${c.contact_name} ${c.contact_phone}`,
          ),
        }),
  });
  if (c.type && !individual) checks.push(...licenceChecks(c.type, ctx.customerLicenses(c.id), ctx));
  checks.push(agentCheck(c, ctx));
  checks.push(creditCheck(c, signers));
  checks.push(storageCheck(c));
  return checks;
}

/** 第二篇 3.9's documents (the rule SPECIAL_DOCS_MISSING states them): purchaser's power of attorney and ID copy, phones. */
function agentCheck(c: CustomerFacts, ctx: RuleContext): Check {
  const agents = ctx.customerAgents(c.id);
  const gaps = missingSpecialDocs(agents, ctx.asOf);
  const purchasers = agents.filter((a) => a.role === 'purchaser').map((a) => `${a.name}（委托书至 ${a.attorney_valid_to}）`);
  return {
    key: 'agents',
    label: text('采购人员委托书、身份证复印件及联系人', "Purchaser's power of attorney, ID copy and contacts"),
    blocking: true,
    source: '第二篇 3.9; 第五篇 2.1',
    fields: ['customer_agents'],
    ...(gaps.length
      ? { status: 'fail', detail: text(`缺少：${gaps.map((g) => g.zh).join('、')}`, `Missing: ${gaps.map((g) => g.en).join(', ')}`) }
      : {
          status: 'pass',
          detail: text(
            `采购人员 ${purchasers.join('、')}；法定代表人、分管负责人联系电话已登记`,
            `Purchaser ${purchasers.join(', ')}; legal representative and responsible person phones on file`,
          ),
        }),
  };
}

/** 第五篇 2.2, 2.3: the salesperson reviews credit and ability to pay, finance (or the head of sales) sets the limit. */
function creditCheck(c: CustomerFacts, signers: readonly string[]): Check {
  const base = {
    key: 'credit',
    label: text('商业信誉及货款支付能力审核', 'Credit and ability-to-pay review'),
    blocking: true,
    source: '第五篇 2.2, 2.3',
    fields: ['credit_reviewed_at', 'credit_limit', 'payment_rating'],
  };
  const by = signers.length ? `（签名：${signers.join('、')}）` : '';
  const byEn = signers.length ? ` (signed: ${signers.join(', ')})` : '';
  if (!c.credit_reviewed_at || blank(c.payment_rating)) {
    return { ...base, status: 'fail', detail: text('销售部尚未做信誉审核（付款能力评价）', 'Sales has not reviewed credit (payment ability) yet') };
  }
  if (c.credit_limit == null) {
    return {
      ...base,
      status: 'fail',
      detail: text(
        `付款能力评价「${c.payment_rating}」，信用额度尚待财务部或销售部负责人核定${by}`,
        `Payment ability "${c.payment_rating}"; the credit limit awaits finance or the head of sales${byEn}`,
      ),
    };
  }
  return {
    ...base,
    status: 'pass',
    detail: text(
      `${c.credit_reviewed_at} 审核：付款能力「${c.payment_rating}」，信用额度 ¥${c.credit_limit.toLocaleString('zh-CN')}${by}`,
      `Reviewed ${c.credit_reviewed_at}: payment ability "${c.payment_rating}", credit limit ¥${c.credit_limit.toLocaleString('en')}${byEn}`,
    ),
  };
}

/** 第二篇 3.5: a customer taking cold-chain goods has its storage conditions reviewed. */
function storageCheck(c: CustomerFacts): Check {
  const base = {
    key: 'storage',
    label: text('冷链储存条件审核', 'Cold-chain storage review'),
    blocking: true,
    source: '第二篇 3.5',
    fields: ['storage_reviewed_at', 'cold_chain'],
  };
  if (!c.cold_chain) return { ...base, status: 'na', detail: text('不经营冷链品种，无需审核', 'Takes no cold-chain goods: not needed') };
  return c.storage_reviewed_at
    ? { ...base, status: 'pass', detail: text(`${c.storage_reviewed_at} 已审核冷链储存条件`, `Storage reviewed on ${c.storage_reviewed_at}`) }
    : { ...base, status: 'fail', detail: text('具备冷链的客户须先审核其冷藏储存条件', 'A cold-chain customer needs its cold storage reviewed first') };
}
