/**
 * The console in a real browser against the real server (in-process, temp SQLite): sign in, search and
 * filter the customers list, create a customer, edit it, and read its audit history on the show page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, startTestServer, type TestServer } from '../helpers/app';
import { ensureWebDist } from './global-setup';
import { closeContexts, keptPage, sharedChromium } from './browser';
import { recordStates } from '../helpers/world';

const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');
const STEP = 15_000;

describe('console (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const webDist = await ensureWebDist();
    server = await startTestServer({ webDist });
    const cookie = await login(server.url);
    // created through the API; the approvals (QA's signed step) recorded as done
    const seed = ({ qa_status, ...body }: { qa_status: string } & Record<string, unknown>) =>
      fetch(`${server.url}/api/customers`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) }).then(
        async (r) => {
          const json = await r.json();
          expect(r.status, JSON.stringify(json)).toBe(201);
          if (qa_status !== 'pending') await recordStates(server, 'customers', json.id, { qa_status });
        },
      );
    await seed({ name: '武汉康宁大药房连锁有限公司', type: 'retailer', region: '湖北省武汉市', qa_status: 'approved' });
    await seed({ name: '宜昌市第一人民医院', type: 'medical_institution', region: '湖北省宜昌市', qa_status: 'approved' });
    await seed({ name: '荆州同济药业有限公司', type: 'wholesaler', region: '湖北省荆州市', qa_status: 'pending' });
    browser = await sharedChromium();
    page = await keptPage(browser); // signed out: its cookies and storage cleared
    page.setDefaultTimeout(STEP);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await closeContexts(browser);
    await server?.close();
  });

  // vitest's expect has no Playwright matchers: poll the page instead.
  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP });
  const textOf = (locator: ReturnType<Page['locator']>) => () =>
    locator
      .first()
      .innerText()
      .catch(() => '');
  const rows = () => page.locator('.RaDatagrid-tbody tr');
  const notification = () => page.locator('.MuiSnackbarContent-message').first();

  it('signs in (Chinese by default)', async () => {
    await page.goto(`${server.url}/`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // the menu groups fold (issue 13 item 5): 往来单位 is not among the admin's daily screens
    await page.getByTestId('menu-group-parties').click();
    await page.getByText('购货单位', { exact: true }).first().waitFor();
  });

  it('searches and filters the customers list', async () => {
    await page.goto(`${server.url}/#/customers`);
    await poll(() => rows().count()).toBe(3);
    await page.fill('input[name="q"]', '康宁');
    await poll(() => rows().count()).toBe(1);
    await poll(textOf(rows().first())).toContain('武汉康宁大药房连锁有限公司');
    await page.fill('input[name="q"]', '');
    await poll(() => rows().count()).toBe(3);
    await page.getByRole('combobox', { name: '单位类型' }).click();
    await page.getByRole('option', { name: '医疗机构' }).click();
    await poll(() => rows().count()).toBe(1);
    await poll(textOf(rows().first())).toContain('宜昌市第一人民医院');
    await poll(textOf(rows().first())).toContain('医疗机构');
  });

  it('creates a customer', async () => {
    await page.goto(`${server.url}/#/customers/create`);
    await page.fill('input[name="name"]', '襄阳仁和医药有限公司');
    await page.getByRole('combobox', { name: '单位类型' }).click();
    await page.getByRole('option', { name: '药品批发企业' }).click();
    await page.fill('input[name="region"]', '湖北省襄阳市');
    await page.fill('input[name="contact_name"]', '周敏');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/customers\/\d+\/show/);
    await poll(textOf(notification())).toBe('已新建');
    await page.getByText('襄阳仁和医药有限公司').first().waitFor();
  });

  it('edits it (pessimistically, sending its version)', async () => {
    const showUrl = page.url();
    await page.getByRole('link', { name: '编辑' }).click();
    const contact = page.locator('input[name="contact_name"]');
    await poll(() => contact.inputValue()).toBe('周敏');
    await contact.fill('周敏华');
    await page.fill('input[name="contact_phone"]', '0710-3336666');
    const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/customers/'));
    await page.getByRole('button', { name: '保存' }).click();
    expect((await put).postDataJSON()).toMatchObject({ version: 1, contact_name: '周敏华' });
    await page.waitForURL(showUrl);
    await page.getByText('周敏华').first().waitFor();
  });

  it('shows the audit history with the create and the update', async () => {
    await page.getByRole('tab', { name: '修改历史' }).click();
    await page.getByTestId('history-panel').waitFor();
    const update = page.getByTestId('history-update');
    const create = page.getByTestId('history-create');
    await poll(() => update.count()).toBe(1);
    await poll(() => create.count()).toBe(1);
    await poll(textOf(update)).toContain('系统管理员');
    await poll(textOf(update)).toContain('联系人');
    await poll(textOf(update)).toContain('周敏华');
    await poll(textOf(update)).toContain('0710-3336666');
    await poll(textOf(create)).toContain('襄阳仁和医药有限公司');
    await poll(textOf(create)).toContain('药品批发企业');
    await page.screenshot({ path: path.join(ARTIFACTS, 'customer-history.png'), fullPage: true });
  });
});
