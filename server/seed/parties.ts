/** Our company's licences, ~40 customers of every type with licences and agents, salespeople with letters and trainings. */
import { addDays, addMonths } from './dates';
import { creditCode, idNumber } from './ids';
import { address, CITIES, person, STAFF, type City, type Person } from './names';
import type { Rng } from './random';
import type { Writer } from './writer';
import { buyerLicenceState, createMemoryContext, type CustomerLicenseRow, type MemoryContext, type ProductRow } from '../../schema/rules';

type CustomerType = 'wholesaler' | 'retailer' | 'medical_institution' | 'device_dealer' | 'other_legal' | 'individual';

/** what a customer's story is about (see the planted list in demo.ts) */
export type CustomerTag =
  | 'pendingBuyer' // first-business review still pending
  | 'rejected' // first-business review rejected, never sold to
  | 'expiredLicence' // drug licence expired ~2.5 months ago and not renewed
  | 'attorneyExpired' // purchaser's power of attorney expired two months ago
  | 'newClinic' // approved six months ago, no credit review
  | 'storageUnreviewed' // cold-chain buyer whose storage conditions were never reviewed
  | 'noLicence' // holds only a business licence
  | 'filingOnly' // device dealer with a class II filing only
  | 'expiring30'
  | 'expiring60'
  | 'expiring90';

export interface LicenceSeed {
  kind: string;
  number: string;
  scope: string[];
  valid_from: string;
  valid_to: string | null;
}
export interface AgentSeed {
  name: string;
  role: string;
  phone: string;
  id_no?: string;
  attorney_valid_to?: string;
  id_copy?: boolean;
}

export interface CustomerSeed {
  id: number;
  name: string;
  type: CustomerType;
  city: City;
  region: string;
  qa_status: 'approved' | 'pending' | 'rejected';
  approvedAt: string | null;
  licences: LicenceSeed[];
  agents: AgentSeed[];
  coldChain: boolean;
  storageReviewed: boolean;
  servicePoint: boolean;
  /** relative order frequency */
  weight: number;
  tags: CustomerTag[];
  payer: 'prompt' | 'normal' | 'late';
}

interface CustomerSpec {
  name: string;
  type: CustomerType;
  city: keyof typeof CITIES;
  weight: number;
  prefix?: '91' | '12' | '52' | '92';
  scope?: 'narrow' | 'full';
  cold?: boolean;
  service?: boolean;
  tags?: CustomerTag[];
  payer?: 'prompt' | 'late';
}

