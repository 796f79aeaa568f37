/**
 * The import wizard in a real browser (DESIGN.md "Importer", the part 5): the master files of
 * ../shared/samples are imported first through the pipeline (DOMAIN.md's order), then the GBK legacy ledger
 * goes through the wizard — dropped on the drop zone, encoding and header row shown, the automatic mapping
 * checked (and one column switched off), the dry run's counts and findings per rule, the commit, the
 * problem-rows download (an XLSX with 错误原因), the history; and a legacy .xls shows the server's message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, startTestServer, type TestServer } from '../helpers/app';
import { SAMPLES_DIR } from '../helpers/shared';
import { reportPath } from '../../imports/run/files';
import { runImport } from '../../imports/run/pipeline';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { closeContexts, sharedChromium } from './browser';
import { ensureWebDist } from './global-setup';
import { ARTIFACTS, pageWithSession, poll, shot, textOf } from './session';

const expected = JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, 'expected.json'), 'utf8')) as {
  asOf: string;
  master: Array<{ file: string; kind: string; rows: number }>;
  ledgers: Record<string, { dataRows: number; rejected: number[] }>;
};
const LEDGER = 'ledger-gbk.csv';

describe('import wizard (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let tmp: string;

  beforeAll(async () => {
    const webDist = await ensureWebDist();
    server = await startTestServer({ webDist, today: expected.asOf });
    // Master data first, in DOMAIN.md's order, through the same pipeline as the CLI and the API.
    for (const m of expected.master) {
      const { report } = await runImport({
        db: server.db,
        file: path.join(SAMPLES_DIR, m.file),
        kind: m.kind,
        clock: server.clock,
        actor: SYSTEM_ACTOR,
      });
      expect(report.counts.rows, m.file).toBe(m.rows);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-import-e2e-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await sharedChromium();
    // signed in through the API (the form is sign-in.e2e's to test)
    page = await pageWithSession(browser, server.url, await login(server.url));
  }, 120_000);

  afterAll(async () => {
    await closeContexts(browser);
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Drops a file on the wizard's drop zone (a real drop event with a DataTransfer). */
  const drop = async (name: string, bytes: Buffer, type: string) => {
    const dataTransfer = await page.evaluateHandle(
      ({ b64, name, type }) => {
        const bin = atob(b64);
        const arr = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([arr], name, { type }));
        return dt;
      },
      { b64: bytes.toString('base64'), name, type },
    );
    await page.getByTestId('import-dropzone').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer });
  };

  const chooseKind = async (kind: string) => {
    await page.getByTestId('import-kind').getByRole('combobox').click();
    await page.getByTestId(`kind-${kind}`).click();
  };

  it('imports the GBK ledger through the wizard and downloads the problem rows', async () => {
    const want = expected.ledgers[LEDGER];
    // 系统 › 数据导入
    await page.getByTestId('menu-import').click();
    await page.getByTestId('import-wizard').waitFor();
    await chooseKind('sales-ledger');
    await poll(textOf(page.getByTestId('template-current'))).toContain('销售台账');
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-current').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.statSync(await template.path()).size).toBeGreaterThan(1000);

    // 1 选择文件: dropped on the zone
    await drop(LEDGER, fs.readFileSync(path.join(SAMPLES_DIR, LEDGER)), 'text/csv');
    await poll(textOf(page.getByTestId('import-file-selected'))).toContain(LEDGER);
    await shot(page, 'import-1-file');
    await page.getByTestId('import-next').click();

    // 2 工作表与表头: GB18030 found, header on row 1
    await poll(textOf(page.getByTestId('import-encoding'))).toContain('GB18030');
    expect(await page.getByTestId('import-header-row').inputValue()).toBe('1');
    await poll(textOf(page.getByTestId('raw-row-1'))).toContain('销售单号');
    await shot(page, 'import-2-sheet');
    await page.getByTestId('import-next').click();

    // 3 列映射: the automatic match preselected and marked; 备注 switched off by hand
    await page.getByTestId('import-mapping').waitFor();
    const select = (header: string) => page.locator(`select[aria-label="${header}"]`);
    expect(await select('销售单号').inputValue()).toBe('order_no');
    expect(await select('客户名称').inputValue()).toBe('customer');
    expect(await select('销售金额(元)').inputValue()).toBe('amount');
    expect(await select('生产批号').inputValue()).toBe('batch_no');
    expect(await page.getByTestId('mapping-auto').count()).toBe(34);
    await poll(textOf(page.getByTestId('import-all-mapped'))).toContain('所有列都已匹配');
    await select('备注').selectOption('');
    await poll(() => page.getByTestId('mapping-changed').count()).toBe(1);
    await poll(textOf(page.getByTestId('import-unmapped'))).toContain('备注');
    await shot(page, 'import-3-mapping');
    await page.getByTestId('import-next').click();

    // 4 试运行预览: counts, findings per rule with their titles, rejected rows, first rows
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await poll(textOf(page.getByTestId('count-rows'))).toContain(String(want.dataRows));
    await poll(textOf(page.getByTestId('count-rejected'))).toContain(String(want.rejected.length));
    const buyer = page.getByTestId('rule-BUYER_NOT_APPROVED');
    await poll(textOf(buyer)).toContain('错误');
    expect((await buyer.innerText()).length).toBeGreaterThan('BUYER_NOT_APPROVED'.length + 10); // the rule's title
    // exact totals over the whole file: the line above the table adds up the per-rule findings column
    const perRule = await page.locator('[data-testid^="rule-"][data-testid$="-findings"]').allInnerTexts();
    const totalLine = await page.getByTestId('import-findings-totals').innerText();
    expect(totalLine).toContain(`共 ${perRule.reduce((n, t) => n + Number(t), 0)} 条规则发现`);
    const rejected = await page.getByTestId('import-rejected').innerText();
    for (const row of want.rejected) expect(rejected).toContain(String(row));
    expect(await page.getByTestId('import-first-rows').locator('tbody tr').count()).toBe(10);
    expect(await page.getByText('服务器未使用修改后的列映射').count()).toBe(0);
    // 判定基准日: the ledger's latest sale date, with the choice explained (issue 13 item 3)
    const asOf = await page.getByTestId('import-as-of-input').inputValue();
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(asOf <= expected.asOf).toBe(true);
    await poll(textOf(page.getByTestId('import-as-of'))).toContain(`最晚的销售日期（${asOf}）`);
    await shot(page, 'import-4-preview');
    // nothing written by the dry run
    expect(await server.db.$client.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: expected.master.length });

    // 5 导入
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 40_000 });
    const done = await page.getByTestId('import-done').innerText();
    const id = Number(/#(\d+)/.exec(done)?.[1]);
    expect(id).toBeGreaterThan(0);
    await poll(textOf(page.getByTestId('count-imported'))).toContain(String(want.dataRows - want.rejected.length));
    const stored = await server.db.$client.prepare('SELECT kind, encoding, status, file_name FROM imports WHERE id = ?').get(id);
    expect(stored).toEqual({ kind: 'sales-ledger', encoding: 'gb18030', status: 'done', file_name: LEDGER });
    const record = await page.evaluate((n) => fetch(`/api/imports/${n}`).then((r) => r.json()), id);
    expect(record.report.asOf).toBe(asOf);
    // the policies the import followed, as the report states them (issue 12)
    await poll(textOf(page.getByTestId('import-policy'))).toContain('旧系统的历史记录');
    await shot(page, 'import-5-result');
    // the result's rows per rule are the distinct rows of the complete stored report
    const full = JSON.parse(fs.readFileSync(reportPath(server.db, id), 'utf8')) as { findings: Array<{ row: number; rule: string }> };
    const buyerRows = new Set(full.findings.filter((f) => f.rule === 'BUYER_NOT_APPROVED').map((f) => f.row)).size;
    await poll(textOf(page.getByTestId('rule-BUYER_NOT_APPROVED-rows'))).toBe(String(buyerRows));

    // 问题行下载: an XLSX with the original columns plus 错误原因 (and 规则)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('link-problems').click()]);
    const file = path.join(tmp, 'problems.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    let headerRow = 0;
    let reasonCol = 0;
    for (let r = 1; r <= Math.min(5, sheet.rowCount) && !reasonCol; r++) {
      sheet.getRow(r).eachCell((cell, col) => {
        if (String(cell.value).trim() === '错误原因') [headerRow, reasonCol] = [r, col];
      });
    }
    expect(reasonCol, 'a 错误原因 column').toBeGreaterThan(0);
    const headers: string[] = [];
    sheet.getRow(headerRow).eachCell((cell) => headers.push(String(cell.value)));
    expect(headers).toEqual(expect.arrayContaining(['销售单号', '客户名称', '错误原因']));
    const reasons: string[] = [];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const v = sheet.getRow(r).getCell(reasonCol).value;
      if (v) reasons.push(String(v));
    }
    expect(reasons.length).toBeGreaterThanOrEqual(want.rejected.length);
    expect(reasons.join('\n')).toContain('出库数量'); // row 180: unreadable quantity

    // 导入记录: the import with its status, encoding and downloads
    await page.getByTestId('menu-import-history').click();
    const row = page.locator('[data-testid="import-history"] tbody tr', { hasText: LEDGER });
    await poll(textOf(row)).toContain('已完成');
    expect(await row.innerText()).toContain('GB18030');
    expect(await row.innerText()).toContain('销售台账');
    expect(await row.getByTestId('link-file').getAttribute('href')).toBe(`/api/imports/${id}/file`);
    await shot(page, 'import-6-history');

    // a record's page shows what the legacy system recorded, as text with its source, not as our approval
    const slip = (await server.db.$client.prepare('SELECT id FROM outbound_slips WHERE import_id = ? AND legacy_facts IS NOT NULL LIMIT 1').get(id)) as {
      id: number;
    };
    await page.goto(`${server.url}/#/outbound_slips/${slip.id}/show`);
    const legacy = page.getByTestId('legacy-facts');
    await poll(textOf(legacy)).toContain('旧系统记录');
    expect(await legacy.innerText()).toContain(`${LEDGER} 第`);
    await page.goto(`${server.url}/`);
  }, 90_000);

  it('voids the import from the history with a signed reason: every record it created is voided, the downloads stay', async () => {
    const { id } = (await server.db.$client.prepare("SELECT id FROM imports WHERE file_name = ? AND status = 'done'").get(LEDGER)) as { id: number };
    const live = async () =>
      ((await server.db.$client.prepare('SELECT count(*) AS n FROM sales_lines WHERE import_id = ? AND voided_at IS NULL').get(id)) as { n: number }).n;
    expect(await live()).toBeGreaterThan(0);
    await page.getByTestId('menu-import-history').click();
    const row = page.locator('[data-testid="import-history"] tbody tr', { hasText: LEDGER });
    await row.getByTestId('verb-void-import').waitFor();
    // a master-data import is not offered the action (it updated existing records)
    expect(await page.locator('[data-testid="import-history"] tbody tr', { hasText: 'customers.csv' }).getByTestId('verb-void-import').count()).toBe(0);
    await row.getByTestId('verb-void-import').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    await dialog.locator('[name="comment"]').fill('导入了错误年份的台账');
    await dialog.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await shot(page, 'import-7-void-dialog');
    await dialog.getByRole('button', { name: '签名确认' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(textOf(row)).toContain('已撤销');
    expect(await live()).toBe(0);
    expect(await row.getByTestId('link-file').getAttribute('href')).toBe(`/api/imports/${id}/file`);
    expect(await row.getByTestId('verb-void-import').count()).toBe(0);
    await shot(page, 'import-8-voided');
  }, 90_000);

  it("shows the server's message for a legacy .xls", async () => {
    await page.getByTestId('menu-import').click();
    await chooseKind('customers');
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await drop('旧客户档案.xls', ole, 'application/vnd.ms-excel');
    await page.getByTestId('import-next').click();
    await poll(textOf(page.getByTestId('import-error'))).toContain('.xls');
    expect(await page.getByTestId('import-error').innerText()).toContain('无法导入此文件');
    await shot(page, 'import-error-xls');
  });
});
