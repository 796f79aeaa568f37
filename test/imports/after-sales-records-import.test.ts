/**
 * Issue #14's after-sales records through the importer, each as the least-privileged role that keeps it: the
 * template carries the Chinese headers; references are written as the target's natural key (出库单号, 单位名称,
 * 合同编号, 供货单位, 通用名称); a role that may not create the resource is refused up front; a salesperson imports
 * only the promises of their own contracts; what a file claims of a step (兑现日期) is a legacy fact, never ours;
 * the rules judge the rows (a device agreement without repair terms is imported with its finding).
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { createRecord } from '../../server/services/write';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { buildWorld, compliantOrder, type World } from '../helpers/world';
import { uploadImport } from './pipeline-fixtures';
import { sqlAll } from '../helpers/sql';

const PASSWORD = 'records-import-pass-1';
let srv: TestServer;
let admin: string;
const cookies: Record<string, string> = {};
let w: World;

const csv = (rows: Record<string, string>[]) => ({ name: 'rows.csv', bytes: Buffer.from(Papa.unparse(rows), 'utf8') });
async function post(who: string, rows: Record<string, string>[], kind: string) {
  const res = await uploadImport(srv.url, cookies[who] ?? who, csv(rows), { kind });
  return { status: res.status, body: await res.json() };
}
const rowsOf = async (table: string, importId: number) => sqlAll(srv.db, `SELECT * FROM "${table}" WHERE import_id = ? ORDER BY id`, importId);

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  w = await buildWorld(srv.db, srv.clock);
  await buildWorld(srv.db, srv.clock, '乙');
  for (const [name, roles, extra] of [
    ['sales', ['sales'], { salesperson: w.salesperson }],
    ['warehouse', ['warehouse']],
    ['after_sales', ['after_sales']],
    ['office', ['office']],
    ['finance', ['finance']],
  ] as [string, string[], Record<string, unknown>?][]) {
    const r = await fetch(`${srv.url}/api/users`, {
      method: 'POST',
      headers: { Cookie: admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `ri_${name}`, display_name: name, roles, password: PASSWORD, active: true, ...extra }),
    });
    expect(r.status).toBe(201);
    cookies[name] = await login(srv.url, `ri_${name}`, PASSWORD);
  }
  const order = await fetch(`${srv.url}/api/sales_orders`, {
    method: 'POST',
    headers: { Cookie: admin, 'Content-Type': 'application/json' },
    body: JSON.stringify(compliantOrder(w, 'XS-I-1')),
  });
  await createRecord(
    { db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' },
    registry.get('outbound_slips')!,
    {
      slip_no: 'CK-I-1',
      order: (await order.json()).id,
      outbound_date: '2025-06-02',
      issued_by: '王开票',
      picked_by: '孙立',
    },
    { historical: true },
  );
}, 60_000);
afterAll(() => srv?.close());

describe('the import templates of the new records', () => {
  it.each([
    ['deliveries', ['出库单号', '承运单位', '车牌号', '驾驶员', '起运时间', '到达时间', '包装状况', '起运温度（℃）', '到达温度（℃）']],
    ['replies', ['复函编号', '单位名称', '投诉编号', '来函编号', '事由', '复函内容', '复函日期', '经办人']],
    ['service_promises', ['合同编号', '承诺内容', '承诺兑现日期', '负责人']],
    ['follow_up_plans', ['单位名称', '通用名称', '跟踪类别', '开始日期', '跟踪间隔（天）', '结束日期', '跟踪人员']],
    ['suppliers', ['单位名称', '统一社会信用代码', '许可证号', '联系人']],
    ['supplier_agreements', ['协议编号', '供货单位', '所供品种生产企业', '有效期至', '含医疗器械', '医疗器械维修条款']],
    ['nonconformities', ['编号', '批号', '判定不合格日期', '不合格原因']],
  ])('%s: Chinese headers', async (kind, headers) => {
    const res = await fetch(`${srv.url}/api/import-templates/${kind}.xlsx`, { headers: { Cookie: cookies.finance } });
    expect(res.status).toBe(200);
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const strings = Object.entries(files)
      .filter(([n]) => /sharedStrings|sheet1/.test(n))
      .map(([, b]) => strFromU8(b))
      .join('');
    for (const h of headers) expect(strings, `${kind}: ${h}`).toContain(h);
  });
});

describe('importing them as the least-privileged role that keeps them', () => {
  it('deliveries as the warehouse (sales may not)', async () => {
    const row = {
      出库单号: 'CK-I-1',
      承运单位: '武汉顺达医药物流有限公司',
      车牌号: '鄂A·C3721',
      驾驶员: '周建国',
      起运时间: '2025-06-02 09:00',
      到达时间: '2025-06-02 15:30',
      包装状况: '完好',
    };
    const refused = await post('sales', [row], 'deliveries');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('无权新建运输记录');
    const r = await post('warehouse', [row], 'deliveries');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.report.counts).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
    const [d] = await rowsOf('deliveries', r.body.id);
    expect(d).toMatchObject({ carrier: '武汉顺达医药物流有限公司', packaging: 'intact', customer: w.customer });
    expect(Number(d.cold_chain)).toBe(0); // the stored boolean: 0 on SQLite, false on PostgreSQL
  });

  it('replies and follow-up plans as after-sales', async () => {
    const r = await post(
      'after_sales',
      [{ 复函编号: 'FH-2024-118', 单位名称: '武汉市康泰医药有限公司', 事由: '关于破损换货', 复函内容: '已换货。', 复函日期: '2024-11-02', 经办人: '郑售后' }],
      'replies',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await rowsOf('replies', r.body.id))[0]).toMatchObject({ reply_no: 'FH-2024-118', customer: w.customer, reply_date: '2024-11-02' });
    const p = await post(
      'after_sales',
      [
        {
          单位名称: '武汉市康泰医药有限公司',
          通用名称: '阿莫西林胶囊',
          规格: '0.25g×24粒',
          跟踪类别: '用药效果跟踪',
          开始日期: '2025-06-01',
          '跟踪间隔（天）': '30',
          跟踪人员: '郑售后',
        },
      ],
      'follow_up_plans',
    );
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect((await rowsOf('follow_up_plans', p.body.id))[0]).toMatchObject({
      customer: w.customer,
      product: w.product,
      kind: 'medication_effect',
      interval_days: 30,
    });
  });

  it('service promises as a salesperson: only their own contracts; a claimed fulfilment is a legacy fact', async () => {
    const r = await post(
      'sales',
      [
        { 合同编号: 'HT2024759', 承诺内容: '季度回访', 承诺兑现日期: '2025-09-30', 负责人: '高刚', 兑现日期: '2025-06-01' },
        { 合同编号: 'HT2024759乙', 承诺内容: '季度回访', 承诺兑现日期: '2025-09-30', 负责人: '高刚乙' },
      ],
      'service_promises',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.report.counts).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    const [p] = await rowsOf('service_promises', r.body.id);
    expect(p).toMatchObject({ contract: w.contract, customer: w.customer, fulfilled_at: null });
    expect(Object.keys(JSON.parse(p.legacy_facts).fields)).toEqual(['fulfilled_at']);
  });

  it('suppliers and agreements as the office; a device agreement without repair terms comes in with its finding', async () => {
    const s = await post('office', [{ 单位名称: '湖北科伦医疗器械有限公司', 联系人: '陈经理', 联系电话: '027-87654321' }], 'suppliers');
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const a = await post(
      'office',
      [
        {
          协议编号: 'ZB-2024-03',
          供货单位: '湖北科伦医疗器械有限公司',
          所供品种生产企业: '江西洪达医疗器械集团有限公司、山东威高集团',
          生效日期: '2024-01-01',
          有效期至: '2026-12-31',
          含医疗器械: '是',
          医疗器械维修条款: '',
        },
      ],
      'supplier_agreements',
    );
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const [row] = await rowsOf('supplier_agreements', a.body.id);
    expect(JSON.parse(row.manufacturers)).toEqual(['江西洪达医疗器械集团有限公司', '山东威高集团']);
    expect(a.body.report.findings.map((f: { rule: string }) => f.rule)).toEqual(['DEVICE_REPAIR_TERMS_MISSING']);
  });
});
