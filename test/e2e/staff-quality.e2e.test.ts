/**
 * The #14 staff and quality records in a real browser: after-sales opens a corrective action from a
 * complaint's page (the 提出改进措施 dialog) and finds it under the complaint's 改进措施 tab; QA approves a
 * product's material with a signature and the product's 产品介绍资料 tab lists it; a failed assessment shows
 * on the salesperson's 人员提示 tab; the GM marks a market report read and the receipt is on the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('staff and quality records (Chromium)', () => {
  let s: Session;
  let complaint: number;
  let material: number;
  let report: number;
  const dialog = (p: Page) => p.getByTestId('sign-dialog');

  beforeAll(async () => {
    s = await startSession();
    await s.user('as1', '刘敏', ['after_sales']);
    await s.user('qa1', '吴静', ['qa']);
    await s.user('head1', '林国栋', ['sales_head']);
    await s.user('gm1', '钱明远', ['gm']);
    complaint = (
      await s.api('POST', '/api/complaints', { customer: s.world.customer, channel: 'phone', received_at: '2025-06-20', description: '到货外箱破损' })
    ).json.id;
    const m = await s.apiAs('head1', 'POST', '/api/product_materials', {
      product: s.world.product,
      title: '阿莫西林胶囊产品介绍',
      content: '适应症、用法用量以说明书为准。',
    });
    expect(m.status, JSON.stringify(m.json)).toBe(201);
    material = m.json.id;
    const a = await s.apiAs('head1', 'POST', '/api/salesperson_assessments', {
      salesperson: s.world.salesperson,
      period_from: '2025-04-01',
      period_to: '2025-06-30',
      assessor: '林国栋',
      score: 50,
      conclusion: 'failed',
    });
    expect(a.status, JSON.stringify(a.json)).toBe(201);
    const r = await s.api('POST', '/api/market_reports', {
      reported_at: '2025-06-25',
      reporter: '高刚',
      competitor_product: '阿莫西林胶囊（某药业）',
      summary: '竞品终端价下调约 8%',
    });
    report = r.json.id;
    expect((await s.apiAs('head1', 'POST', `/api/market_reports/${report}/submit`, {})).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  });

  it('after-sales opens a corrective action from the complaint; its 改进措施 tab lists it', async () => {
    const as = await s.signIn('as1', `#/complaints/${complaint}/show`);
    await as.getByTestId('verb-open-corrective-action').click();
    await dialog(as).getByTestId('verb-input-cause').fill('运输途中挤压');
    await dialog(as).getByTestId('verb-input-action').fill('改用加厚纸箱');
    await dialog(as).getByTestId('verb-input-owner').fill('储运部 孙立');
    await dialog(as).getByTestId('verb-input-due_date').fill('2025-07-15');
    await dialog(as).locator('button[type="submit"]').click();
    await dialog(as).waitFor({ state: 'detached' });
    await as.goto(`${s.server.url}/#/complaints/${complaint}/show/corrective-actions`);
    await poll(textOf(as.locator('main'))).toContain('GJ-202506-001');
    await poll(textOf(as.locator('main'))).toContain('待实施');
    await shot(as, 'staff-quality-corrective-action');
    await as.close();
  }, 60_000);

  it('QA approves the material with a signature; the product lists it', async () => {
    const qa = await s.signIn('qa1', `#/product_materials/${material}/show`);
    await qa.getByTestId('verb-approve').click();
    await poll(textOf(qa.getByTestId('sign-meaning'))).toContain('产品介绍资料批准');
    await dialog(qa).locator('input[name="password"]').fill(PASSWORD);
    await dialog(qa).locator('button[type="submit"]').click();
    await dialog(qa).waitFor({ state: 'detached' });
    await poll(textOf(qa.getByTestId('signatures-panel'))).toContain('产品介绍资料批准');
    await qa.goto(`${s.server.url}/#/products/${s.world.product}/show/materials`);
    await poll(textOf(qa.locator('main'))).toContain('已批准');
    await shot(qa, 'staff-quality-material');
    await qa.close();
  }, 60_000);

  it("the failed assessment flags the salesperson; the GM's read receipt is on the report", async () => {
    const head = await s.signIn('head1', `#/salespeople/${s.world.salesperson}/show/flags`);
    await poll(textOf(head.getByTestId('record-findings'))).toContain('销售人员考核不合格');
    await shot(head, 'staff-quality-flags');
    await head.close();
    const gm = await s.signIn('gm1', `#/market_reports/${report}/show`);
    await gm.getByTestId('verb-mark-read').click();
    const dlg = dialog(gm);
    if (await dlg.count()) await dlg.locator('button[type="submit"]').click();
    await poll(textOf(gm.locator('main'))).toContain('钱明远（总经理）已阅');
    await shot(gm, 'staff-quality-read-receipt');
    await gm.close();
  }, 60_000);
});
