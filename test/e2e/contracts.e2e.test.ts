/**
 * The contract flow in Chromium (第五篇 3): the salesperson's draft is refused on submit while the 3.2 terms
 * are incomplete (the dialog lists them), is completed in the edit form and submitted; the sales VP approves
 * it with an e-signature (a major contract is refused to the VP); the salesperson records the signing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('contract approval (Chromium)', () => {
  let s: Session;
  let contractId: number;
  let majorId: number;
  const status = async (id: number) => (await s.api('GET', `/api/contracts/${id}`)).json.status;

  beforeAll(async () => {
    s = await startSession('2025-06-30');
    await s.user('sales1', '高刚', ['sales'], { salesperson: s.world.salesperson });
    await s.user('head1', '刘经理', ['sales_head']);
    await s.user('vp1', '赵副总', ['sales_vp']);
    // The salesperson drafts (through the API with their own session: created_by is theirs).
    const draft = async (body: Record<string, unknown>) => {
      const res = await s.apiAs('sales1', 'POST', '/api/contracts', { customer: s.world.customer, salesperson: s.world.salesperson, ...body });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.id as number;
    };
    contractId = await draft({ contract_no: 'HT-2025-0630', amount: 86000, quality_terms: '符合《中国药典》标准，外包装完好', payment_method: 'transfer' });
    majorId = await draft({
      contract_no: 'HT-2025-0631',
      amount: 680000,
      quality_terms: '符合国家药品标准',
      quantity_price_terms: '阿莫西林胶囊 40000 盒 × 17.00 元',
      delivery_terms: '分批送货',
      payment_method: 'transfer',
      payment_days: 90,
      after_sales_terms: '质量问题退换',
    });
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  const confirm = async (page: Page, signed: boolean) => {
    const dialog = page.getByTestId('sign-dialog');
    await dialog.waitFor();
    if (signed) await dialog.locator('input[name="password"]').fill(PASSWORD);
    await dialog.getByRole('button', { name: signed ? '签名确认' : '确认' }).click();
  };

  it('the salesperson: submit refused with the missing terms, terms completed, then submitted', async () => {
    const page = await s.signIn('sales1', `#/contracts/${contractId}/show/terms`);
    await page.getByTestId('contract-terms').waitFor();
    await poll(() => page.getByTestId('check-term:delivery_terms').getAttribute('data-status')).toBe('fail');
    await poll(textOf(page.getByTestId('contract-level'))).toContain('须经销售副总审核');
    await page.getByTestId('verb-submit').click();
    await confirm(page, false);
    await poll(textOf(page.getByTestId('sign-error'))).toContain(
      '合同条款不全（第五篇 3.2），不能提交审批。缺少：购货量与供货单价、交货方式及交货日期、付款期限、质量条款及售后服务约定',
    );
    await shot(page, 'contracts-submit-refused');
    await page.getByTestId('sign-dialog').getByRole('button', { name: '取消' }).click();
    expect(await status(contractId)).toBe('draft');

    await page.goto(`${s.server.url}/#/contracts/${contractId}`);
    await page.locator('textarea[name="quantity_price_terms"]').fill('阿莫西林胶囊 0.25g×24粒 5000 盒 × 17.20 元');
    await page.locator('textarea[name="delivery_terms"]').fill('送货上门，2025-07-10 前交货');
    await page.locator('input[name="payment_days"]').fill('60');
    await page.locator('textarea[name="after_sales_terms"]').fill('质量问题无条件退换，协助召回');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/show$/);
    await page.goto(`${s.server.url}/#/contracts/${contractId}/show/terms`);
    await poll(() => page.getByTestId('check-term:delivery_terms').getAttribute('data-status')).toBe('pass');
    await page.getByTestId('verb-submit').click();
    await confirm(page, false);
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(() => status(contractId)).toBe('pending');
    await shot(page, 'contracts-submitted');
    await page.close();
  }, 120_000);

  it('the sales VP approves the general contract and is refused the major one', async () => {
    // the major contract is the head of sales' to submit (第五篇 3.3.2)
    const head = await s.signIn('head1', `#/contracts/${majorId}/show/terms`);
    await poll(textOf(head.getByTestId('contract-level'))).toContain('须经总经理审定');
    await head.getByTestId('verb-submit').click();
    await confirm(head, false);
    await head.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(() => status(majorId)).toBe('pending');
    await head.close();

    const page = await s.signIn('vp1', `#/contracts/${majorId}/show/terms`);
    await page.getByTestId('verb-approve').click();
    await confirm(page, true);
    await poll(textOf(page.getByTestId('sign-error'))).toContain('需由以下角色执行：总经理');
    await shot(page, 'contracts-major-refused-to-vp');
    await page.getByTestId('sign-dialog').getByRole('button', { name: '取消' }).click();
    expect(await status(majorId)).toBe('pending');

    await page.goto(`${s.server.url}/#/contracts/${contractId}/show/terms`);
    await page.getByTestId('verb-approve').click();
    await confirm(page, true);
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(() => status(contractId)).toBe('approved');
    await page.goto(`${s.server.url}/#/contracts/${contractId}/show`);
    await poll(textOf(page.getByTestId('signatures-panel'))).toContain('合同审批');
    await shot(page, 'contracts-approved');
    await page.close();
  }, 120_000);

  it('the salesperson records the signing', async () => {
    const page = await s.signIn('sales1', `#/contracts/${contractId}/show/terms`);
    await page.getByTestId('verb-sign').click();
    await confirm(page, true);
    await page.getByTestId('sign-dialog').waitFor({ state: 'detached' });
    await poll(() => status(contractId)).toBe('signed');
    expect((await s.api('GET', `/api/contracts/${contractId}`)).json).toMatchObject({ status: 'signed', signed_at: '2025-06-30', approved_role: 'sales_vp' });
    await page.goto(`${s.server.url}/#/contracts/${contractId}/show/terms`);
    await page.getByTestId('contract-terms').waitFor();
    await shot(page, 'contracts-signed');
    await page.close();
  }, 90_000);
});