const CUSTOMERS: CustomerSpec[] = [
  // 药品批发企业
  { name: '武汉市润泽医药有限公司', type: 'wholesaler', city: '武汉', weight: 4, cold: true, payer: 'prompt' },
  { name: '襄阳市天顺医药有限公司', type: 'wholesaler', city: '襄阳', weight: 3, cold: true },
  { name: '宜昌市国泰医药有限公司', type: 'wholesaler', city: '宜昌', weight: 2.5, cold: true, tags: ['expiring60'] },
  { name: '长沙市湘康医药有限公司', type: 'wholesaler', city: '长沙', weight: 3.5, cold: true, payer: 'prompt' },
  { name: '岳阳市恒丰医药有限公司', type: 'wholesaler', city: '岳阳', weight: 2, cold: true, payer: 'late' },
  { name: '郑州市瑞丰医药有限公司', type: 'wholesaler', city: '郑州', weight: 3.5, cold: true },
  { name: '洛阳市华康医药有限公司', type: 'wholesaler', city: '洛阳', weight: 2, cold: true },
  { name: '南昌市赣仁医药有限公司', type: 'wholesaler', city: '南昌', weight: 2.5, cold: true },
  // 药品零售企业
  { name: '武汉市长青大药房连锁有限公司', type: 'retailer', city: '武汉', weight: 3, scope: 'full', cold: true, payer: 'prompt' },
  { name: '襄阳市春晖大药房连锁有限公司', type: 'retailer', city: '襄阳', weight: 2 },
  { name: '荆州市民生大药房有限公司', type: 'retailer', city: '荆州', weight: 1.5, tags: ['expiredLicence'] },
  { name: '十堰市百姓缘大药房有限公司', type: 'retailer', city: '十堰', weight: 1.2, tags: ['expiring30'] },
  { name: '长沙市济生大药房连锁有限公司', type: 'retailer', city: '长沙', weight: 2.5, scope: 'full', cold: true },
  { name: '株洲市千金大药房有限公司', type: 'retailer', city: '株洲', weight: 1.5, tags: ['attorneyExpired'] },
  { name: '衡阳市康之源大药房有限公司', type: 'retailer', city: '衡阳', weight: 1.2, payer: 'late' },
  { name: '郑州市德仁堂大药房有限公司', type: 'retailer', city: '郑州', weight: 2, scope: 'full', cold: true },
  { name: '南阳市福康大药房有限公司', type: 'retailer', city: '南阳', weight: 1.2 },
  { name: '九江市同康大药房连锁有限公司', type: 'retailer', city: '九江', weight: 1.5, tags: ['expiring90'] },
  { name: '武汉市惠民润大药房有限公司', type: 'retailer', city: '武汉', weight: 0, tags: ['pendingBuyer'] },
  // 医疗机构
  { name: '武汉市华康医院', type: 'medical_institution', city: '武汉', weight: 3, cold: true, service: true },
  { name: '武汉市江汉区汉兴街社区卫生服务中心', type: 'medical_institution', city: '武汉', weight: 1.5, prefix: '12', service: true },
  { name: '襄阳市惠民中医医院', type: 'medical_institution', city: '襄阳', weight: 2, prefix: '12', cold: true },
  { name: '宜昌市仁和医院', type: 'medical_institution', city: '宜昌', weight: 2, cold: true, service: true },
  { name: '长沙市恒信医院', type: 'medical_institution', city: '长沙', weight: 2.5, cold: true, service: true, payer: 'late' },
  { name: '衡阳市雁城医院', type: 'medical_institution', city: '衡阳', weight: 1.5, cold: true, tags: ['storageUnreviewed'] },
  { name: '郑州市惠民健医院', type: 'medical_institution', city: '郑州', weight: 2.5, cold: true, service: true },
  { name: '洛阳市涧西区安康诊所', type: 'medical_institution', city: '洛阳', weight: 0.5, prefix: '92', tags: ['newClinic'] },
  { name: '南昌市百草医院', type: 'medical_institution', city: '南昌', weight: 2, cold: true },
  { name: '赣州市章贡区康宁门诊部', type: 'medical_institution', city: '赣州', weight: 1 },
  // 医疗器械经营企业
  { name: '武汉市康健医疗器械有限公司', type: 'device_dealer', city: '武汉', weight: 2 },
  { name: '襄阳市安信医疗器械有限公司', type: 'device_dealer', city: '襄阳', weight: 1.2 },
  { name: '长沙市华瑞医疗器械有限公司', type: 'device_dealer', city: '长沙', weight: 1.5 },
  { name: '郑州市中原医疗器械有限公司', type: 'device_dealer', city: '郑州', weight: 1.5, tags: ['filingOnly'] },
  { name: '南昌市洪都医疗器械有限公司', type: 'device_dealer', city: '南昌', weight: 1.2 },
  { name: '岳阳市巴陵医疗器械有限公司', type: 'device_dealer', city: '岳阳', weight: 0, tags: ['rejected'] },
  // 其他合法单位 (an infirmary inside holds a 医疗机构执业许可证, except the college)
  { name: '武汉市福寿康养老服务中心', type: 'other_legal', city: '武汉', weight: 0.8, prefix: '52', service: true },
  { name: '长沙市芙蓉区疾病预防控制中心', type: 'other_legal', city: '长沙', weight: 0.6, prefix: '12' },
  { name: '江西洪城机械有限公司', type: 'other_legal', city: '南昌', weight: 0.5 },
  { name: '湖北华中职业技术学院', type: 'other_legal', city: '武汉', weight: 0, prefix: '52', tags: ['noLicence'] },
  // 个人
  { name: '张建国', type: 'individual', city: '武汉', weight: 0 },
  { name: '李秀兰', type: 'individual', city: '郑州', weight: 0, tags: ['pendingBuyer'] },
];

