/** The product catalogue (drugs of several scope categories, special-control drugs, class II/III devices) and its batches. */
import { addDays, addMonths, compact } from './dates';
import type { Rng } from './random';
import type { Writer } from './writer';

/** which kinds of buyer order a product, and how much of it (per line, for a mid-sized buyer) */
export type BuyerGroup = 'wholesaler' | 'retailer' | 'medical_institution' | 'device_dealer' | 'other_legal' | 'individual';

export interface ProductSeed {
  key: string;
  kind: 'drug' | 'device';
  generic_name: string;
  trade_name?: string;
  dosage_form?: string;
  spec: string;
  unit: string;
  manufacturer: string;
  manufacturer_license?: string;
  approval_no: string;
  scope_category: string;
  device_class?: 'II' | 'III';
  special_control?: string[];
  storage: 'normal' | 'cool' | 'cold';
  sterile_single_use?: boolean;
  imported?: boolean;
  price_cap: number;
  qa_status: 'approved' | 'pending' | 'rejected';
  /** typical quantity per line */
  qty: number;
  /** shelf life in months; 0 = no expiry (durable devices) */
  shelf: number;
  /** relative order frequency per buyer group (absent = never ordered by that group) */
  buyers: Partial<Record<BuyerGroup, number>>;
  /** winter products sell more from November to March */
  winter?: boolean;
  // filled on write
  id?: number;
  price_min?: number;
  price_max?: number;
  batches?: BatchSeed[];
}

export interface BatchSeed {
  id: number;
  product: ProductSeed;
  batch_no: string;
  production_date: string;
  expiry_date: string | null;
  status: 'qualified' | 'quarantined' | 'nonconforming' | 'recalled';
  /** a recalled batch may be sold (legitimately) only before this date */
  recallFrom?: string;
}

const W = 'wholesaler',
  R = 'retailer',
  M = 'medical_institution',
  D = 'device_dealer',
  O = 'other_legal';
const drugs = (w: number, r: number, m: number, o = 0.5) => ({ [W]: w, [R]: r, [M]: m, [O]: o });

