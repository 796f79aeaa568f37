/**
 * The printed documents over HTTP (issue #6, flow 8): each document's HTML carries its record's data and
 * the company's; a document is readable exactly when its record is (403 for another salesperson's order
 * or slip, 404 for none, 401 signed out); PDFs come from the real Chromium with Chinese download names;
 * the customer's complete file is a ZIP of PDFs whose text is checked; without Chromium a clear 503.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { createRecord } from '../../../server/services/write';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { pdfText } from '../../helpers/pdf-text';
import { buildWorld, compliantOrder, recordStates, type World } from '../../helpers/world';
import { attachAs } from '../../helpers/attachments';
import { apiCaller } from '../api-client';

const PASSWORD = 'documents-pass-01';
const BASE = '/api/workflows/documents';
let srv: TestServer;
let admin: string;
let salesA: string;
let salesB: string;
let auditor: string;
let a: World;
let b: World;
const ids: Record<string, number> = {};

const call = apiCaller(() => srv.url);
const get = (cookie: string, path: string, lang?: string) => fetch(`${srv.url}${path}`, { headers: { cookie, ...(lang && { 'accept-language': lang }) } });
const created = async (cookie: string, path: string, body: unknown) => {
  const r = await call(cookie, 'POST', path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as number;
};
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));

async function user(username: string, display_name: string, roles: string[], extra: Record<string, unknown> = {}) {
  await created(admin, '/users', { username, display_name, roles, password: PASSWORD, active: true, ...extra });
  return login(srv.url, username, PASSWORD);
}

async function setSetting(key: string, value: string) {
  const [row] = (await call(admin, 'GET', `/settings?filter=${q({ key })}`)).body;
  expect(row, `setting ${key} is created on first start`).toBeTruthy();
  expect((await call(admin, 'PUT', `/settings/${row.id}`, { value, version: row.version })).status).toBe(200);
}

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  a = await buildWorld(srv.db, srv.clock);
  b = await buildWorld(srv.db, srv.clock, '乙');
  await setSetting('companyName', '湖北康源医药有限公司');
  await setSetting('companyAddress', '武汉市东西湖区金银湖路 18 号');
  await setSetting('companyLegalRep', '陈立新');
  await setSetting('companyPhone', '027-83390001');
  await setSetting('companyQualityContact', '质管部 吴静 027-83390002');
  salesA = await user('sales_a', '高刚', ['sales'], { salesperson: a.salesperson });
  salesB = await user('sales_b', '高刚乙', ['sales'], { salesperson: b.salesperson });
  auditor = await user('auditor_d', '审计员', ['auditor']);
  const qa = await user('qa_d', '吴静', ['qa']);

  // Sales to customer A: two orders by salesperson A (June and May), one by salesperson B.
  ids.order = (
    await call(
      admin,
      'POST',
      '/sales_orders',
      compliantOrder(a, 'XS20250601', { quantity: 12, amount: 180, handler: '高刚', responsible: '刘经理' }, { remark: '<b>加急</b>' }),
    )
  ).body.id;
  ids.order2 = await created(admin, '/sales_orders', compliantOrder(a, 'XS20250512', { quantity: 3, unit_price: 14, amount: 42 }, { sale_date: '2025-05-12' }));
  ids.orderB = await created(
    admin,
    '/sales_orders',
    compliantOrder(a, 'XS20250602', { quantity: 7, amount: 105 }, { salesperson: b.salesperson, sale_date: '2025-06-02' }),
  );
  // slips stand as legacy records (a live one is issued only by the issue-outbound step)
  const legacySlip = async (values: Record<string, unknown>) =>
    (await createRecord({ db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' }, registry.get('outbound_slips')!, values, { historical: true }))
      .id as number;
  ids.slip = await legacySlip({ slip_no: 'CK20250601', order: ids.order, outbound_date: '2025-06-01', issued_by: '王开票', picked_by: '孙立' });
  ids.slipB = await legacySlip({ slip_no: 'CK20250602', order: ids.orderB, outbound_date: '2025-06-02', issued_by: '王开票', picked_by: '孙立' });
  ids.feedback = await created(admin, '/quality_feedback', {
    form_no: 'ZLFK2025-007',
    source: 'customer',
    customer: a.customer,
    product: a.product,
    batch: a.batch,
    description: '部分胶囊粘连变形',
  });
  await recordStates(srv, 'quality_feedback', ids.feedback, { reported_at: '2025-06-03', analysis: '运输途中受热', handling: '退回更换，通知储运部改进' });
  ids.recall = await created(admin, '/recalls', {
    recall_no: 'ZH2025-03',
    product: a.product,
    batches: ['00581'],
    level: '2',
    initiated_by: 'manufacturer',
    reason: '溶出度不合格',
    started_at: '2025-06-20',
  });
  const notices = (await call(admin, 'GET', `/recall_notices?filter=${q({ recall: ids.recall, customer: a.customer })}`)).body;
  ids.notice = notices[0]?.id ?? (await created(admin, '/recall_notices', { recall: ids.recall, customer: a.customer }));
  // QA re-approves customer A's first business with an e-signature (after the sales: the approval date is today):
  // the new credit code is part of what QA approved, so the edit itself sends the customer back to review.
  const cust = (await call(admin, 'GET', `/customers/${a.customer}`)).body;
  const recoded = await call(admin, 'PUT', `/customers/${a.customer}`, { credit_code: '91420600MA4K3XY03Y', version: cust.version, _reason: '重新审核' });
  expect(recoded.status).toBe(200);
  expect(recoded.body.qa_status).toBe('pending');
  await created(admin, '/customer_licenses', { customer: a.customer, kind: 'business', number: '91420600MA4K3XY03Y', valid_from: '2015-03-01' });
  // the 首营 checklist needs every licence's scan and the purchaser's power of attorney and ID copy
  const attach = attachAs(srv.url, admin);
  for (const l of (await call(admin, 'GET', `/customer_licenses?filter=${q({ customer: a.customer })}`)).body)
    await attach('customer_licenses', l.id, 'licence_scan');
  for (const p of (await call(admin, 'GET', `/customer_agents?filter=${q({ customer: a.customer, role: 'purchaser' })}`)).body) {
    for (const kind of ['attorney', 'id_copy']) await attach('customer_agents', p.id, kind);
  }
  const approve = await call(qa, 'POST', `/customers/${a.customer}/approve`, { password: PASSWORD, comment: '资质齐全，同意首营' });
  expect(approve.status, JSON.stringify(approve.body)).toBe(200);

  const [auth] = (await call(admin, 'GET', `/authorizations?filter=${q({ salesperson: a.salesperson })}`)).body;
  ids.authorization = auth.id;
}, 120_000);

afterAll(async () => {
  await srv?.close();
});

describe('document HTML', () => {
  it('购货者档案: the customer, licences with scope and validity, agents, the approval with its e-signature, credit and storage review', async () => {
    const res = await get(admin, `${BASE}/customer-sheet/${a.customer}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const s of [
      '湖北康源医药有限公司',
      '购货者档案',
      '武汉市康泰医药有限公司',
      '药品批发企业',
      '鄂AA3944806',
      '抗生素制剂',
      '2030-12-31',
      '有效',
      '王超',
      '法定代表人',
      '李娜',
      '采购人员',
      '已审核',
      '首营审核批准',
      '吴静',
      '资质齐全，同意首营',
      '有效（记录未改动）',
      '500,000.00',
      '良好',
      '2023-01-06',
    ]) {
      expect(html, s).toContain(s);
    }
    expect(html).toContain('@page { size: A4;');
    expect(html).toMatch(/@media print \{[^}]*\}\s*\.toolbar \{ display: none; \}|\.toolbar \{ display: none; \}/);
    expect(html).toContain('id="print-button"');
    expect(html).toContain("font-family: 'Noto Sans SC Variable'");
  });

  it('销售人员授权书: company, salesperson with ID number, varieties, regions, term, seal note, legal representative', async () => {
    const html = await (await get(admin, `${BASE}/authorization-letter/${ids.authorization}`)).text();
    for (const s of [
      '销售人员授权书',
      'SQ39464',
      '高刚',
      '420106199004217315',
      '中成药、化学药制剂',
      '湖北省',
      '2020年1月1日',
      '2030年12月31日',
      '湖北康源医药有限公司',
      '陈立新',
      '已加盖公司公章及法定代表人印章',
      '鄂AA0270110',
    ])
      expect(html, s).toContain(s);
  });

  it('销售记录: the GSP columns per order, and per customer for a date range', async () => {
    const order = await (await get(admin, `${BASE}/sales-record/${ids.order}`)).text();
    for (const s of [
      '通用名称',
      '剂型',
      '规格',
      '批号',
      '有效期',
      '生产厂商',
      '购货单位',
      '数量',
      '单价',
      '金额',
      '销售日期',
      'XS20250601',
      '阿莫西林胶囊',
      '胶囊剂',
      '0.25g×24粒',
      '00581',
      '2027-03-28',
      '华北制药股份有限公司',
      '180.00',
      '2025-06-01',
      'HT2024759',
      '刘经理',
    ]) {
      expect(order, s).toContain(s);
    }
    expect(order, 'record text is escaped, never markup').toContain('&lt;b&gt;加急&lt;/b&gt;');
    expect(order).toContain('size: A4 landscape');

    const june = await (await get(admin, `${BASE}/customer-sales-record/${a.customer}?from=2025-06-01&to=2025-06-30`)).text();
    expect(june).toContain('2025-06-01 至 2025-06-30');
    expect(june).toContain('2025-06-02'); // salesperson B's sale
    expect(june).not.toContain('2025-05-12');
    expect(june).toContain('合计 2 行');
    expect(june).toContain('285.00'); // 180 + 105
    const bad = await get(admin, `${BASE}/customer-sales-record/${a.customer}?from=2025-06-30&to=2025-06-01`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('to');
  });

  it('出库单 with its lines and the issued / picked / reviewed signatures; 质量信息反馈处理表; 召回通知 with what the customer bought', async () => {
    const slip = await (await get(admin, `${BASE}/outbound-slip/${ids.slip}`)).text();
    for (const s of [
      '出库单',
      'CK20250601',
      'XS20250601',
      '武汉市康泰医药有限公司',
      '阿莫西林胶囊',
      '00581',
      '12',
      '180.00',
      '开票员',
      '王开票',
      '库管员',
      '孙立',
      '复核员',
    ])
      expect(slip, s).toContain(s);
    const form = await (await get(admin, `${BASE}/quality-feedback/${ids.feedback}`)).text();
    for (const s of [
      '质量信息反馈处理表',
      'ZLFK2025-007',
      '顾客反馈',
      '部分胶囊粘连变形',
      '运输途中受热',
      '退回更换',
      '国药准字H20022891',
      '00581',
      '7 日内报质管部',
    ])
      expect(form, s).toContain(s);
    const notice = await (await get(admin, `${BASE}/recall-notice/${ids.notice}`)).text();
    for (const s of [
      '召回通知',
      'ZH2025-03',
      '二级召回',
      '溶出度不合格',
      '生产企业',
      '武汉市康泰医药有限公司',
      'XS20250601',
      'XS20250512',
      'XS20250602',
      '48 小时内',
      '质管部 吴静 027-83390002',
      '回执',
    ])
      expect(notice, s).toContain(s);
    expect(notice).toMatch(/共计 <b>22<\/b> 盒/); // 12 + 3 + 7 of batch 00581
  });
});

describe('who may read a document', () => {
  it('a salesperson reads their own order and slip, not another salesperson’s (403), like the records themselves', async () => {
    expect((await get(salesA, `${BASE}/sales-record/${ids.order}`)).status).toBe(200);
    expect((await get(salesA, `${BASE}/outbound-slip/${ids.slip}`)).status).toBe(200);
    for (const path of [`${BASE}/sales-record/${ids.orderB}`, `${BASE}/outbound-slip/${ids.slipB}`, `${BASE}/sales-record/${ids.orderB}/pdf`]) {
      const res = await get(salesA, path);
      expect(res.status, path).toBe(403);
      expect((await res.json()).message).toBe('这条记录不属于您负责的范围');
    }
    // the record API agrees
    expect((await call(salesA, 'GET', `/sales_orders/${ids.orderB}`)).status).toBe(403);
    expect((await get(salesB, `${BASE}/sales-record/${ids.orderB}`)).status).toBe(200);
  });

  it('a salesperson’s sales list of a customer holds only their own lines; the auditor sees all', async () => {
    const own = await (await get(salesA, `${BASE}/customer-sales-record/${a.customer}?from=2025-01-01&to=2025-06-30`)).text();
    expect(own).toContain('XS20250601');
    expect(own).toContain('2025-05-12');
    expect(own).not.toContain('2025-06-02');
    const all = await (await get(auditor, `${BASE}/customer-sales-record/${a.customer}?from=2025-01-01&to=2025-06-30`)).text();
    expect(all).toContain('2025-06-02');
    expect(all).toContain('合计 3 行');
  });

  it('a voided record still prints (as the record API shows it), marked 已作废 with the reason on every page', async () => {
    const id = await created(admin, '/quality_feedback', { form_no: 'ZLFK2025-008', source: 'internal', description: '标签印刷模糊' });
    const voided = await fetch(`${srv.url}/api/quality_feedback/${id}`, {
      method: 'DELETE',
      headers: { cookie: admin, 'x-reason': encodeURIComponent('重复登记') },
    });
    expect(voided.status).toBe(200);
    const html = await (await get(auditor, `${BASE}/quality-feedback/${id}`)).text();
    expect(html).toContain('<div class="void-mark">已作废 重复登记</div>');
    expect(html).toContain('标签印刷模糊');
    expect(await (await get(auditor, `${BASE}/quality-feedback/${ids.feedback}`)).text()).not.toContain('class="void-mark"');
  });

  it('404 for a missing record or an unknown document, 401 signed out', async () => {
    const missing = await get(admin, `${BASE}/outbound-slip/99999`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toContain('outbound_slips #99999');
    expect((await get(admin, `${BASE}/invoice/1`)).status).toBe(404);
    expect((await get(admin, `${BASE}/customer-sheet/abc`)).status).toBe(404);
    expect((await fetch(`${srv.url}${BASE}/customer-sheet/${a.customer}`)).status).toBe(401);
    expect((await fetch(`${srv.url}${BASE}/customer-file/${a.customer}`)).status).toBe(401);
  });
});

describe('fonts', () => {
  it('serves the Noto Sans SC subsets the HTML names, and nothing else', async () => {
    const html = await (await get(admin, `${BASE}/customer-sheet/${a.customer}`)).text();
    const font = /url\(\/api\/workflows\/documents\/fonts\/(noto-sans-sc-[\w-]+\.woff2)\)/.exec(html)![1];
    const res = await get(admin, `${BASE}/fonts/${font}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('wOF2');
    expect((await get(admin, `${BASE}/fonts/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await get(admin, `${BASE}/fonts/index.css`)).status).toBe(404);
  });
});

describe('PDF', () => {
  it('renders the document with Chinese text and a Chinese file name (RFC 5987)', async () => {
    const res = await get(admin, `${BASE}/outbound-slip/${ids.slip}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toContain('attachment; filename="outbound-slip-');
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('出库单-CK20250601.pdf')}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const s of ['出库单', 'CK20250601', '阿莫西林胶囊', '武汉市康泰医药有限公司', '王开票']) expect(text, s).toContain(s);
  }, 60_000);

  it('without Chromium: 503 saying browser printing works and how to enable PDFs (zh and en)', async () => {
    const saved = process.env.GSP_CHROMIUM;
    process.env.GSP_CHROMIUM = '/nonexistent/chromium';
    try {
      const zh = await get(admin, `${BASE}/recall-notice/${ids.notice}/pdf`);
      expect(zh.status).toBe(503);
      const zhMsg = (await zh.json()).message;
      expect(zhMsg).toContain('打印');
      expect(zhMsg).toContain('GSP_CHROMIUM');
      const en = await get(admin, `${BASE}/customer-file/${a.customer}`, 'en');
      expect(en.status).toBe(503);
      expect((await en.json()).message).toMatch(/Printing from the browser still works.*GSP_CHROMIUM/);
      expect((await get(admin, `${BASE}/recall-notice/${ids.notice}`)).status, 'the HTML needs no browser').toBe(200);
    } finally {
      if (saved === undefined) delete process.env.GSP_CHROMIUM;
      else process.env.GSP_CHROMIUM = saved;
    }
  });
});

describe('the customer’s complete file', () => {
  it('is one ZIP of PDFs: index, 购货者档案, licences, letters, contracts, sales lists, slips, feedback, recall notices, audit trail', async () => {
    const res = await get(admin, `${BASE}/customer-file/${a.customer}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('购货者完整档案-武汉市康泰医药有限公司-2025-06-30.zip')}`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(files);
    const scans = names.filter((n) => n.startsWith('03-证照及资料扫描件/'));
    expect(names.filter((n) => !scans.includes(n))).toEqual([
      '00-目录.pdf',
      '01-购货者档案.pdf',
      '02-资质证照及单位人员（含历次登记与作废）.pdf',
      '03-证照及资料扫描件.pdf',
      '04-销售人员授权书.pdf',
      '05-购销合同.pdf',
      '06-销售记录清单-2025年.pdf',
      '07-出库单-2025年.pdf',
      '08-质量信息反馈处理表.pdf',
      '09-召回通知.pdf',
      '10-审核与电子签名记录.pdf',
    ]);
    // the scans as stored, in record order: two licences, then the purchaser's power of attorney and ID copy
    expect(scans.map((n) => n.replace(/-[^-]*$/, ''))).toEqual([
      '03-证照及资料扫描件/01-购货单位证照 鄂AA3944806-证照扫描件',
      '03-证照及资料扫描件/02-购货单位证照 91420600MA4K3XY03Y-证照扫描件',
      '03-证照及资料扫描件/03-购货单位人员 李娜-法人委托书',
      '03-证照及资料扫描件/04-购货单位人员 李娜-身份证复印件',
    ]);
    for (const n of scans) expect(Buffer.from(files[n].subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = async (name: string) => pdfText(files[name]);
    expect(await text('00-目录.pdf')).toContain('07-出库单-2025年.pdf');
    expect(await text('03-证照及资料扫描件.pdf')).toContain('法人委托书');
    expect(await text('01-购货者档案.pdf')).toContain('资质齐全，同意首营');
    const letters = await text('04-销售人员授权书.pdf');
    expect(letters).toContain('SQ39464'); // A sold to it
    expect(letters).toContain('SQ39464乙'); // and B
    const sales = await text('06-销售记录清单-2025年.pdf');
    for (const s of ['XS20250601', 'XS20250512', 'XS20250602', '合计 3 行']) expect(sales, s).toContain(s);
    const slips = await text('07-出库单-2025年.pdf');
    expect(slips).toContain('CK20250601');
    expect(slips).toContain('CK20250602');
    const trail = await text('10-审核与电子签名记录.pdf');
    expect(trail).toContain('首营审核批准');
    expect(trail).toContain('资质齐全，同意首营');
    expect(trail).toContain('重新审核');
  }, 120_000);

  it('a salesperson’s file holds only their own orders and slips, and says so', async () => {
    const res = await get(salesA, `${BASE}/customer-file/${a.customer}`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const slips = await pdfText(files['07-出库单-2025年.pdf']);
    expect(slips).toContain('CK20250601');
    expect(slips).not.toContain('CK20250602');
    expect(await pdfText(files['00-目录.pdf'])).toContain('仅含其本人经办');
    expect(await pdfText(files['04-销售人员授权书.pdf'])).not.toContain('SQ39464乙');
  }, 120_000);
});
