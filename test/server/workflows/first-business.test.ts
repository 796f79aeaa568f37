/**
 * 首营 (first-business) over HTTP: the checklist of a pending customer and product, QA's approval refused
 * while a blocking check fails (naming the checks, zh and en), the credit review by sales with finance, the
 * storage review of a cold-chain customer, and the approval once everything passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startFlowServer, type FlowServer } from './flow-users';
import { attachAs } from '../../helpers/attachments';

let f: FlowServer;
beforeAll(async () => {
  f = await startFlowServer('2025-06-30');
});
afterAll(() => f.srv.close());

const checksOf = async (resource: string, id: number, who = 'qa') => {
  const r = await f.call(who, 'GET', `/workflows/first-business/${resource}/${id}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { ready: boolean; checks: { key: string; status: string; blocking: boolean; detail: { zh: string; en: string }; source: string }[] };
};
const statusOf = (list: Awaited<ReturnType<typeof checksOf>>, key: string) => list.checks.find((c) => c.key === key)?.status;

async function pendingCustomer(name: string, extra: Record<string, unknown> = {}) {
  const r = await f.call('sales', 'POST', '/customers', { name, type: 'retailer', region: '湖北省襄阳市', ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as number;
}

describe('a pending customer', () => {
  let id: number;
  beforeAll(async () => {
    id = await pendingCustomer('襄阳市仁心大药房有限公司', { cold_chain: true });
  });

  it('lists every check, failing where documents are missing, with the regulation', async () => {
    const list = await checksOf('customers', id);
    expect(list.ready).toBe(false);
    expect(list.checks.map((c) => c.key)).toEqual([
      'legal_entity',
      'credit_code',
      'profile',
      'licence:business',
      'licence:drug_business',
      'agents',
      'credit',
      'storage',
      'scans',
    ]);
    expect(statusOf(list, 'legal_entity')).toBe('pass');
    expect(statusOf(list, 'scans')).toBe('pass'); // nothing registered yet, so no scan is missing
    for (const key of ['credit_code', 'profile', 'licence:business', 'licence:drug_business', 'agents', 'credit', 'storage'])
      expect(statusOf(list, key), key).toBe('fail');
    expect(list.checks.find((c) => c.key === 'licence:drug_business')!.source).toBe('第五篇 2.1; 第四篇 一.3');
    expect(list.checks.find((c) => c.key === 'profile')!.detail.zh).toContain('地址');
  });

  it('QA approval is refused (400) naming the failing checks, in Chinese and English', async () => {
    const zh = await f.call('qa', 'POST', `/customers/${id}/approve`, { password: PASSWORD });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toMatch(/^首营审核有以下检查未通过，不能批准：1\. 统一社会信用代码/);
    expect(zh.body.message).toContain('《药品经营许可证》');
    expect(zh.body.message).toContain('商业信誉及货款支付能力审核');
    const en = await f.call('qa', 'POST', `/customers/${id}/approve`, { password: PASSWORD }, 'en');
    expect(en.status).toBe(400);
    expect(en.body.message).toMatch(/^These first-business checks fail.*Drug business licence/);
    expect((await f.call('admin', 'GET', `/customers/${id}`)).body.qa_status).toBe('pending');
  });

  it('the credit review: a salesperson rates, only finance or the head of sales sets the limit', async () => {
    const byWarehouse = await f.call('warehouse', 'POST', `/customers/${id}/credit-review`, { password: PASSWORD, payment_rating: '良好' });
    expect(byWarehouse.status).toBe(403);
    const noRating = await f.call('sales', 'POST', `/customers/${id}/credit-review`, { password: PASSWORD });
    expect(noRating.status).toBe(400);
    expect(noRating.body.errors.payment_rating).toBeTruthy();
    const limitBySales = await f.call('sales', 'POST', `/customers/${id}/credit-review`, { password: PASSWORD, payment_rating: '良好', credit_limit: 300000 });
    expect(limitBySales.status).toBe(403);
    expect(limitBySales.body.message).toMatch(/信用额度须由财务部或销售部负责人核定/);
    const rated = await f.call('sales', 'POST', `/customers/${id}/credit-review`, {
      password: PASSWORD,
      payment_rating: '良好',
      comment: '走访门店，经营稳定',
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.signature.meaning).toBe('review_credit');
    expect(rated.body.record).toMatchObject({ payment_rating: '良好', credit_reviewed_at: '2025-06-30', credit_limit: null });
    const half = await checksOf('customers', id);
    expect(statusOf(half, 'credit')).toBe('fail');
    expect(half.checks.find((c) => c.key === 'credit')!.detail.zh).toMatch(/信用额度尚待财务部.*高刚（销售员）/);
    const limited = await f.call('finance', 'POST', `/customers/${id}/credit-review`, { password: PASSWORD, payment_rating: '良好', credit_limit: 300000 });
    expect(limited.status, JSON.stringify(limited.body)).toBe(200);
    const done = await checksOf('customers', id);
    expect(statusOf(done, 'credit')).toBe('pass');
    expect(done.checks.find((c) => c.key === 'credit')!.detail.zh).toMatch(/高刚（销售员）、周会计（财务部）/);
  });

  it("the storage review of a cold-chain customer is QA's (or storage & transport's), with its findings", async () => {
    expect((await f.call('sales', 'POST', `/customers/${id}/storage-review`, { password: PASSWORD, comment: '冷库' })).status).toBe(403);
    const noComment = await f.call('qa', 'POST', `/customers/${id}/storage-review`, { password: PASSWORD });
    expect(noComment.status).toBe(400);
    const ok = await f.call('qa', 'POST', `/customers/${id}/storage-review`, { password: PASSWORD, comment: '冷藏柜 2–8℃，温度自动监测记录完整' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record.storage_reviewed_at).toBe('2025-06-30');
    expect(statusOf(await checksOf('customers', id), 'storage')).toBe('pass');
  });

  it('licences: expired fails, expiring within the warning window warns; with everything complete QA approves', async () => {
    const current = (await f.call('sales', 'GET', `/customers/${id}`)).body;
    const filled = await f.call('sales', 'PUT', `/customers/${id}`, {
      ...current,
      credit_code: '91420600MA4K3XY03Y',
      address: '湖北省襄阳市樊城区人民路 8 号',
      contact_name: '陈敏',
      contact_phone: '0710-3456789',
      legal_rep: '陈立',
      _reason: '补全购货者档案',
    });
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    const lic = (kind: string, number: string, valid_to: string, scope?: string[]) =>
      f.call('sales', 'POST', '/customer_licenses', { customer: id, kind, number, valid_from: '2020-01-01', valid_to, ...(scope && { scope }) });
    expect((await lic('business', '91420600MA4K3XY03Y', '2040-12-31')).status).toBe(201);
    expect((await lic('drug_business', '鄂CB0710001', '2025-06-29', ['化学药制剂'])).status).toBe(201);
    let list = await checksOf('customers', id);
    expect(statusOf(list, 'licence:drug_business')).toBe('fail');
    expect(list.checks.find((c) => c.key === 'licence:drug_business')!.detail.zh).toContain('已于 2025-06-29 过期');
    expect((await lic('drug_business', '鄂CB0710002', '2025-07-20', ['化学药制剂', '中成药'])).status).toBe(201);
    list = await checksOf('customers', id);
    expect(statusOf(list, 'licence:drug_business')).toBe('warn');
    expect(list.checks.find((c) => c.key === 'licence:drug_business')!.detail.zh).toContain('30 天内到期');
    for (const agent of [
      { name: '陈立', role: 'legal_rep', phone: '13900000001' },
      { name: '王芳', role: 'responsible', phone: '13900000002' },
      { name: '赵敏', role: 'purchaser', phone: '13900000003', attorney_valid_to: '2025-06-01', id_copy: true },
    ])
      expect((await f.call('sales', 'POST', '/customer_agents', { customer: id, ...agent })).status).toBe(201);
    list = await checksOf('customers', id);
    expect(list.checks.find((c) => c.key === 'agents')!.detail.zh).toContain('采购人员赵敏有效期内的法人委托书');
    const agents = (await f.call('admin', 'GET', `/customer_agents?filter=${encodeURIComponent(JSON.stringify({ customer: id, role: 'purchaser' }))}`)).body;
    expect((await f.call('sales', 'PUT', `/customer_agents/${agents[0].id}`, { ...agents[0], attorney_valid_to: '2026-06-30' })).status).toBe(200);
    list = await checksOf('customers', id);
    // every licence and the purchaser need their scans (server/services/attachments/checks.ts)
    expect(list.checks.filter((c) => c.status === 'fail').map((c) => c.key)).toEqual(['scans']);
    const attach = attachAs(f.srv.url, f.cookies.sales);
    const licences = (await f.call('admin', 'GET', `/customer_licenses?filter=${encodeURIComponent(JSON.stringify({ customer: id }))}`)).body;
    for (const l of licences) await attach('customer_licenses', l.id, 'licence_scan');
    for (const kind of ['attorney', 'id_copy']) await attach('customer_agents', agents[0].id, kind);
    list = await checksOf('customers', id);
    expect(list.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(list.ready).toBe(true);
    const ok = await f.call('qa', 'POST', `/customers/${id}/approve`, { password: PASSWORD, comment: '资料齐全' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record).toMatchObject({ qa_status: 'approved', qa_approved_by: '吴静' });
  });
});

describe('other customers', () => {
  it('an individual is never ready; a hospital needs only its practice licence', async () => {
    const person = await pendingCustomer('张三', { type: 'individual' });
    const list = await checksOf('customers', person);
    expect(statusOf(list, 'legal_entity')).toBe('fail');
    expect(list.checks.some((c) => c.key.startsWith('licence:'))).toBe(false);
    const hospital = await pendingCustomer('襄阳市中心医院', { type: 'medical_institution' });
    expect((await checksOf('customers', hospital)).checks.filter((c) => c.key.startsWith('licence:')).map((c) => c.key)).toEqual([
      'licence:medical_institution',
    ]);
  });

  it('QA can still reject (signed, with a reason)', async () => {
    const id = await pendingCustomer('襄阳市无证药店');
    expect((await f.call('qa', 'POST', `/customers/${id}/reject`, { password: PASSWORD })).status).toBe(400);
    const r = await f.call('qa', 'POST', `/customers/${id}/reject`, { password: PASSWORD, comment: '无药品经营许可证' });
    expect(r.status).toBe(200);
    expect(r.body.record.qa_status).toBe('rejected');
  });

  it('the checklist needs a signed-in user who may view customers', async () => {
    const res = await fetch(`${f.srv.url}/api/workflows/first-business/customers/${f.world.customer}`);
    expect(res.status).toBe(401);
    expect((await f.call('auditor', 'GET', `/workflows/first-business/customers/${f.world.customer}`)).status).toBe(200);
    expect((await f.call('qa', 'GET', '/workflows/first-business/customers/999999')).status).toBe(404);
  });
});

describe('a pending product', () => {
  const base = {
    kind: 'drug',
    generic_name: '人用狂犬病疫苗',
    dosage_form: '注射剂',
    spec: '1.0ml/支',
    unit: '支',
    manufacturer: '辽宁成大生物股份有限公司',
    approval_no: '国药准字S20093011',
    scope_category: '疫苗',
    storage: 'cold',
  };
  it('fails on a category outside our licences; approves once fixed', async () => {
    const p = await f.call('admin', 'POST', '/products', base);
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    let list = await checksOf('products', p.body.id);
    expect(statusOf(list, 'approval_no')).toBe('pass');
    expect(statusOf(list, 'scope')).toBe('fail');
    expect(list.checks.find((c) => c.key === 'scope')!.detail.zh).toContain('疫苗 不在本企业有效证照的经营范围内');
    expect(statusOf(list, 'price')).toBe('warn');
    expect(statusOf(list, 'manufacturer_license')).toBe('na');
    const refused = await f.call('qa', 'POST', `/products/${p.body.id}/approve`, { password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      '首营审核有以下检查未通过，不能批准：1. 在本企业经营范围内：疫苗 不在本企业有效证照的经营范围内（中成药、化学药制剂、抗生素制剂、生化药品、生物制品、第二类医疗器械、第三类医疗器械）；2. 批准证明文件扫描件：本品种：缺少批准证明文件。请上传扫描件（PDF、JPEG 或 PNG）',
    );
    await attachAs(f.srv.url, f.cookies.qa)('products', p.body.id, 'approval_doc');
    const fixed = await f.call('admin', 'PUT', `/products/${p.body.id}`, {
      ...p.body,
      scope_category: '生物制品',
      price_cap: 300,
      price_min: 200,
      price_max: 280,
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    list = await checksOf('products', p.body.id);
    expect(list.ready).toBe(true);
    expect(statusOf(list, 'price')).toBe('pass');
    expect((await f.call('qa', 'POST', `/products/${p.body.id}/approve`, { password: PASSWORD })).status).toBe(200);
  });

  it("a device needs its class and the manufacturer's licence; inconsistent price limits block", async () => {
    const p = await f.call('admin', 'POST', '/products', {
      kind: 'device',
      generic_name: '一次性使用无菌注射器',
      spec: '5ml',
      unit: '支',
      manufacturer: '江西洪达医疗器械集团有限公司',
      approval_no: '赣械注准20152140123',
      scope_category: '第三类医疗器械',
      storage: 'normal',
      price_cap: 1,
      price_max: 2,
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const list = await checksOf('products', p.body.id);
    expect(statusOf(list, 'manufacturer_license')).toBe('fail');
    expect(statusOf(list, 'device_class')).toBe('fail');
    expect(statusOf(list, 'price')).toBe('fail');
    expect(statusOf(list, 'scope')).toBe('pass');
  });
});