export const CATALOGUE: ProductSeed[] = [
  {
    key: 'amox',
    kind: 'drug',
    generic_name: '阿莫西林胶囊',
    dosage_form: '胶囊剂',
    spec: '0.25g×24粒',
    unit: '盒',
    manufacturer: '华北制药股份有限公司',
    approval_no: '国药准字H13023964',
    scope_category: '抗生素制剂',
    storage: 'normal',
    price_cap: 18,
    qa_status: 'approved',
    qty: 60,
    shelf: 24,
    buyers: drugs(3, 3, 2),
  },
  {
    key: 'cefixime',
    kind: 'drug',
    generic_name: '头孢克肟分散片',
    dosage_form: '片剂',
    spec: '0.1g×6片',
    unit: '盒',
    manufacturer: '广州白云山制药股份有限公司',
    approval_no: '国药准字H20030678',
    scope_category: '抗生素制剂',
    storage: 'normal',
    price_cap: 32,
    qa_status: 'approved',
    qty: 40,
    shelf: 24,
    buyers: drugs(2, 2, 2),
  },
  {
    key: 'ceftriaxone',
    kind: 'drug',
    generic_name: '注射用头孢曲松钠',
    trade_name: '罗氏芬',
    dosage_form: '注射剂',
    spec: '1.0g',
    unit: '瓶',
    manufacturer: '上海罗氏制药有限公司',
    approval_no: '国药准字H10983036',
    scope_category: '抗生素制剂',
    storage: 'normal',
    price_cap: 48,
    qa_status: 'approved',
    qty: 100,
    shelf: 36,
    buyers: { [W]: 1, [M]: 3 },
  },
  {
    key: 'levo',
    kind: 'drug',
    generic_name: '盐酸左氧氟沙星片',
    trade_name: '可乐必妥',
    dosage_form: '片剂',
    spec: '0.5g×4片',
    unit: '盒',
    manufacturer: '第一三共制药(北京)有限公司',
    approval_no: '国药准字H20000655',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 38,
    qa_status: 'approved',
    qty: 30,
    shelf: 36,
    buyers: drugs(2, 2, 2),
  },
  {
    key: 'ibuprofen',
    kind: 'drug',
    generic_name: '布洛芬缓释胶囊',
    trade_name: '芬必得',
    dosage_form: '胶囊剂',
    spec: '0.3g×20粒',
    unit: '盒',
    manufacturer: '中美天津史克制药有限公司',
    approval_no: '国药准字H10900089',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 26,
    qa_status: 'approved',
    qty: 50,
    shelf: 36,
    buyers: drugs(3, 4, 1, 1),
  },
  {
    key: 'nifedipine',
    kind: 'drug',
    generic_name: '硝苯地平控释片',
    trade_name: '拜新同',
    dosage_form: '片剂',
    spec: '30mg×7片',
    unit: '盒',
    manufacturer: '拜耳医药保健有限公司',
    approval_no: '国药准字J20100101',
    scope_category: '化学药制剂',
    storage: 'normal',
    imported: true,
    price_cap: 40,
    qa_status: 'approved',
    qty: 40,
    shelf: 36,
    buyers: drugs(2, 3, 2),
  },
  {
    key: 'metformin',
    kind: 'drug',
    generic_name: '盐酸二甲双胍片',
    trade_name: '格华止',
    dosage_form: '片剂',
    spec: '0.5g×48片',
    unit: '盒',
    manufacturer: '中美上海施贵宝制药有限公司',
    approval_no: '国药准字H20023370',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 30,
    qa_status: 'approved',
    qty: 40,
    shelf: 36,
    buyers: drugs(2, 3, 2),
  },
  {
    key: 'atorva',
    kind: 'drug',
    generic_name: '阿托伐他汀钙片',
    trade_name: '立普妥',
    dosage_form: '片剂',
    spec: '20mg×7片',
    unit: '盒',
    manufacturer: '辉瑞制药有限公司',
    approval_no: '国药准字H20051408',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 60,
    qa_status: 'approved',
    qty: 30,
    shelf: 36,
    buyers: drugs(2, 2, 2),
  },
  {
    key: 'amlodipine',
    kind: 'drug',
    generic_name: '苯磺酸氨氯地平片',
    trade_name: '络活喜',
    dosage_form: '片剂',
    spec: '5mg×7片',
    unit: '盒',
    manufacturer: '辉瑞制药有限公司',
    approval_no: '国药准字H10950224',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 35,
    qa_status: 'approved',
    qty: 40,
    shelf: 36,
    buyers: drugs(2, 3, 2),
  },
  {
    key: 'omeprazole',
    kind: 'drug',
    generic_name: '奥美拉唑肠溶胶囊',
    dosage_form: '胶囊剂',
    spec: '20mg×14粒',
    unit: '盒',
    manufacturer: '常州四药制药有限公司',
    approval_no: '国药准字H20065285',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 25,
    qa_status: 'pending',
    qty: 30,
    shelf: 24,
    buyers: {},
  },
  {
    key: 'saline',
    kind: 'drug',
    generic_name: '氯化钠注射液',
    dosage_form: '注射剂',
    spec: '250ml:2.25g',
    unit: '瓶',
    manufacturer: '四川科伦药业股份有限公司',
    approval_no: '国药准字H51021157',
    scope_category: '化学药制剂',
    storage: 'normal',
    price_cap: 5.5,
    qa_status: 'approved',
    qty: 300,
    shelf: 36,
    buyers: { [W]: 1, [M]: 3, [O]: 0.5 },
  },
  {
    key: 'lianhua',
    kind: 'drug',
    generic_name: '连花清瘟胶囊',
    dosage_form: '胶囊剂',
    spec: '0.35g×24粒',
    unit: '盒',
    manufacturer: '石家庄以岭药业股份有限公司',
    approval_no: '国药准字Z20040063',
    scope_category: '中成药',
    storage: 'normal',
    price_cap: 28,
    qa_status: 'approved',
    qty: 60,
    shelf: 24,
    buyers: drugs(3, 4, 2, 1),
    winter: true,
  },
  {
    key: 'banlangen',
    kind: 'drug',
    generic_name: '板蓝根颗粒',
    dosage_form: '颗粒剂',
    spec: '10g×20袋',
    unit: '包',
    manufacturer: '广州白云山和记黄埔中药有限公司',
    approval_no: '国药准字Z44021905',
    scope_category: '中成药',
    storage: 'normal',
    price_cap: 22,
    qa_status: 'approved',
    qty: 60,
    shelf: 24,
    buyers: drugs(2, 3, 1, 1),
    winter: true,
  },
  {
    key: 'danshen',
    kind: 'drug',
    generic_name: '复方丹参滴丸',
    dosage_form: '滴丸剂',
    spec: '27mg×180丸',
    unit: '瓶',
    manufacturer: '天士力医药集团股份有限公司',
    approval_no: '国药准字Z10950111',
    scope_category: '中成药',
    storage: 'normal',
    price_cap: 55,
    qa_status: 'approved',
    qty: 30,
    shelf: 36,
    buyers: drugs(2, 2, 2),
  },
  {
    key: 'liuwei',
    kind: 'drug',
    generic_name: '六味地黄丸',
    dosage_form: '浓缩丸',
    spec: '200丸',
    unit: '瓶',
    manufacturer: '九芝堂股份有限公司',
    approval_no: '国药准字Z43020145',
    scope_category: '中成药',
    storage: 'normal',
    price_cap: 30,
    qa_status: 'approved',
    qty: 40,
    shelf: 36,
    buyers: drugs(2, 3, 0.5),
  },
  {
    key: 'shuanghuanglian',
    kind: 'drug',
    generic_name: '双黄连口服液',
    dosage_form: '合剂',
    spec: '10ml×10支',
    unit: '盒',
    manufacturer: '哈药集团三精制药有限公司',
    approval_no: '国药准字Z23020792',
    scope_category: '中成药',
    storage: 'cool',
    price_cap: 25,
    qa_status: 'approved',
    qty: 50,
    shelf: 24,
    buyers: drugs(2, 2, 1),
    winter: true,
  },
  {
    key: 'pancreatin',
    kind: 'drug',
    generic_name: '胰酶肠溶胶囊',
    trade_name: '得每通',
    dosage_form: '胶囊剂',
    spec: '0.15g×20粒',
    unit: '盒',
    manufacturer: '常州千红生化制药股份有限公司',
    approval_no: '国药准字H20133307',
    scope_category: '生化药品',
    storage: 'cool',
    price_cap: 46,
    qa_status: 'approved',
    qty: 20,
    shelf: 24,
    buyers: drugs(1, 1, 1.5),
  },
  {
    key: 'albumin',
    kind: 'drug',
    generic_name: '人血白蛋白',
    dosage_form: '注射剂',
    spec: '10g(20%,50ml)',
    unit: '瓶',
    manufacturer: '华兰生物工程股份有限公司',
    approval_no: '国药准字S10970069',
    scope_category: '生物制品',
    storage: 'cold',
    price_cap: 480,
    qa_status: 'approved',
    qty: 10,
    shelf: 36,
    buyers: { [W]: 1, [M]: 2 },
  },
  {
    key: 'insulin',
    kind: 'drug',
    generic_name: '重组人胰岛素注射液',
    dosage_form: '注射剂',
    spec: '3ml:300单位',
    unit: '支',
    manufacturer: '通化东宝药业股份有限公司',
    approval_no: '国药准字S19991009',
    scope_category: '生物制品',
    storage: 'cold',
    price_cap: 68,
    qa_status: 'approved',
    qty: 20,
    shelf: 30,
    buyers: { [W]: 1, [R]: 0.6, [M]: 2 },
  },
  {
    key: 'hepb',
    kind: 'drug',
    generic_name: '乙型肝炎疫苗(酿酒酵母)',
    dosage_form: '注射剂',
    spec: '0.5ml:10μg',
    unit: '支',
    manufacturer: '深圳康泰生物制品股份有限公司',
    approval_no: '国药准字S10970058',
    scope_category: '疫苗',
    storage: 'cold',
    price_cap: 58,
    qa_status: 'rejected',
    qty: 20,
    shelf: 36,
    buyers: {},
  },
  {
    key: 'gancao',
    kind: 'drug',
    generic_name: '复方甘草片',
    dosage_form: '片剂',
    spec: '100片',
    unit: '瓶',
    manufacturer: '山西云鹏制药有限公司',
    approval_no: '国药准字H14021593',
    scope_category: '化学药制剂',
    special_control: ['other'],
    storage: 'normal',
    price_cap: 9,
    qa_status: 'approved',
    qty: 20,
    shelf: 36,
    buyers: { [W]: 0.8, [R]: 0.6, [M]: 0.6 },
  },
  {
    key: 'contac',
    kind: 'drug',
    generic_name: '复方盐酸伪麻黄碱缓释胶囊',
    trade_name: '新康泰克',
    dosage_form: '胶囊剂',
    spec: '10粒',
    unit: '盒',
    manufacturer: '中美天津史克制药有限公司',
    approval_no: '国药准字H10940183',
    scope_category: '化学药制剂',
    special_control: ['ephedrine'],
    storage: 'normal',
    price_cap: 24,
    qa_status: 'approved',
    qty: 30,
    shelf: 36,
    buyers: { [W]: 1, [R]: 1.2 },
    winter: true,
  },
  {
    key: 'tylenol',
    kind: 'drug',
    generic_name: '氨酚伪麻美芬片',
    trade_name: '日夜百服咛',
    dosage_form: '片剂',
    spec: '12片',
    unit: '盒',
    manufacturer: '上海强生制药有限公司',
    approval_no: '国药准字H10940155',
    scope_category: '化学药制剂',
    special_control: ['ephedrine'],
    storage: 'normal',
    price_cap: 20,
    qa_status: 'approved',
    qty: 30,
    shelf: 36,
    buyers: { [W]: 0.8, [R]: 1 },
    winter: true,
  },
  {
    key: 'codeine',
    kind: 'drug',
    generic_name: '复方磷酸可待因口服溶液',
    dosage_form: '口服溶液剂',
    spec: '100ml',
    unit: '瓶',
    manufacturer: '北京韩美药品有限公司',
    approval_no: '国药准字H20044574',
    scope_category: '化学药制剂',
    special_control: ['codeine'],
    storage: 'normal',
    price_cap: 36,
    qa_status: 'approved',
    qty: 20,
    shelf: 24,
    buyers: { [W]: 0.6, [M]: 0.6 },
  },
  {
    key: 'syringe',
    kind: 'device',
    generic_name: '一次性使用无菌注射器 带针',
    spec: '5ml',
    unit: '支',
    manufacturer: '山东威高集团医用高分子制品股份有限公司',
    manufacturer_license: '鲁食药监械生产许20010012号',
    approval_no: '国械注准20153151240',
    scope_category: '第三类医疗器械',
    device_class: 'III',
    storage: 'normal',
    sterile_single_use: true,
    price_cap: 1.2,
    qa_status: 'approved',
    qty: 2000,
    shelf: 36,
    buyers: { [W]: 1, [M]: 3, [D]: 3, [O]: 1 },
  },
  {
    key: 'infusion',
    kind: 'device',
    generic_name: '一次性使用输液器 带针',
    spec: '0.7mm',
    unit: '套',
    manufacturer: '山东威高集团医用高分子制品股份有限公司',
    manufacturer_license: '鲁食药监械生产许20010012号',
    approval_no: '国械注准20153140787',
    scope_category: '第三类医疗器械',
    device_class: 'III',
    storage: 'normal',
    sterile_single_use: true,
    price_cap: 3.5,
    qa_status: 'approved',
    qty: 1000,
    shelf: 36,
    buyers: { [W]: 1, [M]: 3, [D]: 3 },
  },
  {
    key: 'ivcath',
    kind: 'device',
    generic_name: '一次性使用静脉留置针',
    spec: '22G',
    unit: '支',
    manufacturer: '江西洪达医疗器械集团有限公司',
    manufacturer_license: '赣食药监械生产许20000003号',
    approval_no: '国械注准20163150789',
    scope_category: '第三类医疗器械',
    device_class: 'III',
    storage: 'normal',
    sterile_single_use: true,
    price_cap: 18,
    qa_status: 'approved',
    qty: 300,
    shelf: 36,
    buyers: { [M]: 2, [D]: 2 },
  },
  {
    key: 'mask',
    kind: 'device',
    generic_name: '医用外科口罩',
    spec: '17.5cm×9.5cm 10只/袋',
    unit: '袋',
    manufacturer: '河南飘安集团有限公司',
    manufacturer_license: '豫食药监械生产许20150021号',
    approval_no: '豫械注准20202145665',
    scope_category: '第二类医疗器械',
    device_class: 'II',
    storage: 'normal',
    price_cap: 12,
    qa_status: 'approved',
    qty: 200,
    shelf: 24,
    buyers: { [W]: 1, [R]: 2, [M]: 2, [D]: 2, [O]: 1 },
    winter: true,
  },
  {
    key: 'bp',
    kind: 'device',
    generic_name: '电子血压计',
    spec: 'YE660D',
    unit: '台',
    manufacturer: '江苏鱼跃医疗设备股份有限公司',
    manufacturer_license: '苏食药监械生产许20010020号',
    approval_no: '苏械注准20172202774',
    scope_category: '第二类医疗器械',
    device_class: 'II',
    storage: 'normal',
    price_cap: 260,
    qa_status: 'approved',
    qty: 10,
    shelf: 0,
    buyers: { [R]: 2, [M]: 0.5, [D]: 2 },
  },
  {
    key: 'thermo',
    kind: 'device',
    generic_name: '医用电子体温计',
    spec: 'MC-246',
    unit: '支',
    manufacturer: '欧姆龙(大连)有限公司',
    manufacturer_license: '辽食药监械生产许20000113号',
    approval_no: '辽械注准20162200123',
    scope_category: '第二类医疗器械',
    device_class: 'II',
    storage: 'normal',
    price_cap: 45,
    qa_status: 'approved',
    qty: 20,
    shelf: 0,
    buyers: { [R]: 2, [M]: 1, [D]: 2, [O]: 0.5 },
  },
  {
    key: 'glucose',
    kind: 'device',
    generic_name: '血糖试纸(葡萄糖氧化酶法)',
    spec: '50片/盒',
    unit: '盒',
    manufacturer: '三诺生物传感股份有限公司',
    manufacturer_license: '湘食药监械生产许20100033号',
    approval_no: '湘械注准20162400231',
    scope_category: '第二类医疗器械',
    device_class: 'II',
    storage: 'normal',
    price_cap: 130,
    qa_status: 'approved',
    qty: 20,
    shelf: 18,
    buyers: { [R]: 2, [M]: 1, [D]: 2 },
  },
];

