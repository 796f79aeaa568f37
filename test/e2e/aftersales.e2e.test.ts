/**
 * After-sales in a real browser: the service points' monthly visit plan (due this month, overdue months,
 * a visit recorded from the plan turns the month visited); a complaint refused closing before it was
 * investigated, then investigated and handled by after-sales and closed by QA with a signature; the
 * product's 投诉档案 lists it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildWorld, type World } from '../helpers/world';
import { goTo, PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('after-sales (Chromium)', () => {
  let s: Session;
  let as: Page;
  let w: World[];
  let complaintId: number;

  beforeAll(async () => {
    s = await startSession();
    w = [s.world, await buildWorld(s.server.db, s.server.clock, '二')];
    for (const x of w) {
      const c = (await s.api('GET', `/api/customers/${x.customer}`)).json;
      const r = await s.api('PUT', `/api/customers/${x.customer}`, { ...c, service_point: true, _reason: '定为定点服务单位' });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    const v = await s.api('POST', '/api/visits', { customer: w[0].customer, visit_date: '2025-05-14', kind: 'scheduled', staff: '刘敏' });
    expect(v.status, JSON.stringify(v.json)).toBe(201);
    const c = await s.api('POST', '/api/complaints', {
      customer: w[1].customer,
      channel: 'phone',
      received_at: '2025-06-20',
      product: w[0].product,
      batch: w[0].batch,
      description: '部分胶囊破损、粘连',
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    expect(c.json.complaint_no).toBe('TS-202506-001');
    complaintId = c.json.id;
    await s.user('as1', '刘敏', ['after_sales']);
    await s.user('qa1', '吴静', ['qa']);
    as = await s.signIn('as1', '#/workflows/visit-plan'); // where the first test starts
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  const dialog = (p: Page) => p.getByTestId('sign-dialog');

  it('the visit plan shows due and overdue months; a visit recorded from the plan turns June visited', async () => {
    await goTo(as, `${s.server.url}/#/workflows/visit-plan`);
    const cell = (i: number, m: string) => as.getByTestId(`plan-${w[i].customer}-${m}`);
    await cell(0, '2025-06').waitFor();
    expect(await cell(0, '2025-05').getAttribute('data-state')).toBe('visited');
    expect(await cell(0, '2025-04').getAttribute('data-state')).toBe('overdue');
    expect(await cell(1, '2025-05').getAttribute('data-state')).toBe('overdue');
    expect(await cell(0, '2025-06').getAttribute('data-state')).toBe('due');
    await poll(textOf(as.getByTestId('visit-plan-totals'))).toContain('已访问 1，本月待访 2，逾期 9');
    await shot(as, 'aftersales-visit-plan');

    await as.getByTestId(`plan-record-${w[0].customer}`).click();
    await as.waitForURL(/#\/visits\/create/);
    await as.fill('input[name="staff"]', '刘敏');
    await as.fill('textarea[name="opinions"]', '储存条件良好，无质量问题');
    const post = as.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/visits'));
    await as.getByRole('button', { name: '保存' }).click();
    const res = await post;
    expect(res.status()).toBe(201);
    expect(await res.json()).toMatchObject({ customer: w[0].customer, visit_date: '2025-06-30', kind: 'scheduled' });
    // react-admin's redirect after the save, before we navigate (else it can land after the goto)
    await as.waitForURL(/#\/visits\/\d+/);

    await as.goto(`${s.server.url}/#/workflows/visit-plan`);
    await poll(() => cell(0, '2025-06').getAttribute('data-state')).toBe('visited');
    expect(await cell(1, '2025-06').getAttribute('data-state')).toBe('due');
    await shot(as, 'aftersales-visit-recorded');
  }, 60_000);

  it('a quality feedback form saved without a number gets the next one from the server', async () => {
    await as.goto(`${s.server.url}/#/quality_feedback/create`);
    await poll(textOf(as.locator('form'))).toContain('留空则保存时自动编号');
    await as.getByRole('combobox', { name: '来源' }).click();
    await as.getByRole('option', { name: '顾客反馈' }).click();
    await as.fill('textarea[name="description"]', '顾客反映外包装受潮');
    const post = as.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/quality_feedback'));
    await as.getByRole('button', { name: '保存' }).click();
    const res = await post;
    expect(res.status()).toBe(201);
    expect((await res.json()).form_no).toMatch(/^ZL-202506-\d{3}$/);
  }, 60_000);

  it('refuses closing a complaint that was not investigated', async () => {
    await as.goto(`${s.server.url}/#/complaints/${complaintId}/show`);
    await as.getByTestId('verb-close').click();
    await dialog(as).locator('input[name="password"]').fill(PASSWORD);
    await dialog(as).locator('button[type="submit"]').click();
    await poll(textOf(as.getByTestId('sign-error'))).toContain('调查与评估');
    await shot(as, 'aftersales-close-refused');
    await dialog(as).getByRole('button', { name: '取消' }).click();
    expect((await s.api('GET', `/api/complaints/${complaintId}`)).json.status).toBe('open');
  });

  it('after-sales investigates and handles it; QA closes it with a signature; the product archive lists it', async () => {
    await as.getByTestId('verb-investigate').click();
    await dialog(as).getByTestId('verb-input-investigation').fill('运输途中挤压所致，同批留样检验合格');
    await dialog(as).locator('button[type="submit"]').click();
    await dialog(as).waitFor({ state: 'detached' });
    await poll(async () => (await s.api('GET', `/api/complaints/${complaintId}`)).json.status).toBe('investigating');
    await as.getByTestId('verb-handle').click();
    await dialog(as).getByTestId('verb-input-measures').fill('为客户换货，要求承运方加强防护');
    await dialog(as).locator('button[type="submit"]').click();
    await dialog(as).waitFor({ state: 'detached' });
    await poll(async () => (await s.api('GET', `/api/complaints/${complaintId}`)).json.status).toBe('handled');
    await shot(as, 'aftersales-complaint-handled');
    // reported to QA before it can be closed (第三篇 五/七)
    const reported = await s.apiAs('qa1', 'POST', `/api/complaints/${complaintId}/report-qa`, {});
    expect(reported.status, JSON.stringify(reported.json)).toBe(200);

    const qa = await s.signIn('qa1', `#/complaints/${complaintId}/show`);
    await qa.getByTestId('verb-close').click();
    await poll(textOf(qa.getByTestId('sign-meaning'))).toContain('投诉结案');
    await dialog(qa).locator('input[name="password"]').fill(PASSWORD);
    await dialog(qa).locator('button[type="submit"]').click();
    await dialog(qa).waitFor({ state: 'detached' });
    await poll(textOf(qa.getByTestId('signatures-panel'))).toContain('投诉结案');
    expect((await s.api('GET', `/api/complaints/${complaintId}`)).json).toMatchObject({ status: 'closed', feedback_at: '2025-06-30' });
    await shot(qa, 'aftersales-complaint-closed');

    await qa.goto(`${s.server.url}/#/products/${w[0].product}/show/complaints`);
    await poll(textOf(qa.getByTestId('product-complaints'))).toContain('TS-202506-001');
    await poll(textOf(qa.getByTestId('product-complaints'))).toContain('已关闭');
    await shot(qa, 'aftersales-product-complaints');
    await qa.close();
  }, 90_000);
});
