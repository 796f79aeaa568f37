/**
 * The import pipeline in-process (imports/run): master data through the write services, the ledger in two
 * phases, duplicates, updates, pending records, dry runs, a failing merge, scattered orders.
 */
import { writerOf } from '../../server/db';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/services/audit';
import { openSpreadsheetFile } from '../../imports/readers/open';
import { reportPath, storedPath } from '../../imports/run/files';
import { EXPECTED, count, importFile, importMaster, keptCountsOff, leftovers, masterDbFile, sample, snapshot, tempDb, triggerList } from './pipeline-fixtures';
import ExcelJS from 'exceljs';

let master: string;
beforeAll(async () => {
  master = await masterDbFile();
}, 120_000);
afterAll(() => fs.rmSync(path.dirname(master), { recursive: true, force: true }));

const readCsv = (file: string) => Papa.parse<string[]>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
const writeCsv = (file: string, rows: string[][]) => fs.writeFileSync(file, `\uFEFF${Papa.unparse(rows)}\n`);

describe('master data', () => {
  it('imports every sample master file completely, in DOMAIN.md order', async () => {
    const t = tempDb();
    try {
      const reports = await importMaster(t.db);
      reports.forEach((r, i) => {
        expect(r.counts, EXPECTED.master[i].file).toEqual({ rows: EXPECTED.master[i].rows, imported: EXPECTED.master[i].rows, rejected: 0, duplicates: 0 });
        expect(r.rejected).toEqual([]);
        expect(r.import.id).toBeGreaterThan(0);
      });
      expect(await count(t.db, 'SELECT count(*) n FROM customers WHERE import_id IS NOT NULL')).toBe(23);
      expect(await count(t.db, 'SELECT count(*) n FROM batches b JOIN products p ON p.id = b.product')).toBe(63);
      expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
    } finally {
      t.close();
    }
  });

  it('the same file again is all duplicates (SHA-256) and writes nothing; --force re-applies it as unchanged rows', async () => {
    const t = tempDb(master);
    try {
      const before = await snapshot(t.db);
      const again = await importFile(t.db, sample('customers.csv'), 'customers');
      expect(again.report.counts).toEqual({ rows: 23, imported: 0, rejected: 0, duplicates: 23 });
      expect(again.report.duplicateOf).toBeGreaterThan(0);
      expect(again.importId).toBeNull();
      expect(await snapshot(t.db)).toEqual(before);
      const forced = await importFile(t.db, sample('customers.csv'), 'customers', { force: true });
      expect(forced.report.counts).toEqual({ rows: 23, imported: 0, rejected: 0, duplicates: 23 });
      expect(await count(t.db, 'SELECT count(*) n FROM customers')).toBe(23);
    } finally {
      t.close();
    }
  });

  it('a changed row updates its record by natural key (audited); unchanged rows are duplicates', async () => {
    const t = tempDb(master);
    try {
      const rows = readCsv(sample('customers.csv'));
      const phone = rows[0].indexOf('联系电话');
      rows[3][phone] = '02788886666';
      const file = path.join(t.dir, '购货单位-修改.csv');
      writeCsv(file, rows);
      const r = await importFile(t.db, file, 'customers');
      expect(r.report.counts).toEqual({ rows: 23, imported: 1, rejected: 0, duplicates: 22 });
      const c = (await t.db.$client.prepare('SELECT * FROM customers WHERE name = ?').get(rows[3][0])) as Record<string, unknown>;
      expect(c).toMatchObject({ contact_phone: '02788886666', version: 2 });
      const audit = (await t.db.$client
        .prepare("SELECT * FROM audit_log WHERE resource = 'customers' AND action = 'update' AND record_id = ?")
        .all(c.id)) as Array<Record<string, string>>;
      expect(audit).toHaveLength(1);
      expect(audit[0].reason).toContain(`#${r.importId}`);
      expect(JSON.parse(audit[0].after).contact_phone).toBe('02788886666');
      expect(await count(t.db, 'SELECT count(*) n FROM customers')).toBe(23);
      expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
    } finally {
      t.close();
    }
  });

  it('rejects rows with unreadable values or unknown references, naming the column, and imports the rest', async () => {
    const t = tempDb(master);
    try {
      const file = path.join(t.dir, 'licences.csv');
      writeCsv(file, [
        ['单位名称', '证照类型', '证号', '经营范围', '有效期起', '有效期至'],
        ['郑州市润泽医药有限公司', '药品经营许可证', '鄂AA0000001', '中成药', '2020-01-01', '2030-12-31'],
        ['不存在的公司', '药品经营许可证', '鄂AA0000002', '中成药', '2020-01-01', '2030-12-31'],
        ['郑州市润泽医药有限公司', '药品经营许可证', '鄂AA0000003', '中成药', '2020-13-45', '2030-12-31'],
      ]);
      const r = await importFile(t.db, file, 'customer_licenses');
      expect(r.report.counts).toEqual({ rows: 3, imported: 1, rejected: 2, duplicates: 0 });
      expect(r.report.rejected.map((x) => x.row)).toEqual([3, 4]);
      expect(r.report.rejected[0].errors[0]).toMatchObject({ field: '单位名称' });
      expect(r.report.rejected[0].errors[0].message).toContain('不存在的公司');
      expect(r.report.rejected[1].errors[0].field).toBe('有效期起');
      const rejects = (await t.db.$client.prepare('SELECT * FROM import_rejects WHERE import = ? ORDER BY "row"').all(r.importId)) as Array<{
        row: number;
        raw: string;
      }>;
      expect(rejects.map((x) => x.row)).toEqual([3, 4]);
      expect(JSON.parse(rejects[0].raw)).toMatchObject({ 单位名称: '不存在的公司', 证号: '鄂AA0000002' });
    } finally {
      t.close();
    }
  });
});

