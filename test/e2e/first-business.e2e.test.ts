/**
 * 首营 (first-business) in Chromium: a cold-chain customer's 首营审核 tab lists every check; the salesperson
 * rates its credit, finance sets the limit (both signed); QA's approval is refused while the purchaser's
 * documents are missing (the dialog names the failing checks); QA reviews the storage conditions, and once
 * the documents are complete approves with an e-signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creditCode } from '../helpers/first-business-file';
import { attachAs } from '../helpers/attachments';
import { PASSWORD, poll, refreshData, shot, startSession, textOf, type Session } from './session';

describe('first-business approval (Chromium)', () => {
  let s: Session;
  let customerId: number;
  const licences: number[] = [];
  const status = (page: Page, key: string) => () =>
    page
      .getByTestId(`check-${key}`)
      .getAttribute('data-status')
      .catch(() => null);

  beforeAll(async () => {
    s = await startSession('2025-06-30');
    await s.user('sales1', '高刚', ['sales'], { salesperson: s.world.salesperson });
    await s.user('fin1', '周会计', ['finance']);
    await s.user('qa1', '吴静', ['qa']);
    const code = creditCode(42);
    const c = await s.api('POST', '/api/customers', {
      name: '宜昌市国泰医药有限公司',
      type: 'wholesaler',
      region: '湖北省宜昌市',
      address: '湖北省宜昌市西陵区东山大道 88 号',
      contact_name: '郑红',
      contact_phone: '0717-6223344',
      legal_rep: '郑国泰',
      credit_code: code,
      cold_chain: true,
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    customerId = c.json.id;
    for (const body of [
      { kind: 'business', number: code, valid_from: '2018-01-01', valid_to: '2038-12-31' },
      { kind: 'drug_business', number: '鄂AA7170042', scope: ['中成药', '化学药制剂', '生物制品'], valid_from: '2021-03-01', valid_to: '2026-02-28' },
    ]) {
      const l = await s.api('POST', '/api/customer_licenses', { customer: customerId, ...body });
      expect(l.status).toBe(201);
      licences.push(l.json.id);
    }
    for (const body of [
      { name: '郑国泰', role: 'legal_rep', phone: '13907170001' },
      { name: '孙芳', role: 'responsible', phone: '13907170002' },
    ]) {
      expect((await s.api('POST', '/api/customer_agents', { customer: customerId, ...body })).status).toBe(201);
    }
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  const sign = async (page: Page, opts: { comment?: string; inputs?: Record<string, string> } = {}) => {
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    for (const [key, value] of Object.entries(opts.inputs ?? {})) {
      const input = page.getByTestId(`verb-input-${key}`);
      if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
      else await input.fill(value);
    }
    if (opts.comment) await dialog.locator('textarea[name="comment"]').fill(opts.comment);
    await dialog.locator('input[name="password"]').fill(PASSWORD);
    await dialog.getByRole('button', { name: '签名确认' }).click();
  };

  it("the salesperson sees every check and rates the customer's credit", async () => {
    const page = await s.signIn('sales1', `#/customers/${customerId}/show/first-business`);
    await page.getByTestId('first-business-tab').waitFor();
    await poll(textOf(page.getByTestId('first-business-summary'))).toContain('项必审项目未通过');
    await poll(status(page, 'licence:drug_business')).toBe('pass');
    await poll(textOf(page.getByTestId('check-licence:drug_business'))).toContain('第五篇 2.1');
    expect(await status(page, 'credit')()).toBe('fail');
    expect(await status(page, 'agents')()).toBe('fail');
    expect(await status(page, 'storage')()).toBe('fail');
    // 首营 approval is QA's: the salesperson is offered the credit review only.
    expect(await page.getByTestId('verb-approve').count()).toBe(0);
    await page.getByTestId('verb-credit-review').click();
    await sign(page, { inputs: { payment_rating: '良好' }, comment: '实地考察，经营规模较大，回款及时' });
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(textOf(page.getByTestId('check-credit'))).toContain('信用额度尚待财务部或销售部负责人核定');
    await shot(page, 'first-business-credit-by-sales');
    await page.close();
  }, 90_000);

  it('finance sets the credit limit', async () => {
    const page = await s.signIn('fin1', `#/customers/${customerId}/show/first-business`);
    await page.getByTestId('verb-credit-review').click();
    await sign(page, { inputs: { payment_rating: '良好', credit_limit: '300000' } });
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(status(page, 'credit')).toBe('pass');
    await poll(textOf(page.getByTestId('check-credit'))).toContain('高刚（销售员）、周会计（财务部）');
    await page.close();
  }, 90_000);

  it('QA: approval refused while a required check fails; storage review; approval once complete', async () => {
    const page = await s.signIn('qa1', `#/customers/${customerId}/show/first-business`);
    await page.getByTestId('first-business-tab').waitFor();
    await page.getByTestId('verb-approve').click();
    await sign(page, { comment: '审核' });
    // Refused: the dialog stays open and says which checks fail.
    await poll(textOf(page.getByTestId('sign-error'))).toContain('首营审核有以下检查未通过，不能批准');
    expect(await textOf(page.getByTestId('sign-error'))()).toContain('采购人员委托书、身份证复印件及联系人');
    await shot(page, 'first-business-approval-refused');
    await page.getByTestId('sign-dialog').getByRole('button', { name: '取消' }).click();
    expect((await s.api('GET', `/api/customers/${customerId}`)).json.qa_status).toBe('pending');

    await page.getByTestId('verb-storage-review').click();
    await sign(page, { comment: '冷库 2–8℃ 两间，温湿度自动监测，备用发电机' });
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(status(page, 'storage')).toBe('pass');

    // The purchaser's power of attorney and ID copy arrive.
    const agent = await s.api('POST', '/api/customer_agents', {
      customer: customerId,
      name: '李军',
      role: 'purchaser',
      phone: '13907170003',
      attorney_valid_to: '2026-06-30',
      id_copy: true,
    });
    expect(agent.status).toBe(201);
    // with the scans of both licences, the power of attorney and the ID copy (test/e2e/attachments.e2e.test.ts uploads one in the UI)
    const attach = attachAs(s.server.url, s.cookie);
    for (const l of licences) await attach('customer_licenses', l, 'licence_scan');
    for (const kind of ['attorney', 'id_copy']) await attach('customer_agents', agent.json.id, kind);
    await refreshData(page, `/first-business/customers/${customerId}`);
    await poll(textOf(page.getByTestId('first-business-summary'))).toContain('所有必审项目均已通过');
    await poll(status(page, 'agents')).toBe('pass');
    await shot(page, 'first-business-checklist-complete');
    await page.getByTestId('verb-approve').click();
    await sign(page, { comment: '资质齐全，同意建立购货者档案' });
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(async () => (await s.api('GET', `/api/customers/${customerId}`)).json.qa_status).toBe('approved');
    await page.goto(`${s.server.url}/#/customers/${customerId}/show`);
    await poll(textOf(page.getByTestId('signatures-panel'))).toContain('首营审核批准');
    await shot(page, 'first-business-approved');
    await page.close();
  }, 90_000);
});
