/** Contracts, ~850 sales orders with their lines over the last 18 months (a few planted violations), special-drug checks. */
import { addDays, addMonths, at, compact, maxDate, weekday } from './dates';
import { STAFF } from './names';
import { authorised, licencePermits, type CustomerSeed, type SalespersonSeed } from './parties';
import { pickBatch, saleableBatches, type BatchSeed, type ProductSeed, type ProductSet } from './products';
import { cents, type Rng } from './random';
import type { Writer } from './writer';

export interface ContractSeed {
  id: number;
  contract_no: string;
  customer: CustomerSeed;
  salesperson: SalespersonSeed | null;
  amount: number;
  signed_at: string | null;
  status: 'draft' | 'pending' | 'approved' | 'rejected' | 'signed';
  payment_method: string;
  payment_days: number;
  approval: 'sales_vp' | 'gm' | null;
  /** contracts sales may be booked against in the ordinary course */
  regular: boolean;
  missingTerms?: ('quality_terms' | 'delivery_terms' | 'after_sales_terms')[];
}

export interface LineSeed {
  product: ProductSeed;
  batch: BatchSeed;
  quantity: number;
  unit_price: number;
  amount: number;
  price_approved_by?: string | null;
  handler?: string | null;
  responsible?: string | null;
  id?: number;
}

export interface SlipPlan {
  slip_no: string;
  outbound_date: string;
  issued_by: string;
  picked_by: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  receipt_confirmed_at: string | null;
  arrival_verified_at: string | null;
  arrival_verified_by: string | null;
  id?: number;
}

export interface OrderSeed {
  id: number;
  order_no: string;
  customer: CustomerSeed;
  salesperson: SalespersonSeed;
  contract: ContractSeed | null;
  sale_date: string;
  payment_method: string;
  status: 'draft' | 'confirmed' | 'shipped' | 'completed';
  remark: string | null;
  lines: LineSeed[];
  /** RULES.md codes this order was planted to trigger (empty for ordinary orders) */
  plants: string[];
  slip?: SlipPlan;
  /** special-drug verification: missing, or made only after the goods left */
  specialCheck?: 'missing' | 'late';
}

export const isSpecial = (o: OrderSeed): boolean => o.lines.some((l) => l.product.special_control?.length);

export interface SalesWorld {
  rng: Rng;
  today: string;
  /** first day of the 18 months */
  start: string;
  customers: CustomerSeed[];
  salespeople: SalespersonSeed[];
  products: ProductSet;
}

const TERMS = {
  quality_terms: '所供药品/医疗器械符合国家标准及GSP要求，随货提供同批号检验报告书；冷链品种全程冷链运输并提供温度记录',
  quantity_price_terms: '按双方确认的订单及报价单执行，价格含税含运费',
  delivery_terms: '乙方送货上门，订单确认后3个工作日内交货；特药品种送至甲方指定仓库',
  after_sales_terms: '质量问题无条件退换货；配合召回、不良反应报告及质量查询',
};

const PAYMENT_DAYS: Record<string, number> = { wholesaler: 60, retailer: 30, medical_institution: 90, device_dealer: 45, other_legal: 30, individual: 0 };
const CONTRACT_AMOUNTS: Record<string, number[]> = {
  wholesaler: [500_000, 800_000, 1_000_000, 1_200_000],
  retailer: [100_000, 150_000, 200_000, 300_000],
  medical_institution: [200_000, 300_000, 500_000, 600_000],
  device_dealer: [100_000, 200_000, 300_000],
  other_legal: [50_000, 80_000],
  individual: [],
};

const year = (d: string) => Number(d.slice(0, 4));
export const byName = <T extends { name: string }>(list: T[], name: string): T => list.find((x) => x.name === name)!;

/** The primary salesperson of each customer: authorised for its region (the device specialist for device dealers). */
function assignPrimary(world: SalesWorld): Map<number, SalespersonSeed> {
  const { rng, today, customers, salespeople } = world;
  const map = new Map<number, SalespersonSeed>();
  const mid = addMonths(today, -9);
  for (const c of customers) {
    const cat = c.type === 'device_dealer' ? '第三类医疗器械' : '化学药制剂';
    let cands = salespeople.filter((s) => authorised(s, today, c.region, c.city.province, cat) || authorised(s, mid, c.region, c.city.province, cat));
    if (!cands.length) cands = salespeople.filter((s) => s.auths.some((a) => a.regions.includes(c.city.province)));
    map.set(c.id, rng.pick(cands.length ? cands : salespeople));
  }
  return map;
}

