/**
 * The quality department in a real browser: waives a warning finding with a reason and a signature,
 * approves a pending customer with a signature that shows valid and then broken after an edit (which
 * requires a reason), and reads the dashboard's counts.
 */
import { writerOf } from '../../server/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compliantOrder } from '../helpers/world';
import { createApprovableCustomer } from '../helpers/first-business-file';
import { attachAs } from '../helpers/attachments';
import { goTo, PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('QA review (Chromium)', () => {
  let s: Session;
  let page: Page;
  let findingId: number;
  let customerId: number;

  beforeAll(async () => {
    s = await startSession();
    await s.user('qa1', '吴静', ['qa']);
    await s.user('fin1', '周会计', ['finance']);
    // A sale without a contract is saved with a CONTRACT_MISSING warning for QA (twice: one to waive, one left open).
    for (const no of ['XS-W1', 'XS-W2']) {
      const order = await s.api('POST', '/api/sales_orders', compliantOrder(s.world, no, {}, { contract: null }));
      expect(order.status, JSON.stringify(order.json)).toBe(201);
    }
    const findings = await s.api(
      'GET',
      `/api/findings?filter=${encodeURIComponent(JSON.stringify({ rule: 'CONTRACT_MISSING' }))}&sort=${encodeURIComponent('["id","ASC"]')}`,
    );
    expect(findings.json.length).toBe(2);
    findingId = findings.json[0].id;
    // Created by admin, so QA may approve it (nobody approves their own record).
    // Its first-business file is complete (licences, agents, credit review), so the 首营 checklist lets QA approve.
    customerId = await createApprovableCustomer(
      async (res, body) => {
        const r = await s.api('POST', `/api/${res}`, body);
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        return r.json;
      },
      '荆州同济药业有限公司',
      7,
      { type: 'wholesaler', region: '湖北省荆州市', contact_name: '刘洋', contact_phone: '0716-8123456', qa_status: 'pending' },
      async (id, input) => {
        // the credit review is finance's signed step
        const r = await s.apiAs('fin1', 'POST', `/api/customers/${id}/credit-review`, { password: PASSWORD, ...input });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
      },
      attachAs(s.server.url, s.cookie),
    );
    page = await s.signIn('qa1', '#/findings'); // where the first test starts
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  const signDialog = () => page.getByTestId('sign-dialog');
  const sign = async (comment?: string) => {
    await signDialog().waitFor();
    if (comment) await signDialog().locator('textarea[name="comment"]').fill(comment);
    await signDialog().locator('input[name="password"]').fill(PASSWORD);
    await signDialog().getByRole('button', { name: '签名确认' }).click();
    await signDialog().waitFor({ state: 'detached' });
  };

  it('waives a warning finding with a reason and the password (signed)', async () => {
    await goTo(page, `${s.server.url}/#/findings`);
    const row = page.locator('.RaDatagrid-tbody tr', { hasText: 'CONTRACT_MISSING' }).last();
    await poll(textOf(row)).toContain('第二篇 3.4'); // the rule's source beside the rule
    await page.goto(`${s.server.url}/#/findings/${findingId}/show`);
    await page.getByTestId('verb-waive').click();
    await signDialog().waitFor();
    await poll(textOf(page.getByTestId('sign-meaning'))).toContain('豁免规则发现');
    // The reason is required: no signing without it.
    expect(await signDialog().getByRole('button', { name: '签名确认' }).isDisabled()).toBe(true);
    await sign('长期合作客户，合同续签中，经质管部评估予以豁免');
    await poll(textOf(page.getByTestId('signatures-panel'))).toContain('豁免规则发现');
    await poll(() => page.getByTestId('signature-valid').count()).toBe(1);
    await poll(textOf(page.getByTestId('signatures-panel'))).toContain('长期合作客户');
    await page.getByText('已豁免').first().waitFor();
    const stored = await s.api('GET', `/api/findings/${findingId}`);
    expect(stored.json).toMatchObject({ status: 'waived', note: '长期合作客户，合同续签中，经质管部评估予以豁免' });
    await shot(page, 'qa-finding-waived');
  });

  it('refuses a wrong password without signing', async () => {
    await page.goto(`${s.server.url}/#/customers/${customerId}/show`);
    await page.getByTestId('verb-approve').click();
    await signDialog().locator('input[name="password"]').fill('not-my-password');
    await signDialog().getByRole('button', { name: '签名确认' }).click();
    await poll(() => signDialog().locator('.Mui-error').count()).toBeGreaterThan(0);
    await signDialog().getByRole('button', { name: '取消' }).click();
    expect((await s.api('GET', `/api/customers/${customerId}`)).json.qa_status).toBe('pending');
  });

  it('approves a pending customer with a signature that shows valid', async () => {
    await page.goto(`${s.server.url}/#/qa/first-business`);
    await poll(textOf(page.locator('.RaDatagrid-tbody'))).toContain('荆州同济药业有限公司');
    await page.goto(`${s.server.url}/#/customers/${customerId}/show`);
    await page.getByTestId('verb-approve').click();
    await poll(textOf(page.getByTestId('sign-meaning'))).toContain('首营审核批准');
    await sign();
    await poll(() => page.getByTestId('signature-valid').count()).toBe(1);
    await poll(textOf(page.getByTestId('signatures-panel'))).toContain('吴静');
    await poll(textOf(page.getByTestId('signatures-panel'))).toContain('首营审核批准');
    // Approved: the verb is no longer offered.
    await poll(() => page.getByTestId('verb-approve').count()).toBe(0);
    await shot(page, 'qa-customer-signed');
  });

  it('requires a reason to edit the approved customer, then shows the signature broken', async () => {
    await page.getByRole('link', { name: '编辑' }).click();
    const phone = page.locator('input[name="contact_phone"]');
    await poll(() => phone.inputValue()).toBe('0716-8123456');
    await phone.fill('0716-8999999');
    let puts = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts++;
    });
    await page.getByRole('button', { name: '保存' }).click();
    // The reason is visibly required on an approved record: nothing is sent without it.
    await poll(textOf(page.locator('.ra-input-_reason'))).toContain('必填');
    expect(puts).toBe(0);
    await page.fill('input[name="_reason"]', '客户更换联系电话');
    const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes(`/api/customers/${customerId}`));
    await page.getByRole('button', { name: '保存' }).click();
    expect((await put).postDataJSON()).toMatchObject({ _reason: '客户更换联系电话', contact_phone: '0716-8999999' });
    await page.waitForURL(/\/show$/);
    // finance's credit review and QA's approval were both signed before the change (the phone is not part of the
    // approval: the customer stays approved, its signatures no longer match the record)
    await poll(() => page.getByTestId('signature-broken').count()).toBe(2);
    await page.getByTestId('signature-broken-alert').waitFor();
    await shot(page, 'qa-signature-broken');
  });

  it('shows the open findings on the dashboard', async () => {
    const stats = await s.api('GET', '/api/system/findings-stats');
    const open = stats.json.byRule.reduce((n: number, r: { open: number }) => n + Number(r.open), 0);
    expect(open).toBeGreaterThan(0);
    await page.goto(`${s.server.url}/#/`);
    await poll(textOf(page.getByTestId('stat-open-value'))).toBe(String(open));
    await poll(textOf(page.getByTestId('rule-open-CONTRACT_MISSING'))).toBe('1');
    await page.getByTestId('month-chart').waitFor();
    // The review cards count what waits in each list (the customer was approved: none pending).
    await poll(textOf(page.getByTestId('card-qa/first-business-value'))).toBe('0');
    await shot(page, 'qa-dashboard');
  });

  it('reports the audit chain intact, then the row someone altered behind the application', async () => {
    await page.goto(`${s.server.url}/#/audit-verify`);
    await page.getByTestId('audit-intact').waitFor();
    // Tampering straight in the database (the append-only trigger dropped first).
    const sqlite = writerOf(s.server.db);
    sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
    const { id } = (await sqlite.prepare('SELECT min(id) AS id FROM audit_log').get()) as { id: number };
    await sqlite.prepare('UPDATE audit_log SET reason = ? WHERE id = ?').run('篡改', id);
    await page.getByTestId('audit-verify-run').click();
    await page.getByTestId('audit-broken').waitFor();
    await poll(textOf(page.getByTestId('audit-verify-result'))).toContain(`#${id}`);
    await shot(page, 'qa-audit-broken');
  });

  it('an edit of what the approval covered warns on the form, then the customer shows it is back to review and why', async () => {
    await page.goto(`${s.server.url}/#/customers/${customerId}`);
    const address = page.locator('.ra-input-address');
    await poll(textOf(address)).toContain('修改此项将使审核失效');
    // the approval's own fields are read-only, with the step that sets them
    await poll(textOf(page.locator('.ra-input-qa_status'))).toContain('首营审核批准');
    await page.locator('input[name="address"]').fill('湖北省荆州市沙市区北京中路 9 号');
    await page.fill('input[name="_reason"]', '客户搬迁');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/show$/);
    await poll(textOf(page.getByTestId('returned-to-review'))).toContain('首营审核后修改了已审核的内容（地址）');
    await poll(() => page.getByTestId('signature-superseded').count()).toBe(1);
    expect((await s.api('GET', `/api/customers/${customerId}`)).json.qa_status).toBe('pending');
    await shot(page, 'qa-returned-to-review');
  });

  // The list's rows are plain elements with one click handler for the table (web/src/generic/ListBody.tsx).
  it('a list row: its reference cell opens the referenced record, its checkbox selects it, the row opens its own record', async () => {
    await goTo(page, `${s.server.url}/#/sales_orders`);
    const row = () => page.locator('.RaDatagrid-tbody tr', { hasText: 'XS-W1' });
    const customer = row().locator('td.column-customer a');
    await poll(textOf(customer)).not.toBe('');
    await customer.click();
    await page.waitForURL(/#\/customers\/\d+\/show$/);
    await goTo(page, `${s.server.url}/#/sales_orders`);
    await row().getByRole('checkbox', { name: '选择此行' }).check();
    await poll(textOf(page.locator('.RaBulkActionsToolbar-toolbar'))).toContain('已选择 1 项');
    await row().getByRole('checkbox', { name: '选择此行' }).uncheck();
    await poll(() => page.locator('.RaBulkActionsToolbar-toolbar').count()).toBe(0);
    await row().locator('td.column-sale_date').click();
    await page.waitForURL(/#\/sales_orders\/\d+\/show$/);
  });
});
