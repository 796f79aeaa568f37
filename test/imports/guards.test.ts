/**
 * Files that must be refused cleanly (ImportFileError → exit 2 / HTTP 400), never crash or hang; and an
 * import passes the API's guards (issue 12 item 1: the salesperson's forged files, through the web import).
 */
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestServer } from '../helpers/app';
import { startImportServer, uploadImport } from './pipeline-fixtures';
import { ImportFileError } from '../../schema/files/errors';
import { openSpreadsheet } from '../../imports/readers/open';
import type { ReaderLimits } from '../../imports/readers/limits';
import type { Inflater } from '../../imports/readers/zip';
import { concat, oleFile, rawXlsx, sample, src, worksheetXml } from './helpers';
import { sqlAll, sqlGet, sqlRun } from '../helpers/sql';

async function refusal(bytes: Uint8Array, name = 'upload.xlsx', limits?: Partial<ReaderLimits>, inflater?: Inflater): Promise<ImportFileError> {
  try {
    const book = await openSpreadsheet(src(bytes, name), { limits, inflater });
    for (const s of book.sheets)
      for await (const _ of s.batches()) {
        /* read everything */
      }
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/** Rewrites the uncompressed size of `name` in its local header and central directory entry. */
function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  const at = (o: number) => nameBytes.every((b, i) => out[o + i] === b);
  for (let i = 0; i + 4 < out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50 && at(i + 30)) dv.setUint32(i + 22, size, true);
    if (sig === 0x02014b50 && at(i + 46)) dv.setUint32(i + 24, size, true);
  }
  return out;
}

const bigSheet = (rows: number) => worksheetXml('<row><c><v>1</v></c></row>'.repeat(rows));

