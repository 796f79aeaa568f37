/**
 * Scope categories (经营范围类别, DOMAIN.md): licence scopes, authorisation varieties and product categories
 * are compared as members of SCOPE_CATEGORIES. Free text is split on 、，,;；/ and each part matched.
 */
import { SCOPE_CATEGORIES, type ScopeCategory } from '../enums';
import { LIST_SEPARATORS } from '../text/list';
import type { CompanyLicenseRow, CustomerLicenseRow, ListValue, Loose, ProductRow } from './types';

const CATEGORY_SET: ReadonlySet<string> = new Set(SCOPE_CATEGORIES);
const DEVICE_CLASS_CATEGORY = { I: '第一类医疗器械', II: '第二类医疗器械', III: '第三类医疗器械' } as const;
export type DeviceClass = keyof typeof DEVICE_CLASS_CATEGORY;

const SYNONYMS: Record<string, ScopeCategory> = {
  蛋白同化制剂: '蛋白同化制剂/肽类激素',
  肽类激素: '蛋白同化制剂/肽类激素',
  化学制剂: '化学药制剂',
  化学药品制剂: '化学药制剂',
  化学药: '化学药制剂',
  化学原料: '化学原料药',
  抗生素: '抗生素制剂',
  生化药: '生化药品',
  生物药品: '生物制品',
  诊断试剂: '体外诊断试剂',
  中药: '中成药',
};

// The rules split the same licence scopes, letters and product lists for every sales line they check:
// the results of these pure functions are remembered per string (bounded) or per array object, and shared
// (frozen; callers only read them).
const EMPTY: readonly string[] = Object.freeze([]);
const splitByText = new Map<string, string[]>();
const splitByArray = new WeakMap<object, string[]>();
const catsByText = new Map<string, Set<ScopeCategory>>();
const catsByArray = new WeakMap<object, Set<ScopeCategory>>();
const categoryOf = new Map<string, ScopeCategory | null>();
function remember<V>(m: Map<string, V>, k: string, v: V): V {
  if (m.size >= 20_000) m.clear();
  m.set(k, v);
  return v;
}

/** A list value as its trimmed, non-empty parts. Bracketed notes are dropped, except `（含X、Y）`. */
export function splitList(value: ListValue): string[] {
  if (value == null) return EMPTY as string[];
  if (Array.isArray(value)) {
    let hit = splitByArray.get(value);
    if (!hit) splitByArray.set(value, (hit = splitText(value.join('、'))));
    return hit;
  }
  const text = String(value);
  return splitByText.get(text) ?? remember(splitByText, text, splitText(text));
}

function splitText(text: string): string[] {
  const parts = text
    .replace(/[（(]([^）)]*)[）)]/g, (_m, inner: string) => (/^\s*含/.test(inner) ? `、${inner.replace(/^\s*含/, '')}` : ''))
    .split(LIST_SEPARATORS)
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s !== '');
  return Object.freeze(parts) as string[];
}

/** One part of a scope text → its category, or null when it is not one (e.g. a product name). */
export function matchScopeCategory(token: string): ScopeCategory | null {
  const hit = categoryOf.get(token);
  return hit !== undefined ? hit : remember(categoryOf, token, matchCategory(token));
}

function matchCategory(token: string): ScopeCategory | null {
  const t = token
    .replace(/\s+/g, '')
    .replace(/(III|Ⅲ|3)(?=类)/g, '三')
    .replace(/(II|Ⅱ|2)(?=类)/g, '二')
    .replace(/(I|Ⅰ|1)(?=类)/g, '一');
  if (CATEGORY_SET.has(t)) return t as ScopeCategory;
  const device = /^第?([一二三])类(医疗器械|器械)?$/.exec(t);
  if (device) return `第${device[1]}类医疗器械` as ScopeCategory;
  return SYNONYMS[t] ?? null;
}

/** The categories named in a list value (unknown parts ignored). */
export function scopeCategories(value: ListValue): Set<ScopeCategory> {
  if (value != null && Array.isArray(value)) {
    let hit = catsByArray.get(value);
    if (!hit) catsByArray.set(value, (hit = categoriesOf(value)));
    return hit;
  }
  const text = value == null ? '' : String(value);
  return catsByText.get(text) ?? remember(catsByText, text, categoriesOf(value));
}

function categoriesOf(value: ListValue): Set<ScopeCategory> {
  const out = new Set<ScopeCategory>();
  for (const part of splitList(value)) {
    const c = matchScopeCategory(part);
    if (c) out.add(c);
  }
  return out;
}

/** A product as its classification reads it (a legacy product may lack any field). */
type ProductClass = Loose<ProductRow>;

export function isDevice(p: ProductClass): boolean {
  return p.kind === 'device' || (p.kind == null && p.device_class != null);
}

export function deviceClass(p: ProductClass): DeviceClass | null {
  if (!isDevice(p)) return null;
  if (p.device_class) return p.device_class;
  const c = p.scope_category ? matchScopeCategory(p.scope_category) : null;
  const hit = (Object.keys(DEVICE_CLASS_CATEGORY) as DeviceClass[]).find((k) => DEVICE_CLASS_CATEGORY[k] === c);
  return hit ?? null;
}

/** The product's scope category: a device's class decides (第一/二/三类医疗器械), else scope_category. */
export function productCategory(p: ProductClass): ScopeCategory | null {
  const cls = isDevice(p) ? deviceClass(p) : null;
  if (cls) return DEVICE_CLASS_CATEGORY[cls];
  return p.scope_category ? matchScopeCategory(p.scope_category) : null;
}

type LicenceKind = CustomerLicenseRow['kind'];
/**
 * Licence kinds that permit a buyer to buy the product (RULES.md BUYER_LICENSE_MISSING): drugs →
 * 药品经营许可证 or 医疗机构执业许可证; class III → 医疗器械经营许可证 or 医疗机构执业许可证; class II → those or
 * 第二类医疗器械经营备案凭证; class I → any of those or a 营业执照 (a 营业执照 alone permits only class I).
 * A device of unknown class is treated as class II.
 */
export function permittedLicenceKinds(p: ProductClass): readonly LicenceKind[] {
  if (!isDevice(p)) return ['drug_business', 'medical_institution'];
  switch (deviceClass(p)) {
    case 'III':
      return ['device_business', 'medical_institution'];
    case 'I':
      return ['device_business', 'device_filing', 'medical_institution', 'business'];
    default:
      return ['device_business', 'device_filing', 'medical_institution'];
  }
}

/**
 * Whether a licence's scope covers a category. A 医疗机构执业许可证 whose scope names no category covers
 * every category; a 第二类医疗器械经营备案凭证 always covers class II; class I needs no scope (any licence
 * that permits devices, or a 营业执照, covers it). Otherwise the category must be listed.
 */
export function licenceCovers(licence: Loose<CustomerLicenseRow> | Loose<CompanyLicenseRow>, category: ScopeCategory): boolean {
  const cats = scopeCategories(licence.scope);
  if (licence.kind === 'medical_institution' && cats.size === 0) return true;
  if (category === '第一类医疗器械' && licence.kind !== 'drug_business') return true;
  if (category === '第二类医疗器械' && licence.kind === 'device_filing') return true;
  return cats.has(category);
}
