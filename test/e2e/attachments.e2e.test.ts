/**
 * Scans in Chromium: QA opens a customer whose file is complete but for one licence scan, sees the 首营
 * check fail for it, uploads the scan on the customer's 扫描件 tab (previewed inline), sees the check pass,
 * approves with an e-signature, and finds the very file (same SHA-256) in the customer's complete file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attachAs, tinyPdf } from '../helpers/attachments';
import { createApprovableCustomer } from '../helpers/first-business-file';
import { PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('scans and the 首营 check (Chromium)', () => {
  let s: Session;
  let customerId: number;
  let drugLicence: number;
  const scan = tinyPdf('E2E drug business licence scan');
  const status = (page: Page, key: string) => () =>
    page
      .getByTestId(`check-${key}`)
      .getAttribute('data-status')
      .catch(() => null);

  beforeAll(async () => {
    s = await startSession('2025-06-30');
    await s.user('qa1', '吴静', ['qa']);
    await s.user('fin1', '周会计', ['finance']);
    // Everything but one scan: the licences, agents and credit review, the business licence's scan and the
    // purchaser's documents — all uploaded but the drug business licence's.
    const attach = attachAs(s.server.url, s.cookie);
    customerId = await createApprovableCustomer(
      async (res, body) => {
        const r = await s.api('POST', `/api/${res}`, body);
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        return r.json;
      },
      '十堰市康宁医药有限公司',
      31,
      { type: 'wholesaler', region: '湖北省十堰市' },
      async (id, input) => {
        const r = await s.apiAs('fin1', 'POST', `/api/customers/${id}/credit-review`, { password: PASSWORD, ...input });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
      },
      async (resource, id, kind) => {
        if (resource === 'customer_licenses') {
          const l = (await s.api('GET', `/api/customer_licenses/${id}`)).json;
          if (l.kind === 'drug_business') {
            drugLicence = id;
            return;
          }
        }
        await attach(resource, id, kind);
      },
    );
    expect(drugLicence).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('QA sees the missing scan fail, uploads it, approves; the inspection pack holds it', async () => {
    const page = await s.signIn('qa1', `#/customers/${customerId}/show/first-business`);
    await page.getByTestId('first-business-tab').waitFor();
    await poll(status(page, 'scans')).toBe('fail');
    await poll(textOf(page.getByTestId('check-scans'))).toContain('药品经营许可证 鄂AB0000031：缺少证照扫描件');
    await shot(page, 'attachments-scan-missing');

    // the 扫描件 tab: this customer's and its licences' and agents' scans
    await page.goto(`${s.server.url}/#/customers/${customerId}/show/attachments`);
    const row = page.getByTestId(`attachments-customer_licenses-${drugLicence}-licence_scan`);
    await poll(textOf(row)).toContain('缺少（必需）');
    await page
      .getByTestId(`attachments-customer_licenses-${drugLicence}-licence_scan-upload-input`)
      .setInputFiles({ name: '药品经营许可证.pdf', mimeType: 'application/pdf', buffer: scan });
    await poll(textOf(row)).toContain('药品经营许可证.pdf');
    await poll(textOf(row)).not.toContain('缺少');
    // previewed inline with the browser's viewer
    await row.getByRole('button', { name: '药品经营许可证.pdf' }).click();
    await page.getByTestId('attachment-preview').locator('iframe').waitFor();
    await shot(page, 'attachments-preview');
    await page.getByTestId('attachment-preview').getByRole('button', { name: '关闭' }).click();

    await page.goto(`${s.server.url}/#/customers/${customerId}/show/first-business`);
    await poll(status(page, 'scans')).toBe('pass');
    await poll(textOf(page.getByTestId('first-business-summary'))).toContain('所有必审项目均已通过');
    await page.getByTestId('verb-approve').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    await dialog.locator('textarea[name="comment"]').fill('证照及扫描件齐全，同意首营');
    await dialog.locator('input[name="password"]').fill(PASSWORD);
    await dialog.getByRole('button', { name: '签名确认' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await s.api('GET', `/api/customers/${customerId}`)).json.qa_status).toBe('approved');
    await shot(page, 'attachments-approved');

    await page.goto(`${s.server.url}/#/customers/${customerId}/show`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('doc-customer-file').click()]);
    const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    const mine = Object.keys(files).filter((n) => n.startsWith('03-证照及资料扫描件/') && n.includes('鄂AB0000031'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/证照扫描件-药品经营许可证\.pdf$/);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(files[mine[0]])).toBe(sha(scan));
    expect(Object.keys(files)).toContain('03-证照及资料扫描件.pdf');
    await page.close();
  }, 240_000);
});