export const COMPANY_DRUG_SCOPE = ['中成药', '化学药制剂', '抗生素制剂', '生化药品', '生物制品'];
const FULL_DRUG_SCOPE = COMPANY_DRUG_SCOPE;
const RETAIL_FULL_SCOPE = ['中药饮片', '中成药', '化学药制剂', '抗生素制剂', '生化药品', '生物制品'];
const RETAIL_NARROW_SCOPE = ['中药饮片', '中成药', '化学药制剂', '抗生素制剂'];
const DEVICE_SCOPE = ['第二类医疗器械', '第三类医疗器械'];

const year = (d: string) => Number(d.slice(0, 4));
const birth = (rng: Rng, today: string, minAge: number, maxAge: number) => addDays(`${year(today) - rng.int(minAge, maxAge)}-01-01`, rng.int(0, 364));

/** 本企业证照: the current licences, an expired predecessor, and a device licence about to expire. */
export async function seedCompanyLicences(w: Writer, rng: Rng, today: string): Promise<void> {
  const drugFrom = addDays(addMonths(today, -51), rng.int(-10, 10));
  const rows = [
    {
      kind: 'drug_business',
      number: `鄂AA027${rng.digits(4)}`,
      scope: COMPANY_DRUG_SCOPE,
      business_mode: 'wholesale',
      valid_from: addMonths(drugFrom, -60),
      valid_to: addDays(drugFrom, -1),
    },
    {
      kind: 'drug_business',
      number: `鄂AA027${rng.digits(4)}`,
      scope: COMPANY_DRUG_SCOPE,
      business_mode: 'wholesale',
      valid_from: drugFrom,
      valid_to: addDays(addMonths(drugFrom, 60), -1),
    },
    {
      kind: 'device_business',
      number: `鄂汉食药监械经营许${year(today) - 5}${rng.digits(4)}号`,
      scope: DEVICE_SCOPE,
      business_mode: 'wholesale',
      valid_from: addDays(addMonths(today, -60), 55),
      valid_to: addDays(today, 54),
    },
    {
      kind: 'device_filing',
      number: `鄂汉食药监械经营备${year(today) - 6}${rng.digits(4)}号`,
      scope: ['第二类医疗器械'],
      business_mode: 'wholesale',
      valid_from: addMonths(today, -75),
      valid_to: null,
    },
    { kind: 'business', number: creditCode(rng, '91', '420112'), scope: [], business_mode: null, valid_from: '2012-05-16', valid_to: null },
  ];
  await w.createAll('company_licenses', rows, (r) => r);
}

function licenceChain(rng: Rng, today: string, kind: string, number: () => string, scope: string[], endsOn?: string): LicenceSeed[] {
  // Five-year licences: the current one, and its expired predecessor when it was issued inside the last ~18 months.
  const validTo = endsOn ?? addDays(addMonths(today, rng.int(2, 50)), rng.int(0, 27));
  const from = addDays(addMonths(validTo, -60), 1);
  const chain: LicenceSeed[] = [{ kind, number: number(), scope, valid_from: from, valid_to: validTo }];
  if (from > addMonths(today, -20)) chain.unshift({ kind, number: number(), scope, valid_from: addMonths(from, -60), valid_to: addDays(from, -1) });
  return chain;
}