/** Annual contracts for every active customer, plus a few that are drafts, pending, rejected or incomplete. */
export async function seedContracts(w: Writer, world: SalesWorld, primary: Map<number, SalespersonSeed>): Promise<ContractSeed[]> {
  const { rng, today, start, customers } = world;
  const used = new Set<string>();
  const number = (y: number) => {
    for (;;) {
      const no = `HT${y}${rng.digits(3)}-${rng.digits(2)}`;
      if (!used.has(no)) {
        used.add(no);
        return no;
      }
    }
  };
  const contracts: ContractSeed[] = [];
  const make = (c: CustomerSeed, signed_at: string | null, amount: number, status: ContractSeed['status'], extra: Partial<ContractSeed> = {}): ContractSeed => {
    const approval = status === 'signed' || status === 'approved' ? (amount >= 500_000 ? 'gm' : 'sales_vp') : null;
    const contract: ContractSeed = {
      id: 0,
      contract_no: number(year(signed_at ?? today)),
      customer: c,
      salesperson: primary.get(c.id) ?? null,
      amount,
      signed_at,
      status,
      payment_method: c.type === 'wholesaler' && rng.chance(0.4) ? 'acceptance' : 'transfer',
      payment_days: PAYMENT_DAYS[c.type],
      approval,
      regular: status === 'signed',
      ...extra,
    };
    contracts.push(contract);
    return contract;
  };
  for (const c of customers) {
    if (c.qa_status !== 'approved' || c.type === 'individual' || c.tags.includes('noLicence')) continue;
    for (let y = year(start); y <= year(today); y++) {
      const signed = maxDate(`${y}-01-0${rng.int(2, 9)}`, addDays(c.approvedAt!, 3));
      if (signed > today || year(signed) !== y) continue;
      const missingTerms =
        c.name === '南阳市福康大药房有限公司' && y === year(today) ? (['quality_terms', 'after_sales_terms'] as ContractSeed['missingTerms']) : undefined;
      make(c, signed, rng.pick(CONTRACT_AMOUNTS[c.type]), 'signed', { missingTerms });
    }
  }
  const cust = (name: string) => byName(customers, name);
  // A supplementary contract still waiting for approval (yet goods were sold against it).
  make(cust('襄阳市春晖大药房连锁有限公司'), addDays(today, -50), 120_000, 'pending', { regular: false });
  // A major contract (≥ 500 000) approved by the sales VP only: it needed the general manager.
  make(cust('长沙市湘康医药有限公司'), addDays(today, -62), 600_000, 'signed', { regular: false, approval: 'sales_vp' });
  // Next year's contracts being drafted (one still lacks delivery terms); one rejected.
  make(cust('武汉市润泽医药有限公司'), null, 1_500_000, 'draft', { regular: false });
  make(cust('郑州市惠民健医院'), null, 400_000, 'draft', { regular: false, missingTerms: ['delivery_terms'] });
  make(cust('岳阳市巴陵医疗器械有限公司'), addDays(today, -150), 200_000, 'rejected', { regular: false });

  const rows = await w.createAll('contracts', contracts, (k) => {
    const terms = Object.fromEntries(Object.entries(TERMS).map(([f, t]) => [f, k.missingTerms?.some((m) => m === f) ? null : t]));
    const approvedBy = k.approval === 'gm' ? STAFF.gm : k.approval === 'sales_vp' ? STAFF.salesVp : null;
    return {
      contract_no: k.contract_no,
      customer: k.customer.id,
      salesperson: k.salesperson?.id ?? null,
      amount: k.amount,
      signed_at: k.status === 'signed' ? k.signed_at : null,
      ...terms,
      payment_method: k.payment_method,
      payment_days: k.payment_days,
      status: k.status,
      approved_by: approvedBy,
      approved_role: k.approval,
      approved_at: k.approval && k.signed_at ? addDays(k.signed_at, -2) : null,
    };
  });
  rows.forEach((r, i) => (contracts[i].id = r.id));
  return contracts;
}

// ---------------------------------------------------------------------------------------------------------

const QTY_FACTOR: Record<string, number> = { wholesaler: 4, retailer: 0.8, medical_institution: 1.5, device_dealer: 2, other_legal: 0.4, individual: 0.05 };
const PRICE_BAND: Record<string, [number, number]> = {
  wholesaler: [0, 0.4],
  device_dealer: [0.1, 0.5],
  retailer: [0.3, 0.8],
  medical_institution: [0.5, 1],
  other_legal: [0.6, 1],
  individual: [1, 1],
};
const isWinter = (d: string) => [11, 12, 1, 2, 3].includes(Number(d.slice(5, 7)));