export interface ProductSet {
  products: ProductSeed[];
  byKey: Record<string, ProductSeed>;
  /** the batches with a story: two recalls, a nonconforming and a quarantined one, one that runs out */
  recalledIbuprofen: BatchSeed;
  recalledInfusion: BatchSeed;
  nonconforming: BatchSeed;
  quarantined: BatchSeed;
  expiring: BatchSeed;
}

/** Product records and the batches that were on hand over the last ~3 years. */
export async function seedProducts(w: Writer, rng: Rng, today: string): Promise<ProductSet> {
  const products = CATALOGUE.map((p) => ({ ...p, buyers: { ...p.buyers } }));
  const byKey = Object.fromEntries(products.map((p) => [p.key, p]));
  saleableCache.clear();
  await w.tx(async () => {
    for (const p of products) {
      // The sales head's range: roughly half the cap up to 90 % of it (as in the samples).
      p.price_min = Math.round(p.price_cap * 50) / 100;
      p.price_max = Math.round(p.price_cap * 90) / 100;
      const { key: _k, qty: _q, shelf: _s, buyers: _b, winter: _w, batches: _bt, id: _id, ...fields } = p;
      p.id = (await w.create('products', { ...fields, sterile_single_use: !!p.sterile_single_use, imported: !!p.imported })).id;
    }
  });

  // Quality stories told by particular production runs (product key : months before today).
  const stories: Record<string, Pick<BatchSeed, 'status' | 'recallFrom'>> = {
    'ibuprofen:-15': { status: 'recalled', recallFrom: addDays(today, -100) }, // manufacturer's recall, still open
    'infusion:-21': { status: 'recalled', recallFrom: addDays(today, -300) }, // our own recall after complaints, closed
    'banlangen:-9': { status: 'nonconforming' }, // failed acceptance inspection, never sold
  };

  // Batches: one production run every six months (the last one recent), received a few weeks later.
  await w.tx(async () => {
    const add = async (p: ProductSeed, prod: string, run: number, story?: Pick<BatchSeed, 'status' | 'recallFrom'>): Promise<BatchSeed> => {
      const expiry = p.shelf ? addDays(addMonths(prod, p.shelf), -1) : null;
      const batch_no =
        p.kind === 'device' ? `${compact(prod)}${rng.digits(2)}` : `${compact(prod).slice(2, 6)}${String(rng.int(1, 98)).padStart(2, '0')}${rng.digits(1)}`;
      const sterilization_batch = p.sterile_single_use ? `M${compact(addDays(prod, 2)).slice(2)}${run}` : null;
      const status = story?.status ?? 'qualified';
      const row = await w.create('batches', { product: p.id, batch_no, production_date: prod, expiry_date: expiry, sterilization_batch, status });
      const b: BatchSeed = { id: row.id, product: p, batch_no, production_date: prod, expiry_date: expiry, status, recallFrom: story?.recallFrom };
      p.batches!.push(b);
      return b;
    };
    for (const p of products) {
      p.batches = [];
      const runs = p.qa_status === 'approved' ? [-33, -27, -21, -15, -9, -3] : [-2];
      for (const [i, m] of runs.entries()) await add(p, addDays(addMonths(today, m), rng.int(-20, 10)), i + 1, stories[`${p.key}:${m}`]);
    }
    // Just received, waiting for acceptance inspection.
    await add(byKey.lianhua, addDays(today, -12), 7, { status: 'quarantined' });
  });

  const run = (key: string, i: number) => byKey[key].batches![i];
  return {
    products,
    byKey,
    recalledIbuprofen: run('ibuprofen', 3),
    recalledInfusion: run('infusion', 2),
    nonconforming: run('banlangen', 4),
    quarantined: run('lianhua', 6),
    expiring: run('shuanghuanglian', 1),
  };
}

/**
 * Batches a careful warehouse would ship on `date`: released (a recalled one only before its recall),
 * received at least two weeks earlier and with three months of shelf life left.
 */
export function saleableBatches(p: ProductSeed, date: string): BatchSeed[] {
  const key = `${p.key}:${date}`;
  let list = saleableCache.get(key);
  if (!list) {
    const received = addDays(date, -15),
      lastExpiry = addDays(date, 90);
    list = (p.batches ?? []).filter(
      (b) =>
        (b.status === 'qualified' || (b.status === 'recalled' && date < b.recallFrom!)) &&
        b.production_date <= received &&
        (!b.expiry_date || b.expiry_date >= lastExpiry),
    );
    saleableCache.set(key, list);
  }
  return list;
}
const saleableCache = new Map<string, BatchSeed[]>();

/** first-expiry-first-out, loosely: older batches are likelier */
export function pickBatch(rng: Rng, p: ProductSeed, date: string): BatchSeed | undefined {
  const list = saleableBatches(p, date);
  if (!list.length) return undefined;
  return rng.weighted(list, (b) => Math.max(1, 3 - list.indexOf(b)));
}
