/** Buyer (购货单位) rules on a sales line: who may buy, with which licences, reviewed how. */
import { CUSTOMER_LICENSE_KIND, STORAGE } from '../enums';
import type { RuleContext } from './context';
import { dateOf, withinValidity } from './dates';
import { looksLikeIndividual } from './person-name';
import { customerName, parts, productName, rule } from './rule';
import { licenceCovers, permittedLicenceKinds, productCategory, scopeCategories } from './scope';
import type { CustomerLicenseRow, SaleLineView } from './types';

type LicenceKind = NonNullable<CustomerLicenseRow['kind']>;
const kindZh = (k: LicenceKind) => CUSTOMER_LICENSE_KIND.labels[k][0];
const kindEn = (k: LicenceKind) => CUSTOMER_LICENSE_KIND.labels[k][1];

type LicenceState =
  | { state: 'skip' | 'ok' }
  | { state: 'missing'; kinds: readonly CustomerLicenseRow['kind'][] }
  | { state: 'expired'; licence: CustomerLicenseRow; notYet: boolean }
  | { state: 'out_of_scope'; category: string; licences: CustomerLicenseRow[] };

/**
 * The buyer's licences against the product on the sale date, in RULES.md's order: missing before expired
 * before out-of-scope, so at most one of the three licence rules fires for a line.
 */
export function buyerLicenceState(line: SaleLineView, ctx: RuleContext): LicenceState {
  const p = parts(line, ctx);
  const { customer, product } = p;
  if (!customer || !product) return { state: 'skip' };
  // three rules ask in a row for the same line: answered once while its parts and the buyer's licences are the same
  const all = ctx.customerLicenses(customer.id);
  if (lastState && lastState.parts === p && lastState.all === all) return lastState.state;
  const state = licenceState(p.date, product, all);
  lastState = { parts: p, all, state };
  return state;
}
let lastState: { parts: ReturnType<typeof parts>; all: readonly CustomerLicenseRow[]; state: LicenceState } | null = null;

function licenceState(date: string, product: NonNullable<ReturnType<typeof parts>['product']>, all: readonly CustomerLicenseRow[]): LicenceState {
  const kinds = permittedLicenceKinds(product);
  const held = all.filter((l) => kinds.includes(l.kind));
  if (held.length === 0) return { state: 'missing', kinds };
  const valid = held.filter((l) => withinValidity(date, l.valid_from, l.valid_to));
  if (valid.length === 0) {
    const end = (l: CustomerLicenseRow) => dateOf(l.valid_to) ?? '';
    const expired = held.filter((l) => end(l) !== '' && end(l) < date).sort((a, b) => (end(a) < end(b) ? 1 : -1));
    return expired.length > 0 ? { state: 'expired', licence: expired[0], notYet: false } : { state: 'expired', licence: held[0], notYet: true };
  }
  const category = productCategory(product);
  if (category && !valid.some((l) => licenceCovers(l, category))) return { state: 'out_of_scope', category, licences: valid };
  return { state: 'ok' };
}

