/**
 * Sales orders planted to break RULES.md, a handful per rule, each plausible on its own (see the full list
 * in demo.ts). The rest of the demo data is clean, so the rules screen finds exactly these and a few more.
 */
import { addDays } from './dates';
import { saleableBatches, type ProductSeed } from './products';
import { cents } from './random';
import { byName, type ContractSeed, type LineSeed, type OrderPlanner, type OrderSeed } from './sales';
import type { CustomerSeed, SalespersonSeed } from './parties';

export function plantOrders(pl: OrderPlanner, contracts: ContractSeed[], clean: OrderSeed[]): OrderSeed[] {
  const { rng, today, customers, salespeople, products } = pl.world;
  const C = (name: string) => byName(customers, name);
  const S = (name: string) => byName(salespeople, name);
  const P = (key: string) => products.byKey[key];
  const ago = (n: number) => addDays(today, -n);
  const out: OrderSeed[] = [];

  /** `n` ordinary lines a proper seller could have sold on `ref`, shipped on `d` */
  const extras = (c: CustomerSeed, d: string, n: number, ref = d, exclude: ProductSeed[] = []): LineSeed[] => {
    const seller = pl.sellerFor(c, ref);
    const pool = pl.cleanProducts(c, seller, ref).filter((p) => saleableBatches(p, d).length && !exclude.includes(p));
    return rng.sample(pool, n).map((p) => pl.line(c, seller, p, d));
  };
  const line = (c: CustomerSeed, s: SalespersonSeed, key: string, d: string, patch: Partial<LineSeed> = {}): LineSeed => {
    const l = { ...pl.line(c, s, P(key), d), ...patch };
    if (!('amount' in patch)) l.amount = cents(l.quantity * l.unit_price);
    return l;
  };
  const add = (c: CustomerSeed, s: SalespersonSeed, d: string, lines: LineSeed[], plant: string, extra: Partial<OrderSeed> = {}) =>
    out.push(pl.order(c, s, d, lines, [plant], extra));
  const seller = (c: CustomerSeed, d: string) => pl.sellerFor(c, d);

  // BUYER_INDIVIDUAL: a private person buying for the family (paid in cash, no contract).
  {
    const zhang = C('张建国'),
      li = C('李秀兰');
    add(
      zhang,
      S('马丽'),
      ago(200),
      [line(zhang, S('马丽'), 'bp', ago(200), { quantity: 2 }), line(zhang, S('马丽'), 'ibuprofen', ago(200), { quantity: 5 })],
      'BUYER_INDIVIDUAL',
    );
    add(zhang, S('马丽'), ago(46), [line(zhang, S('马丽'), 'glucose', ago(46), { quantity: 3 })], 'BUYER_INDIVIDUAL');
    add(li, S('高刚'), ago(130), [line(li, S('高刚'), 'lianhua', ago(130), { quantity: 4 })], 'BUYER_INDIVIDUAL');
  }
  // BUYER_NOT_APPROVED: a pharmacy whose first-business review is still pending; a clinic served before its approval.
  {
    const c = C('武汉市惠民润大药房有限公司');
    for (const n of [70, 41, 16]) add(c, S('陈勇'), ago(n), extras(c, ago(n), rng.int(1, 2)), 'BUYER_NOT_APPROVED', { contract: null });
    const clinic = C('洛阳市涧西区安康诊所');
    for (const n of [20, 8]) {
      const d = addDays(clinic.approvedAt!, -n);
      add(clinic, S('周军'), d, extras(clinic, d, rng.int(1, 2)), 'BUYER_NOT_APPROVED', { contract: null });
    }
  }
  // BUYER_LICENSE_EXPIRED: the pharmacy's 药品经营许可证 expired 75 days ago and was not renewed.
  {
    const c = C('荆州市民生大药房有限公司');
    for (const n of [60, 34, 12]) add(c, seller(c, ago(100)), ago(n), extras(c, ago(n), rng.int(1, 2), ago(100)), 'BUYER_LICENSE_EXPIRED');
  }
  // BUYER_LICENSE_MISSING: a college with only a business licence buys class II devices.
  {
    const c = C('湖北华中职业技术学院');
    add(c, S('马丽'), ago(150), [line(c, S('马丽'), 'mask', ago(150), { quantity: 300 })], 'BUYER_LICENSE_MISSING', { contract: null });
    add(
      c,
      S('马丽'),
      ago(22),
      [line(c, S('马丽'), 'thermo', ago(22), { quantity: 40 }), line(c, S('马丽'), 'mask', ago(22), { quantity: 200 })],
      'BUYER_LICENSE_MISSING',
      { contract: null },
    );
  }
  // BUYER_OUT_OF_SCOPE: pharmacies licensed without 生化药品 receive 胰酶肠溶胶囊.
  for (const [name, n] of [
    ['襄阳市春晖大药房连锁有限公司', 260],
    ['南阳市福康大药房有限公司', 175],
    ['九江市同康大药房连锁有限公司', 95],
  ] as const) {
    const c = C(name),
      s = seller(c, ago(n));
    add(c, s, ago(n), [line(c, s, 'pancreatin', ago(n)), ...extras(c, ago(n), 1)], 'BUYER_OUT_OF_SCOPE');
  }
  // BUYER_STORAGE_UNREVIEWED: insulin to a hospital whose cold storage was never reviewed.
  {
    const c = C('衡阳市雁城医院');
    for (const n of [220, 85]) add(c, S('王芳'), ago(n), [line(c, S('王芳'), 'insulin', ago(n)), ...extras(c, ago(n), 1)], 'BUYER_STORAGE_UNREVIEWED');
  }
  // SALESPERSON_UNAUTHORIZED: outside the letter's region, variety, validity, or on an unsealed letter.
  {
    const jisheng = C('长沙市济生大药房连锁有限公司');
    for (const n of [150, 66]) add(jisheng, S('陈勇'), ago(n), extras(jisheng, ago(n), 2), 'SALESPERSON_UNAUTHORIZED'); // 陈勇: 武汉 only
    const xiangkang = C('长沙市湘康医药有限公司');
    for (const n of [300, 120])
      add(
        xiangkang,
        S('王芳'),
        ago(n),
        [line(xiangkang, S('王芳'), 'amox', ago(n)), ...extras(xiangkang, ago(n), 1, ago(n), [P('amox')])],
        'SALESPERSON_UNAUTHORIZED',
      ); // no 抗生素制剂
    const ruifeng = C('郑州市瑞丰医药有限公司');
    for (const n of [115, 108]) add(ruifeng, S('周军'), ago(n), extras(ruifeng, ago(n), 2), 'SALESPERSON_UNAUTHORIZED'); // between two letters
    const ganren = C('南昌市赣仁医药有限公司'),
      baicao = C('南昌市百草医院');
    add(ganren, S('高刚'), ago(90), extras(ganren, ago(90), 2), 'SALESPERSON_UNAUTHORIZED'); // 江西: unsealed letter only
    add(baicao, S('高刚'), ago(31), extras(baicao, ago(31), 2), 'SALESPERSON_UNAUTHORIZED');
  }
  // SALESPERSON_NOT_EMPLOYED: an order booked under a salesperson after she left.
  {
    const zhao = S('赵敏'),
      c = C('洛阳市华康医药有限公司'),
      d = addDays(zhao.contract_end, 12);
    add(c, zhao, d, extras(c, d, 2), 'SALESPERSON_NOT_EMPLOYED');
  }
  // PRODUCT_NOT_APPROVED: a new product sold before its first-variety review was completed.
  for (const [name, n] of [
    ['武汉市润泽医药有限公司', 30],
    ['郑州市德仁堂大药房有限公司', 18],
  ] as const) {
    const c = C(name),
      s = seller(c, ago(n));
    add(c, s, ago(n), [line(c, s, 'omeprazole', ago(n), { batch: P('omeprazole').batches![0] }), ...extras(c, ago(n), 1)], 'PRODUCT_NOT_APPROVED');
  }
  // BATCH_EXPIRED: a batch shipped after its expiry date.
  {
    const b = products.expiring;
    for (const [name, n] of [
      ['武汉市长青大药房连锁有限公司', 6],
      ['宜昌市仁和医院', 21],
      ['郑州市惠民健医院', 40],
    ] as const) {
      const c = C(name),
        d = addDays(b.expiry_date!, n),
        s = seller(c, d);
      add(c, s, d, [line(c, s, b.product.key, d, { batch: b }), ...extras(c, d, 1, d, [b.product])], 'BATCH_EXPIRED');
    }
  }
  // BATCH_BLOCKED: the recalled batch shipped after the recall had started (to customers who had it before).
  {
    const b = products.recalledIbuprofen;
    const buyers = [...new Set(clean.filter((o) => o.lines.some((l) => l.batch === b)).map((o) => o.customer))];
    for (const [i, n] of [5, 12].entries()) {
      const c = buyers[i % buyers.length],
        d = addDays(b.recallFrom!, n),
        s = seller(c, d);
      add(c, s, d, [line(c, s, 'ibuprofen', d, { batch: b })], 'BATCH_BLOCKED');
    }
  }
  // PRICE_ABOVE_CAP and PRICE_OUT_OF_RANGE (below the sales head's floor, nobody approved it).
  for (const [name, key, price, n, plant] of [
    ['武汉市华康医院', 'albumin', 520, 240, 'PRICE_ABOVE_CAP'],
    ['长沙市济生大药房连锁有限公司', 'contac', 26.5, 180, 'PRICE_ABOVE_CAP'],
    ['郑州市瑞丰医药有限公司', 'nifedipine', 42, 70, 'PRICE_ABOVE_CAP'],
    ['襄阳市天顺医药有限公司', 'amox', 8.5, 330, 'PRICE_OUT_OF_RANGE'],
    ['南昌市赣仁医药有限公司', 'metformin', 14, 210, 'PRICE_OUT_OF_RANGE'],
    ['武汉市康健医疗器械有限公司', 'syringe', 0.55, 140, 'PRICE_OUT_OF_RANGE'],
  ] as const) {
    const c = C(name),
      d = ago(n),
      s = seller(c, d);
    add(c, s, d, [line(c, s, key, d, { unit_price: price }), ...extras(c, d, 1, d, [P(key)])], plant);
  }
  // AMOUNT_MISMATCH: the amount does not equal quantity × unit price (rounded, typo, old price, off by 100).
  {
    const active = customers.filter((c) => c.weight >= 2);
    const wrong: ((l: LineSeed) => number)[] = [
      (l) => (Math.abs(Math.round(l.amount) - l.amount) > 0.01 ? Math.round(l.amount) : l.amount + 1),
      (l) => cents(l.amount + 10),
      (l) => cents(l.quantity * cents(l.unit_price * 1.05)),
      (l) => (l.amount > 200 ? cents(l.amount - 100) : cents(l.amount + 100)),
    ];
    [400, 280, 190, 55].forEach((n, i) => {
      const c = rng.pick(active),
        d = ago(n);
      const lines = extras(c, d, 2);
      lines[0] = { ...lines[0], quantity: lines[0].quantity + (lines[0].quantity % 2 ? 0 : 1) };
      lines[0].amount = cents(lines[0].quantity * lines[0].unit_price);
      lines[0].amount = wrong[i](lines[0]);
      add(c, seller(c, d), d, lines, 'AMOUNT_MISMATCH');
    });
  }
  // STERILE_RECORD_INCOMPLETE: single-use sterile devices without 经办人 / 负责人.
  {
    const a = C('宜昌市仁和医院'),
      b = C('郑州市惠民健医院');
    add(
      a,
      seller(a, ago(160)),
      ago(160),
      [line(a, seller(a, ago(160)), 'infusion', ago(160), { handler: null, responsible: null })],
      'STERILE_RECORD_INCOMPLETE',
    );
    add(b, seller(b, ago(75)), ago(75), [line(b, seller(b, ago(75)), 'syringe', ago(75), { responsible: null })], 'STERILE_RECORD_INCOMPLETE');
  }
  // SPECIAL_DOCS_MISSING: ephedrine products after the purchaser's power of attorney expired.
  {
    const c = C('株洲市千金大药房有限公司');
    for (const n of [45, 20]) add(c, S('王芳'), ago(n), [line(c, S('王芳'), 'contac', ago(n)), ...extras(c, ago(n), 1)], 'SPECIAL_DOCS_MISSING');
  }
  // SPECIAL_CASH_PAYMENT: special-control drugs sold for cash.
  {
    const a = C('十堰市百姓缘大药房有限公司'),
      b = C('赣州市章贡区康宁门诊部');
    add(a, seller(a, ago(230)), ago(230), [line(a, seller(a, ago(230)), 'contac', ago(230))], 'SPECIAL_CASH_PAYMENT', { payment_method: 'cash' });
    add(b, seller(b, ago(125)), ago(125), [line(b, seller(b, ago(125)), 'codeine', ago(125))], 'SPECIAL_CASH_PAYMENT', { payment_method: 'cash' });
  }
  // CONTRACT_UNAPPROVED: sales against a contract still pending, and against a major one only the VP approved.
  {
    const pending = contracts.find((k) => k.status === 'pending')!;
    for (const n of [45, 28])
      add(pending.customer, seller(pending.customer, ago(n)), ago(n), extras(pending.customer, ago(n), 2), 'CONTRACT_UNAPPROVED', { contract: pending });
    const vpOnly = contracts.find((k) => !k.regular && k.status === 'signed')!;
    for (const n of [55, 25])
      add(vpOnly.customer, seller(vpOnly.customer, ago(n)), ago(n), extras(vpOnly.customer, ago(n), 3), 'CONTRACT_UNAPPROVED', { contract: vpOnly });
  }
  for (const o of out) if (!o.lines.length) throw new Error(`planted order without lines: ${o.plants[0]} ${o.customer.name}`);
  return out;
}
