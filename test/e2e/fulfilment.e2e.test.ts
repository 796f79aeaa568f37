/**
 * Flow 4 in Chromium: a salesperson's draft with a price above the sales head's range is refused on
 * confirmation, the head approves the price (signed), the salesperson confirms; the warehouse issues the
 * slip, a picker who also holds the reviewer role is refused the double check of his own slip, a second
 * person reviews it; the salesperson confirms receipt; finance invoices the slip and records the payment.
 * The order's 流程进度 stepper is captured at each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goTo, PASSWORD, poll, refreshData, shot, startSession, textOf, type Session } from './session';

describe('order → outbound → invoice → payment (Chromium)', () => {
  let s: Session;
  let order: number;
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    s = await startSession();
    await s.user('sales1', '高刚', ['sales'], { salesperson: s.world.salesperson });
    await s.user('head1', '刘经理', ['sales_head']);
    await s.user('wh1', '孙库管', ['warehouse']);
    await s.user('wh2', '马强', ['warehouse', 'reviewer']);
    await s.user('rev1', '钱敏', ['reviewer']);
    await s.user('fin1', '周会计', ['finance']);
    // The salesperson's draft: 10 × 15.00 in range, 4 × 17.00 above the head's range (9 – 16.2) but under the cap.
    const res = await s.apiAs('sales1', 'POST', '/api/sales_orders', {
      order_no: 'XS-E2E-001',
      customer: s.world.customer,
      salesperson: s.world.salesperson,
      contract: s.world.contract,
      sale_date: '2025-06-30',
      payment_method: 'transfer',
      sales_lines: [
        { product: s.world.product, batch: s.world.batch, quantity: 10, unit_price: 15, amount: 150 },
        { product: s.world.product, batch: s.world.batch, quantity: 4, unit_price: 17, amount: 68 },
      ],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    order = res.json.id;
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  // each user's page, signed in on the order's chain, where each of them starts
  const as = async (user: string) => (pages[user] ??= await s.signIn(user, `#/sales_orders/${order}/show/chain`));
  const openChain = async (page: Page) => {
    await goTo(page, `${s.server.url}/#/sales_orders/${order}/show/chain`);
    await refreshData(page, `/orders/${order}/chain`); // what the other users did meanwhile
    await page.getByTestId('order-chain').waitFor();
  };
  const dialog = (page: Page) => page.getByTestId('sign-dialog');
  const submit = async (page: Page, opts: { password?: boolean; expectClose?: boolean } = {}) => {
    await dialog(page).waitFor();
    if (opts.password) await dialog(page).locator('input[name="password"]').fill(PASSWORD);
    await dialog(page).locator('button[type="submit"]').click();
    if (opts.expectClose !== false) await dialog(page).waitFor({ state: 'detached' });
  };
  const done = (page: Page, key: string) => () => page.getByTestId(`chain-step-${key}`).getAttribute('data-done');

  it('the draft shows the price waiting for the sales head; confirming it now is refused', async () => {
    const page = await as('sales1');
    await openChain(page);
    await poll(textOf(page.getByTestId('price-approvals'))).toContain('待销售部负责人审批');
    await shot(page, 'fulfilment-1-draft');
    await page.getByTestId('verb-confirm').click();
    await submit(page, { expectClose: false });
    await poll(textOf(page.getByTestId('sign-error'))).toContain('PRICE_OUT_OF_RANGE');
    await shot(page, 'fulfilment-1-confirm-refused');
    await dialog(page).getByRole('button', { name: '取消' }).click();
    expect((await s.api('GET', `/api/sales_orders/${order}`)).json.status).toBe('draft');
  }, 90_000);

  it('the sales head approves the price with a signature; the salesperson confirms', async () => {
    const head = await as('head1');
    await openChain(head);
    await head.getByTestId('verb-approve-price').click();
    await submit(head, { password: true });
    await poll(textOf(head.getByTestId('price-approvals'))).toContain('刘经理');
    await shot(head, 'fulfilment-2-price-approved');

    const page = await as('sales1');
    await openChain(page);
    await page.getByTestId('verb-confirm').click();
    await submit(page);
    await poll(done(page, 'confirmed')).toBe('true');
    await shot(page, 'fulfilment-3-confirmed');
  }, 90_000);

  it('the warehouse issues the slip; the picker may not review his own slip; a second person does', async () => {
    const wh = await as('wh1');
    await openChain(wh);
    await wh.getByTestId('verb-issue-outbound').click();
    await submit(wh);
    await poll(textOf(wh.getByTestId('chain-slips'))).toContain('CK202506300001');
    await poll(done(wh, 'issued')).toBe('true');
    await shot(wh, 'fulfilment-4-slip-issued');

    const picker = await as('wh2');
    await openChain(picker);
    await picker.getByTestId('verb-pick').click();
    await submit(picker);
    await poll(done(picker, 'picked')).toBe('true');
    await poll(textOf(picker.getByTestId('chain-slips'))).toContain('马强');
    await picker.getByTestId('verb-review').click();
    await submit(picker, { password: true, expectClose: false });
    await poll(textOf(picker.getByTestId('sign-error'))).toContain('不能审批自己');
    await shot(picker, 'fulfilment-5-self-review-refused');
    await dialog(picker).getByRole('button', { name: '取消' }).click();

    const rev = await as('rev1');
    await openChain(rev);
    await rev.getByTestId('verb-review').click();
    await submit(rev, { password: true });
    await poll(done(rev, 'reviewed')).toBe('true');
    await poll(textOf(rev.getByTestId('chain-step-reviewed'))).toContain('钱敏');
    await shot(rev, 'fulfilment-6-reviewed');

    // no special-control drug on this order: the slip's page offers no arrival verification
    const slip = (await s.api('GET', `/api/outbound_slips?filter=${encodeURIComponent(JSON.stringify({ order }))}`)).json[0];
    // the order's chain (special or not) fetched for the slip's page (or already in the client's cache)
    const chain = wh.waitForResponse((r) => r.url().endsWith(`/orders/${order}/chain`), { timeout: 10_000 }).catch(() => null);
    await wh.goto(`${s.server.url}/#/outbound_slips/${slip.id}/show`);
    await poll(textOf(wh.locator('main'))).toContain('CK202506300001');
    await chain;
    expect(await wh.getByTestId('verb-verify-arrival').count()).toBe(0);
  }, 90_000);

  it('the salesperson confirms receipt', async () => {
    const page = await as('sales1');
    await openChain(page);
    await page.getByTestId('verb-confirm-receipt').click();
    await submit(page);
    await poll(done(page, 'received')).toBe('true');
    await shot(page, 'fulfilment-7-received');
  }, 90_000);

  it('finance invoices the slip (lines from the order) and records the payment', async () => {
    const fin = await as('fin1');
    await openChain(fin);
    await fin.getByTestId('issue-invoice').click();
    await poll(textOf(fin.getByTestId('invoice-total'))).toContain('218.00');
    await fin.getByTestId('invoice-no').fill('FP-E2E-0001');
    await shot(fin, 'fulfilment-8-invoice-form');
    await fin.getByTestId('invoice-submit').click();
    await fin.waitForURL(/#\/invoices\/\d+\/show/);
    const invoices = (await s.api('GET', `/api/invoices?filter=${encodeURIComponent(JSON.stringify({ invoice_no: 'FP-E2E-0001' }))}`)).json;
    expect(invoices[0]).toMatchObject({ amount: 218, itemised: true, customer: s.world.customer });

    await openChain(fin);
    await poll(done(fin, 'invoiced')).toBe('true');
    await fin.getByTestId('record-payment-FP-E2E-0001').click();
    await fin.waitForURL(/#\/payments\/create/);
    await fin.locator('input[name="paid_at"]').fill('2025-06-30');
    await fin.locator('input[name="voucher_no"]').fill('HK-E2E-1');
    await fin.getByRole('button', { name: '保存' }).click();
    await fin.waitForURL(/#\/payments\/\d+\/show/);
    await openChain(fin);
    await poll(done(fin, 'paid')).toBe('true');
    await poll(textOf(fin.getByTestId('chain-step-paid'))).toContain('周会计');
    await shot(fin, 'fulfilment-9-paid');

    await fin.goto(`${s.server.url}/#/workflows/receivables`);
    await fin.getByTestId(`ageing-row-${s.world.customer}`).click();
    await poll(textOf(fin.getByTestId('customer-receivables'))).toContain('FP-E2E-0001');
    await fin.locator('.MuiTableCell-root .MuiCollapse-entered').waitFor(); // the drill-down fully open in the screenshot
    await shot(fin, 'fulfilment-10-receivables');
  }, 120_000);

  it('the backwards path on the show pages: out of order refused with the reason, then payment → invoice → slip → order, each by its role', async () => {
    const fin = await as('fin1');
    const sales = await as('sales1');
    const signStep = async (page: Page, path: string, verb: string, comment: string, inputs: Record<string, string> = {}, expectClose = true) => {
      await page.goto(`${s.server.url}/#/${path}/show`);
      await refreshData(page, `/api/${path}`);
      await page.getByTestId(`verb-${verb}`).click();
      await dialog(page).waitFor();
      for (const [k, v] of Object.entries(inputs)) await page.getByTestId(`verb-input-${k}`).selectOption(v);
      await dialog(page).locator('textarea[name="comment"], input[name="comment"]').first().fill(comment);
      await submit(page, { password: true, expectClose });
    };
    await openChain(sales);
    await poll(textOf(sales.getByTestId('chain-frozen'))).toContain('作废回款（财务）');
    // the salesperson's void is refused while the slip, invoice and payment are live — the dialog says which
    await signStep(sales, `sales_orders/${order}`, 'void-order', '客户下错单', {}, false);
    await poll(textOf(sales.getByTestId('sign-error'))).toContain('FP-E2E-0001');
    await shot(sales, 'fulfilment-11-void-refused');
    await dialog(sales).getByRole('button', { name: '取消' }).click();

    const invoice = (await s.api('GET', `/api/invoices?filter=${encodeURIComponent(JSON.stringify({ invoice_no: 'FP-E2E-0001' }))}`)).json[0];
    const payment = (await s.api('GET', `/api/payments?filter=${encodeURIComponent(JSON.stringify({ invoice: invoice.id }))}`)).json[0];
    const slip = (await s.api('GET', `/api/outbound_slips?filter=${encodeURIComponent(JSON.stringify({ order }))}`)).json[0];
    // the unwind steps are offered to their role only
    await sales.goto(`${s.server.url}/#/invoices/${invoice.id}/show`);
    await refreshData(sales, `/api/invoices/${invoice.id}`);
    await sales.getByText('FP-E2E-0001').first().waitFor();
    expect(await sales.getByTestId('verb-void-invoice').count(), 'not to the salesperson').toBe(0);

    await signStep(fin, `payments/${payment.id}`, 'void-payment', '客户下错单，款项退回');
    await poll(async () => (await s.api('GET', `/api/payments/${payment.id}`)).json.voided_at ?? null).not.toBe(null);
    await signStep(fin, `invoices/${invoice.id}`, 'void-invoice', '客户下错单', { mode: 'red_letter' });
    await poll(async () => (await s.api('GET', `/api/invoices/${invoice.id}`)).json.void_reason ?? null).toBe('红字冲销：客户下错单');
    await signStep(await as('wh1'), `outbound_slips/${slip.id}`, 'void-slip', '货物已退回入库');
    await poll(async () => (await s.api('GET', `/api/sales_orders/${order}`)).json.status).toBe('confirmed');
    await signStep(sales, `sales_orders/${order}`, 'void-order', '客户下错单，已全部冲回');
    await poll(async () => (await s.api('GET', `/api/sales_orders/${order}`)).json.voided_at ?? null).not.toBe(null);
    await shot(sales, 'fulfilment-12-unwound');
  }, 180_000);
});
