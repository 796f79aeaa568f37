/**
 * The contract flow over HTTP (第五篇 3): a salesperson drafts; submit refuses an incomplete terms checklist
 * (3.2) listing what is missing; the sales VP approves or rejects (signed, reason) a general contract, the
 * general manager one at or above settings.majorContractAmount (which the head of sales submits); approval
 * only from pending; then the salesperson records the signing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startFlowServer, type FlowServer } from './flow-users';

let f: FlowServer;
beforeAll(async () => {
  f = await startFlowServer('2025-06-30');
});
afterAll(() => f.srv.close());

const TERMS = {
  quality_terms: '符合《中国药典》2020 年版标准，外包装完好',
  quantity_price_terms: '阿莫西林胶囊 2000 盒 × 15.00 元',
  delivery_terms: '送货上门，2025-07-10 前',
  payment_method: 'transfer',
  payment_days: 60,
  after_sales_terms: '质量问题无条件退换，协助召回',
};
let n = 0;
async function draft(who: string, extra: Record<string, unknown> = {}) {
  const r = await f.call(who, 'POST', '/contracts', {
    contract_no: `HT-2025-${++n}`,
    customer: f.world.customer,
    salesperson: f.world.salesperson,
    amount: 30000,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.status).toBe('draft');
  return r.body as Record<string, any>;
}

describe('submit', () => {
  it('is refused with the missing 3.2 terms listed, and the checklist shows each term', async () => {
    const c = await draft('sales', { quality_terms: TERMS.quality_terms, payment_method: 'transfer' });
    const refused = await f.call('sales', 'POST', `/contracts/${c.id}/submit`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('合同条款不全（第五篇 3.2），不能提交审批。缺少：购货量与供货单价、交货方式及交货日期、付款期限、质量条款及售后服务约定');
    const en = await f.call('sales', 'POST', `/contracts/${c.id}/submit`, {}, 'en');
    expect(en.body.message).toMatch(/Missing: quantity and unit price, delivery method and date, payment term, quality and after-sales terms$/);
    const list = (await f.call('sales', 'GET', `/workflows/contracts/${c.id}/checklist`)).body;
    expect(list.checks.map((x: { key: string; status: string }) => `${x.key}=${x.status}`)).toEqual([
      'term:quality_terms=pass',
      'term:quantity_price_terms=fail',
      'term:delivery_terms=fail',
      'term:payment_method=pass',
      'term:payment_days=fail',
      'term:after_sales_terms=fail',
      'customer_approved=pass',
    ]);
    expect(list).toMatchObject({ ready: false, level: 'sales_vp', majorContractAmount: 500000 });
    expect((await f.call('admin', 'GET', `/contracts/${c.id}`)).body.status).toBe('draft');
  });

  it('a plain edit cannot move the status; approval needs a submitted contract', async () => {
    const c = await draft('sales', TERMS);
    const edited = await f.call('sales', 'PUT', `/contracts/${c.id}`, { ...c, status: 'approved' });
    expect(edited.status).toBe(400);
    expect(edited.body.errors.status).toMatch(/只能由工作流步骤/);
    const early = await f.call('sales_vp', 'POST', `/contracts/${c.id}/approve`, { password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/当前状态不能执行此操作/);
  });

  it('a contract for a customer QA has not approved cannot be submitted', async () => {
    const cust = await f.call('sales', 'POST', '/customers', { name: '荆门市新客户大药房', type: 'retailer', region: '湖北省荆门市' });
    const c = await draft('sales', { ...TERMS, customer: cust.body.id });
    const r = await f.call('sales', 'POST', `/contracts/${c.id}/submit`, {});
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('购货单位「荆门市新客户大药房」尚未通过质管部首营审核，合同不能提交');
  });
});

describe('a general contract: sales VP', () => {
  it('draft → submit → reject (signed, reason) → corrected → resubmit → approve → sign', async () => {
    const c = await draft('sales', TERMS);
    expect((await f.call('sales_head', 'POST', `/contracts/${c.id}/submit`, {})).status).toBe(200);
    expect((await f.call('admin', 'GET', `/contracts/${c.id}`)).body.status).toBe('pending');
    expect((await f.call('sales', 'POST', `/contracts/${c.id}/reject`, { password: PASSWORD, comment: 'x' })).status).toBe(403);
    const noReason = await f.call('sales_vp', 'POST', `/contracts/${c.id}/reject`, { password: PASSWORD });
    expect(noReason.status).toBe(400);
    const rejected = await f.call('sales_vp', 'POST', `/contracts/${c.id}/reject`, { password: PASSWORD, comment: '付款期限过长，改为 30 天' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.record.status).toBe('rejected');
    expect(rejected.body.signature).toMatchObject({ meaning: 'reject_contract', signer_name: '赵副总', comment: '付款期限过长，改为 30 天' });
    const current = (await f.call('sales', 'GET', `/contracts/${c.id}`)).body;
    expect((await f.call('sales', 'PUT', `/contracts/${c.id}`, { ...current, payment_days: 30, _reason: '按审批意见修改付款期限' })).status).toBe(200);
    expect((await f.call('sales', 'POST', `/contracts/${c.id}/submit`, {})).status).toBe(200);
    const early = await f.call('sales', 'POST', `/contracts/${c.id}/sign`, { password: PASSWORD });
    expect(early.status).toBe(400);
    const approved = await f.call('sales_vp', 'POST', `/contracts/${c.id}/approve`, { password: PASSWORD });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.record).toMatchObject({ status: 'approved', approved_role: 'sales_vp', approved_by: '赵副总', approved_at: '2025-06-30' });
    const future = await f.call('sales', 'POST', `/contracts/${c.id}/sign`, { password: PASSWORD, signed_at: '2025-07-02' });
    expect(future.status).toBe(400);
    expect(future.body.errors.signed_at).toMatch(/应在审批日期 2025-06-30 与今天 2025-06-30 之间/);
    const signed = await f.call('sales', 'POST', `/contracts/${c.id}/sign`, { password: PASSWORD });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.record).toMatchObject({ status: 'signed', signed_at: '2025-06-30' });
    expect(signed.body.signature.meaning).toBe('sign_contract');
  });
});

describe('a major contract: general manager', () => {
  it('is submitted by the head of sales, not a salesperson; the VP may not decide it; the GM approves', async () => {
    const c = await draft('sales', { ...TERMS, amount: 500000 });
    const bySales = await f.call('sales', 'POST', `/contracts/${c.id}/submit`, {});
    expect(bySales.status).toBe(403);
    expect(bySales.body.message).toMatch(/重大合同（金额达到 500000 元）须由销售部负责人商洽后提交/);
    expect((await f.call('sales_head', 'POST', `/contracts/${c.id}/submit`, {})).status).toBe(200);
    const list = (await f.call('sales_vp', 'GET', `/workflows/contracts/${c.id}/checklist`)).body;
    expect(list).toMatchObject({ ready: true, level: 'gm', levelLabel: { zh: '总经理' } });
    const byVp = await f.call('sales_vp', 'POST', `/contracts/${c.id}/approve`, { password: PASSWORD });
    expect(byVp.status).toBe(403);
    expect(byVp.body.message).toBe('「approve」需由以下角色执行：总经理');
    const vpReject = await f.call('sales_vp', 'POST', `/contracts/${c.id}/reject`, { password: PASSWORD, comment: '不同意' });
    expect(vpReject.status).toBe(403);
    const ok = await f.call('gm', 'POST', `/contracts/${c.id}/approve`, { password: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record).toMatchObject({ status: 'approved', approved_role: 'gm' });
  });

  it('the threshold is the setting: lowered to 20000, a 30000 contract is major', async () => {
    const s = (await f.call('admin', 'GET', `/settings?filter=${encodeURIComponent(JSON.stringify({ key: 'majorContractAmount' }))}`)).body[0];
    expect((await f.call('admin', 'PUT', `/settings/${s.id}`, { ...s, value: 20000 })).status).toBe(200);
    const c = await draft('sales_head', TERMS);
    expect((await f.call('sales_head', 'POST', `/contracts/${c.id}/submit`, {})).status).toBe(200);
    expect((await f.call('sales_vp', 'POST', `/contracts/${c.id}/approve`, { password: PASSWORD })).status).toBe(403);
    expect((await f.call('gm', 'POST', `/contracts/${c.id}/approve`, { password: PASSWORD })).status).toBe(200);
    expect((await f.call('admin', 'PUT', `/settings/${s.id}`, { ...s, value: 500000, version: s.version + 1 })).status).toBe(200);
  });
});

describe('scope', () => {
  it('a salesperson submits and reads only their own contracts', async () => {
    const p = await f.call('office', 'POST', '/salespeople', { name: '别人', id_no: '420106199004217315' });
    const other = await draft('sales_head', { ...TERMS, salesperson: p.body.id });
    expect((await f.call('sales', 'POST', `/contracts/${other.id}/submit`, {})).status).toBe(403);
    expect((await f.call('sales', 'GET', `/workflows/contracts/${other.id}/checklist`)).status).toBe(403);
  });
});
