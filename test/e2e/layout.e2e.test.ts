/**
 * Issue 13 item 5 at 1440×900 over the demo data: no table cell of 应收账款账龄 or 导入记录 wraps to more
 * than two lines (names, headers, the 撤销导入 button); 问题行下载 is offered only for an import with
 * problem rows; the side menu fits the screen without scrolling, each role's daily screens first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, startTestServer, type TestServer } from '../helpers/app';
import { SAMPLES_DIR } from '../helpers/shared';
import type { Credential } from '../../server/bootstrap';
import { demoDatabase } from '../helpers/demo-database';
import { runImport } from '../../imports/run/pipeline';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { dailyScreens } from '../../web/src/layout/daily-screens';
import { closeContexts, sharedChromium } from './browser';
import { ensureWebDist } from './global-setup';
import { pageWithSession, shot, switchUser } from './session';

/** The most lines any single text of the table's cells is laid out on. */
const maxLines = (page: Page, table: string) =>
  page
    .locator(table)
    .first()
    .evaluate((root) => {
      let worst = { lines: 0, text: '' };
      for (const cell of root.querySelectorAll('th, td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > worst.lines) worst = { lines: tops.size, text: n.textContent.trim() };
        }
      }
      return worst;
    });

describe('layouts at 1440×900 (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let creds: Credential[];
  const pages = new Map<string, Page>();

  // one page per user, signed in through the API (the form is sign-in.e2e's to test)
  const cookieOf = (username: string) =>
    login(server.url, username, username === 'admin' ? ADMIN_PASSWORD : creds.find((c) => c.username === username)!.password);
  // on `route`, a hash route: a first sign-in loads the app there (no dashboard first), a page kept navigates to it
  const signIn = async (username: string, route: string) => {
    const kept = pages.get(username);
    if (kept) return kept.goto(`${server.url}/${route}`).then(() => kept);
    const page = await pageWithSession(browser, server.url, await cookieOf(username), route);
    pages.set(username, page);
    return page;
  };
  // the roles seen once take turns on one page (switchUser: a load of the app, not a new context each)
  let turns: Page | undefined;
  const signInOnce = async (username: string) => {
    if (pages.has(username)) return pages.get(username)!;
    if (turns) return switchUser(turns, server.url, await cookieOf(username));
    turns = await pageWithSession(browser, server.url, await cookieOf(username));
    return turns;
  };

  beforeAll(async () => {
    const webDist = await ensureWebDist();
    const demo = await demoDatabase('2026-06-30');
    server = await startTestServer({ webDist, today: '2026-06-30', from: demo.file });
    creds = demo.creds;
    // Import history: files without problem rows, and one with a rejected row (a customer without a name).
    const header = fs.readFileSync(path.join(SAMPLES_DIR, 'customers.csv'), 'utf8').split('\n')[0];
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-layout-')), 'customers-bad.csv');
    fs.writeFileSync(bad, `${header}\n,药品零售企业,,湖北省武汉市,湖北省武汉市某路1号,,,,,,,,,,,否,否\n`);
    for (const [file, kind] of [
      [path.join(SAMPLES_DIR, 'company_licenses.csv'), 'company_licenses'],
      [path.join(SAMPLES_DIR, 'customers.csv'), 'customers'],
      [bad, 'customers'],
    ]) {
      await runImport({ db: server.db, file, kind, clock: server.clock, actor: SYSTEM_ACTOR });
    }
    browser = await sharedChromium();
  }, 180_000);
  afterAll(async () => {
    await closeContexts(browser);
    await server?.close();
  });

  it('receivables ageing: no cell wraps beyond two lines', async () => {
    const page = await signIn('finance1', '#/workflows/receivables');
    await page.getByTestId('ageing-table').locator('tbody tr').nth(3).waitFor();
    const worst = await maxLines(page, '[data-testid="ageing-table"]');
    await shot(page, 'layout-receivables');
    expect(worst.lines, worst.text).toBeLessThanOrEqual(2);
  });

  it('import history: no cell wraps beyond two lines; 问题行下载 only where there are problem rows', async () => {
    const page = await signIn('admin', '#/import/history');
    const table = page.getByTestId('import-history');
    await table.locator('tbody tr').nth(1).waitFor();
    const imports = server.db.$client
      .prepare(
        `SELECT i.id, json_extract(i.counts, '$.rejected') AS rejected, (SELECT count(*) FROM findings f WHERE f."import" = i.id) AS findings FROM imports i`,
      )
      .all() as Array<{ id: number; rejected: number; findings: number }>;
    expect(imports.length).toBe(3);
    expect(imports.some((i) => i.rejected > 0)).toBe(true);
    expect(imports.some((i) => !i.rejected && !i.findings)).toBe(true);
    // each row's links once its findings count has come in (what the cells finally hold), then the wrapping
    for (const i of imports) {
      const links = page.getByTestId(`import-links-${i.id}`);
      await links.waitFor();
      await expect.poll(() => links.getByTestId('link-problems').count()).toBe(i.rejected > 0 || i.findings > 0 ? 1 : 0);
    }
    const worst = await maxLines(page, '[data-testid="import-history"]');
    await shot(page, 'layout-import-history');
    expect(worst.lines, worst.text).toBeLessThanOrEqual(2);
  });

  it('the menu fits 900 px for every role, its daily screens first', async () => {
    for (const username of ['admin', 'qa1', 'sales1', 'finance1', 'aftersales1']) {
      const page = await signInOnce(username);
      await page.goto(`${server.url}/#/`);
      const menu = page.locator('.RaSidebar-fixed');
      await menu.locator('a').first().waitFor();
      const { scroll, client } = await menu.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      expect(scroll, username).toBeLessThanOrEqual(client + 1);
      const role = username === 'admin' ? 'admin' : creds.find((c) => c.username === username)!.role;
      const first = await page
        .getByTestId('menu-section-daily')
        .locator('a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(first.length, username).toBeGreaterThan(0);
      expect(first.length).toBeLessThanOrEqual(dailyScreens([role]).length);
    }
  }, 120_000);
});
