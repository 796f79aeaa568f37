/**
 * A small, fully compliant world: every rule is silent on it (see catalogue.test.ts). Each table-driven
 * case perturbs one thing and expects exactly its rule to fire (or to stay silent on a boundary).
 */
import { expect } from 'vitest';
import {
  createMemoryContext,
  evaluate,
  ruleMeta,
  type ContractRow,
  type Finding,
  type InvoiceView,
  type MemoryData,
  type OutboundSlipRow,
  type RecordKind,
  type RecordViews,
  type SaleLineView,
} from '../../../schema/rules';

export const SALE = '2024-05-02';
export const AS_OF = '2024-06-30';

/** product ids */
export const P = { drug: 1, special: 2, sterile: 3, cold: 4, classII: 5, classI: 6, vaccine: 7 } as const;

type Rows = { -readonly [K in Exclude<keyof MemoryData, 'asOf' | 'settings'>]-?: NonNullable<MemoryData[K]>[number][] };
export type World = Rows & {
  asOf: string;
  settings: NonNullable<MemoryData['settings']>;
  line: SaleLineView;
  slip: OutboundSlipRow;
  invoice: InvoiceView;
  contract: ContractRow;
};

export function world(): World {
  const contract: ContractRow = {
    id: 1,
    contract_no: 'HT2024-001',
    customer: 1,
    amount: 200000,
    signed_at: '2024-01-05',
    quality_terms: '符合国家药品标准',
    quantity_price_terms: '按订单约定',
    delivery_terms: '送货上门，3日内',
    payment_method: 'transfer',
    payment_days: 60,
    after_sales_terms: '质量问题无条件退换',
    status: 'signed',
    approved_by: '赵总',
    approved_role: 'sales_vp',
    approved_at: '2024-01-03',
  };
  const slip: OutboundSlipRow = {
    id: 1,
    slip_no: 'CK-001',
    order: 1,
    outbound_date: SALE,
    picked_by: '孙立',
    reviewed_by: '何娟',
    reviewed_at: `${SALE} 10:00`,
    receipt_confirmed_at: '2024-05-05',
    arrival_verified_at: '2024-05-04',
  };
  const invoice: InvoiceView = {
    id: 1,
    invoice_no: '22558649',
    customer: 1,
    invoice_date: SALE,
    amount: 120,
    itemised: true,
    list_attached: false,
    lines: [{ product: P.drug, quantity: 10, amount: 120 }],
    slips: [slip],
    payments: [{ amount: 120, paid_at: '2024-06-01', method: 'transfer' }],
  };
  const line: SaleLineView = {
    id: 1,
    order: 1,
    order_no: 'XS-001',
    sale_date: SALE,
    customer: 1,
    salesperson: 1,
    contract: 1,
    payment_method: 'transfer',
    product: P.drug,
    batch: 1,
    quantity: 10,
    unit_price: 12,
    amount: 120,
    handler: '经办 韩梅',
    responsible: '负责 曾丽',
    outbounds: [slip],
    invoices: [{ id: 1, invoice_no: '22558649', invoice_date: SALE, payments: invoice.payments }],
    special_check: {
      contract_obtained: true,
      identity_verified: true,
      authenticity_verified: true,
      verified_by: '质管部 周敏',
      verified_at: '2024-05-01 09:00',
    },
  };
  const drugScope = '中成药、化学药制剂、抗生素制剂、生化药品、生物制品';
  const product = (id: number, over: object) => ({
    id,
    kind: 'drug' as const,
    generic_name: `品种${id}`,
    dosage_form: '片剂',
    spec: '0.25g×24粒',
    unit: '盒',
    manufacturer: '华北制药股份有限公司',
    approval_no: `国药准字H2002289${id}`,
    scope_category: '化学药制剂',
    storage: 'normal' as const,
    qa_status: 'approved' as const,
    price_cap: 18,
    price_min: 9,
    price_max: 16.2,
    ...over,
  });
  const device = { kind: 'device' as const, dosage_form: null, manufacturer_license: '鲁食药监械生产许20010012号', manufacturer: '山东威高集团' };
  return {
    asOf: AS_OF,
    settings: {},
    companyLicenses: [
      { id: 1, kind: 'drug_business', number: '鄂AA0270110', scope: drugScope, valid_from: '2021-01-01', valid_to: '2026-12-31' },
      {
        id: 2,
        kind: 'device_business',
        number: '鄂械经营许20211557号',
        scope: ['第二类医疗器械', '第三类医疗器械'],
        valid_from: '2021-03-01',
        valid_to: '2026-02-28',
      },
      { id: 3, kind: 'business', number: '91420100965442577E', scope: null, valid_from: '2015-05-01', valid_to: null },
    ],
    customers: [
      {
        id: 1,
        name: '武汉市国泰惠医药有限公司',
        type: 'wholesaler',
        region: '湖北省武汉市',
        address: '湖北省武汉市国泰惠路91号',
        contact_name: '王洋',
        contact_phone: '18878713756',
        legal_rep: '徐超',
        qa_status: 'approved',
        qa_approved_at: '2023-10-27',
        credit_reviewed_at: '2023-11-15',
        storage_reviewed_at: '2023-11-20',
        cold_chain: true,
        service_point: false,
      },
    ],
    customerLicenses: [
      { id: 1, customer: 1, kind: 'drug_business', number: '鄂AA3944846', scope: drugScope, valid_from: '2020-01-01', valid_to: '2028-12-31' },
      {
        id: 2,
        customer: 1,
        kind: 'device_business',
        number: '械经营许73048179号',
        scope: '第二类医疗器械、第三类医疗器械',
        valid_from: '2020-01-01',
        valid_to: '2028-12-31',
      },
      { id: 3, customer: 1, kind: 'business', number: '91420100414300644E', scope: null, valid_from: '2020-01-01', valid_to: '2028-12-31' },
    ],
    customerAgents: [
      { id: 1, customer: 1, name: '徐超', role: 'legal_rep', phone: '15395373011' },
      { id: 2, customer: 1, name: '张强', role: 'responsible', phone: '18185141934' },
      {
        id: 3,
        customer: 1,
        name: '杨海燕',
        role: 'purchaser',
        id_no: '420102197808183275',
        phone: '13915346753',
        attorney_valid_to: '2026-12-31',
        id_copy: true,
      },
    ],
    salespeople: [
      {
        id: 1,
        name: '高刚',
        id_no: '420106199004217315',
        contract_start: '2022-01-01',
        contract_end: '2027-12-31',
        permit_no: 'SG693891',
        permit_valid_to: '2027-06-30',
        social_insurance: true,
      },
    ],
    trainings: [{ id: 1, salesperson: 1, date: '2022-01-05', topic: '岗前培训', passed: true }],
    authorizations: [
      {
        id: 1,
        document_no: 'SQ39464',
        salesperson: 1,
        varieties: `${drugScope}、第一类医疗器械、第二类医疗器械、第三类医疗器械`,
        regions: ['湖北省', '湖南省'],
        valid_from: '2023-01-01',
        valid_to: '2026-12-31',
        sealed: true,
      },
    ],
    products: [
      product(P.drug, { generic_name: '阿莫西林胶囊', scope_category: '抗生素制剂' }),
      product(P.special, { generic_name: '复方盐酸伪麻黄碱缓释胶囊', trade_name: '新康泰克', special_control: ['ephedrine'] }),
      product(P.sterile, {
        ...device,
        generic_name: '一次性使用无菌注射器 带针',
        spec: '5ml',
        approval_no: '国械注准20153151240',
        scope_category: '第三类医疗器械',
        device_class: 'III',
        sterile_single_use: true,
      }),
      product(P.cold, { generic_name: '人血白蛋白', scope_category: '生物制品', storage: 'cold' }),
      product(P.classII, { ...device, generic_name: '医用外科口罩', approval_no: '豫械注准20202145665', scope_category: '第二类医疗器械', device_class: 'II' }),
      product(P.classI, { ...device, generic_name: '医用棉签', approval_no: '鄂汉械备20200001号', scope_category: '第一类医疗器械', device_class: 'I' }),
      product(P.vaccine, { generic_name: '乙型肝炎疫苗', scope_category: '疫苗', storage: 'normal' }),
    ],
    batches: Object.values(P).map((p) => ({
      id: p,
      product: p,
      batch_no: `B00${p}`,
      expiry_date: '2026-03-28',
      status: 'qualified' as const,
      sterilization_batch: p === P.sterile ? 'M237526' : null,
    })),
    recalls: [],
    nonconformities: [],
    contracts: [contract],
    orders: [{ id: 1, order_no: 'XS-001', customer: 1, salesperson: 1, contract: 1, sale_date: SALE, payment_method: 'transfer' }],
    lines: [{ id: 1, order: 1, product: P.drug, batch: 1, quantity: 10, unit_price: 12, amount: 120 }],
    line,
    slip,
    invoice,
    contract,
  };
}