export async function seedCustomers(w: Writer, rng: Rng, today: string, usedNames: Set<string>): Promise<CustomerSeed[]> {
  const customers: CustomerSeed[] = [];
  const people = (n: number) => Array.from({ length: n }, () => person(rng, usedNames));
  const specs = CUSTOMERS.map((spec) => {
    const c = CITIES[spec.city];
    const [district, districtCode] = rng.pick(c.districts);
    const tags = spec.tags ?? [];
    const code = spec.type === 'individual' ? null : creditCode(rng, spec.prefix ?? '91', c.code);
    const lic = (kind: string): (() => string) => {
      switch (kind) {
        case 'drug_business':
          return () => `${c.abbr}${spec.type === 'wholesaler' ? 'AA' : spec.name.includes('连锁') ? 'CA' : 'DA'}${rng.digits(7)}`;
        case 'device_business':
          return () => `${c.abbr}${c.mark}食药监械经营许${rng.int(2016, 2023)}${rng.digits(4)}号`;
        case 'device_filing':
          return () => `${c.abbr}${c.mark}食药监械经营备${rng.int(2016, 2023)}${rng.digits(4)}号`;
        default:
          return () => `PDY${rng.digits(5)}${districtCode}${rng.digits(2)}${spec.type === 'other_legal' ? 'D' : 'A'}1001`;
      }
    };
    const ends = (kind: string): string | undefined => {
      if (kind === 'drug_business' || kind === 'device_business') {
        if (tags.includes('expiredLicence') && kind === 'drug_business') return addDays(today, -75);
        if (tags.includes('expiring30')) return addDays(today, 20);
        if (tags.includes('expiring60')) return addDays(today, 50);
        if (tags.includes('expiring90')) return addDays(today, 80);
      }
      return undefined;
    };
    const licences: LicenceSeed[] = [];
    const chain = (kind: string, scope: string[]) => licences.push(...licenceChain(rng, today, kind, lic(kind), scope, ends(kind)));
    switch (spec.type) {
      case 'wholesaler':
        chain('drug_business', FULL_DRUG_SCOPE);
        chain('device_business', DEVICE_SCOPE);
        break;
      case 'retailer':
        chain('drug_business', spec.scope === 'full' ? RETAIL_FULL_SCOPE : RETAIL_NARROW_SCOPE);
        chain('device_filing', ['第二类医疗器械']);
        break;
      case 'medical_institution':
        chain('medical_institution', []);
        break;
      case 'device_dealer':
        if (tags.includes('filingOnly')) chain('device_filing', ['第二类医疗器械']);
        else chain('device_business', DEVICE_SCOPE);
        break;
      case 'other_legal':
        if (!tags.includes('noLicence')) chain('medical_institution', []);
        break;
      default:
    }
    const established = addDays(`${rng.int(2003, 2018)}-01-01`, rng.int(0, 364));
    if (code && spec.prefix !== '12')
      licences.push({
        kind: 'business',
        number: code,
        scope: [],
        valid_from: established,
        valid_to: rng.chance(0.7) ? null : addDays(addMonths(established, 360), -1),
      });

    // Agents: legal representative, responsible person, purchaser (power of attorney, ID copy), receiver.
    const agents: AgentSeed[] = [];
    if (spec.type !== 'individual') {
      const [legal, resp, buyer, receiver, former] = people(5);
      const agentId = (p: Person, min = 25, max = 58) => idNumber(rng, rng.pick(c.districts)[1], birth(rng, today, min, max), p.male);
      agents.push({ name: legal.name, role: 'legal_rep', phone: rng.mobile(), id_no: rng.chance(0.5) ? agentId(legal, 35, 62) : undefined });
      agents.push({ name: resp.name, role: 'responsible', phone: rng.mobile() });
      const attorney = tags.includes('attorneyExpired') ? addDays(today, -60) : `${year(today) + rng.int(0, 1)}-12-31`;
      agents.push({
        name: buyer.name,
        role: 'purchaser',
        phone: rng.mobile(),
        id_no: agentId(buyer),
        attorney_valid_to: attorney > today || tags.includes('attorneyExpired') ? attorney : addMonths(today, 6),
        id_copy: true,
      });
      if (spec.type === 'wholesaler' || spec.type === 'medical_institution')
        agents.push({ name: receiver.name, role: 'receiver', phone: rng.mobile(), id_no: agentId(receiver), id_copy: true });
      // A purchaser who left: the power of attorney on file expired over a year ago.
      if (rng.chance(0.2))
        agents.push({
          name: former.name,
          role: 'purchaser',
          phone: rng.mobile(),
          id_no: agentId(former),
          attorney_valid_to: addDays(addMonths(today, -rng.int(13, 17)), rng.int(0, 20)),
          id_copy: rng.chance(0.5),
        });
    }

    const qa_status = tags.includes('rejected') ? 'rejected' : tags.includes('pendingBuyer') ? 'pending' : 'approved';
    const approvedAt =
      qa_status !== 'approved' ? null : tags.includes('newClinic') ? addMonths(today, -6) : addDays(addMonths(today, -rng.int(20, 60)), rng.int(0, 27));
    const purchaser = agents.find((a) => a.role === 'purchaser');
    const seed: CustomerSeed = {
      id: 0,
      name: spec.name,
      type: spec.type,
      city: c,
      region: c.province + c.city,
      qa_status,
      approvedAt,
      licences,
      agents,
      coldChain: !!spec.cold || tags.includes('storageUnreviewed'),
      storageReviewed: !!spec.cold && !tags.includes('storageUnreviewed'),
      servicePoint: !!spec.service,
      weight: spec.weight,
      tags,
      payer: spec.payer ?? 'normal',
    };
    const creditReviewed = qa_status === 'approved' && spec.type !== 'individual' && !tags.includes('newClinic');
    const limit = { wholesaler: 1_000_000, retailer: 200_000, medical_institution: 500_000, device_dealer: 300_000, other_legal: 50_000, individual: 0 }[
      spec.type
    ];
    const input = {
      name: spec.name,
      type: spec.type,
      credit_code: code,
      region: seed.region,
      address: address(rng, c, district),
      contact_name: purchaser?.name ?? (spec.type === 'individual' ? spec.name : null),
      contact_phone: purchaser?.phone ?? rng.mobile(),
      legal_rep: agents.find((a) => a.role === 'legal_rep')?.name ?? null,
      qa_status,
      qa_approved_at: approvedAt,
      qa_approved_by: approvedAt ? STAFF.qa[0] : null, // the QA user who signs first-business approvals
      // Reviewed by sales with finance when the customer was taken on, before the first sale.
      credit_reviewed_at: creditReviewed && approvedAt ? addDays(approvedAt, rng.int(2, 12)) : null,
      credit_limit: creditReviewed ? limit * rng.pick([0.5, 1, 1, 2]) : null,
      payment_rating: creditReviewed ? (seed.payer === 'late' ? '一般' : seed.payer === 'prompt' ? '优' : '良好') : null,
      storage_reviewed_at: seed.storageReviewed && approvedAt ? addDays(approvedAt, rng.int(1, 10)) : null,
      cold_chain: seed.coldChain,
      service_point: seed.servicePoint,
    };
    return { seed, input };
  });

  // One transaction for the customers, one for their licences and agents.
  (await w.createAll('customers', specs, (s) => s.input)).forEach((row, i) => {
    specs[i].seed.id = row.id;
    customers.push(specs[i].seed);
  });
  await w.createAll(
    'customer_licenses',
    customers.flatMap((c) => c.licences.map((l) => ({ c, l }))),
    ({ c, l }) => ({ customer: c.id, ...l }),
  );
  await w.createAll(
    'customer_agents',
    customers.flatMap((c) => c.agents.map((a) => ({ c, a }))),
    ({ c, a }) => ({
      customer: c.id,
      name: a.name,
      role: a.role,
      id_no: a.id_no ?? null,
      phone: a.phone,
      attorney_valid_to: a.attorney_valid_to ?? null,
      id_copy: a.id_copy ?? false,
    }),
  );
  return customers;
}

