/**
 * The #14 staff and quality records over HTTP, each step as the least-privileged role that takes it and
 * refused for the others: qualification to sell (the sale refused after the grace period, the letter refused
 * to an untrained salesperson, social insurance flagged), trainings of after-sales staff, assessments (findings
 * counted, a failed one flags the salesperson), product material (versions, QA approval supersedes), market
 * reports (read receipts), price filings (derived prices, acknowledged by the head of sales), corrective
 * actions (opened from a complaint, feedback or visit, completed, verified, overdue → finding), and the import
 * of an assessment as the head of sales.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../helpers/app';
import { compliantOrder } from '../../helpers/world';
import { recheck } from '../../../server/services/rules/recheck';
import { uploadImport } from '../../imports/pipeline-fixtures';
import { PASSWORD, startFlowServer, type FlowServer } from './flow-users';

let f: FlowServer;
let as: string;
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const asAfterSales = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${f.srv.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: as },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};
const findingsOf = async (resource: string, id: number) =>
  ((await f.call('admin', 'GET', `/findings?filter=${q({ resource, record_id: id })}`)).body as { rule: string; status: string }[])
    .filter((x) => x.status === 'open')
    .map((x) => x.rule);
const setting = async (key: string, value: unknown) => {
  const row = (await f.call('admin', 'GET', `/settings?filter=${q({ key })}`)).body[0];
  expect((await f.call('admin', 'PUT', `/settings/${row.id}`, { ...row, value, _reason: '测试' })).status).toBe(200);
};

beforeAll(async () => {
  f = await startFlowServer('2025-06-30');
  expect(
    (await f.call('admin', 'POST', '/users', { username: 'after_sales', display_name: '刘敏', roles: ['after_sales'], password: PASSWORD, active: true }))
      .status,
  ).toBe(201);
  as = await login(f.srv.url, 'after_sales', PASSWORD);
}, 60_000);
afterAll(() => f.srv.close());

describe('qualified to sell (第二篇 3.3, 3.12; 第四篇 一.1)', () => {
  let person: number;
  it('the office may not issue a letter to a salesperson without a passed training; with one it may', async () => {
    const p = await f.call('office', 'POST', '/salespeople', {
      name: '孙悦',
      id_no: '420106199004217315',
      contract_start: '2024-07-01',
      contract_end: '2027-06-30',
      social_insurance: false,
      permit_no: 'SG700555',
      permit_valid_to: '2027-06-30',
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    person = p.body.id;
    const letter = {
      document_no: 'SQ-2025-088',
      salesperson: person,
      varieties: ['中成药'],
      regions: ['湖北省'],
      valid_from: '2025-07-01',
      valid_to: '2025-12-31',
      sealed: true,
    };
    const refused = await f.call('office', 'POST', '/authorizations', letter);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.salesperson).toMatch(/^\[SALESPERSON_UNQUALIFIED\] 销售人员「孙悦」.*没有考核合格的培训记录/);
    expect((await f.call('office', 'POST', '/authorizations', letter, 'en')).body.errors.salesperson).toMatch(/no passed training/);
    expect(
      (await f.call('office', 'POST', '/trainings', { salesperson: person, date: '2024-07-02', topic: '新员工岗前培训', hours: 8, passed: true })).status,
    ).toBe(201);
    expect((await f.call('office', 'POST', '/authorizations', letter)).status).toBe(201);
  });

  it('social insurance not paid is a warning on the salesperson, not a refusal', async () => {
    expect(await findingsOf('salespeople', person)).toEqual(['SALESPERSON_NO_SOCIAL_INSURANCE']);
    const cur = (await f.call('office', 'GET', `/salespeople/${person}`)).body;
    expect((await f.call('office', 'PUT', `/salespeople/${person}`, { ...cur, social_insurance: true })).status).toBe(200);
    expect(await findingsOf('salespeople', person)).toEqual([]);
  });

  it('a sale by a salesperson whose permit lapsed beyond the grace period is refused; a longer grace lets it through', async () => {
    const sp = (await f.call('admin', 'GET', `/salespeople/${f.world.salesperson}`)).body;
    expect((await f.call('office', 'PUT', `/salespeople/${sp.id}`, { ...sp, permit_valid_to: '2025-04-20' })).status).toBe(200);
    const refused = await f.call('admin', 'POST', '/sales_orders', compliantOrder(f.world, 'XS-Q-1', {}, { sale_date: '2025-06-01' }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toMatch(/\[SALESPERSON_UNQUALIFIED\].*上岗证 SG693891 已于 2025-04-20 到期超过 30 天/);
    await setting('qualificationGraceDays', 60);
    expect((await f.call('admin', 'POST', '/sales_orders', compliantOrder(f.world, 'XS-Q-2', {}, { sale_date: '2025-06-01' }))).status).toBe(201);
    await setting('qualificationGraceDays', 30);
    const now = (await f.call('admin', 'GET', `/salespeople/${sp.id}`)).body;
    expect((await f.call('office', 'PUT', `/salespeople/${sp.id}`, { ...now, permit_valid_to: '2030-06-30' })).status).toBe(200);
  });

  it('after-sales staff have training records too (第一篇 4): named by the trainee', async () => {
    const t = await f.call('office', 'POST', '/trainings', {
      post: 'after_sales',
      trainee: '刘敏',
      date: '2025-06-10',
      topic: '售后服务流程与投诉处理培训',
      hours: 4,
      passed: true,
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    const missing = await f.call('office', 'POST', '/trainings', { post: 'after_sales', date: '2025-06-10', topic: '售后服务技能培训' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.trainee).toBe('请填写受训人员姓名');
    expect((await f.call('sales', 'POST', '/trainings', { post: 'after_sales', trainee: '刘敏', date: '2025-06-11', topic: '售后' })).status).toBe(403);
  });
});

describe('salesperson assessment (第二篇 3.3 考核)', () => {
  it("the head of sales records it, the period's findings are counted; a failed one flags the salesperson until a later pass", async () => {
    // a warning on one of the salesperson's sales in the period: a sale without contract (CONTRACT_MISSING)
    expect((await f.call('admin', 'POST', '/sales_orders', compliantOrder(f.world, 'XS-A-1', {}, { contract: null, sale_date: '2025-05-10' }))).status).toBe(
      201,
    );
    const body = {
      salesperson: f.world.salesperson,
      period_from: '2025-04-01',
      period_to: '2025-06-30',
      assessor: '刘经理',
      score: 52,
      conclusion: 'failed',
      findings_count: 0,
    };
    expect((await f.call('sales', 'POST', '/salesperson_assessments', body)).status).toBe(403);
    const failed = await f.call('sales_head', 'POST', '/salesperson_assessments', body);
    expect(failed.status, JSON.stringify(failed.body)).toBe(201);
    expect(failed.body.findings_count).toBeGreaterThanOrEqual(1);
    expect(await findingsOf('salespeople', f.world.salesperson)).toEqual(['SALESPERSON_ASSESSMENT_FAILED']);
    const backwards = await f.call('sales_head', 'POST', '/salesperson_assessments', { ...body, period_from: '2025-07-01', period_to: '2025-06-30' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.period_to).toMatch(/早于考核期起/);
    expect(
      (
        await f.call('sales_head', 'POST', '/salesperson_assessments', {
          ...body,
          period_from: '2025-07-01',
          period_to: '2025-09-30',
          score: 85,
          conclusion: 'passed',
        })
      ).status,
    ).toBe(201);
    expect(await findingsOf('salespeople', f.world.salesperson)).toEqual([]);
  });

  it("the head of sales imports assessments from the template's headers (findings counted by the server)", async () => {
    const head = await login(f.srv.url, 'sales_head', PASSWORD);
    const t = await fetch(`${f.srv.url}/api/import-templates/salesperson_assessments.xlsx`, { headers: { cookie: head } });
    expect(t.status).toBe(200);
    const csv = '销售人员,考核期起,考核期止,考核人,考核得分,考核结论,考核意见\n高刚,2025-01-01,2025-03-31,刘经理,88,合格,按期回访客户\n';
    const res = await uploadImport(f.srv.url, head, { name: '考核.csv', bytes: Buffer.from(csv, 'utf8') }, { kind: 'salesperson_assessments' });
    const r = await res.json();
    expect(res.status, JSON.stringify(r)).toBe(201);
    expect(r.report.counts).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
    const rows = (await f.call('admin', 'GET', `/salesperson_assessments?filter=${q({ period_to: '2025-03-31' })}`)).body;
    expect(rows[0]).toMatchObject({ assessor: '刘经理', conclusion: 'passed', findings_count: 0 });
    const sales = await login(f.srv.url, 'sales', PASSWORD);
    expect((await uploadImport(f.srv.url, sales, { name: '考核.csv', bytes: Buffer.from(csv, 'utf8') }, { kind: 'salesperson_assessments' })).status).toBe(403);
  });
});

describe('product information material (第二篇 3.7; 第五篇 3.1)', () => {
  it('versions numbered, QA approves (signed, not its own), an approved text is never edited, a new approval supersedes', async () => {
    const draft = { product: f.world.product, title: '阿莫西林胶囊产品介绍', content: '用于敏感菌所致感染；用法用量以说明书为准。' };
    const v1 = await f.call('sales_head', 'POST', '/product_materials', draft);
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body).toMatchObject({ edition: 1, status: 'draft' });
    expect((await f.call('sales_head', 'POST', `/product_materials/${v1.body.id}/approve`, { password: PASSWORD })).status).toBe(403);
    const ok = await f.call('qa', 'POST', `/product_materials/${v1.body.id}/approve`, { password: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record).toMatchObject({ status: 'approved', approved_by: '吴静', approved_at: '2025-06-30' });
    const edit = await f.call('sales_head', 'PUT', `/product_materials/${v1.body.id}`, { ...ok.body.record, content: '疗效显著', _reason: '改写' });
    expect(edit.status).toBe(400);
    expect(edit.body.message).toMatch(/第 1 版资料已批准，不能修改/);
    const v2 = await f.call('sales_head', 'POST', '/product_materials', { ...draft, content: '用于敏感菌所致感染；青霉素过敏者禁用。' });
    expect(v2.body.edition).toBe(2);
    expect((await f.call('qa', 'POST', `/product_materials/${v2.body.id}/approve`, { password: PASSWORD })).status).toBe(200);
    expect((await f.call('admin', 'GET', `/product_materials/${v1.body.id}`)).body.status).toBe('superseded');
    const own = await f.call('qa', 'POST', '/product_materials', { ...draft, title: '质管部自拟' });
    expect((await f.call('qa', 'POST', `/product_materials/${own.body.id}/approve`, { password: PASSWORD })).status).toBe(403);
    // a visit and a complaint cite the material used
    const visit = await asAfterSales('POST', '/visits', {
      customer: f.world.customer,
      visit_date: '2025-06-20',
      kind: 'scheduled',
      staff: '刘敏',
      material: v2.body.id,
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    expect(visit.body.material).toBe(v2.body.id);
    const c = await asAfterSales('POST', '/complaints', {
      customer: f.world.customer,
      channel: 'phone',
      received_at: '2025-06-21',
      description: '介绍与说明书不符',
      material: v1.body.id,
    });
    expect(c.status).toBe(201);
    // never a draft nobody approved, never another product's material
    const draftCited = await asAfterSales('POST', '/visits', {
      customer: f.world.customer,
      visit_date: '2025-06-20',
      kind: 'phone',
      staff: '刘敏',
      material: own.body.id,
    });
    expect(draftCited.status).toBe(400);
    expect(draftCited.body.errors.material).toMatch(/尚未经质管部批准/);
    const otherProduct = await f.call('admin', 'POST', '/products', {
      kind: 'drug',
      generic_name: '布洛芬缓释胶囊',
      dosage_form: '胶囊剂',
      spec: '0.3g×20粒',
      unit: '盒',
      manufacturer: '中美天津史克制药有限公司',
      approval_no: '国药准字H10900089',
      scope_category: '化学药制剂',
      storage: 'normal',
    });
    expect(otherProduct.status, JSON.stringify(otherProduct.body)).toBe(201);
    const wrong = await asAfterSales('POST', '/visits', {
      customer: f.world.customer,
      visit_date: '2025-06-20',
      kind: 'phone',
      staff: '刘敏',
      product: otherProduct.body.id,
      material: v2.body.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.material).toBe('所用产品资料不是该品种的资料');
  });
});

describe('market and price information (第三篇 九; 第四篇 二.6)', () => {
  it('sales report, send it to management, who each leave a read receipt once', async () => {
    const r = await f.call('sales', 'POST', '/market_reports', {
      reported_at: '2025-06-25',
      reporter: '高刚',
      region: '湖北省武汉市',
      product: f.world.product,
      competitor_product: '阿莫西林胶囊（某药业）',
      market_price: 11.5,
      summary: '竞品终端价下调约 8%，建议调整促销政策。',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.report_no).toMatch(/^SC-202506-\d{3}$/);
    const id = r.body.id;
    expect((await f.call('gm', 'POST', `/market_reports/${id}/mark-read`, {})).status).toBe(400); // not sent yet
    expect((await f.call('sales', 'POST', `/market_reports/${id}/submit`, {})).body.record.status).toBe('submitted');
    expect((await f.call('sales', 'POST', `/market_reports/${id}/mark-read`, {})).status).toBe(403);
    expect((await f.call('gm', 'POST', `/market_reports/${id}/mark-read`, {})).status).toBe(200);
    const twice = await f.call('gm', 'POST', `/market_reports/${id}/mark-read`, {});
    expect(twice.status).toBe(400);
    expect(twice.body.message).toMatch(/已阅过/);
    const read = (await f.call('sales_vp', 'POST', `/market_reports/${id}/mark-read`, {})).body.record;
    expect(read.status).toBe('read');
    expect(read.read_receipts.split('\n')).toEqual([
      expect.stringMatching(/^钱总（总经理）已阅 2025-06-30 \d\d:\d\d$/),
      expect.stringMatching(/^赵副总（销售副总）已阅 /),
    ]);
    expect((await f.call('sales', 'PUT', `/market_reports/${id}`, { ...read, read_receipts: '伪造' })).status).toBe(400);
  });
});

describe('in-range prices filed (第五篇 4.3)', () => {
  it("the salesperson files the period's in-range prices (derived), the head of sales acknowledges with a signature", async () => {
    expect(
      (await f.call('admin', 'POST', '/sales_orders', compliantOrder(f.world, 'XS-P-1', { unit_price: 14, amount: 140 }, { sale_date: '2025-06-12' }))).status,
    ).toBe(201);
    const fl = await f.call('sales', 'POST', '/price_filings', { salesperson: f.world.salesperson, period_from: '2025-06-01', period_to: '2025-06-30' });
    expect(fl.status, JSON.stringify(fl.body)).toBe(201);
    expect(fl.body).toMatchObject({ product_count: 1, status: 'draft' });
    expect(fl.body.prices).toMatch(/^阿莫西林胶囊 0\.25g×24粒：单价 14\.00–15\.00 元，\d+ 笔，数量 \d+/);
    expect((await f.call('sales', 'POST', `/price_filings/${fl.body.id}/acknowledge`, { password: PASSWORD })).status).toBe(403);
    expect((await f.call('sales', 'POST', `/price_filings/${fl.body.id}/submit`, {})).body.record).toMatchObject({
      status: 'submitted',
      submitted_at: '2025-06-30',
    });
    const ack = await f.call('sales_head', 'POST', `/price_filings/${fl.body.id}/acknowledge`, { password: PASSWORD });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.record).toMatchObject({ status: 'acknowledged', acknowledged_by: '刘经理' });
    expect(ack.body.signature.meaning).toBe('acknowledge_price_filing');
    const mine = await f.call('sales_head', 'POST', '/price_filings', { salesperson: f.world.salesperson, period_from: '2025-05-01', period_to: '2025-05-31' });
    await f.call('sales_head', 'POST', `/price_filings/${mine.body.id}/submit`, {});
    expect((await f.call('sales_head', 'POST', `/price_filings/${mine.body.id}/acknowledge`, { password: PASSWORD })).status).toBe(403);
  });
});

describe('corrective actions (第二篇 3.13; 第三篇 四)', () => {
  it('after-sales opens one from a complaint, feedback form or visit; the owner completes it, QA verifies (signed); overdue → finding', async () => {
    const c = await asAfterSales('POST', '/complaints', { customer: f.world.customer, channel: 'visit', received_at: '2025-06-26', description: '外包装破损' });
    const input = { cause: '运输途中挤压', action: '改用加厚纸箱并加缓冲', owner: '储运部 孙立', due_date: '2025-07-15' };
    expect((await f.call('warehouse', 'POST', `/complaints/${c.body.id}/open-corrective-action`, input)).status).toBe(403);
    const past = await asAfterSales('POST', `/complaints/${c.body.id}/open-corrective-action`, { ...input, due_date: '2025-06-01' });
    expect(past.status).toBe(400);
    expect(past.body.errors.due_date).toMatch(/不能早于今天/);
    expect((await asAfterSales('POST', `/complaints/${c.body.id}/open-corrective-action`, input)).status).toBe(200);
    const [ca] = (await f.call('admin', 'GET', `/corrective_actions?filter=${q({ complaint: c.body.id })}`)).body;
    expect(ca).toMatchObject({ source: 'complaint', owner: '储运部 孙立', status: 'open' });
    expect(ca.action_no).toMatch(/^GJ-202506-\d{3}$/);
    const fb = await asAfterSales('POST', '/quality_feedback', { source: 'customer', customer: f.world.customer, description: '胶囊粘连' });
    expect((await f.call('qa', 'POST', `/quality_feedback/${fb.body.id}/open-corrective-action`, input)).status).toBe(200);
    const v = await asAfterSales('POST', '/visits', {
      customer: f.world.customer,
      visit_date: '2025-06-28',
      kind: 'phone',
      staff: '刘敏',
      opinions: '希望缩短送货时间',
    });
    expect((await f.call('sales', 'POST', `/visits/${v.body.id}/open-corrective-action`, { ...input, due_date: '2025-07-05' })).status).toBe(200);
    // a plain write names the source it says it came from
    const bare = await asAfterSales('POST', '/corrective_actions', { source: 'complaint', cause: 'x', action: 'y', owner: 'z', due_date: '2025-07-01' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors.complaint).toMatch(/须填写投诉编号/);
    // the owner's department records completion; only QA verifies
    expect((await f.call('qa', 'POST', `/corrective_actions/${ca.id}/verify`, { password: PASSWORD, verification: '抽查有效' })).status).toBe(400);
    expect((await asAfterSales('POST', `/corrective_actions/${ca.id}/complete`, { result: '已更换包装' })).body.record).toMatchObject({
      status: 'done',
      completed_at: '2025-06-30',
    });
    expect((await asAfterSales('POST', `/corrective_actions/${ca.id}/verify`, { password: PASSWORD, verification: '有效' })).status).toBe(403);
    const ver = await f.call('qa', 'POST', `/corrective_actions/${ca.id}/verify`, { password: PASSWORD, verification: '抽查 3 批，无破损' });
    expect(ver.status, JSON.stringify(ver.body)).toBe(200);
    expect(ver.body.record).toMatchObject({ status: 'verified', verified_by: '吴静' });
    // the visit's action, due 2025-07-05, is overdue once the re-check passes that date
    const [late] = (await f.call('admin', 'GET', `/corrective_actions?filter=${q({ visit: v.body.id })}`)).body;
    await recheck(f.srv.db, f.srv.clock, '2025-07-06');
    expect(await findingsOf('corrective_actions', late.id)).toEqual(['CORRECTIVE_ACTION_OVERDUE']);
    expect(await findingsOf('corrective_actions', ca.id)).toEqual([]);
  });
});

describe('imports of the new records, each as the least-privileged role that may create them', () => {
  const cases = [
    {
      kind: 'product_materials',
      role: 'sales_head',
      csv: '通用名称,资料名称,介绍内容\n阿莫西林胶囊,旧版产品介绍（纸质存档）,用法用量以说明书为准。\n',
      check: (r: Record<string, unknown>) => expect(r).toMatchObject({ status: 'draft', title: '旧版产品介绍（纸质存档）' }),
    },
    {
      kind: 'market_reports',
      role: 'sales',
      csv: '编号,报告日期,报告人,同行业产品,市场价格,市场信息与建议\nSC-202504-009,2025-04-18,高刚,阿莫西林胶囊（某药业）,10.5,终端价下调\n',
      check: (r: Record<string, unknown>) => expect(r).toMatchObject({ report_no: 'SC-202504-009', market_price: 10.5, status: 'draft' }),
    },
    {
      kind: 'price_filings',
      role: 'sales',
      csv: '备案编号,销售人员,备案期起,备案期止\nJB-202504-009,高刚,2025-04-01,2025-04-30\n',
      check: (r: Record<string, unknown>) => expect(r).toMatchObject({ filing_no: 'JB-202504-009', status: 'draft', product_count: expect.any(Number) }),
    },
    {
      kind: 'corrective_actions',
      role: 'sales',
      csv: '编号,来源,原因分析,改进措施,责任人,完成期限\nGJ-202504-009,其他,送货单填写不全,统一送货单模板,销售部 高刚,2025-05-31\n',
      check: (r: Record<string, unknown>) => expect(r).toMatchObject({ action_no: 'GJ-202504-009', source: 'other', status: 'open' }),
    },
  ];
  it.each(cases)('$kind as $role', async ({ kind, role, csv, check }) => {
    const cookie = await login(f.srv.url, role, PASSWORD);
    expect((await fetch(`${f.srv.url}/api/import-templates/${kind}.xlsx`, { headers: { cookie } })).status).toBe(200);
    const res = await uploadImport(f.srv.url, cookie, { name: `${kind}.csv`, bytes: Buffer.from(csv, 'utf8') }, { kind });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.report.counts, JSON.stringify(body.report.rejected)).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
    const [row] = (await f.call('admin', 'GET', `/${kind}?sort=${q(['id', 'DESC'])}&range=[0,0]`)).body;
    check(row);
  });
  it('a role that may not create the record is refused up front', async () => {
    const cookie = await login(f.srv.url, 'warehouse', PASSWORD);
    const res = await uploadImport(f.srv.url, cookie, { name: 'x.csv', bytes: Buffer.from(cases[1].csv, 'utf8') }, { kind: 'market_reports' });
    expect(res.status).toBe(403);
  });
});