export class OrderPlanner {
  readonly primary: Map<number, SalespersonSeed>;
  private contracts: ContractSeed[] = [];

  constructor(readonly world: SalesWorld) {
    this.primary = assignPrimary(world);
  }

  setContracts(contracts: ContractSeed[]) {
    this.contracts = contracts;
  }

  /** the customer's latest regular contract signed by `date` */
  contractFor(c: CustomerSeed, date: string): ContractSeed | null {
    let best: ContractSeed | null = null;
    for (const k of this.contracts) {
      if (k.customer !== c || !k.regular || !k.signed_at || k.signed_at > date) continue;
      if (!best || k.signed_at > best.signed_at!) best = k;
    }
    return best;
  }

  /** special-control drugs need a purchaser with a valid power of attorney and an ID copy on file */
  specialDocsOk(c: CustomerSeed, date: string): boolean {
    return c.agents.some((a) => a.role === 'purchaser' && a.id_copy && !!a.attorney_valid_to && a.attorney_valid_to >= date);
  }

  /** products this customer may buy from this salesperson (any, when null) on `date`, with nothing amiss */
  cleanProducts(c: CustomerSeed, s: SalespersonSeed | null, date: string): ProductSeed[] {
    const key = `${c.id}:${s?.id ?? '-'}:${date}`;
    let list = this.cache.get(key);
    if (!list) this.cache.set(key, (list = this.computeCleanProducts(c, s, date)));
    return list;
  }

  private cache = new Map<string, ProductSeed[]>();

  private computeCleanProducts(c: CustomerSeed, s: SalespersonSeed | null, date: string): ProductSeed[] {
    return this.world.products.products.filter(
      (p) =>
        p.qa_status === 'approved' &&
        (p.buyers[c.type] ?? 0) > 0 &&
        licencePermits(c, date, { ...p, id: p.id! }) &&
        (!s || authorised(s, date, c.region, c.city.province, p.scope_category)) &&
        (p.storage !== 'cold' || (c.coldChain && c.storageReviewed)) &&
        (!p.special_control?.length || this.specialDocsOk(c, date)) &&
        saleableBatches(p, date).length > 0,
    );
  }

  quantity(c: CustomerSeed, p: ProductSeed): number {
    const q = Math.max(1, Math.round(p.qty * QTY_FACTOR[c.type] * (0.4 + this.world.rng.next() * 1.2)));
    return q >= 200 ? Math.round(q / 50) * 50 : q >= 50 ? Math.round(q / 10) * 10 : q;
  }

  price(c: CustomerSeed, p: ProductSeed): number {
    const [lo, hi] = PRICE_BAND[c.type];
    const u = lo + this.world.rng.next() * (hi - lo);
    return cents(p.price_min! + u * (p.price_max! - p.price_min!));
  }

  /** one correct line (batch, price, amount; sterile devices name the handler and the responsible person) */
  line(c: CustomerSeed, s: SalespersonSeed, p: ProductSeed, date: string, batch?: BatchSeed): LineSeed {
    const b = batch ?? pickBatch(this.world.rng, p, date)!;
    const quantity = this.quantity(c, p);
    const unit_price = this.price(c, p);
    return {
      product: p,
      batch: b,
      quantity,
      unit_price,
      amount: cents(quantity * unit_price),
      handler: p.sterile_single_use ? s.name : null,
      responsible: p.sterile_single_use ? STAFF.salesHead : null,
    };
  }

  order(c: CustomerSeed, s: SalespersonSeed, date: string, lines: LineSeed[], plants: string[] = [], extra: Partial<OrderSeed> = {}): OrderSeed {
    const contract = extra.contract !== undefined ? extra.contract : this.contractFor(c, date);
    return {
      id: 0,
      order_no: '',
      customer: c,
      salesperson: s,
      contract,
      sale_date: date,
      payment_method: contract?.payment_method ?? (c.type === 'individual' ? 'cash' : 'transfer'),
      status: 'confirmed',
      remark: null,
      lines,
      plants,
      ...extra,
    };
  }

  /** who would ordinarily sell to this customer on `date`: the primary salesperson if authorised */
  sellerFor(c: CustomerSeed, date: string): SalespersonSeed {
    const p = this.primary.get(c.id)!;
    if (this.cleanProducts(c, p, date).length) return p;
    return this.world.salespeople.find((s) => this.cleanProducts(c, s, date).length > 0) ?? p;
  }