const DRUG_CATEGORIES = ['中成药', '化学药制剂', '抗生素制剂', '生化药品', '生物制品'];

/** Each customer's licences as the buyer-licence rules read them (one small in-memory context per customer). */
const licenceContexts = new WeakMap<CustomerSeed, MemoryContext>();

/**
 * The customer may lawfully buy the product on `date`: the buyer-licence rules themselves (BUYER_LICENSE_MISSING,
 * BUYER_LICENSE_EXPIRED, BUYER_OUT_OF_SCOPE: schema/rules/buyer.ts) find nothing.
 */
export function licencePermits(c: CustomerSeed, date: string, product: ProductRow): boolean {
  let ctx = licenceContexts.get(c);
  if (!ctx) {
    ctx = createMemoryContext({
      asOf: date,
      customers: [{ id: c.id, name: c.name, qa_status: c.qa_status }],
      customerLicenses: c.licences.map((l, i) => ({ ...l, id: i + 1, customer: c.id, kind: l.kind as CustomerLicenseRow['kind'] })),
    });
    licenceContexts.set(c, ctx);
  }
  ctx.add('products', product);
  const line = { customer: c.id, product: product.id, sale_date: date, salesperson: null, contract: null };
  return buyerLicenceState(line, ctx).state === 'ok';
}

