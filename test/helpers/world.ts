/**
 * A GSP-compliant little world for tests that write sales: our licences, an approved buyer with a valid
 * licence and agents, an authorised salesperson, an approved product with a qualified batch, an approved
 * contract. A sale of `product` from `batch` to `customer` by `salesperson` under `contract` breaks no rule;
 * tests change one thing to break one rule.
 */
import { registry } from '../../schema/resources';
import type { Clock } from '../../server/clock';
import type { Db } from '../../server/db';
import { SYSTEM_ACTOR, type ServiceContext } from '../../server/services/context';
import { createRecord, updateRecord } from '../../server/services/write';

export interface World {
  customer: number;
  salesperson: number;
  product: number;
  batch: number;
  contract: number;
}

const DRUGS = ['中成药', '化学药制剂', '抗生素制剂', '生化药品', '生物制品'];

export async function buildWorld(db: Db, clock: Clock, suffix = ''): Promise<World> {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  const make = async (res: string, input: Record<string, unknown>) => (await createRecord(ctx, registry.get(res)!, input, { historical: true })).id;
  if (!suffix) {
    await make('company_licenses', {
      kind: 'drug_business',
      number: '鄂AA0270110',
      scope: DRUGS,
      business_mode: 'wholesale',
      valid_from: '2020-01-01',
      valid_to: '2030-12-31',
    });
    await make('company_licenses', {
      kind: 'device_business',
      number: '鄂汉械经营许20211557号',
      scope: ['第二类医疗器械', '第三类医疗器械'],
      business_mode: 'wholesale',
      valid_from: '2020-01-01',
      valid_to: '2030-12-31',
    });
  }
  const customer = await make('customers', {
    name: `武汉市康泰医药有限公司${suffix}`,
    type: 'wholesaler',
    region: '湖北省武汉市',
    address: '湖北省武汉市江汉区解放大道 100 号',
    contact_name: '杨海燕',
    contact_phone: '13915346753',
    legal_rep: '王超',
    qa_status: 'approved',
    qa_approved_at: '2023-01-10',
    qa_approved_by: '质管部 吴静',
    credit_reviewed_at: '2023-01-05',
    credit_limit: 500000,
    payment_rating: '良好',
    storage_reviewed_at: '2023-01-06',
    cold_chain: true,
  });
  await make('customer_licenses', {
    customer,
    kind: 'drug_business',
    number: `鄂AA39448${suffix.length}6`,
    scope: DRUGS,
    valid_from: '2020-01-01',
    valid_to: '2030-12-31',
  });
  await make('customer_agents', { customer, name: '王超', role: 'legal_rep', phone: '15395373011' });
  await make('customer_agents', { customer, name: '张强', role: 'responsible', phone: '18185141934' });
  await make('customer_agents', { customer, name: '李娜', role: 'purchaser', phone: '13800000001', attorney_valid_to: '2030-12-31', id_copy: true });
  const salesperson = await make('salespeople', {
    name: `高刚${suffix}`,
    id_no: '420106199004217315',
    contract_start: '2020-01-01',
    contract_end: '2030-12-31',
    social_insurance: true,
    permit_no: 'SG693891',
    permit_valid_to: '2030-06-30',
  });
  await make('trainings', { salesperson, date: '2020-01-10', topic: '新员工岗前培训', hours: 8, passed: true });
  await make('authorizations', {
    document_no: `SQ39464${suffix}`,
    salesperson,
    varieties: DRUGS,
    regions: ['湖北省'],
    valid_from: '2020-01-01',
    valid_to: '2030-12-31',
    sealed: true,
  });
  const product = await make('products', {
    kind: 'drug',
    generic_name: '阿莫西林胶囊',
    dosage_form: '胶囊剂',
    spec: `0.25g×24粒${suffix}`,
    unit: '盒',
    manufacturer: '华北制药股份有限公司',
    approval_no: '国药准字H20022891',
    scope_category: '抗生素制剂',
    storage: 'normal',
    price_cap: 18,
    price_min: 9,
    price_max: 16.2,
    qa_status: 'approved',
  });
  const batch = await make('batches', { product, batch_no: '00581', production_date: '2024-05-15', expiry_date: '2027-03-28', status: 'qualified' });
  const contract = await make('contracts', {
    contract_no: `HT2024759${suffix}`,
    customer,
    salesperson,
    amount: 200000,
    signed_at: '2024-01-05',
    quality_terms: '符合国家药品标准及GSP要求',
    quantity_price_terms: '按订单约定',
    delivery_terms: '送货上门，订单后3日内',
    payment_method: 'transfer',
    payment_days: 60,
    after_sales_terms: '质量问题无条件退换，协助召回',
    status: 'signed',
    approved_by: '赵总',
    approved_role: 'sales_vp',
    approved_at: '2024-01-03',
  });
  return { customer, salesperson, product, batch, contract };
}

/** A sales order body (with one line) that the world permits; override fields to break a rule. */
export function compliantOrder(w: World, orderNo: string, line: Record<string, unknown> = {}, order: Record<string, unknown> = {}) {
  return {
    order_no: orderNo,
    customer: w.customer,
    salesperson: w.salesperson,
    contract: w.contract,
    sale_date: '2025-06-01',
    payment_method: 'transfer',
    status: 'confirmed',
    ...order,
    sales_lines: [{ product: w.product, batch: w.batch, quantity: 10, unit_price: 15, amount: 150, ...line }],
  };
}

/**
 * Test set-up only: puts records into workflow states (approved, signed …) the way the demo seed writes its
 * made-up history (`seed`, server/services/lifecycle.ts) — for tests about something after those steps.
 */
export async function recordStates(srv: { db: Db; clock: Clock }, resource: string, id: number, values: Record<string, unknown>): Promise<void> {
  const ctx: ServiceContext = { db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  await updateRecord(ctx, registry.get(resource)!, id, values, { seed: true, reason: '测试前置状态' });
}
