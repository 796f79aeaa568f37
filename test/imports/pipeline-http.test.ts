/**
 * The importer over HTTP: POST /api/imports (multipart, permissions, upload limit, bad files → 400 in the
 * user's language), GET /api/imports/:id with its report, the problem rows as XLSX, the stored original,
 * the templates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSpreadsheet } from '../../imports/readers/open';
import { bufferSource } from '../../imports/readers/source';
import { LEDGER_FIELDS } from '../../imports/headers/ledger-fields';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { EXPECTED, sample, uploadImport } from './pipeline-fixtures';

let server: TestServer;
let admin: string;

async function post(cookie: string, file: string | Blob, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const source = typeof file === 'string' ? file : { name: 'upload.csv', bytes: new Uint8Array(await file.arrayBuffer()) };
  const res = await uploadImport(server.url, cookie, source, fields, headers);
  return {
    status: res.status,
    body: res.headers.get('content-type')?.includes('json') && !res.headers.get('content-type')?.includes('ndjson') ? await res.json() : await res.text(),
    headers: res.headers,
  };
}
const get = (cookie: string, p: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api${p}`, { headers: { Cookie: cookie, ...headers } });

async function userWith(role: string): Promise<string> {
  const username = `u_${role}`;
  const res = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { Cookie: admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, display_name: role, roles: [role], password: 'import-test-password-1', active: true }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return login(server.url, username, 'import-test-password-1');
}

async function cellsOf(bytes: ArrayBuffer): Promise<unknown[][]> {
  const book = await openSpreadsheet(bufferSource(new Uint8Array(bytes), 'x.xlsx'));
  const rows: unknown[][] = [];
  for await (const r of await book.sheet().rows()) rows.push(r.cells);
  return rows;
}

beforeAll(async () => {
  server = await startTestServer({ today: EXPECTED.asOf });
  admin = await login(server.url);
}, 60_000);
afterAll(() => server.close());

describe('POST /api/imports', () => {
  it('imports the master files and the ledger; GET /api/imports/:id carries the report', async () => {
    for (const m of EXPECTED.master) {
      const r = await post(admin, sample(m.file), { kind: m.kind });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.report.counts).toEqual({ rows: m.rows, imported: m.rows, rejected: 0, duplicates: 0 });
    }
    const r = await post(admin, sample('ledger.xlsx'), { kind: 'sales-ledger' });
    expect(r.status).toBe(201);
    expect(r.body.id).toBeGreaterThan(0);
    expect(r.body.report.counts).toEqual({ rows: 253, imported: 250, rejected: 3, duplicates: 0 });
    expect(r.body.report.rejected.map((x: { row: number }) => x.row)).toEqual(EXPECTED.ledgers['ledger.xlsx'].rejected);
    const one = await get(admin, `/imports/${r.body.id}`);
    expect(one.status).toBe(200);
    const rec = await one.json();
    expect(rec).toMatchObject({ id: r.body.id, kind: 'sales-ledger', status: 'done', file_name: 'ledger.xlsx', sheet: '销售记录', header_row: 3 });
    expect(rec.report.counts).toEqual(r.body.report.counts);
    expect(rec.report.findings).toEqual(r.body.report.findings);
    // the generic list still serves the resource
    const list = await get(admin, '/imports?sort=["id","DESC"]&range=[0,0]');
    expect((await list.json())[0].id).toBe(r.body.id);
    // records it created are found by their import
    const lines = await get(admin, `/sales_lines?filter=${encodeURIComponent(JSON.stringify({ import_id: r.body.id }))}&range=[0,0]`);
    expect(lines.headers.get('content-range')).toMatch(/\/250$/);
  });

  it('serves the problem rows as XLSX (original cells + 错误原因 + 规则) and the stored original', async () => {
    const r = await post(admin, sample('ledger-utf8.csv'), { kind: 'sales-ledger', dryRun: 'true' });
    expect(r.status).toBe(200);
    expect(r.body.id).toBeNull();
    const imports = await (await get(admin, '/imports?sort=["id","DESC"]&range=[0,0]')).json();
    const id = imports[0].id;
    const xlsx = await get(admin, `/imports/${id}/report.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('ledger-问题行.xlsx')}`);
    const rows = await cellsOf(await xlsx.arrayBuffer());
    const report = (await (await get(admin, `/imports/${id}`)).json()).report;
    const problemRows = new Set([...report.findings.map((f: { row: number }) => f.row), ...report.rejected.map((x: { row: number }) => x.row)]);
    expect(rows.length - 1).toBe(problemRows.size);
    expect(rows[0].slice(-2)).toEqual(['错误原因', '规则']);
    expect(rows[0].slice(0, 2)).toEqual(['原行号', '单据编号']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...problemRows].sort((a, b) => a - b));
    const file = await get(admin, `/imports/${id}/file`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(fs.readFileSync(sample('ledger.xlsx')));
  });

  it("answers bad files with 400 and the reader's message, Chinese or English; nothing written", async () => {
    const before = await (await get(admin, '/imports?range=[0,0]')).headers.get('content-range');
    const xls = new Blob([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)])]);
    const zh = await post(admin, xls, { kind: 'customers' });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await post(admin, new Blob(['just, some\nwords, here\n']), { kind: 'customers' }, { 'Accept-Language': 'en' });
    expect(en.status).toBe(400);
    expect(en.body.message).toMatch(/^No header row found/);
    const kind = await post(admin, new Blob(['a,b\n']), { kind: 'nonsense' });
    expect(kind.status).toBe(400);
    expect(kind.body.message).toContain('未知的导入类型');
    expect(await (await get(admin, '/imports?range=[0,0]')).headers.get('content-range')).toBe(before);
  });

  it('lets a role import a kind only if it may create that resource (sales-ledger: sales orders)', async () => {
    const warehouse = await userWith('warehouse');
    const denied = await post(warehouse, sample('customers.csv'), { kind: 'customers', dryRun: 'true' });
    expect(denied.status).toBe(403);
    expect((await post(warehouse, sample('ledger-utf8.csv'), { kind: 'sales-ledger', dryRun: 'true' })).status).toBe(403);
    const sales = await userWith('sales');
    expect((await post(sales, sample('products.csv'), { kind: 'products', dryRun: 'true' })).status).toBe(403);
    const ok = await post(sales, sample('ledger-gbk.csv'), { kind: 'sales-ledger', dryRun: 'true', force: 'true' });
    expect(ok.status).toBe(200);
    expect(ok.body.report.counts.rows).toBe(253);
    const anon = await post('', sample('customers.csv'), { kind: 'customers' });
    expect(anon.status).toBe(401);
  });

  it('streams progress and the answer as NDJSON when asked to', async () => {
    const r = await post(admin, sample('ledger-gbk.csv'), { kind: 'sales-ledger', dryRun: 'true', force: 'true' }, { Accept: 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    const last = JSON.parse((r.body as string).trim().split('\n').at(-1)!);
    expect(last.report.counts).toEqual({ rows: 253, imported: 250, rejected: 3, duplicates: 0 });
  });

  it('takes the header row and a mapping preset chosen by the user', async () => {
    const csv =
      '销售记录（旧系统导出）\n单号X,日期,客户,品名,规格,批准文号,批号,数量,单价,金额,业务员\nZ1,2024-06-29,长沙市恒信医院,阿莫西林胶囊,0.25g×24粒,国药准字H20022891,00361,40,14.81,592.4,高刚\n';
    const r = await post(admin, new Blob([csv]), {
      kind: 'sales-ledger',
      dryRun: 'true',
      headerRow: '2',
      mapping: JSON.stringify({ 单号X: 'order_no', 客户: 'customer' }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.report.import.headerRow).toBe(2);
    expect(r.body.report.mapping).toMatchObject({ 单号X: 'order_no', 客户: 'customer', 品名: 'generic_name' });
    expect(r.body.report.counts).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
  });
});

describe('GET /api/import-templates/:kind.xlsx', () => {
  it('gives every kind its Chinese headers', async () => {
    const customers = await get(admin, '/import-templates/customers.xlsx');
    expect(customers.status).toBe(200);
    const rows = await cellsOf(await customers.arrayBuffer());
    expect(rows[0].slice(0, 3)).toEqual(['单位名称', '单位类型', '统一社会信用代码']);
    const batches = await cellsOf(await (await get(admin, '/import-templates/batches.xlsx')).arrayBuffer());
    expect(batches[0]).toEqual(expect.arrayContaining(['通用名称', '批准文号', '规格', '批号', '有效期至', '质量状态']));
    const ledger = await cellsOf(await (await get(admin, '/import-templates/sales-ledger.xlsx')).arrayBuffer());
    expect(ledger[0]).toEqual(LEDGER_FIELDS.map((f) => f.aliases[0]));
    expect((await get(admin, '/import-templates/nonsense.xlsx')).status).toBe(404);
  });
});

describe('the upload limit', () => {
  it('is separate from the JSON body limit and configurable (GSP_UPLOAD_MAX_MB): 413 above it', async () => {
    const saved = process.env.GSP_UPLOAD_MAX_MB;
    process.env.GSP_UPLOAD_MAX_MB = '3';
    const small = await startTestServer({ today: EXPECTED.asOf });
    try {
      const cookie = await login(small.url);
      const big = path.join(os.tmpdir(), `gsp-upload-${process.pid}.csv`);
      fs.writeFileSync(big, Buffer.alloc(4 * 1024 * 1024, 0x41));
      const fd = new FormData();
      fd.append('file', new Blob([fs.readFileSync(big)]), 'big.csv');
      fd.append('kind', 'customers');
      const res = await fetch(`${small.url}/api/imports`, { method: 'POST', headers: { Cookie: cookie }, body: fd });
      expect(res.status).toBe(413);
      fs.rmSync(big);
      // 2.5 MB passes this limit although the JSON limit is 2 MB (and is then refused as a file: no header)
      const fd2 = new FormData();
      fd2.append('file', new Blob([Buffer.alloc(2.5 * 1024 * 1024, 0x41)]), 'ok.csv');
      fd2.append('kind', 'customers');
      const res2 = await fetch(`${small.url}/api/imports`, { method: 'POST', headers: { Cookie: cookie }, body: fd2 });
      expect(res2.status).toBe(400);
    } finally {
      if (saved === undefined) delete process.env.GSP_UPLOAD_MAX_MB;
      else process.env.GSP_UPLOAD_MAX_MB = saved;
      await small.close();
    }
  });
});
