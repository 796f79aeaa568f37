/**
 * Issue 13 item 10: times on screen are in the business time zone (Asia/Shanghai by default, the setting
 * businessTimeZone otherwise), not the browser's: here the browser runs in UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, poll, startSession, textOf, type Session } from './session';

const shown = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleString('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone });

describe('business time zone (Chromium in UTC)', () => {
  let s: Session;
  let page: Page;
  let at: string;

  beforeAll(async () => {
    s = await startSession();
    await s.user('auditor1', '审计', ['auditor']);
    // the newest audit row (the auditor's account being created)
    const audit = await s.api('GET', `/api/audit_log?sort=${encodeURIComponent('["id","DESC"]')}&range=${encodeURIComponent('[0,0]')}`);
    at = audit.json[0].at;
    page = await s.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' });
    page.setDefaultTimeout(15_000);
    await page.goto(`${s.server.url}/`);
    await page.fill('input[name="username"]', 'auditor1');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('dashboard').waitFor();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('shows audit times in Asia/Shanghai by default', async () => {
    expect(shown(at, 'Asia/Shanghai')).not.toBe(shown(at, 'UTC'));
    await page.goto(`${s.server.url}/#/audit_log`);
    await poll(textOf(page.locator('tbody'))).toContain(shown(at, 'Asia/Shanghai'));
    expect(await page.locator('tbody').innerText()).not.toContain(shown(at, 'UTC'));
  });

  it('follows the businessTimeZone setting', async () => {
    const set = await s.api('POST', '/api/settings', { key: 'businessTimeZone', value: 'America/New_York', description: '业务时区' });
    expect(set.status, JSON.stringify(set.json)).toBe(201);
    await page.goto(`${s.server.url}/`);
    await page.reload();
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${s.server.url}/#/audit_log`);
    await poll(textOf(page.locator('tbody'))).toContain(shown(at, 'America/New_York'));
  });
});
