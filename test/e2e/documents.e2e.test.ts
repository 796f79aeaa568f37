/**
 * The printed documents in a real browser (issue #6, flow 8): from the show pages the users of the right
 * roles open each document's print page (screenshot doc-<name>.png) and download its PDF, whose text is
 * extracted and checked (names, numbers, dates, Chinese labels); the customer's complete file downloads as
 * a ZIP; a salesperson is refused another salesperson's order, and a reversed date range cannot be sent.
 */
import path from 'node:path';
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { createRecord } from '../../server/services/write';
import { buildWorld, compliantOrder, recordStates, type World } from '../helpers/world';
import { pdfText } from '../helpers/pdf-text';
import { ARTIFACTS, goTo, poll, shot, startSession, textOf, type Session } from './session';

const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
/** Every phrase occurs in the PDF's text (line breaks of the layout ignored). */
function expectAll(text: string, phrases: string[]) {
  const flat = text.replace(/\s+/g, '');
  for (const p of phrases) expect(flat, `${p} in:\n${text}`).toContain(p.replace(/\s+/g, ''));
}

describe('printed documents (Chromium)', () => {
  let s: Session;
  let b: World;
  const ids: Record<string, number> = {};
  const pages: Page[] = [];
  // each user's page, signed in once (on `route`, the screen it starts on) and kept for their later tests (a
  // sign-in is a fresh context and app load)
  const signedIn = new Map<string, Promise<Page>>();
  const as = (username: string, route?: string) => {
    if (!signedIn.has(username)) signedIn.set(username, s.signIn(username, route));
    return signedIn.get(username)!;
  };

  const created = async (url: string, body: unknown) => {
    const r = await s.api('POST', url, body);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json.id as number;
  };

  beforeAll(async () => {
    s = await startSession('2025-06-30');
    b = await buildWorld(s.server.db, s.server.clock, '乙');
    for (const [key, value] of Object.entries({
      companyName: '湖北康源医药有限公司',
      companyAddress: '武汉市东西湖区金银湖路 18 号',
      companyLegalRep: '陈立新',
      companyPhone: '027-83390001',
      companyQualityContact: '质管部 吴静 027-83390002',
    })) {
      const [row] = (await s.api('GET', `/api/settings?filter=${q({ key })}`)).json;
      expect((await s.api('PUT', `/api/settings/${row.id}`, { value, version: row.version })).status).toBe(200);
    }
    const w = s.world;
    ids.order = await created('/api/sales_orders', compliantOrder(w, 'XS20250601', { quantity: 12, amount: 180, handler: '高刚', responsible: '刘经理' }));
    ids.orderB = await created(
      '/api/sales_orders',
      compliantOrder(w, 'XS20250602', { quantity: 7, amount: 105 }, { salesperson: b.salesperson, sale_date: '2025-06-02' }),
    );
    // a legacy slip (a live one is issued only by the issue-outbound step)
    ids.slip = (
      await createRecord(
        { db: s.server.db, clock: s.server.clock, actor: SYSTEM_ACTOR, lang: 'zh' },
        registry.get('outbound_slips')!,
        { slip_no: 'CK20250601', order: ids.order, outbound_date: '2025-06-01', issued_by: '王开票', picked_by: '孙立' },
        { historical: true },
      )
    ).id as number;
    ids.feedback = await created('/api/quality_feedback', {
      form_no: 'ZLFK2025-007',
      source: 'customer',
      customer: w.customer,
      product: w.product,
      batch: w.batch,
      description: '部分胶囊粘连变形',
    });
    await recordStates(s.server, 'quality_feedback', ids.feedback, { reported_at: '2025-06-03', analysis: '运输途中受热', handling: '退回更换' });
    ids.recall = await created('/api/recalls', {
      recall_no: 'ZH2025-03',
      product: w.product,
      batches: ['00581'],
      level: '2',
      initiated_by: 'manufacturer',
      reason: '溶出度不合格',
      started_at: '2025-06-20',
    });
    const notices = (await s.api('GET', `/api/recall_notices?filter=${q({ recall: ids.recall, customer: w.customer })}`)).json;
    ids.notice = notices[0]?.id ?? (await created('/api/recall_notices', { recall: ids.recall, customer: w.customer }));
    ids.authorization = (await s.api('GET', `/api/authorizations?filter=${q({ salesperson: w.salesperson })}`)).json[0].id;
    await s.user('sales1', '高刚', ['sales'], { salesperson: w.salesperson });
    await s.user('office1', '李秘书', ['office']);
    await s.user('wh1', '孙立', ['warehouse']);
    await s.user('qa1', '吴静', ['qa']);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  /** Opens the show page, clicks 打印 (a new tab), waits for the Chinese font and saves doc-<name>.png. */
  async function printFromShowPage(page: Page, showPath: string, docKey: string, name: string): Promise<Page> {
    await goTo(page, `${s.server.url}/#/${showPath}/show`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(`doc-print-${docKey}`).click()]);
    await tab.waitForLoadState('load');
    await tab.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(await tab.evaluate(() => document.fonts.check("12pt 'Noto Sans SC Variable'", '购货'))).toBe(true);
    await tab.setViewportSize({ width: 1000, height: 900 });
    await tab.screenshot({ path: path.join(ARTIFACTS, `doc-${name}.png`), fullPage: true });
    pages.push(tab);
    return tab;
  }

  /** Clicks 下载 PDF on the show page and returns the file's name and text. */
  async function downloadPdf(page: Page, docKey: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`doc-pdf-${docKey}`).click()]);
    const file = await download.path();
    const bytes = fs.readFileSync(file!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return { name: download.suggestedFilename(), text: await pdfText(bytes) };
  }

  it('QA prints the 购货者档案 and downloads it as PDF', async () => {
    const page = await as('qa1', `#/customers/${s.world.customer}/show`);
    const tab = await printFromShowPage(page, `customers/${s.world.customer}`, 'customer-sheet', 'customer-sheet');
    await poll(textOf(tab.locator('h1'))).toBe('购货者档案');
    expect(await tab.locator('#print-button').isVisible()).toBe(true);
    const pdf = await downloadPdf(page, 'customer-sheet');
    expect(pdf.name).toBe('购货者档案-武汉市康泰医药有限公司.pdf');
    // The print page's own 下载 PDF link: the file, or — with no Chromium on the server — the reason in words.
    const [own] = await Promise.all([tab.waitForEvent('download', { timeout: 60_000 }), tab.locator('#pdf-link').click()]);
    expect(own.suggestedFilename()).toBe('购货者档案-武汉市康泰医药有限公司.pdf');
    const saved = process.env.GSP_CHROMIUM;
    process.env.GSP_CHROMIUM = '/nonexistent/chromium';
    try {
      let told = '';
      tab.once('dialog', (d) => {
        told = d.message();
        void d.dismiss();
      });
      await tab.locator('#pdf-link').click();
      await poll(async () => told).toContain('Chromium');
    } finally {
      if (saved === undefined) delete process.env.GSP_CHROMIUM;
      else process.env.GSP_CHROMIUM = saved;
    }
    expectAll(pdf.text, [
      '湖北康源医药有限公司',
      '购货者档案',
      '武汉市康泰医药有限公司',
      '统一社会信用代码',
      '鄂AA3944806',
      '抗生素制剂',
      '2030-12-31',
      '王超',
      '法定代表人',
      '李娜',
      '采购人员',
      '首营审核',
      '已审核',
      '2023-01-10',
      '500,000.00',
      '储存条件审核日期',
      '2023-01-06',
    ]);
  }, 120_000);

  it('the office prints the 销售人员授权书 with the seal note and the legal representative', async () => {
    const page = await as('office1', `#/authorizations/${ids.authorization}/show`);
    await printFromShowPage(page, `authorizations/${ids.authorization}`, 'authorization-letter', 'authorization-letter');
    const pdf = await downloadPdf(page, 'authorization-letter');
    expect(pdf.name).toBe('销售人员授权书-SQ39464-高刚.pdf');
    expectAll(pdf.text, [
      '销售人员授权书',
      'SQ39464',
      '高刚',
      '420106199004217315',
      '化学药制剂',
      '湖北省',
      '2020年1月1日',
      '2030年12月31日',
      '湖北康源医药有限公司',
      '陈立新',
      '已加盖公司公章及法定代表人印章',
    ]);
  }, 120_000);

  it('the salesperson prints the 销售记录 of their order and a dated 销售记录清单 of the customer; another salesperson’s order is refused', async () => {
    const page = await as('sales1', `#/sales_orders/${ids.order}/show`);
    await printFromShowPage(page, `sales_orders/${ids.order}`, 'sales-record', 'sales-record');
    const pdf = await downloadPdf(page, 'sales-record');
    expect(pdf.name).toBe('销售记录-XS20250601.pdf');
    expectAll(pdf.text, [
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
      '武汉市康泰医药有限公司',
      '12',
      '15.00',
      '180.00',
      '2025-06-01',
    ]);

    // The customer's list for June: a reversed range cannot be sent; the list holds only this salesperson's lines.
    await page.goto(`${s.server.url}/#/customers/${s.world.customer}/show`);
    await page.getByTestId('doc-sales-list').click();
    await page.getByTestId('doc-sales-list-from').fill('2025-06-30');
    await page.getByTestId('doc-sales-list-to').fill('2025-06-01');
    expect(await page.getByTestId('doc-sales-list-open').isDisabled()).toBe(true);
    await poll(textOf(page.getByTestId('doc-sales-list-dialog'))).toContain('结束日期不能早于开始日期');
    await page.getByTestId('doc-sales-list-from').fill('2025-06-01');
    await page.getByTestId('doc-sales-list-to').fill('2025-06-30');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('doc-sales-list-open').click()]);
    await tab.waitForLoadState('load');
    await tab.evaluate(() => document.fonts.ready.then(() => undefined));
    await tab.screenshot({ path: path.join(ARTIFACTS, 'doc-customer-sales-record.png'), fullPage: true });
    pages.push(tab);
    const list = await tab.locator('body').innerText();
    expect(list).toContain('2025-06-01 至 2025-06-30');
    expect(list).toContain('XS20250601');
    expect(list).not.toContain('XS20250602'); // salesperson B's sale to the same customer

    // Refused: salesperson B's order, as a print page and as a PDF.
    const refused = await page.request.get(`${s.server.url}/api/workflows/documents/sales-record/${ids.orderB}/pdf`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).message).toBe('这条记录不属于您负责的范围');
    await tab.goto(`${s.server.url}/api/workflows/documents/sales-record/${ids.orderB}`);
    expect(await tab.locator('body').innerText()).toContain('这条记录不属于您负责的范围');
    await shot(tab, 'doc-refused-other-salesperson');
  }, 120_000);

  it('the warehouse prints the 出库单 with its lines and signatures', async () => {
    const page = await as('wh1', `#/outbound_slips/${ids.slip}/show`);
    await printFromShowPage(page, `outbound_slips/${ids.slip}`, 'outbound-slip', 'outbound-slip');
    const pdf = await downloadPdf(page, 'outbound-slip');
    expect(pdf.name).toBe('出库单-CK20250601.pdf');
    expectAll(pdf.text, [
      '出库单',
      'CK20250601',
      'XS20250601',
      '2025-06-01',
      '武汉市康泰医药有限公司',
      '阿莫西林胶囊',
      '00581',
      '180.00',
      '开票员',
      '王开票',
      '库管员',
      '孙立',
      '复核员',
    ]);
  }, 120_000);

  it('QA prints the 质量信息反馈处理表 and the 召回通知 to the customer', async () => {
    const page = await as('qa1');
    await printFromShowPage(page, `quality_feedback/${ids.feedback}`, 'quality-feedback', 'quality-feedback');
    const form = await downloadPdf(page, 'quality-feedback');
    expect(form.name).toBe('质量信息反馈处理表-ZLFK2025-007.pdf');
    expectAll(form.text, ['质量信息反馈处理表', 'ZLFK2025-007', '顾客反馈', '部分胶囊粘连变形', '运输途中受热', '退回更换', '00581', '2025-06-03']);

    await printFromShowPage(page, `recall_notices/${ids.notice}`, 'recall-notice', 'recall-notice');
    const notice = await downloadPdf(page, 'recall-notice');
    expect(notice.name).toBe('召回通知-ZH2025-03-武汉市康泰医药有限公司.pdf');
    expectAll(notice.text, [
      '召回通知',
      'ZH2025-03',
      '二级召回',
      '溶出度不合格',
      '阿莫西林胶囊',
      '00581',
      'XS20250601',
      'XS20250602',
      '共计 19 盒',
      '48 小时内',
      '质管部 吴静 027-83390002',
      '回执',
    ]);
  }, 120_000);

  it('QA downloads the customer’s complete file as one ZIP of PDFs', async () => {
    const page = await as('qa1');
    await page.goto(`${s.server.url}/#/customers/${s.world.customer}/show`);
    await shot(page, 'doc-customer-show-buttons');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('doc-customer-file').click()]);
    expect(download.suggestedFilename()).toBe('购货者完整档案-武汉市康泰医药有限公司-2025-06-30.zip');
    const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    const names = Object.keys(files);
    for (const n of ['00-目录.pdf', '01-购货者档案.pdf', '03-销售人员授权书.pdf', '04-购销合同.pdf', '05-销售记录清单-2025年.pdf', '06-出库单-2025年.pdf'])
      expect(names).toContain(n);
    expect(await pdfText(files['04-购销合同.pdf'])).toContain('HT2024759');
    expect(await pdfText(files['05-销售记录清单-2025年.pdf'])).toContain('XS20250602');
  }, 180_000);
});