describe('the sales ledger', () => {
  it('splits rows into orders, lines, slips, invoices and checks; unknown buyers become pending records listed in the report', async () => {
    const t = tempDb(master);
    try {
      const before = await snapshot(t.db);
      const r = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
      const exp = EXPECTED.ledgers['ledger-utf8.csv'];
      const imported = exp.dataRows - exp.rejected.length;
      expect(r.report.counts).toEqual({ rows: exp.dataRows, imported, rejected: exp.rejected.length, duplicates: 0 });
      expect(r.report.created?.customers?.map((c) => c.name)).toEqual(['荆州市民生民大药房有限公司', '朱杰']);
      const pending = await t.db.$client
        .prepare("SELECT name, type, qa_status, import_id FROM customers WHERE name IN ('荆州市民生民大药房有限公司', '朱杰') ORDER BY id")
        .all();
      expect(pending).toEqual([
        { name: '荆州市民生民大药房有限公司', type: null, qa_status: 'pending', import_id: r.importId },
        { name: '朱杰', type: null, qa_status: 'pending', import_id: r.importId },
      ]);
      expect(await count(t.db, 'SELECT count(*) n FROM sales_lines WHERE import_id = ?', r.importId)).toBe(imported);
      expect(await count(t.db, 'SELECT count(*) n FROM sales_orders WHERE import_id = ?', r.importId)).toBe(r.report.records!.sales_orders);
      expect(r.report.records).toMatchObject({ sales_lines: imported, invoice_lines: imported, import_rejects: 3 });
      // a line carries its order's date and buyer, as the write service derives them
      expect(
        await count(
          t.db,
          'SELECT count(*) n FROM sales_lines l JOIN sales_orders o ON o.id = l."order" WHERE l.sale_date != o.sale_date OR l.customer != o.customer',
        ),
      ).toBe(0);
      // findings in the database point at the import and the Excel row of the report
      const dbRows = new Set(
        (
          (await t.db.$client.prepare('SELECT DISTINCT "row" FROM findings WHERE import = ? AND resource = \'sales_lines\'').all(r.importId)) as Array<{
            row: number;
          }>
        ).map((x) => x.row),
      );
      for (const row of Object.keys(exp.planted).map(Number))
        expect(
          r.report.findings.some((f) => f.row === row),
          `row ${row}`,
        ).toBe(true);
      for (const f of r.report.findings)
        if (f.rule !== 'OUTBOUND_NOT_REVIEWED' && f.rule !== 'RECEIPT_UNCONFIRMED' && f.rule !== 'SPECIAL_ARRIVAL_UNCONFIRMED')
          expect(dbRows.has(f.row)).toBe(true);
      // the imports row, the stored original and ONE audit row for the whole import
      const imp = (await t.db.$client.prepare('SELECT * FROM imports WHERE id = ?').get(r.importId)) as Record<string, string>;
      expect(imp).toMatchObject({ status: 'done', kind: 'sales-ledger', sha256: r.report.import.sha256, file_name: 'ledger-utf8.csv' });
      expect(fs.readFileSync(storedPath(t.db, imp.stored_path))).toEqual(fs.readFileSync(sample('ledger-utf8.csv')));
      expect(JSON.parse(imp.counts)).toEqual(r.report.counts);
      expect(((await snapshot(t.db)).audit_log as number) - (before.audit_log as number)).toBe(1);
      expect((await verifyAuditChain(t.db)).breaks).toEqual([]);
      expect(JSON.parse(fs.readFileSync(reportPath(t.db, r.importId!), 'utf8')).counts).toEqual(r.report.counts);
      expect(leftovers(t)).toEqual([]);
    } finally {
      t.close();
    }
  });

  it('unknown products, batches and salespeople become pending records too; an unknown 伪麻黄碱 product is special-control', async () => {
    const t = tempDb(master);
    try {
      const rows = readCsv(sample('ledger-utf8.csv'));
      const h = rows[0];
      const row = [...rows[1]];
      const set = (col: string, v: string) => (row[h.indexOf(col)] = v);
      set('单据编号', 'XS-NEW-1');
      set('通用名称', '复方盐酸伪麻黄碱缓释胶囊');
      set('批准文号', '国药准字H99999999');
      set('规格', '10粒');
      set('批号', 'P2024001');
      set('业务员', '李雷');
      const file = path.join(t.dir, 'unknown.csv');
      writeCsv(file, [h, row]);
      const r = await importFile(t.db, file, 'sales-ledger');
      expect(r.report.counts).toMatchObject({ rows: 1, imported: 1, rejected: 0 });
      expect(r.report.created?.products).toEqual([
        expect.objectContaining({ row: 2, name: '复方盐酸伪麻黄碱缓释胶囊', approval_no: '国药准字H99999999', spec: '10粒', special_control: ['ephedrine'] }),
      ]);
      expect(r.report.created?.batches?.map((b) => b.name)).toEqual(['P2024001']);
      expect(r.report.created?.salespeople?.map((b) => b.name)).toEqual(['李雷']);
      const p = await t.db.$client.prepare('SELECT kind, qa_status, special_control, import_id FROM products WHERE approval_no = ?').get('国药准字H99999999');
      expect(p).toEqual({ kind: 'drug', qa_status: 'pending', special_control: '["ephedrine"]', import_id: r.importId });
      const rules = new Set(r.report.findings.map((f) => f.rule));
      for (const code of ['PRODUCT_NOT_APPROVED', 'SALESPERSON_UNAUTHORIZED', 'SPECIAL_NOT_VERIFIED']) expect(rules).toContain(code);
      // the next file finds them: nothing is created twice
      const again = [...row];
      again[h.indexOf('单据编号')] = 'XS-NEW-2';
      writeCsv(file, [h, again]);
      const r2 = await importFile(t.db, file, 'sales-ledger');
      expect(r2.report.created).toEqual({});
      expect(await count(t.db, "SELECT count(*) n FROM products WHERE approval_no = '国药准字H99999999'")).toBe(1);
    } finally {
      t.close();
    }
  });

  it('the same ledger again is all duplicates; its GBK twin finds every order already there; nothing new is written', async () => {
    const t = tempDb(master);
    try {
      await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
      const before = await snapshot(t.db);
      const again = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
      expect(again.report.counts).toEqual({ rows: 253, imported: 0, rejected: 0, duplicates: 253 });
      expect(await snapshot(t.db)).toEqual(before);
      const gbk = await importFile(t.db, sample('ledger-gbk.csv'), 'sales-ledger');
      expect(gbk.report.counts).toEqual({ rows: 253, imported: 0, rejected: 3, duplicates: 250 });
      expect(gbk.report.findings).toEqual([]);
      for (const table of ['sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'customers', 'findings'])
        expect((await snapshot(t.db))[table], table).toBe(before[table]);
    } finally {
      t.close();
    }
  });

  it('a dry run reports the same and writes nothing (no imports row, no stored file)', async () => {
    const t = tempDb(master);
    try {
      const before = await snapshot(t.db);
      const dry = await importFile(t.db, sample('ledger.xlsx'), 'sales-ledger', { dryRun: true });
      expect(dry.importId).toBeNull();
      expect(dry.report.import).toMatchObject({ id: null, dryRun: true, format: 'xlsx', sheet: '销售记录', headerRow: 3 });
      expect(dry.report.counts).toEqual({ rows: 253, imported: 250, rejected: 3, duplicates: 0 });
      const dryMaster = await importFile(t.db, sample('customers.csv'), 'customers', { dryRun: true, force: true });
      expect(dryMaster.report.counts.duplicates).toBe(23);
      expect(await snapshot(t.db)).toEqual(before);
      expect(fs.existsSync(path.join(t.dir, 'imports'))).toBe(false);
      const real = await importFile(t.db, sample('ledger.xlsx'), 'sales-ledger');
      expect(real.report.findings).toEqual(dry.report.findings);
    } finally {
      t.close();
    }
  });

  it('a failure while merging leaves nothing of the import behind', async () => {
    const t = tempDb(master);
    try {
      const before = await snapshot(t.db);
      writerOf(t.db).exec(`CREATE TRIGGER boom BEFORE INSERT ON invoice_lines BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      await expect(importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger')).rejects.toThrow(/boom/);
      writerOf(t.db).exec('DROP TRIGGER boom');
      expect(await snapshot(t.db)).toEqual(before);
      expect(leftovers(t)).toEqual([]);
      expect(fs.readdirSync(path.join(t.dir, 'imports')).filter((f) => !f.startsWith('reports'))).toEqual([]);
      expect(t.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
      const ok = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
      expect(ok.report.counts.imported).toBe(250);
    } finally {
      t.close();
    }
  });

  it('a big import into smaller tables rebuilds their indexes inside the merge, its count triggers set aside; a failure restores both', async () => {
    const t = tempDb(master);
    const saved = process.env.GSP_IMPORT_REBUILD_MIN_ROWS;
    process.env.GSP_IMPORT_REBUILD_MIN_ROWS = '1';
    try {
      const indexes = async () => await t.db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
      const before = await indexes();
      const triggersBefore = triggerList(t.db.$client);
      const snap = await snapshot(t.db);
      // fails on the fifth table, the count triggers of the four before it set aside and their rows written
      writerOf(t.db).exec(`CREATE TRIGGER boom AFTER INSERT ON invoice_slips BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      await expect(importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger')).rejects.toThrow(/boom/);
      writerOf(t.db).exec('DROP TRIGGER boom');
      expect(await indexes()).toEqual(before);
      expect(triggerList(t.db.$client)).toEqual(triggersBefore);
      expect(keptCountsOff(t.db.$client)).toEqual([]);
      expect(await snapshot(t.db)).toEqual(snap);
      // the merge had the file to itself (this connection is the file's only one): still WAL
      expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      const r = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
      expect(r.report.counts.imported).toBe(250);
      expect(await indexes()).toEqual(before);
      expect(triggerList(t.db.$client)).toEqual(triggersBefore);
      expect(keptCountsOff(t.db.$client)).toEqual([]);
      expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      const plan = (await t.db.$client.prepare('EXPLAIN QUERY PLAN SELECT id FROM sales_lines WHERE "order" = 1').all()) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join()).toContain('sales_lines__order');
    } finally {
      if (saved === undefined) delete process.env.GSP_IMPORT_REBUILD_MIN_ROWS;
      else process.env.GSP_IMPORT_REBUILD_MIN_ROWS = saved;
      t.close();
    }
  });

  it('a pending record created meanwhile by someone else (between the phases) is adopted, not duplicated', async () => {
    const t = tempDb(master);
    try {
      const { createRecord } = await import('../../server/services/write');
      const { registry } = await import('../../schema/resources');
      const { SYSTEM_ACTOR } = await import('../../server/services/context');
      const { fixedDayClock } = await import('../../server/clock');
      let created = 0;
      const r = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger', {
        beforeMerge: async () => {
          created = (
            await createRecord({ db: t.db, clock: fixedDayClock(EXPECTED.asOf), actor: SYSTEM_ACTOR, lang: 'zh' }, registry.get('customers')!, {
              name: '朱杰',
              type: 'other_legal',
              region: '湖北省武汉市',
              qa_status: 'pending',
            })
          ).id as number;
        },
      });
      expect(await count(t.db, "SELECT count(*) n FROM customers WHERE name = '朱杰'")).toBe(1);
      expect(await count(t.db, 'SELECT count(*) n FROM sales_orders WHERE customer = ? AND import_id = ?', created, r.importId)).toBeGreaterThan(0);
      expect(await count(t.db, 'SELECT count(*) n FROM sales_lines WHERE customer = ? AND import_id = ?', created, r.importId)).toBeGreaterThan(0);
      expect(await count(t.db, "SELECT count(*) n FROM customers WHERE name = '荆州市民生民大药房有限公司'")).toBe(1);
    } finally {
      t.close();
    }
  });

  it('fixed rejected rows are imported again; rows already in their orders are duplicates', async () => {
    const t = tempDb(master);
    try {
      await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
      const lines = await count(t.db, 'SELECT count(*) n FROM sales_lines');
      const rows = readCsv(sample('ledger-utf8.csv'));
      const h = rows[0];
      const fixed = [h, rows[120], rows[179], rows[182], rows[1], rows[2]].map((r) => [...r]);
      fixed[1][h.indexOf('单价')] = '12.5';
      fixed[2][h.indexOf('数量')] = '3';
      fixed[3][h.indexOf('销售日期')] = '2024-02-28';
      // keep 金额 = 数量 × 单价 for the two fixed numbers
      fixed[1][h.indexOf('金额')] = String(Number(fixed[1][h.indexOf('数量')]) * 12.5);
      fixed[2][h.indexOf('金额')] = String(3 * Number(fixed[2][h.indexOf('单价')]));
      const file = path.join(t.dir, 'fixed.csv');
      writeCsv(file, fixed);
      const r = await importFile(t.db, file, 'sales-ledger');
      expect(r.report.counts).toEqual({ rows: 5, imported: 3, rejected: 0, duplicates: 2 });
      expect(await count(t.db, 'SELECT count(*) n FROM sales_lines')).toBe(lines + 3);
      expect(r.report.findings.filter((f) => f.rule === 'AMOUNT_MISMATCH')).toEqual([]);
    } finally {
      t.close();
    }
  });

  it('an order whose rows are scattered through the file is one order, with the same findings as when sorted', async () => {
    const sorted = tempDb(master);
    const shuffled = tempDb(master);
    try {
      const rows = readCsv(sample('ledger-utf8.csv'));
      const [h, ...data] = rows;
      // a fixed permutation: odd rows first, then even rows (splits every multi-line order)
      const order = [...data.keys()].sort((a, b) => (a % 2) - (b % 2) || a - b);
      const file = path.join(shuffled.dir, 'shuffled.csv');
      writeCsv(file, [h, ...order.map((i) => data[i])]);
      const a = await importFile(sorted.db, sample('ledger-utf8.csv'), 'sales-ledger');
      const b = await importFile(shuffled.db, file, 'sales-ledger');
      expect(b.report.counts).toEqual(a.report.counts);
      expect(b.report.records).toEqual(a.report.records);
      // row n of the shuffled file is data row order[n - 2], i.e. sorted row order[n - 2] + 2
      const key = (f: { row: number; rule: string }, map: (row: number) => number) => `${map(f.row)} ${f.rule}`;
      const fromShuffled = new Set(b.report.findings.map((f) => key(f, (row) => order[row - 2] + 2)));
      expect(fromShuffled).toEqual(new Set(a.report.findings.map((f) => key(f, (row) => row))));
      expect(await count(shuffled.db, 'SELECT count(*) n FROM findings WHERE import = ?', b.importId)).toBe(
        await count(sorted.db, 'SELECT count(*) n FROM findings WHERE import = ?', a.importId),
      );
    } finally {
      sorted.close();
      shuffled.close();
    }
  });

  it('writes the problem rows as XLSX: the header, the rows, 错误原因 and 规则, formulas escaped', async () => {
    const t = tempDb(master);
    try {
      const rows = readCsv(sample('ledger-utf8.csv'));
      const h = rows[0];
      const evil = [...rows[179]];
      evil[h.indexOf('备注')] = '=HYPERLINK("http://x","y")';
      const file = path.join(t.dir, 'evil.csv');
      writeCsv(file, [h, rows[3], evil, rows[1]]);
      const r = await importFile(t.db, file, 'sales-ledger');
      const out = path.join(t.dir, 'problems.xlsx');
      const { writeProblemsXlsx } = await import('../../imports/report/problems-xlsx');
      const n = await writeProblemsXlsx({ file, kind: 'sales-ledger', report: reportPath(t.db, r.importId!), out });
      expect(n).toBe(2); // row 2 (unknown buyer: findings) and row 3 (unreadable 数量)
      const { book, source } = await openSpreadsheetFile(out);
      const got: unknown[][] = [];
      for await (const row of await book.sheet().rows()) got.push(row.cells);
      await source.close();
      // 原行号 first (the rows' numbers in the original file), then the file's columns
      expect(got[0]).toEqual(['原行号', ...h, '错误原因', '规则']);
      expect(got.slice(1).map((row) => row[0])).toEqual([2, 3]);
      const at = (name: string) => 1 + h.indexOf(name);
      expect(got[1][at('购货单位')]).toBe('荆州市民生民大药房有限公司');
      expect(String(got[1][h.length + 1])).toContain('[BUYER_NOT_APPROVED]');
      expect(got[1][h.length + 2]).toContain('BUYER_NOT_APPROVED');
      expect(got[2][at('备注')]).toBe(`'=HYPERLINK("http://x","y")`);
      expect(String(got[2][h.length + 1])).toMatch(/^数量：/);
      // frozen header, widths, and the cells named by a rejection or finding coloured
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.worksheets[0];
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getColumn(1).width).toBeGreaterThan(0);
      expect(ws.getColumn(at('购货单位') + 1).width).toBeGreaterThanOrEqual(10);
      const fill = (row: number, col: number) => (ws.getRow(row).getCell(col).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
      expect(fill(3, at('数量') + 1)).toBe('FFFFC7CE'); // rejected: 数量 unreadable
      expect(fill(3, at('备注') + 1)).toBeUndefined();
      expect(fill(2, at('购货单位') + 1)).toMatch(/^FFFF(C7CE|EB9C)$/); // the unknown buyer's finding
    } finally {
      t.close();
    }
  });
});
