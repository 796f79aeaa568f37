/** Seller and salesperson rules on a sales line: our own scope, the salesperson's letter, contract, permit. */
import type { ScopeCategory } from '../enums';
import { withinValidity } from './dates';
import { blank, customerName, parts, personName, productName, rule } from './rule';
import { licenceCovers, matchScopeCategory, productCategory, scopeCategories, splitList } from './scope';
import type { AuthorizationRow, ProductRow } from './types';

// Module-level rather than a closure in test(): the dev loader (tsx) keeps function names with a helper
// call per closure created, which at an import's millions of rule calls is measurable.
function unauthorised(zh: string, en: string) {
  return {
    fields: ['salesperson'],
    zh: `${zh}请办理加盖本企业公章和法定代表人印章、载明身份证号及授权品种、地域、期限的授权书后再销售。`,
    en: `${en} Issue a sealed authorisation letter stating the ID number, varieties, regions and period before selling.`,
  };
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
/** `湖北省武汉市` → `湖北武汉`: regions compare without their administrative suffixes. */
const regionKeys = new Map<string, string>();
const regionKey = (s: string) => {
  let k = regionKeys.get(s);
  if (k === undefined) {
    if (regionKeys.size >= 20_000) regionKeys.clear();
    regionKeys.set(s, (k = norm(s).replace(/特别行政区|自治区|壮族|回族|维吾尔|省|市/g, '')));
  }
  return k;
};

/** The letter's varieties name the product's scope category, or the product itself by name. */
export function authorizationCoversProduct(a: AuthorizationRow, p: ProductRow, category: ScopeCategory | null): boolean {
  return splitList(a.varieties).some((token) => {
    const c = matchScopeCategory(token);
    if (c) return c === category;
    return token === norm(p.generic_name) || (!!p.trade_name && token === norm(p.trade_name));
  });
}

/** The letter's regions (province, or province + city; `全国` = everywhere) contain the buyer's region. */
export function authorizationCoversRegion(a: AuthorizationRow, region: string): boolean {
  const buyer = regionKey(region);
  return splitList(a.regions).some((token) => token === '全国' || (regionKey(token) !== '' && buyer.includes(regionKey(token))));
}

export const sellerRules = [
  rule({
    code: 'COMPANY_OUT_OF_SCOPE',
    severity: 'error',
    source: '第二篇 3.1',
    section: 'seller',
    appliesTo: 'sales_lines',
    title: { zh: '超出本企业经营范围', en: 'Outside our own business scope' },
    test(line, ctx) {
      const { product: p, date } = parts(line, ctx);
      const category = p && productCategory(p);
      if (!p || !category) return null;
      const valid = ctx.companyLicenses().filter((l) => withinValidity(date, l.valid_from, l.valid_to));
      if (valid.some((l) => licenceCovers(l, category))) return null;
      const scope = [...new Set(valid.flatMap((l) => [...scopeCategories(l.scope)]))].join('、') || '无';
      return {
        fields: ['product'],
        zh: `「${productName(p)}」属于${category}，不在本企业 ${date} 有效证照的经营范围内（${scope}）。本企业只能按批准的经营范围销售；请停止销售该品种，或先办理经营范围变更并更新本企业证照。`,
        en: `"${productName(p)}" (${category}) is outside the scope of our own licences valid on ${date} (${scope === '无' ? 'none' : scope}). We may only sell within our approved scope: stop selling it, or extend the scope and update our licences first.`,
        params: { category },
      };
    },
  }),
  rule({
    code: 'SALESPERSON_UNAUTHORIZED',
    severity: 'error',
    source: '第二篇 3.6.4; 第四篇 一.2',
    section: 'seller',
    appliesTo: 'sales_lines',
    title: { zh: '销售人员无有效授权', en: 'Salesperson not authorised' },
    test(line, ctx) {
      const { salesperson: s, product: p, customer: c, date } = parts(line, ctx);
      const who = personName(s, line.salesperson);
      const issue = unauthorised;
      if (line.salesperson == null) return issue('该销售未登记销售人员。', 'The sale names no salesperson.');
      if (!s || !p) return null;
      if (blank(s.id_no)) {
        return issue(
          `销售人员「${who}」未登记身份证号，授权书无法注明身份证号，不视为有效授权。`,
          `Salesperson "${who}" has no ID number on file, so no letter can state it.`,
        );
      }
      const letters = ctx.authorizations(s.id);
      const current = letters.filter((a) => withinValidity(date, a.valid_from, a.valid_to));
      if (current.length === 0) {
        return issue(
          letters.length === 0 ? `销售人员「${who}」没有授权书。` : `销售人员「${who}」在销售日期 ${date} 没有有效期内的授权书。`,
          letters.length === 0 ? `Salesperson "${who}" has no authorisation letter.` : `Salesperson "${who}" had no authorisation letter valid on ${date}.`,
        );
      }
      const sealed = current.filter((a) => a.sealed === true);
      if (sealed.length === 0) {
        return issue(
          `销售人员「${who}」的授权书未加盖公章及法定代表人印章，不视为有效授权。`,
          `Salesperson "${who}"'s letter is not sealed, so it does not count.`,
        );
      }
      const category = productCategory(p);
      const forProduct = sealed.filter((a) => authorizationCoversProduct(a, p, category));
      if (forProduct.length === 0) {
        return issue(
          `销售人员「${who}」的授权品种不包括「${productName(p)}」（${category ?? '未知类别'}）。`,
          `Salesperson "${who}"'s letter does not cover "${productName(p)}" (${category ?? 'unknown category'}).`,
        );
      }
      // A buyer without a recorded region (an unknown buyer from an import) cannot be placed; other rules flag it.
      if (!c || blank(c.region) || forProduct.some((a) => authorizationCoversRegion(a, c.region!))) return null;
      return issue(
        `销售人员「${who}」的授权地域不包括购货单位「${customerName(c)}」所在地区（${c.region}）。`,
        `Salesperson "${who}"'s letter does not cover the region of the buyer "${customerName(c)}" (${c.region}).`,
      );
    },
  }),
  rule({
    code: 'SALESPERSON_NOT_EMPLOYED',
    severity: 'warning',
    source: '第二篇 3.3',
    section: 'seller',
    appliesTo: 'sales_lines',
    title: { zh: '销售人员无劳动合同', en: 'Salesperson without labour contract' },
    test(line, ctx) {
      const { salesperson: s, date } = parts(line, ctx);
      if (!s) return null;
      const none = blank(s.contract_start) && blank(s.contract_end);
      if (!none && withinValidity(date, s.contract_start, s.contract_end)) return null;
      return {
        fields: ['salesperson'],
        zh: none
          ? `销售人员「${s.name}」没有劳动合同记录。所有销售人员均须与公司签订劳动合同；请登记劳动合同起止日期。`
          : `销售人员「${s.name}」的劳动合同（${s.contract_start ?? '…'} 至 ${s.contract_end ?? '…'}）不覆盖销售日期 ${date}。请续签劳动合同并更新起止日期。`,
        en: none
          ? `Salesperson "${s.name}" has no labour contract on file. Every salesperson must have one; record its dates.`
          : `Salesperson "${s.name}"'s labour contract (${s.contract_start ?? '…'} to ${s.contract_end ?? '…'}) does not cover the sale date ${date}. Renew it and update the dates.`,
      };
    },
  }),
  rule({
    code: 'SALESPERSON_UNCERTIFIED',
    severity: 'warning',
    source: '第二篇 3.12; 第四篇 一.1',
    section: 'seller',
    appliesTo: 'sales_lines',
    title: { zh: '销售人员无有效上岗证', en: 'Salesperson without valid permit' },
    test(line, ctx) {
      const { salesperson: s, date } = parts(line, ctx);
      if (!s) return null;
      if (!blank(s.permit_no) && withinValidity(date, null, s.permit_valid_to)) return null;
      const none = blank(s.permit_no);
      return {
        fields: ['salesperson'],
        zh: none
          ? `销售人员「${s.name}」没有上岗证。销售人员须经培训合格、取得上岗证后方可销售；请登记上岗证号及有效期。`
          : `销售人员「${s.name}」的上岗证（${s.permit_no}）已于 ${s.permit_valid_to} 到期（销售日期 ${date}）。请安排复训换证并更新有效期。`,
        en: none
          ? `Salesperson "${s.name}" has no sales permit. Salespeople need training and a permit before selling; record the permit number and expiry.`
          : `Salesperson "${s.name}"'s permit (${s.permit_no}) expired on ${s.permit_valid_to} (sale date ${date}). Renew it and update the expiry.`,
      };
    },
  }),
];
