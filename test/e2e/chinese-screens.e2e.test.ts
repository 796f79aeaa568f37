/**
 * Issue 13 item 4: with the UI in Chinese, no English leaks. Over the demo data, each demo role signs in (through
 * the API: the form is sign-in.e2e's to test) and every page reachable from its menu is scanned for Latin words;
 * what may appear is listed below (rule codes, units, user data such as batch numbers and user names, names of
 * file formats and encodings). One browser, one page per role, hash navigation between pages (no reloads); to
 * stay fast a page is scanned once, by the first role whose menu reaches it (each role's dashboard is scanned as
 * that role). The roles take turns on one page, each loading the app signed in as itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, login, startTestServer, type TestServer } from '../helpers/app';
import type { Credential } from '../../server/bootstrap';
import { demoDatabase } from '../helpers/demo-database';
import { closeContexts, sharedChromium } from './browser';
import { ensureWebDist } from './global-setup';
import { pageWithSession, switchUser, unfoldMenu } from './session';

/** Latin words a Chinese screen may show: file formats, units, standard abbreviations, the product's name. */
const ALLOWED = new Set([
  'GSP',
  'CSV',
  'XLSX',
  'xlsx',
  'csv',
  'Excel',
  'PDF',
  'pdf',
  'UTF-8',
  'Unicode',
  'GBK',
  'GB18030',
  'SHA-256',
  'ID',
  'QA',
  'mg',
  'ml',
  'mL',
  'g',
  'kg',
  'L',
  'IU',
  'cm',
  'mm',
  'pcs',
]);
/** Rule codes (BUYER_NOT_APPROVED), batch and document numbers (XS-2025-0001, B2406): identifiers as data. */
const IDENTIFIER = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{1,6}\d[\w-]*|[A-Z]{1,6}(?:-[A-Z0-9]+)+|[a-z]?\d[\w.-]*)$/;

function leaks(text: string, userData: ReadonlySet<string>): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9]+)*/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w) && !userData.has(w) && !IDENTIFIER.test(w) && !/^[A-Z]{1,2}$/.test(w)))];
}

/**
 * Two animation frames of the page: React has committed what it had, and the effects it ran started their
 * requests (at most 250 ms: a page that renders no frame, say hidden, must not hold the scan).
 */
const frames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) => {
        requestAnimationFrame(() => requestAnimationFrame(() => done()));
        setTimeout(done, 250);
      }),
  );

/**
 * The page's API requests answered and its spinners gone, twice in a row, a render apart (bounded: a page that
 * polls is scanned as it is). Only this page's /api/ requests count: a font or a request of the page before
 * never holds it. Paced by the page's frames, not by sleeps: a fast page is read as soon as it is still.
 */
async function settle(page: Page, pending: Set<unknown>) {
  const until = Date.now() + 4_000;
  let quiet = 0;
  while (Date.now() < until && quiet < 2) {
    await frames(page);
    const spinning = await page.locator('.MuiLinearProgress-root, .MuiCircularProgress-root, .MuiSkeleton-root').count();
    quiet = !pending.size && !spinning ? quiet + 1 : 0;
  }
}

describe('Chinese screens (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let creds: Credential[];

  beforeAll(async () => {
    const webDist = await ensureWebDist();
    const demo = await demoDatabase('2026-06-30');
    server = await startTestServer({ webDist, today: '2026-06-30', from: demo.file });
    creds = demo.creds;
    browser = await sharedChromium();
  }, 180_000);
  afterAll(async () => {
    await closeContexts(browser);
    await server?.close();
  });

  it('shows no English words on any menu page, for any demo role', async () => {
    const users = [{ username: 'admin', password: ADMIN_PASSWORD, role: 'admin' }, ...creds];
    const found: string[] = [];
    const userData = new Set(users.map((u) => u.username));
    const scanned = new Set<string>();
    let pages = 0;
    // one page, the roles one after another: each signs in anew (cookies and storage cleared, the app loaded again)
    let page: Page | undefined;
    const pending = new Set<unknown>();
    for (const u of users) {
      const cookie = await login(server.url, u.username, u.password);
      if (page) await switchUser(page, server.url, cookie);
      else {
        page = await pageWithSession(browser, server.url, cookie);
        page.on('request', (r) => {
          if (new URL(r.url()).pathname.startsWith('/api/')) pending.add(r);
        });
        page.on('requestfinished', (r) => pending.delete(r));
        page.on('requestfailed', (r) => pending.delete(r));
      }
      // every group unfolded: a folded group's entries are drawn on its first unfolding (layout/AreaMenu.tsx)
      await unfoldMenu(page);
      const hrefs = await page
        .locator('.RaMenu-open a[href^="#/"], .RaSidebar-fixed a[href^="#/"]')
        .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
      expect(hrefs.length, u.username).toBeGreaterThan(0);
      for (const href of hrefs) {
        if (href !== '#/' && scanned.has(href)) continue;
        scanned.add(href);
        pending.clear();
        await page.goto(`${server.url}/${href}`);
        const t0 = Date.now();
        await settle(page, pending);
        pages++;
        const text = await page.locator('body').innerText();
        const words = leaks(text, userData);
        if (process.env.GSP_E2E_VERBOSE) process.stderr.write(`${u.role} ${href} ${Date.now() - t0} ms ${words.join(' ')}\n`);
        for (const w of words) found.push(`${u.role} ${href}: ${w}`);
      }
    }
    expect(pages).toBeGreaterThan(20);
    expect([...new Set(found)]).toEqual([]);
  }, 300_000);
});
