/**
 * A small GSP-compliant world created through the API (as admin), so that sales written in the API tests
 * break no `error` rule once the write services enforce the rules: our own licence, approved buyers with
 * valid licences, an authorised salesperson, approved products, qualified batches, a signed contract.
 */
import type { DataProvider } from 'ra-core';
import type { Clock } from '../../server/clock';
import type { Db } from '../../server/db';
import { recordStates } from '../helpers/world';
import { ID_NUMBERS } from './api-client';

export const DRUG_SCOPE = ['中成药', '化学药制剂', '抗生素制剂', '生化药品', '生物制品'];

export interface World {
  customers: [number, number];
  salesperson: number;
  contract: number;
  products: [number, number];
  batches: [number, number];
}

/**
 * Records are created through the API; their approvals, reviews and signing — the workflow steps' fields — are
 * set afterwards as recorded states (recordStates), since no plain write may set them.
 */
export async function compliantWorld(dp: DataProvider, srv: { db: Db; clock: Clock }, tag = ''): Promise<World> {
  const STEPS: Record<string, string[]> = {
    customers: ['qa_status', 'qa_approved_at', 'credit_reviewed_at', 'storage_reviewed_at'],
    products: ['qa_status'],
    contracts: ['status', 'approved_by', 'approved_role', 'approved_at', 'signed_at'],
  };
  const mk = async (resource: string, data: Record<string, unknown>) => {
    const steps = Object.fromEntries((STEPS[resource] ?? []).filter((k) => k in data).map((k) => [k, data[k]]));
    const plain = Object.fromEntries(Object.entries(data).filter(([k]) => !(k in steps)));
    const id = (await dp.create(resource, { data: plain })).data.id as number;
    if (Object.keys(steps).length) states.push(() => recordStates(srv, resource, id, steps));
    return id;
  };
  // recorded last: a licence added to an approved customer would send it back to review
  const states: (() => void)[] = [];
  await mk('company_licenses', {
    kind: 'drug_business',
    number: `鄂AA0270110${tag}`,
    scope: DRUG_SCOPE,
    business_mode: 'wholesale',
    valid_from: '2021-01-01',
    valid_to: '2026-12-31',
  });
  const customer = async (name: string, n: number) => {
    const id = await mk('customers', {
      name,
      type: 'wholesaler',
      region: '湖北省武汉市',
      address: `湖北省武汉市解放大道${n}号`,
      contact_name: '王洋',
      contact_phone: '18878713756',
      legal_rep: '徐超',
      qa_status: 'approved',
      qa_approved_at: '2023-10-27',
      credit_reviewed_at: '2023-11-15',
      storage_reviewed_at: '2023-11-20',
    });
    await mk('customer_licenses', {
      customer: id,
      kind: 'drug_business',
      number: `鄂AA39448${n}${tag}`,
      scope: DRUG_SCOPE,
      valid_from: '2020-01-01',
      valid_to: '2028-12-31',
    });
    return id;
  };
  const customers: [number, number] = [await customer(`武汉国泰医药有限公司${tag}`, 1), await customer(`武汉九州通医药有限公司${tag}`, 2)];
  const salesperson = await mk('salespeople', {
    name: `高刚${tag}`,
    id_no: ID_NUMBERS[tag ? 1 : 0],
    employee_no: `E01${tag}`,
    contract_start: '2022-01-01',
    contract_end: '2027-12-31',
    social_insurance: true,
    permit_no: `SG69389${tag}`,
    permit_valid_to: '2027-06-30',
  });
  // 第四篇 一.1: trained before a letter is issued (the letter issue refuses an untrained salesperson)
  await mk('trainings', { salesperson, date: '2022-01-10', topic: '新员工岗前培训', hours: 8, passed: true });
  await mk('authorizations', {
    document_no: `SQ39464${tag}`,
    salesperson,
    varieties: DRUG_SCOPE,
    regions: ['湖北省', '湖南省'],
    valid_from: '2023-01-01',
    valid_to: '2026-12-31',
    sealed: true,
  });
  const contract = await mk('contracts', {
    contract_no: `HT2025-001${tag}`,
    customer: customers[0],
    salesperson,
    amount: 200000,
    signed_at: '2025-01-05',
    quality_terms: '符合国家药品标准',
    quantity_price_terms: '按订单约定',
    delivery_terms: '送货上门，3日内',
    payment_method: 'transfer',
    payment_days: 60,
    after_sales_terms: '质量问题无条件退换',
    status: 'signed',
    approved_by: '赵总',
    approved_role: 'sales_vp',
    approved_at: '2025-01-03',
  });
  const product = (generic_name: string, dosage_form: string, spec: string, approval_no: string, scope_category: string) =>
    mk('products', {
      kind: 'drug',
      generic_name,
      dosage_form,
      spec,
      unit: '盒',
      manufacturer: '广州白云山制药股份有限公司',
      approval_no: `${approval_no}${tag}`,
      scope_category,
      storage: 'normal',
      qa_status: 'approved',
    });
  const products: [number, number] = [
    await product('头孢克肟胶囊', '胶囊剂', '0.1g*6粒', '国药准字H20030588', '抗生素制剂'),
    await product('板蓝根颗粒', '颗粒剂', '10g*20袋', '国药准字Z44021940', '中成药'),
  ];
  const batch = (product: number, batch_no: string) =>
    mk('batches', { product, batch_no, production_date: '2024-12-01', expiry_date: '2026-11-30', status: 'qualified' });
  const batches: [number, number] = [await batch(products[0], 'C2412'), await batch(products[1], 'Z2412')];
  for (const record of states) record();
  return { customers, salesperson, contract, products, batches };
}