// ---------------------------------------------------------------------------------------------------------
// Salespeople

export interface AuthSeed {
  document_no: string;
  varieties: string[];
  regions: string[];
  valid_from: string;
  valid_to: string;
  sealed: boolean;
}

export interface SalespersonSeed {
  id: number;
  name: string;
  male: boolean;
  contract_start: string;
  contract_end: string;
  permit_valid_to: string;
  auths: AuthSeed[];
}

/** The salesperson may sell this category to this region on `date`: employed, and a sealed, valid letter covers both. */
export function authorised(s: SalespersonSeed, date: string, region: string, province: string, category: string): boolean {
  if (date < s.contract_start || date > s.contract_end) return false;
  return s.auths.some(
    (a) =>
      a.sealed && a.valid_from <= date && a.valid_to >= date && a.varieties.includes(category) && (a.regions.includes(province) || a.regions.includes(region)),
  );
}

interface SalesSpec {
  name: string;
  male: boolean;
  regions: string[];
  varieties?: string[];
  hiredMonthsAgo?: number;
  leftMonthsAgo?: number;
  permitExpiredDaysAgo?: number;
  /** days (before today) of a gap between two letters: [start, end] */
  gap?: [number, number];
  /** an extra letter without the company seal */
  unsealed?: string[];
}

const ALL_VARIETIES = [...DRUG_CATEGORIES, '第二类医疗器械', '第三类医疗器械'];
const SALESPEOPLE: SalesSpec[] = [
  { name: '马丽', male: false, regions: ['湖北省'] },
  { name: '高刚', male: true, regions: ['湖北省', '河南省'], unsealed: ['江西省'] },
  { name: '陈勇', male: true, regions: ['湖北省武汉市'] },
  { name: '周军', male: true, regions: ['河南省'], gap: [122, 101] },
  { name: '王芳', male: false, regions: ['湖南省'], varieties: ['中成药', '化学药制剂', '生化药品', '生物制品', '第二类医疗器械'] },
  { name: '刘洋', male: true, regions: ['湖南省', '江西省'] },
  { name: '李强', male: true, regions: ['江西省', '湖北省'], permitExpiredDaysAgo: 12 },
  { name: '张伟', male: true, regions: ['湖北省', '湖南省', '河南省', '江西省'], varieties: ['第二类医疗器械', '第三类医疗器械'] },
  { name: '赵敏', male: false, regions: ['河南省', '湖北省'], leftMonthsAgo: 5 },
  { name: '孙涛', male: true, regions: ['湖北省', '湖南省'], hiredMonthsAgo: 9 },
];

export const TRAINING_TOPICS = [
  '《药品经营质量管理规范》及公司质量管理制度培训',
  '含特殊药品复方制剂销售管理培训',
  '冷链药品储存运输知识培训',
  '《医疗器械监督管理条例》及经营质量管理规范培训',
  '药品不良反应监测与报告培训',
  '药品召回管理及售后服务制度培训',
];

