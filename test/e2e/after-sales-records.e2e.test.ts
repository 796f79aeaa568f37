/**
 * Issue #14's after-sales records in a real browser: QA marks a sold batch 不合格 and finds the case already open,
 * its 已购客户与通知 tab listing the two customers who received it; QA chooses notices without a recall (signed,
 * with the reason) and the warehouse-side 登记通知 moves a notice on from the row; after-sales sees a device
 * complaint's 维修途径 and the 跟踪服务计划表.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { registry } from '../../schema/resources';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { createRecord } from '../../server/services/write';
import { buildWorld, compliantOrder, type World } from '../helpers/world';
import { PASSWORD, poll, shot, startSession, textOf, type Session } from './session';

describe('after-sales records (Chromium)', () => {
  let s: Session;
  let qa: Page;
  let as: Page;
  let w: World[];
  let caseId: number;
  let device: number;

  beforeAll(async () => {
    s = await startSession();
    w = [s.world, await buildWorld(s.server.db, s.server.clock, '二')];
    const ctx = { db: s.server.db, clock: s.server.clock, actor: SYSTEM_ACTOR, lang: 'zh' as const };
    for (const [i, no, quantity] of [
      [0, 'XS-F-1', 12],
      [1, 'XS-F-2', 30],
    ] as const) {
      const r = await s.api(
        'POST',
        '/api/sales_orders',
        compliantOrder(w[i], no, { product: w[0].product, batch: w[0].batch, quantity, amount: quantity * 15 }),
      );
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      await createRecord(
        ctx,
        registry.get('outbound_slips')!,
        {
          slip_no: `CK-${no}`,
          order: r.json.id,
          outbound_date: '2025-06-01',
          issued_by: '孙立',
          picked_by: '孙立',
          reviewed_by: '钱敏',
          reviewed_at: '2025-06-01T10:00:00.000Z',
        },
        { historical: true },
      );
    }
    device = (
      await createRecord(
        ctx,
        registry.get('products')!,
        {
          kind: 'device',
          generic_name: '电子血压计',
          spec: 'YE660D',
          unit: '台',
          manufacturer: '江苏鱼跃医疗设备股份有限公司',
          approval_no: '苏械注准20172202774',
          scope_category: '第二类医疗器械',
          device_class: 'II',
          qa_status: 'approved',
        },
        { historical: true },
      )
    ).id as number;
    const supplier = await s.api('POST', '/api/suppliers', { name: '湖北康宁医疗器械有限公司', contact_name: '许文博', contact_phone: '027-87920155' });
    expect(
      (
        await s.api('POST', '/api/supplier_agreements', {
          agreement_no: 'ZB-E2E-01',
          supplier: supplier.json.id,
          manufacturers: ['江苏鱼跃医疗设备股份有限公司'],
          valid_from: '2025-01-01',
          valid_to: '2026-12-31',
          covers_devices: true,
          repair_terms: '质保期内免费维修，48 小时内响应',
          after_sales_contact: '许文博 027-87920155',
        })
      ).status,
    ).toBe(201);
    await s.api('POST', '/api/follow_up_plans', {
      customer: w[0].customer,
      product: device,
      kind: 'special_product',
      start_date: '2025-04-01',
      interval_days: 30,
      staff: '郑售后',
    });
    await s.user('qa1', '吴静', ['qa']);
    await s.user('wh1', '孙库管', ['warehouse']);
    await s.user('as1', '郑售后', ['after_sales']);
  }, 180_000);
  afterAll(async () => {
    await s?.close();
  });

  const dialog = (p: Page) => p.getByTestId('sign-dialog');

  it('QA marks the batch 不合格: the case is open with the two customers who received it', async () => {
    const b = (await s.api('GET', `/api/batches/${w[0].batch}`)).json;
    const r = await s.apiAs('qa1', 'PUT', `/api/batches/${b.id}`, { status: 'nonconforming', version: b.version, _reason: '省药检所抽检不合格' });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const [kase] = (await s.api('GET', `/api/nonconformities?filter=${encodeURIComponent(JSON.stringify({ batch: w[0].batch }))}`)).json;
    caseId = kase.id;
    // each user signed in straight on the screen of their first step (the dashboard drawn and left cost ≈ 0.7 s)
    qa = await s.signIn('qa1', `#/nonconformities/${caseId}/show/customers`);
    await qa.getByTestId('recall-customers').waitFor();
    await poll(() => qa.locator('[data-testid^="recall-customer-"]').count()).toBe(2);
    await poll(textOf(qa.getByTestId('recall-customers-summary'))).toContain('共 2 家客户，已发货 42');
    await shot(qa, 'nonconformity-customers');
  });

  it('QA notifies without a recall (signed, with the reason); the warehouse records a notification from the row', async () => {
    await qa.goto(`${s.server.url}/#/nonconformities/${caseId}/show`);
    await qa.getByTestId('verb-notify-customers').click();
    await dialog(qa).waitFor();
    await dialog(qa).locator('textarea[name="comment"]').fill('标签印刷错误，不影响安全性，通知收回更换');
    await dialog(qa).locator('input[name="password"]').fill(PASSWORD);
    await dialog(qa).locator('button[type="submit"]').click();
    await dialog(qa).waitFor({ state: 'detached' });
    await poll(async () => (await s.api('GET', `/api/nonconformities/${caseId}`)).json.decision).toBe('notice');

    const wh = await s.signIn('wh1', `#/nonconformities/${caseId}/show/customers`);
    const row = wh.getByTestId(`notice-actions-${w[1].customer}`);
    await row.getByTestId('verb-notify').click();
    await dialog(wh).waitFor();
    await dialog(wh).getByTestId('verb-input-method').selectOption('phone');
    await dialog(wh).locator('button[type="submit"]').click();
    await dialog(wh).waitFor({ state: 'detached' });
    await poll(textOf(wh.getByTestId(`notice-state-${w[1].customer}`))).toContain('已通知');
  });

  it("after-sales sees a device complaint's repair route and the follow-up schedule", async () => {
    const c = await s.apiAs('as1', 'POST', '/api/complaints', {
      customer: w[0].customer,
      channel: 'phone',
      received_at: '2025-06-28',
      product: device,
      description: '血压计读数偏高',
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    as = await s.signIn('as1', `#/complaints/${c.json.id}/show/repair`);
    await as.getByTestId('repair-route').waitFor();
    await poll(textOf(as.getByTestId('repair-route'))).toContain('质保期内免费维修，48 小时内响应');
    await poll(textOf(as.getByTestId('repair-route'))).toContain('湖北康宁医疗器械有限公司');
    await as.goto(`${s.server.url}/#/workflows/follow-ups`);
    await as.getByTestId('follow-up-plan').waitFor();
    await poll(textOf(as.getByTestId('follow-up-totals'))).toContain('逾期 2');
    await shot(as, 'follow-up-schedule');
  });
});
