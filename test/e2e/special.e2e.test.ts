/**
 * Flow 5 in Chromium, a special-control drug (含麻黄碱类复方制剂): the 特药核实 panel shows the buyer's
 * documents complete; the warehouse is refused the outbound before the verification record; the
 * 开票人员 (finance, 第二篇 3.9) records and signs the three checks; after the outbound, picking and review, storage &
 * transport verify the arrival; a cash payment is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goTo, PASSWORD, poll, refreshData, shot, startSession, textOf, type Session } from './session';
import { recordStates } from '../helpers/world';

describe('special-control drug sale (Chromium)', () => {
  let s: Session;
  let order: number;
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    s = await startSession();
    await s.user('sales1', '高刚', ['sales'], { salesperson: s.world.salesperson });
    await s.user('wh1', '孙库管', ['warehouse']);
    await s.user('rev1', '钱敏', ['reviewer']);
    await s.user('fin1', '周会计', ['finance']);
    const product = (
      await s.api('POST', '/api/products', {
        kind: 'drug',
        generic_name: '复方盐酸伪麻黄碱缓释胶囊',
        dosage_form: '胶囊剂',
        spec: '10粒',
        unit: '盒',
        manufacturer: '中美天津史克制药有限公司',
        approval_no: '国药准字H10940187',
        scope_category: '化学药制剂',
        storage: 'normal',
        special_control: ['ephedrine'],
        price_cap: 30,
      })
    ).json.id;
    await recordStates(s.server, 'products', product, { qa_status: 'approved' }); // QA's approval step, recorded as done
    const batch = (
      await s.api('POST', '/api/batches', { product, batch_no: 'E2401', production_date: '2024-06-01', expiry_date: '2027-05-31', status: 'qualified' })
    ).json.id;
    const res = await s.apiAs('sales1', 'POST', '/api/sales_orders', {
      order_no: 'XS-TY-001',
      customer: s.world.customer,
      salesperson: s.world.salesperson,
      contract: s.world.contract,
      sale_date: '2025-06-30',
      payment_method: 'transfer',
      sales_lines: [{ product, batch, quantity: 20, unit_price: 25, amount: 500 }],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    order = res.json.id;
    expect((await s.apiAs('sales1', 'POST', `/api/sales_orders/${order}/confirm`, {})).status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  // each user's page, signed in on the order's 特药核实 tab, where most of them start
  const as = async (user: string) => (pages[user] ??= await s.signIn(user, `#/sales_orders/${order}/show/special`));
  const open = async (page: Page, tab: 'special' | 'chain') => {
    await goTo(page, `${s.server.url}/#/sales_orders/${order}/show/${tab}`);
    await refreshData(page, `/orders/${order}/chain`); // what the other users did meanwhile
    await page.getByTestId(tab === 'special' ? 'special-panel' : 'order-chain').waitFor();
  };
  const dialog = (page: Page) => page.getByTestId('sign-dialog');
  const submit = async (page: Page, opts: { password?: boolean; expectClose?: boolean } = {}) => {
    await dialog(page).waitFor();
    if (opts.password) await dialog(page).locator('input[name="password"]').fill(PASSWORD);
    await dialog(page).locator('button[type="submit"]').click();
    if (opts.expectClose !== false) await dialog(page).waitFor({ state: 'detached' });
  };
  const state = (page: Page, id: string) => () => page.getByTestId(id).getAttribute('data-state');

  it('the panel shows the documents complete and no verification; the outbound is refused', async () => {
    const sales = await as('sales1');
    await open(sales, 'special');
    await poll(state(sales, 'special-docs')).toBe('ok');
    await poll(state(sales, 'special-check')).toBe('pending');
    await poll(state(sales, 'special-cash')).toBe('ok');
    await shot(sales, 'special-1-panel');

    const wh = await as('wh1');
    await open(wh, 'special');
    expect(await wh.getByTestId('verb-verify-special').count(), 'only the 开票人员 (finance) verifies').toBe(0);
    expect(await sales.getByTestId('verb-verify-special').count(), 'not the salesperson').toBe(0);
    await wh.getByTestId('verb-issue-outbound').click();
    await submit(wh, { expectClose: false });
    await poll(textOf(wh.getByTestId('sign-error'))).toContain('SPECIAL_NOT_VERIFIED');
    await shot(wh, 'special-2-outbound-refused');
    await dialog(wh).getByRole('button', { name: '取消' }).click();
  }, 90_000);

  it('the 开票人员 (finance) records and signs the verification', async () => {
    const fin = await as('fin1');
    await open(fin, 'special');
    await fin.getByTestId('verb-verify-special').click();
    await dialog(fin).waitFor();
    for (const key of ['contract_obtained', 'identity_verified', 'authenticity_verified']) await fin.getByTestId(`verb-input-${key}`).selectOption('yes');
    await submit(fin, { password: true });
    await poll(state(fin, 'special-check')).toBe('ok');
    await poll(textOf(fin.getByTestId('special-check'))).toContain('周会计');
    await shot(fin, 'special-3-verified');
  }, 90_000);

  it('outbound, pick and review; storage & transport verify the arrival', async () => {
    const wh = await as('wh1');
    await open(wh, 'chain');
    await wh.getByTestId('verb-issue-outbound').click();
    await submit(wh);
    await wh.getByTestId('verb-pick').click();
    await submit(wh);
    await poll(() => wh.getByTestId('chain-step-picked').getAttribute('data-done')).toBe('true');

    const rev = await as('rev1');
    await open(rev, 'chain');
    await rev.getByTestId('verb-review').click();
    await submit(rev, { password: true });
    await poll(() => rev.getByTestId('chain-step-reviewed').getAttribute('data-done')).toBe('true');

    await open(wh, 'special');
    await poll(state(wh, 'special-arrival')).toBe('pending');
    // the same step is offered on the slip's own page (its order carries a special-control drug)
    const slip = (await s.api('GET', `/api/outbound_slips?filter=${encodeURIComponent(JSON.stringify({ order }))}`)).json[0];
    await wh.goto(`${s.server.url}/#/outbound_slips/${slip.id}/show`);
    await wh.getByTestId('verb-verify-arrival').click();
    await submit(wh);
    await poll(async () => (await s.api('GET', `/api/outbound_slips/${slip.id}`)).json.arrival_verified_at ?? null).not.toBe(null);
    await open(wh, 'special');
    await poll(state(wh, 'special-arrival')).toBe('ok');
    await poll(textOf(wh.getByTestId('special-arrival'))).toContain('孙库管');
    await shot(wh, 'special-4-arrival-verified');
  }, 120_000);

  it('invoiced after the verification; a cash payment is refused on the payment form', async () => {
    const slips = (await s.api('GET', `/api/outbound_slips?filter=${encodeURIComponent(JSON.stringify({ order }))}`)).json;
    const inv = await s.apiAs('fin1', 'POST', '/api/workflows/fulfilment/invoices', { slips: [slips[0].id], invoice_no: 'FP-TY-1', type: 'vat_special' });
    expect(inv.status).toBe(201);

    const fin = await as('fin1');
    await open(fin, 'chain');
    await fin.getByTestId('record-payment-FP-TY-1').click();
    await fin.waitForURL(/#\/payments\/create/);
    await fin.locator('input[name="paid_at"]').fill('2025-06-30');
    await fin.locator('input[name="voucher_no"]').fill('XJ-TY-1');
    await fin.getByRole('combobox', { name: /^方式/ }).click();
    await fin.getByRole('option', { name: '现金' }).click();
    await fin.getByRole('button', { name: '保存' }).click();
    await poll(async () => (await fin.locator('form').innerText()).includes('SPECIAL_CASH_PAYMENT')).toBe(true);
    await shot(fin, 'special-5-cash-refused');
    const payments = (await s.api('GET', `/api/payments?filter=${encodeURIComponent(JSON.stringify({ voucher_no: 'XJ-TY-1' }))}`)).json;
    expect(payments).toEqual([]);
  }, 90_000);
});