export async function seedSalespeople(w: Writer, rng: Rng, today: string, usedNames: Set<string>): Promise<SalespersonSeed[]> {
  const Y = year(today);
  let docSeq = rng.int(100, 300);
  const doc = (y: number) => `SQ${y}${String(docSeq++).padStart(3, '0')}`;
  const people = SALESPEOPLE.map((spec) => {
    usedNames.add(spec.name);
    const hired = spec.hiredMonthsAgo ? addMonths(today, -spec.hiredMonthsAgo) : addDays(`${rng.int(2016, 2022)}-01-01`, rng.int(0, 300));
    const contract_end = spec.leftMonthsAgo ? addMonths(today, -spec.leftMonthsAgo) : `${Y + rng.int(1, 3)}-12-31`;
    const varieties = spec.varieties ?? ALL_VARIETIES;
    // Annual letters for the last three years, cut to the employment and to any gap.
    let auths: AuthSeed[] = [Y - 2, Y - 1, Y].map((y) => ({
      document_no: doc(y),
      varieties,
      regions: spec.regions,
      valid_from: `${y}-01-01`,
      valid_to: `${y}-12-31`,
      sealed: true,
    }));
    auths = auths
      .map((a) => ({ ...a, valid_from: a.valid_from < hired ? hired : a.valid_from, valid_to: a.valid_to > contract_end ? contract_end : a.valid_to }))
      .filter((a) => a.valid_from <= a.valid_to);
    if (spec.gap) {
      const [gs, ge] = [addDays(today, -spec.gap[0]), addDays(today, -spec.gap[1])];
      auths = auths.flatMap((a) => {
        if (a.valid_to < gs || a.valid_from > ge) return [a];
        const parts: AuthSeed[] = [];
        if (a.valid_from < gs) parts.push({ ...a, valid_to: addDays(gs, -1) });
        if (a.valid_to > ge) parts.push({ ...a, document_no: a.valid_from < gs ? doc(+ge.slice(0, 4)) : a.document_no, valid_from: addDays(ge, 1) });
        return parts;
      });
    }
    if (spec.unsealed)
      auths.push({ document_no: doc(Y), varieties, regions: spec.unsealed, valid_from: addMonths(today, -6), valid_to: `${Y}-12-31`, sealed: false });
    const input = {
      name: spec.name,
      id_no: idNumber(rng, rng.pick(CITIES.武汉.districts)[1], birth(rng, today, 24, 50), spec.male),
      employee_no: `S${rng.int(1000, 9999)}`,
      phone: rng.mobile(),
      contract_start: hired,
      contract_end,
      social_insurance: true,
      permit_no: `SG${rng.digits(6)}`,
      permit_valid_to: spec.permitExpiredDaysAgo ? addDays(today, -spec.permitExpiredDaysAgo) : `${Y + rng.int(1, 2)}-06-30`,
    };
    return { spec, input, auths };
  });

  const rows = await w.createAll('salespeople', people, (p) => p.input);
  const seeds: SalespersonSeed[] = people.map((p, i) => ({
    id: rows[i].id,
    name: p.spec.name,
    male: p.spec.male,
    contract_start: p.input.contract_start,
    contract_end: p.input.contract_end,
    permit_valid_to: p.input.permit_valid_to,
    auths: p.auths,
  }));
  await w.createAll(
    'authorizations',
    seeds.flatMap((s) => s.auths.map((a) => ({ s, a }))),
    ({ s, a }) => ({ salesperson: s.id, ...a }),
  );

  // Trainings: induction on hiring, then two or three topics a year.
  const trainings = seeds.flatMap((s) => {
    const list = [
      {
        s,
        date: s.contract_start > addMonths(today, -20) ? s.contract_start : addDays(addMonths(today, -20), rng.int(0, 20)),
        topic: '新员工岗前培训（药品管理法律法规、GSP、岗位职责）',
        hours: 8,
        passed: true,
      },
    ];
    for (const topic of rng.sample(TRAINING_TOPICS, rng.int(2, 4))) {
      const date = addDays(today, -rng.int(10, 540));
      if (date >= s.contract_start && date <= s.contract_end) list.push({ s, date, topic, hours: rng.pick([2, 3, 4, 6]), passed: true });
    }
    return list;
  });
  // One failed assessment, retaken two weeks later.
  const retakeable = (t: (typeof trainings)[number]) => t.hours < 8 && addDays(t.date, 14) <= today && addDays(t.date, 14) <= t.s.contract_end;
  const failed = trainings.find((t) => t.topic === TRAINING_TOPICS[1] && retakeable(t)) ?? trainings.find(retakeable)!;
  failed.passed = false;
  trainings.push({ ...failed, date: addDays(failed.date, 14), topic: `${failed.topic}（补考）`, passed: true });
  await w.createAll('trainings', trainings, (t) => ({ salesperson: t.s.id, date: t.date, topic: t.topic, hours: t.hours, passed: t.passed }));
  return seeds;
}