/** Put the line on another product (and its batch), with the order line kept in step. */
export function sell(w: World, product: number, price = 10): void {
  Object.assign(w.line, { product, batch: product, unit_price: price, quantity: 10, amount: price * 10 });
  Object.assign(w.lines[0], { product, batch: product, unit_price: price, quantity: 10, amount: price * 10 });
  w.invoice.lines = [{ product, quantity: 10, amount: price * 10 }];
  w.invoice.amount = price * 10;
  w.invoice.payments = [{ amount: price * 10, paid_at: '2024-06-01', method: 'transfer' }];
}

export const ctxOf = (w: World) => createMemoryContext(w);

/** The findings of one rule code (all codes when omitted) on one record. */
export function findings<K extends RecordKind>(w: World, kind: K, record: RecordViews[K], code?: string): Finding[] {
  const out = evaluate(kind, record, ctxOf(w), code ? { codes: [code] } : undefined);
  out.forEach(expectWellFormed);
  return out;
}

/** Every finding carries its catalogue severity and source, fields, and a message saying what fixes it. */
export function expectWellFormed(f: Finding): void {
  const meta = ruleMeta(f.code);
  expect(meta, f.code).toBeDefined();
  expect(f.severity).toBe(meta!.severity);
  expect(f.source).toBe(meta!.source);
  expect(f.fields.length).toBeGreaterThan(0);
  expect(f.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(f.message.zh).toMatch(/请|不得|须/);
  expect(f.message.en.length).toBeGreaterThan(20);
  expect(f.message.zh).not.toMatch(/undefined|null|NaN/);
  expect(f.message.en).not.toMatch(/undefined|null|NaN/);
}

export interface Case {
  name: string;
  /** true: the rule fires (exactly once unless `count`); false: it stays silent */
  fires: boolean;
  set: (w: World) => void;
  count?: number;
  fields?: string[];
}

/** Run one table of cases for one code on the record `pick(w)` chooses. */
export function runCase<K extends RecordKind>(code: string, kind: K, pick: (w: World) => RecordViews[K], c: Case): Finding[] {
  const w = world();
  c.set(w);
  const out = findings(w, kind, pick(w), code);
  expect(out.length, `${code}: ${c.name}\n${out.map((f) => f.message.zh).join('\n')}`).toBe(c.fires ? (c.count ?? 1) : 0);
  if (c.fields && out[0]) expect(out[0].fields).toEqual(c.fields);
  return out;
}