describe('refused files', () => {
  it('legacy .xls (OLE with a Workbook stream): save as .xlsx', async () => {
    const e = await refusal(oleFile(['Workbook', 'SummaryInformation']), 'old.xls');
    expect(e.code).toBe('legacy_xls');
    expect(e.zh).toContain('另存为');
    expect(e.zh).toContain('.xlsx');
    expect(e.en).toMatch(/save it as an Excel Workbook \(\.xlsx\)/);
  });

  it('an OLE file whose directory cannot be read is still treated as .xls', async () => {
    const bytes = oleFile([]);
    bytes.fill(0xff, 512, 1536);
    expect((await refusal(bytes, 'x.xls')).code).toBe('legacy_xls');
  });

  it('password-protected workbook (OLE with EncryptionInfo + EncryptedPackage)', async () => {
    const e = await refusal(oleFile(['EncryptionInfo', 'EncryptedPackage', 'DataSpaces']), 'secret.xlsx');
    expect(e.code).toBe('password_protected');
    expect(e.zh).toContain('密码');
  });

  it('a zip entry with the encryption flag', async () => {
    const zip = rawXlsx({ sheets: [{ name: 'S', sheetData: '<row><c><v>1</v></c></row>' }] });
    const dv = new DataView(zip.buffer);
    for (let i = 0; i + 4 < zip.length; i++) {
      const sig = dv.getUint32(i, true);
      if (sig === 0x02014b50) dv.setUint16(i + 8, dv.getUint16(i + 8, true) | 1, true);
    }
    expect((await refusal(zip)).code).toBe('password_protected');
  });

  it('a file over the size limit (configurable)', async () => {
    const e = await refusal(concat('a,b\n', '1,2\n'.repeat(1000)), 'big.csv', { maxFileBytes: 1024 });
    expect(e.code).toBe('too_large');
    expect(e.zh).toContain('1 KB');
  });

  for (const inflater of ['zlib', 'fflate'] as const) {
    describe(`inflating with ${inflater}`, () => {
      it('a corrupt zip: truncated, garbage, damaged data', async () => {
        const good = sample('ledger.xlsx');
        expect((await refusal(good.subarray(0, good.length >> 1), 'x.xlsx', undefined, inflater)).code).toBe('corrupt');
        expect((await refusal(concat([0x50, 0x4b, 0x03, 0x04], new Uint8Array(4000).fill(7)), 'x.xlsx', undefined, inflater)).code).toBe('corrupt');
        const damaged = new Uint8Array(good);
        for (let i = 2000; i < 2400; i++) damaged[i] ^= 0x5a;
        expect((await refusal(damaged, 'x.xlsx', undefined, inflater)).code).toBe('corrupt');
      });

      it('a zip bomb: a sheet declared huge with an absurd compression ratio', async () => {
        const zip = rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(700_000) }] }); // ~18 MB of XML, a few KB compressed
        expect(zip.length).toBeLessThan(200_000);
        const e = await refusal(zip, 'x.xlsx', undefined, inflater);
        expect(e.code).toBe('zip_bomb');
        expect(e.zh).toMatch(/压缩比/);
      });

      it('a zip bomb: a sheet larger than the inflate limit', async () => {
        const zip = rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(100_000) }] });
        expect((await refusal(zip, 'x.xlsx', { maxUncompressedBytes: 1_000_000 }, inflater)).code).toBe('zip_bomb');
      });

      it('a zip bomb that lies about its size is stopped while inflating', async () => {
        const zip = lieAboutSize(rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(400_000) }] }), 'xl/worksheets/sheet1.xml', 5000);
        const e = await refusal(zip, 'x.xlsx', undefined, inflater);
        expect(e.code).toBe('zip_bomb');
        expect(e.zh).toContain('超过声明');
      });

      it('a sheet abandoned half-way (a probe that finds no header) leaves nothing running', async () => {
        const zip = rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(300_000) }] });
        const book = await openSpreadsheet(src(zip, 'x.xlsx'), { inflater });
        for await (const batch of book.sheet().batches()) {
          expect(batch.length).toBeGreaterThan(0);
          break;
        }
        const rows = [];
        for await (const b of book.sheet().batches()) rows.push(b.length);
        expect(rows.reduce((a, b) => a + b, 0)).toBe(300_000);
      });
    });
  }

  it('too many zip entries', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.txt`] = strToU8('x');
    expect((await refusal(zipSync(files), 'x.xlsx', { maxZipEntries: 20 })).code).toBe('zip_bomb');
  });

  it('things that are not spreadsheets say what they are', async () => {
    const cases: Array<[Uint8Array, string, string, RegExp]> = [
      [concat('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'x.pdf', 'not_spreadsheet', /PDF/],
      [concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'x.png', 'not_spreadsheet', /图片/],
      [concat('<html><body><table><tr><td>单号</td></tr></table></body></html>'), '导出.xls', 'unsupported_format', /HTML/],
      [concat('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), 'x.xml', 'unsupported_format', /2003 XML/],
      [zipSync({ 'xl/workbook.bin': strToU8('x'), '[Content_Types].xml': strToU8('<Types/>') }), 'x.xlsb', 'unsupported_format', /xlsb/],
      [zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }), 'x.ods', 'unsupported_format', /ods/],
      [zipSync({ 'word/document.xml': strToU8('<w/>') }), 'x.docx', 'not_spreadsheet', /Word/],
      [zipSync({ 'a.txt': strToU8('hello') }), 'x.zip', 'not_spreadsheet', /zip/],
      [oleFile(['WordDocument']), 'x.doc', 'not_spreadsheet', /Office 97-2003/],
      [concat(new Uint8Array(64).map((_, i) => (i * 37) % 32)), 'x.bin', 'not_spreadsheet', /二进制/],
    ];
    for (const [bytes, name, code, re] of cases) {
      const e = await refusal(bytes, name);
      expect(e.code, name).toBe(code);
      expect(e.zh, name).toMatch(re);
    }
  });

  it('an empty file', async () => {
    expect((await refusal(new Uint8Array(0), 'x.csv')).code).toBe('empty');
  });

  it('an xlsx whose workbook part is missing', async () => {
    const e = await refusal(zipSync({ 'xl/worksheets/sheet1.xml': strToU8(worksheetXml('')) }));
    expect(e.code).toBe('corrupt');
    expect(e.zh).toContain('xl/workbook.xml');
  });
});

describe('a salesperson importing through the web import gets what the API allows them (issue 12 item 1)', () => {
  let server: TestServer;
  let sales: string;
  const q = <T = Record<string, any>>(sql: string, ...args: unknown[]) => sqlAll<T>(server.db, sql, ...args);
  const one = async <T = Record<string, any>>(sql: string, ...args: unknown[]) => (await sqlGet<T>(server.db, sql, ...args)) as T;
  const signatures = async () => (await one<{ n: number }>('SELECT count(*) AS n FROM signatures')).n;
  const upload = async (kind: string, rows: Record<string, string>[]) => {
    const res = await uploadImport(server.url, sales, { name: `${kind}.csv`, bytes: Buffer.from(Papa.unparse(rows), 'utf8') }, { kind });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    return body as {
      id: number;
      report: {
        counts: Record<string, number>;
        rejected: Array<{ row: number; errors: Array<{ field: string; message: string }> }>;
        findings: Array<{ row: number; rule: string }>;
        policy: Record<string, string>;
      };
    };
  };

  beforeAll(async () => {
    let admin: string;
    ({ server, cookie: admin } = await startImportServer());
    const own = (await one<{ id: number }>("SELECT id FROM salespeople WHERE name = '高刚'")).id;
    const res = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { Cookie: admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'gaogang', display_name: '高刚', roles: ['sales'], password: 'guards-test-password-1', active: true, salesperson: own }),
    });
    expect(res.status).toBe(201);
    sales = await login(server.url, 'gaogang', 'guards-test-password-1');
  }, 120_000);
  afterAll(() => server?.close());

  it('customers claiming 已审核 by a forged 审核人: not approved; a credit limit sales may not set is a rejected row', async () => {
    const before = await signatures();
    const row = {
      单位名称: '伪造审核大药房',
      单位类型: '药品零售企业',
      所在地区: '河南省郑州市',
      首营审核状态: '已审核',
      首营审核日期: '2024-01-02',
      审核人: '质管部 吴静',
    };
    const r = await upload('customers', [{ ...row, 单位名称: '伪造额度大药房', 信用额度: '9999999' }, row]);
    expect(r.report.counts).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect(r.report.rejected[0].row).toBe(2);
    expect(r.report.rejected[0].errors[0].message).toMatch(/不能修改「信用额度」/);
    expect(await q("SELECT id FROM customers WHERE name = '伪造额度大药房'")).toEqual([]);
    const c = await one("SELECT * FROM customers WHERE name = '伪造审核大药房'");
    expect(c).toMatchObject({ qa_status: 'pending', qa_approved_by: null, qa_approved_at: null, credit_limit: null });
    expect(JSON.parse(c.legacy_facts)).toEqual({
      file: 'customers.csv',
      rows: [3],
      by: 'gaogang',
      trusted: false,
      fields: { qa_status: 'approved', qa_approved_at: '2024-01-02', qa_approved_by: '质管部 吴静' },
    });
    expect(r.report.findings).toContainEqual(expect.objectContaining({ row: 3, rule: 'IMPORT_LEGACY_UNTRUSTED', severity: 'warning' }));
    expect(r.report.policy.legacy).toMatch(/旧系统的历史记录/);
    expect(await signatures()).toBe(before);
  });

  it('a re-import that changes what the 首营 approval covered returns the customer to review, as an edit would', async () => {
    const row = { 单位名称: '复审测试大药房', 单位类型: '药品零售企业', 所在地区: '河南省郑州市', 地址: '郑州市金水路1号' };
    await upload('customers', [row]);
    const id = (await one<{ id: number }>("SELECT id FROM customers WHERE name = '复审测试大药房'")).id;
    // approved here (the signed step is tested elsewhere; this test is about the import's write)
    await sqlRun(server.db, "UPDATE customers SET qa_status = 'approved', qa_approved_by = '吴静', qa_approved_at = '2025-01-02' WHERE id = ?", id);
    const same = await upload('customers', [{ ...row, 联系人: '' }]); // another file, the same customer
    expect(same.report.counts).toMatchObject({ duplicates: 1 }); // nothing the approval covered changed
    expect((await one('SELECT qa_status FROM customers WHERE id = ?', id)).qa_status).toBe('approved');
    await upload('customers', [{ ...row, 地址: '郑州市花园路99号' }]);
    expect(await one('SELECT qa_status, qa_approved_by, address FROM customers WHERE id = ?', id)).toEqual({
      qa_status: 'pending',
      qa_approved_by: null,
      address: '郑州市花园路99号',
    });
    expect((await q("SELECT rule FROM findings WHERE resource = 'customers' AND record_id = ? AND status = 'open'", id)).map((f) => f.rule)).toContain(
      'APPROVAL_SUPERSEDED',
    );
  });

  it("a contract claiming 已审批 by the GM: stays a draft; another salesperson's contract is a rejected row", async () => {
    const row = {
      合同编号: 'HT-FORGE-1',
      单位名称: '郑州市润泽医药有限公司',
      销售人员: '高刚',
      合同金额: '9000000',
      签订日期: '2024-02-01',
      状态: '已审批',
      审批人: '王总',
      审批级别: '总经理',
      审批日期: '2024-01-30',
    };
    const r = await upload('contracts', [row, { ...row, 合同编号: 'HT-FORGE-2', 销售人员: '马丽' }]);
    expect(r.report.counts).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect(r.report.rejected[0]).toMatchObject({ row: 3, errors: [{ field: '销售人员' }] });
    expect(r.report.rejected[0].errors[0].message).toMatch(/销售人员「马丽」不是您本人/);
    const c = await one("SELECT * FROM contracts WHERE contract_no = 'HT-FORGE-1'");
    expect(c).toMatchObject({ status: 'draft', approved_by: null, approved_role: null, approved_at: null });
    expect(JSON.parse(c.legacy_facts)).toMatchObject({ trusted: false, fields: { status: 'approved', approved_by: '王总', approved_role: 'gm' } });
    expect(await q("SELECT id FROM contracts WHERE contract_no = 'HT-FORGE-2'")).toEqual([]);
  });

  it('the ledger: rows of another salesperson rejected; forged 复核员/超限价审批人 only legacy facts; no product or batch created by sales', async () => {
    const before = {
      signatures: await signatures(),
      products: (await one<{ n: number }>('SELECT count(*) AS n FROM products')).n,
      batches: (await one<{ n: number }>('SELECT count(*) AS n FROM batches')).n,
    };
    const base = {
      单据编号: 'XS-FORGE-1',
      销售日期: '2024-06-03',
      出库日期: '2024-06-04',
      购货单位: '张三',
      通用名称: '阿莫西林胶囊',
      规格: '0.25g×24粒',
      批准文号: '国药准字H20022891',
      批号: '00581',
      数量: '10',
      单价: '30',
      金额: '300',
      业务员: '高刚',
      库管员: '林峰',
      复核员: '复核员 伪造',
      超限价审批人: '销售部 伪造',
      特药核实日期: '',
      核实人: '',
    };
    const r = await upload('sales-ledger', [
      { ...base, 单据编号: 'XS-OTHER-1', 业务员: '马丽' },
      base,
      { ...base, 单据编号: 'XS-FORGE-2', 通用名称: '神秘新药', 批准文号: '国药准字H20990001' },
      { ...base, 单据编号: 'XS-FORGE-3', 批号: 'NEW01' },
    ]);
    expect(r.report.counts).toMatchObject({ rows: 4, imported: 1, rejected: 3 });
    const why = Object.fromEntries(r.report.rejected.map((x) => [x.row, x.errors[0]]));
    expect(why[2]).toMatchObject({ field: '业务员' });
    expect(why[2].message).toMatch(/马丽.*不是您本人/);
    expect(why[4].message).toMatch(/无权新建品种/);
    expect(why[5].message).toMatch(/无权新建批次|无权新建.*批/);
    expect(await q("SELECT id FROM sales_orders WHERE order_no IN ('XS-OTHER-1', 'XS-FORGE-2', 'XS-FORGE-3')")).toEqual([]);
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM products')).n).toBe(before.products);
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM batches')).n).toBe(before.batches);

    const order = await one("SELECT * FROM sales_orders WHERE order_no = 'XS-FORGE-1'");
    expect(JSON.parse(order.legacy_facts)).toEqual({ file: 'sales-ledger.csv', rows: [3], state: 'shipped' });
    const slip = await one('SELECT * FROM outbound_slips WHERE "order" = ?', order.id);
    expect(slip.reviewed_by).toBeNull();
    expect(JSON.parse(slip.legacy_facts)).toMatchObject({ trusted: false, fields: { reviewed_by: '复核员 伪造' } });
    const line = await one('SELECT * FROM sales_lines WHERE "order" = ?', order.id);
    expect(line.price_approved_by).toBeNull();
    expect(JSON.parse(line.legacy_facts)).toMatchObject({ trusted: false, fields: { price_approved_by: '销售部 伪造' } });
    expect(await signatures()).toBe(before.signatures);
    // the forged reviews count for nothing: the individual buyer, the missing review and the price are findings
    const rules = r.report.findings.filter((f) => f.row === 3).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['BUYER_INDIVIDUAL', 'OUTBOUND_NOT_REVIEWED', 'PRICE_OUT_OF_RANGE', 'IMPORT_LEGACY_UNTRUSTED']));
    expect(r.report.findings.find((f) => f.rule === 'IMPORT_LEGACY_UNTRUSTED')).toMatchObject({ severity: 'warning', fields: ['复核员', '超限价审批人'] });
    // the importer reads their own order; our workflow refuses the legacy document
    const show = await fetch(`${server.url}/api/sales_orders/${order.id}`, { headers: { Cookie: sales } });
    expect(show.status).toBe(200);
    const verb = await fetch(`${server.url}/api/sales_lines/${line.id}/approve-price`, {
      method: 'POST',
      headers: { Cookie: sales, 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: 'guards-test-password-1' }),
    });
    expect(verb.status).toBe(403); // not the head of sales
    const head = await fetch(`${server.url}/api/sales_orders/${order.id}/confirm`, {
      method: 'POST',
      headers: { Cookie: sales, 'Content-Type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(head.status).toBe(400);
    expect((await head.json()).message).toMatch(/旧系统导入的历史单据/);
    // nor does a plain edit continue it (the administrator may correct)
    const edit = await fetch(`${server.url}/api/sales_lines/${line.id}`, {
      method: 'PUT',
      headers: { Cookie: sales, 'Content-Type': 'application/json' },
      body: JSON.stringify({ quantity: 1, amount: 30, version: line.version, _reason: '改数量' }),
    });
    expect(edit.status).toBe(400);
    expect((await edit.json()).message).toMatch(/旧系统导入的历史单据/);
  });
});