  /** an ordinary order on `date`, or undefined when nobody could sell anything that day */
  cleanOrder(date: string): OrderSeed | undefined {
    const { rng, customers, salespeople } = this.world;
    const active = customers.filter((c) => c.weight > 0 && c.approvedAt && c.approvedAt <= date);
    for (let attempt = 0; attempt < 6; attempt++) {
      const c = rng.weighted(active, (x) => x.weight);
      const sellers = salespeople.filter((s) => this.cleanProducts(c, s, date).length > 0);
      if (!sellers.length) continue;
      const s = rng.weighted(sellers, (x) => (x === this.primary.get(c.id) ? 6 : 1));
      const pool = this.cleanProducts(c, s, date);
      const n = Math.min(
        pool.length,
        rng.weighted([1, 2, 3, 4, 5], (k) => [0.2, 0.25, 0.25, 0.17, 0.13][k - 1]),
      );
      const lines: LineSeed[] = [];
      for (let i = 0; i < n; i++) {
        const left = pool.filter((p) => !lines.some((l) => l.product === p));
        const p = rng.weighted(left, (x) => (x.buyers[c.type] ?? 0) * (x.winter && isWinter(date) ? 2.5 : 1));
        const l = this.line(c, s, p, date);
        // Now and then the sales head approves a discount below the range for a large buyer.
        if (c.type === 'wholesaler' && rng.chance(0.015)) {
          l.unit_price = cents(p.price_min! * 0.95);
          l.amount = cents(l.quantity * l.unit_price);
          l.price_approved_by = STAFF.salesHead;
        }
        lines.push(l);
      }
      return this.order(c, s, date, lines);
    }
    return undefined;
  }
}

/** Business days weigh more than weekends, winter a little more than summer. */
export function saleDates(rng: Rng, start: string, today: string, n: number): string[] {
  const days: string[] = [];
  for (let d = start; d <= today; d = addDays(d, 1)) days.push(d);
  const weight = (d: string) => [0.08, 1, 1, 1, 1, 1, 0.4][weekday(d)] * (isWinter(d) ? 1.15 : 1);
  const cum: number[] = [];
  let total = 0;
  for (const d of days) cum.push((total += weight(d)));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next() * total;
    let lo = 0,
      hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    out.push(days[lo]);
  }
  return out.sort();
}

/** Order numbers follow the sale date: XS + date + running number. */
export function numberOrders(orders: OrderSeed[], rng: Rng): void {
  orders.sort((a, b) => (a.sale_date < b.sale_date ? -1 : a.sale_date > b.sale_date ? 1 : 0));
  let seq = rng.int(1000, 1999);
  for (const o of orders) o.order_no = `XS${compact(o.sale_date)}${seq++}`;
}

export async function writeOrders(w: Writer, orders: OrderSeed[]): Promise<void> {
  const rows = await w.createAll(
    'sales_orders',
    orders,
    (o) => ({
      order_no: o.order_no,
      customer: o.customer.id,
      salesperson: o.salesperson.id,
      contract: o.contract?.id ?? null,
      sale_date: o.sale_date,
      payment_method: o.payment_method,
      status: o.status,
      remark: o.remark,
      sales_lines: o.lines.map((l) => ({
        product: l.product.id,
        batch: l.batch.id,
        quantity: l.quantity,
        unit_price: l.unit_price,
        amount: l.amount,
        price_approved_by: l.price_approved_by ?? null,
        handler: l.handler ?? null,
        responsible: l.responsible ?? null,
      })),
    }),
    250,
  );
  rows.forEach((r, i) => {
    orders[i].id = r.id;
    (r.sales_lines as { id: number }[]).forEach((l, j) => (orders[i].lines[j].id = l.id));
  });
}

/** 特药销售核实记录: made on the sale date, before the goods leave (a few missing or made too late). */
export async function writeSpecialChecks(w: Writer, rng: Rng, orders: OrderSeed[]): Promise<void> {
  const checks = orders
    .filter((o) => isSpecial(o) && o.status !== 'draft' && o.specialCheck !== 'missing')
    .map((o) => {
      const late = o.specialCheck === 'late' && o.slip;
      const day = late ? addDays(o.slip!.outbound_date, 2) : o.sale_date;
      return {
        order: o.id,
        contract_obtained: !!o.contract,
        identity_verified: true,
        authenticity_verified: true,
        verified_by: `质管部 ${rng.pick(STAFF.qa)}`,
        verified_at: at(day, rng.int(8, 10), rng.int(0, 59)),
      };
    });
  await w.createAll('special_checks', checks, (c) => c);
}
