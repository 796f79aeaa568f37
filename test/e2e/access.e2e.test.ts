/**
 * A salesperson in a real browser: an order for a buyer whose licence has expired is refused on the form
 * with the rule named ([BUYER_LICENSE_EXPIRED] …), and the console shows only what the permission matrix
 * grants (no users menu, no edit button on a product, QA-only fields read-only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goTo, poll, shot, startSession, textOf, unfoldMenu, type Session } from './session';
import { recordStates } from '../helpers/world';

const DRUGS = ['中成药', '化学药制剂', '抗生素制剂', '生化药品', '生物制品'];

describe('a salesperson (Chromium)', () => {
  let s: Session;
  let page: Page;
  let expiredBuyer: number;
  /** the new-order form for the buyer whose licence expired, filled in as the salesperson would */
  const orderForm = () => {
    const w = s.world;
    const prefill = {
      customer: expiredBuyer,
      salesperson: w.salesperson,
      sale_date: '2025-06-01',
      payment_method: 'transfer',
      status: 'confirmed',
      sales_lines: [{ product: w.product, batch: w.batch, quantity: 10, unit_price: 15, amount: 150 }],
    };
    return `#/sales_orders/create?source=${encodeURIComponent(JSON.stringify(prefill))}`;
  };

  beforeAll(async () => {
    s = await startSession();
    await s.user('sales1', '高刚', ['sales'], { salesperson: s.world.salesperson });
    // An approved buyer in the salesperson's region whose only drug licence ended before the sale.
    const customer = await s.api('POST', '/api/customers', {
      name: '武汉市华康医药有限公司',
      type: 'wholesaler',
      region: '湖北省武汉市',
      address: '湖北省武汉市硚口区中山大道 8 号',
      contact_name: '陈立',
      contact_phone: '13900000002',
      legal_rep: '陈立',
      credit_limit: 100000,
    });
    expect(customer.status, JSON.stringify(customer.json)).toBe(201);
    expiredBuyer = customer.json.id;
    const licence = await s.api('POST', '/api/customer_licenses', {
      customer: expiredBuyer,
      kind: 'drug_business',
      number: '鄂AA0270999',
      scope: DRUGS,
      valid_from: '2020-01-01',
      valid_to: '2025-03-31',
    });
    expect(licence.status, JSON.stringify(licence.json)).toBe(201);
    // its approval and reviews are their steps' (schema/lifecycle.ts): recorded as done
    await recordStates(s.server, 'customers', expiredBuyer, {
      qa_status: 'approved',
      qa_approved_at: '2023-01-10',
      qa_approved_by: '质管部 吴静',
      credit_reviewed_at: '2023-01-05',
      payment_rating: '良好',
    });
    // signed in straight on the order form the first test fills in (the dashboard is the last test's)
    page = await s.signIn('sales1', orderForm());
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('is refused an order for a buyer whose licence expired, with the reason on the form', async () => {
    await goTo(page, `${s.server.url}/${orderForm()}`);
    await page.fill('input[name="order_no"]', 'XS-E2E-0001');
    await poll(textOf(page.getByTestId('order-total'))).toContain('150.00');
    const post = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/sales_orders'));
    await page.getByRole('button', { name: '保存' }).click();
    expect((await post).status()).toBe(400);
    // Named in the form-level alert and on the field itself.
    await poll(textOf(page.getByTestId('form-errors'))).toContain('[BUYER_LICENSE_EXPIRED]');
    await poll(() => page.locator('.MuiFormHelperText-root.Mui-error', { hasText: 'BUYER_LICENSE_EXPIRED' }).count()).toBeGreaterThan(0);
    expect(page.url()).toContain('/sales_orders/create');
    const orders = await s.api('GET', `/api/sales_orders?filter=${encodeURIComponent(JSON.stringify({ order_no: 'XS-E2E-0001' }))}`);
    expect(orders.json).toEqual([]);
    await shot(page, 'sales-order-refused');
  });

  it('does not see the users menu, and users are out of reach', async () => {
    await page.goto(`${s.server.url}/#/`);
    await page.locator('a[href="#/customers"]').first().waitFor();
    // every group unfolded, so that an entry missing is missing from the menu, not folded away
    await unfoldMenu(page);
    expect(await page.locator('a[href="#/users"]').count()).toBe(0);
    // Nor the admin-only audit-chain screen.
    expect(await page.locator('a[href="#/audit-verify"]').count()).toBe(0);
    await page.goto(`${s.server.url}/#/users`);
    await page.getByText('您没有访问此页面的权限').waitFor();
  });

  it('gets no edit button on a product, but one on a customer', async () => {
    await page.goto(`${s.server.url}/#/products/${s.world.product}/show`);
    await page.getByText('阿莫西林胶囊').first().waitFor();
    await page.getByRole('link', { name: '列表' }).waitFor();
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '作废' }).count()).toBe(0);
    expect(await page.getByTestId('verb-approve').count()).toBe(0);
    await shot(page, 'sales-product-readonly');
    await page.goto(`${s.server.url}/#/customers/${s.world.customer}/show`);
    await page.getByRole('link', { name: '编辑' }).waitFor();
  });

  it('cannot set QA-only fields when creating a customer', async () => {
    await page.goto(`${s.server.url}/#/customers/create`);
    await page.locator('input[name="name"]').waitFor();
    // 首营审核状态 is QA's approval step's: shown, not editable, with the step that sets it; so is the credit
    // review date (the 信誉审核 step); the contact stays editable.
    const qaStatus = page.locator('.ra-input-qa_status');
    await qaStatus.waitFor();
    await poll(() => qaStatus.locator('.Mui-readOnly, [aria-readonly="true"], .Mui-disabled').count()).toBeGreaterThan(0);
    await poll(() => qaStatus.textContent()).toContain('首营审核批准');
    expect(await page.locator('input[name="credit_reviewed_at"]').isEditable()).toBe(false);
    expect(await page.locator('input[name="contact_name"]').isEditable()).toBe(true);
  });
});