export const buyerRules = [
  rule({
    code: 'BUYER_INDIVIDUAL',
    severity: 'error',
    source: '第二篇 3.1; 第五篇 2.4',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '向个人销售', en: 'Sale to an individual' },
    test(line, ctx) {
      const { customer: c } = parts(line, ctx);
      if (!c) return null;
      const individual = c.type === 'individual' || (c.type == null && looksLikeIndividual(c.name));
      if (!individual) return null;
      return {
        fields: ['customer'],
        zh: `购货单位「${c.name}」是个人（自然人、患者或最终使用者）。本公司为批发企业，不得向个人销售；请取消该销售，或核实购货方为合法单位后更正其单位名称和单位类型。`,
        en: `The buyer "${c.name}" is an individual (a natural person, patient or end user). As a wholesaler we must not sell to individuals: cancel the sale, or confirm the buyer is a legal entity and correct its name and type.`,
      };
    },
  }),
  rule({
    code: 'BUYER_NOT_APPROVED',
    severity: 'error',
    source: '第二篇 3.4; 第四篇 一.3, 一.10',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '购货单位未通过首营审核', en: 'Buyer not approved by QA' },
    test(line, ctx) {
      const { customer: c, date } = parts(line, ctx);
      if (!c) return null;
      // An approval without a date (legacy record) counts; a dated one must be on or before the sale date.
      const approvedAt = dateOf(c.qa_approved_at);
      if (c.qa_status === 'approved' && (!approvedAt || approvedAt <= date)) return null;
      const late = c.qa_status === 'approved';
      const rejected = c.qa_status === 'rejected';
      return {
        fields: ['customer'],
        zh: late
          ? `购货单位「${c.name}」的首营审核于 ${approvedAt} 才通过，晚于销售日期 ${date}。销售前须经质管部首营审核通过；请核对销售日期或审核记录。`
          : `购货单位「${c.name}」${rejected ? '的首营审核已被驳回' : '尚未通过质管部首营审核'}，不得销售。请提交其资质证明材料，经质管部审核通过并建档后再销售。`,
        en: late
          ? `The buyer "${c.name}" was approved by QA only on ${approvedAt}, after the sale date ${date}. A buyer must pass the first-business review before any sale; check the sale date or the review record.`
          : `The buyer "${c.name}" ${rejected ? 'was rejected in' : 'has not passed'} QA's first-business review, so it may not be sold to. Submit its credentials for QA approval before selling.`,
        params: { customer: c.name ?? '', sale_date: date },
      };
    },
  }),
  rule({
    code: 'BUYER_LICENSE_MISSING',
    severity: 'error',
    source: '第五篇 2.1; 第四篇 一.3',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '购货单位无相应证照', en: 'Buyer holds no suitable licence' },
    test(line, ctx) {
      const s = buyerLicenceState(line, ctx);
      if (s.state !== 'missing') return null;
      const { customer: c, product: p } = parts(line, ctx);
      return {
        fields: ['customer'],
        zh: `购货单位「${customerName(c)}」没有可购进「${productName(p)}」的证照（须持有${s.kinds.map(kindZh).join('或')}）。请索取并登记相应证照，取得前不得销售。`,
        en: `The buyer "${customerName(c)}" holds no licence that permits buying "${productName(p)}" (it needs a ${s.kinds.map(kindEn).join(' or ')}). Obtain and record that licence; do not sell until then.`,
      };
    },
  }),
  rule({
    code: 'BUYER_LICENSE_EXPIRED',
    severity: 'error',
    source: '第五篇 2.1; 第二篇 3.4',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '购货单位证照不在有效期内', en: 'Buyer licence not valid on the sale date' },
    test(line, ctx) {
      const s = buyerLicenceState(line, ctx);
      if (s.state !== 'expired') return null;
      const { customer: c, date } = parts(line, ctx);
      const l = s.licence;
      const no = l.number ? `（${l.number}）` : '';
      return {
        fields: ['customer'],
        zh: s.notYet
          ? `购货单位「${customerName(c)}」的${kindZh(l.kind)}${no}自 ${l.valid_from} 起才生效（销售日期 ${date}）。请核对证照有效期或销售日期，证照生效前不得销售。`
          : `购货单位「${customerName(c)}」的${kindZh(l.kind)}${no}已于 ${l.valid_to} 过期（销售日期 ${date}）。请索取有效证照后更新购货单位证照。`,
        en: s.notYet
          ? `The buyer "${customerName(c)}"'s ${kindEn(l.kind)}${l.number ? ` (${l.number})` : ''} is valid only from ${l.valid_from} (sale date ${date}). Check the licence dates or the sale date.`
          : `The buyer "${customerName(c)}"'s ${kindEn(l.kind)}${l.number ? ` (${l.number})` : ''} expired on ${l.valid_to} (sale date ${date}). Obtain the renewed licence and update the buyer's licences.`,
        params: { valid_to: l.valid_to ?? '', sale_date: date },
      };
    },
  }),
  rule({
    code: 'BUYER_OUT_OF_SCOPE',
    severity: 'error',
    source: '第四篇 一.3; 《药品经营质量管理规范》第九十条',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '超出购货单位经营范围', en: "Outside the buyer's business scope" },
    test(line, ctx) {
      const s = buyerLicenceState(line, ctx);
      if (s.state !== 'out_of_scope') return null;
      const { customer: c, product: p } = parts(line, ctx);
      const scope = [...new Set(s.licences.flatMap((l) => [...scopeCategories(l.scope)]))].join('、') || '未登记';
      return {
        fields: ['customer', 'product'],
        zh: `「${productName(p)}」属于${s.category}，不在购货单位「${customerName(c)}」有效证照的经营范围内（经营范围：${scope}）。超范围不得销售；如其经营范围已变更，请索取新证照并更新。`,
        en: `"${productName(p)}" (${s.category}) is outside the business scope of the buyer "${customerName(c)}"'s valid licences (scope: ${scope === '未登记' ? 'not recorded' : scope}). Do not sell outside its scope; if the scope has changed, record the new licence.`,
        params: { category: s.category },
      };
    },
  }),
  rule({
    code: 'BUYER_CREDIT_UNREVIEWED',
    severity: 'warning',
    source: '第五篇 2.2, 2.3',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '购货单位未做信誉审核', en: 'Buyer credit not reviewed' },
    test(line, ctx) {
      const { customer: c, date } = parts(line, ctx);
      const reviewed = dateOf(c?.credit_reviewed_at);
      if (!c || (reviewed && reviewed <= date)) return null;
      return {
        fields: ['customer'],
        zh: `购货单位「${c.name}」在销售日期 ${date} 前没有商业信誉和货款支付能力审核记录。请销售部会同财务部完成信誉审核，并登记信誉审核日期。`,
        en: `The buyer "${c.name}" had no review of its commercial credit and ability to pay by the sale date ${date}. Sales and finance should review it and record the review date.`,
      };
    },
  }),
  rule({
    code: 'BUYER_STORAGE_UNREVIEWED',
    severity: 'error',
    source: '第二篇 3.5「一律不得供货」',
    section: 'buyer',
    appliesTo: 'sales_lines',
    title: { zh: '冷链品种购货单位储存条件未审核', en: 'Cold-chain buyer storage not reviewed' },
    test(line, ctx) {
      const { customer: c, product: p, date } = parts(line, ctx);
      if (!c || !p || (p.storage !== 'cold' && p.storage !== 'frozen')) return null;
      const reviewed = dateOf(c.storage_reviewed_at);
      if (reviewed && reviewed <= date) return null;
      const [zh, en] = STORAGE.labels[p.storage];
      return {
        fields: ['customer', 'product'],
        zh: `「${productName(p)}」须${zh}储存，但购货单位「${c.name}」的储存条件未经审核。请储运部审核其冷链储存条件并登记储存条件审核日期，不符合要求的不得供货。`,
        en: `"${productName(p)}" must be stored ${en.toLowerCase()}, but the storage conditions of the buyer "${c.name}" were never reviewed. Warehouse staff should review its cold-chain storage and record the review date.`,
      };
    },
  }),
];
