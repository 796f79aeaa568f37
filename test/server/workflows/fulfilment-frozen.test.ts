/**
 * Issue 11 over HTTP, the fulfilment chain: each bypass a QA inspector found, tried again as the role that did
 * it and refused — then the legitimate path (the right role, the right step) still working. Invoices and
 * payments only from the chain; a shipped order frozen; blocks re-checked at every step; cold chain an error;
 * a recall counting what was shipped.
 */
import { transaction } from '../../../server/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registry } from '../../../schema/resources';
import * as t from '../../../schema/tables';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { updateRecord } from '../../../server/services/write';
import { PASSWORD, draftOrder, startFulfilmentWorld, type FulfilmentWorld, type Who } from './fulfilment-world';

let w: FulfilmentWorld;
let n = 0;
beforeAll(async () => {
  w = await startFulfilmentWorld();
});
afterAll(() => w.srv.close());

const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
/** A change made outside the chain (QA's determination on a batch, a buyer's review withdrawn), as the system records it. */
const sys = (resource: string, id: number, values: Record<string, unknown>) =>
  updateRecord({ db: w.srv.db, clock: w.srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' }, registry.get(resource)!, id, values, {
    historical: true,
    reason: 'test',
  });
const ok = (r: { status: number; body: unknown }, status = 200) => expect(r.status, JSON.stringify(r.body)).toBe(status);

async function draft(lines: Record<string, unknown>[] = [{}], order: Record<string, unknown> = {}) {
  const r = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, `XS-FZ-${++n}`, lines, order));
  ok(r, 201);
  return r.body as { id: number; sales_lines: { id: number }[] };
}
async function step(who: Who, path: string, body: Record<string, unknown> = {}) {
  const r = await w.call(who, 'POST', path, body);
  ok(r);
  return r.body;
}
/** An order taken as far as `until`: confirmed, issued, picked, reviewed. Returns the order and its slip. */
async function chainTo(until: 'confirmed' | 'issued' | 'picked' | 'reviewed', lines?: Record<string, unknown>[]) {
  const order = await draft(lines);
  await step('sales', `/sales_orders/${order.id}/confirm`);
  if (until === 'confirmed') return { order, slip: 0 };
  await step('warehouse', `/sales_orders/${order.id}/issue-outbound`);
  const slip = (await w.call('admin', 'GET', `/outbound_slips?filter=${q({ order: order.id })}`)).body[0].id as number;
  if (until === 'issued') return { order, slip };
  await step('warehouse', `/outbound_slips/${slip}/pick`);
  if (until === 'picked') return { order, slip };
  await step('reviewer', `/outbound_slips/${slip}/review`, { password: PASSWORD });
  return { order, slip };
}
const invoice = (slips: number[], invoice_no: string, type = 'vat_special') =>
  w.call('finance', 'POST', '/workflows/fulfilment/invoices', { slips, invoice_no, type, form: 'itemised' });
const pay = (invoice: number, amount: number, customer = w.world.customer) =>
  w.call('finance', 'POST', '/payments', { customer, invoice, amount, paid_at: '2025-06-30', method: 'transfer', voucher_no: `HK-FZ-${++n}` });

describe('invoices and payments only from the chain (第二篇 3.2, 3.8)', () => {
  test('finance creating an invoice with no outbound slip → 400 naming the chain; from a reviewed slip → 201', async () => {
    const free = await w.call('finance', 'POST', '/invoices', {
      invoice_no: 'FP-FREE-1',
      type: 'vat_special',
      customer: w.world.customer,
      invoice_date: '2025-06-30',
      amount: 150,
    });
    expect(free.status).toBe(400);
    expect(free.body.message).toContain('只能由财务从已复核的出库单开具');
    expect(
      (
        await w.call('admin', 'POST', '/invoices', {
          invoice_no: 'FP-FREE-2',
          type: 'vat_special',
          customer: w.world.customer,
          invoice_date: '2025-06-30',
          amount: 150,
        })
      ).status,
      'the administrator neither',
    ).toBe(400);
    const lines = await w.call('finance', 'POST', '/invoice_slips', { invoice: 1, slip: 1 });
    expect(lines.status).toBe(400);
    const { slip } = await chainTo('reviewed');
    ok(await invoice([slip], 'FP-FZ-1'), 201);
  });

  test('a VAT invoice to an unapproved private buyer → 400, generic or from the chain', async () => {
    const person = await w.legacy('customers', { name: '张三', type: 'individual', region: '湖北省武汉市', qa_status: 'pending' });
    const free = await w.call('finance', 'POST', '/invoices', {
      invoice_no: 'FP-P-1',
      type: 'vat_ordinary',
      customer: person,
      invoice_date: '2025-06-30',
      amount: 30,
    });
    expect(free.status).toBe(400);
    // goods that left for them in the old system (a legacy order and reviewed slip): still no invoice
    const order = await w.legacy('sales_orders', {
      order_no: 'XS-P-1',
      customer: person,
      salesperson: w.world.salesperson,
      sale_date: '2025-06-01',
      status: 'shipped',
    });
    await w.legacy('sales_lines', { order, product: w.world.product, batch: w.world.batch, quantity: 2, unit_price: 15, amount: 30 });
    const slip = await w.legacy('outbound_slips', {
      slip_no: 'CK-P-1',
      order,
      outbound_date: '2025-06-02',
      issued_by: '孙库管',
      picked_by: '孙库管',
      reviewed_by: '钱敏',
      reviewed_at: '2025-06-02T09:00:00Z',
    });
    const r = await invoice([slip], 'FP-P-2', 'vat_ordinary');
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/张三.*(是个人|BUYER_INDIVIDUAL)/);
    expect((await w.call('admin', 'GET', `/invoices?filter=${q({ customer: person })}`)).body).toEqual([]);
  });

  test("customer A's payment on customer B's invoice → 400; B's own → 201", async () => {
    const { slip } = await chainTo('reviewed');
    const inv = (await invoice([slip], 'FP-FZ-AB')).body.id as number;
    const other = await w.legacy('customers', { name: '武汉市同济药房有限公司', type: 'retailer', region: '湖北省武汉市', qa_status: 'approved' });
    const wrong = await pay(inv, 50, other);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.customer).toContain('武汉市同济药房有限公司');
    ok(await pay(inv, 50), 201);
    // nor moved to another customer afterwards
    const mine = (await w.call('admin', 'GET', `/payments?filter=${q({ invoice: inv })}`)).body[0];
    expect((await w.call('finance', 'PUT', `/payments/${mine.id}`, { ...mine, customer: other, _reason: '更正' })).status).toBe(400);
  });

  test('an overpayment → 400 naming what is open; exactly the open amount → 201; then nothing more', async () => {
    const { slip } = await chainTo('reviewed'); // 10 × 15 = 150
    const inv = (await invoice([slip], 'FP-FZ-OVER')).body.id as number;
    ok(await pay(inv, 100), 201);
    const over = await pay(inv, 50.01);
    expect(over.status).toBe(400);
    expect(over.body.errors.amount).toContain('50.00');
    ok(await pay(inv, 50), 201);
    expect((await pay(inv, 0.01)).status).toBe(400);
    // nor by editing a payment up
    const first = (await w.call('admin', 'GET', `/payments?filter=${q({ invoice: inv })}`)).body[0];
    expect((await w.call('finance', 'PUT', `/payments/${first.id}`, { ...first, amount: 120, _reason: '更正' })).status).toBe(400);
  });
});

describe('frozen after fulfilment (第五篇 4.4, 票账货相符 第二篇 3.10)', () => {
  const s: Record<string, any> = {};
  beforeAll(async () => {
    const { order, slip } = await chainTo('reviewed');
    await step('sales', `/outbound_slips/${slip}/confirm-receipt`);
    s.inv = (await invoice([slip], 'FP-FZ-FROZEN')).body.id;
    Object.assign(s, { order: order.id, slip, line: order.sales_lines[0].id });
  });

  test('the salesperson changing a line of a shipped, reviewed, received and invoiced order → 400; the line unchanged', async () => {
    const line = (await w.call('sales', 'GET', `/sales_lines/${s.line}`)).body;
    const r = await w.call('sales', 'PUT', `/sales_lines/${s.line}`, { ...line, quantity: 12, amount: 180 });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('不能再直接修改或作废');
    expect(r.body.message).toContain('作废回款 → 作废/红冲发票 → 作废出库单 → 作废订单');
    const order = (await w.call('sales', 'GET', `/sales_orders/${s.order}`)).body;
    const inline = await w.call('sales', 'PUT', `/sales_orders/${s.order}`, {
      ...order,
      sales_lines: order.sales_lines.map((l: any) => ({ ...l, quantity: 12, amount: 180 })),
    });
    expect(inline.status, 'through the order').toBe(400);
    const removed = await w.call('sales', 'PUT', `/sales_orders/${s.order}`, { ...order, sales_lines: [] });
    expect(removed.status, 'a line left out').toBe(400);
    expect((await w.call('sales', 'DELETE', `/sales_lines/${s.line}`, { reason: '录错' })).status).toBe(400);
    const added = await w.call('sales', 'POST', '/sales_lines', {
      order: s.order,
      product: w.world.product,
      batch: w.world.batch,
      quantity: 1,
      unit_price: 15,
      amount: 15,
    });
    expect(added.status, 'nor a line added').toBe(400);
    const en = await w.call('sales', 'PUT', `/sales_lines/${s.line}`, { ...line, quantity: 12, amount: 180 }, { 'accept-language': 'en' });
    expect(en.body.message).toContain('can no longer be edited or voided directly');
    expect((await w.call('admin', 'GET', `/sales_lines/${s.line}`)).body).toMatchObject({ quantity: 10, amount: 150 });
    // a remark is no part of the goods: it still passes
    ok(await w.call('sales', 'PUT', `/sales_orders/${s.order}`, { ...order, remark: '客户要求下次提前电话' }));
  });

  test("a reviewed slip cannot be edited or voided generically; voided only by the warehouse's step", async () => {
    const slip = (await w.call('admin', 'GET', `/outbound_slips/${s.slip}`)).body;
    expect((await w.call('warehouse', 'PUT', `/outbound_slips/${s.slip}`, { ...slip, outbound_date: '2025-06-29' })).status).toBe(400);
    const del = await w.call('warehouse', 'DELETE', `/outbound_slips/${s.slip}`, { reason: '录错' });
    expect(del.status).toBe(400);
    expect(del.body.message).toContain('作废出库单');
  });

  test('the salesperson voiding an order whose slip is reviewed and invoice issued → 400 naming them; slip and invoice live', async () => {
    const generic = await w.call('sales', 'DELETE', `/sales_orders/${s.order}`, { reason: '客户取消' });
    expect(generic.status).toBe(400);
    expect(generic.body.message).toMatch(/出库单 CK\d+.*发票 FP-FZ-FROZEN/);
    const step = await w.call('sales', 'POST', `/sales_orders/${s.order}/void-order`, { password: PASSWORD, comment: '客户取消' });
    expect(step.status).toBe(400);
    expect(step.body.message).toContain('FP-FZ-FROZEN');
    const en = await w.call('sales', 'DELETE', `/sales_orders/${s.order}`, { reason: 'cancelled' }, { 'accept-language': 'en' });
    expect(en.body.message).toMatch(/^Order XS-FZ-\d+ cannot be voided while these are live: outbound slips CK\d+; invoices FP-FZ-FROZEN/);
    expect((await w.call('admin', 'GET', `/sales_orders/${s.order}`)).body.voided_at).toBeNull();
    expect((await w.call('admin', 'GET', `/outbound_slips/${s.slip}`)).body.voided_at).toBeNull();
    // legitimate: a draft nobody shipped is voided as before
    const other = await draft();
    ok(await w.call('sales', 'DELETE', `/sales_orders/${other.id}`, { reason: '重复录入' }));
  });
});

describe('blocks re-checked at every step (第四篇 一.6「一律不得开票销售」)', () => {
  test('a batch marked 不合格 after confirmation stops issue-outbound, pick, review and invoicing, naming batch and rule; released, all pass', async () => {
    const batch = await w.legacy('batches', {
      product: w.world.product,
      batch_no: 'B-NC-1',
      production_date: '2024-06-01',
      expiry_date: '2027-05-31',
      status: 'qualified',
    });
    const line = [{ batch }];
    const confirmed = await chainTo('confirmed', line);
    const issued = await chainTo('issued', line);
    const picked = await chainTo('picked', line);
    const reviewed = await chainTo('reviewed', line);
    await sys('batches', batch, { status: 'nonconforming' });

    const expectBlocked = (r: { status: number; body: any }, what: string) => {
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.message, what).toContain('[BATCH_BLOCKED]');
      expect(r.body.message, what).toContain('B-NC-1');
    };
    // the chain panel says so before anyone presses the button
    const blocks = async (id: number) => (await w.call('sales', 'GET', `/workflows/fulfilment/orders/${id}/chain`)).body.blocks as string[];
    expect((await blocks(confirmed.order.id)).join()).toMatch(/\[BATCH_BLOCKED\].*B-NC-1/);
    expect((await blocks(reviewed.order.id)).join(), 'the invoice is next').toContain('[BATCH_BLOCKED]');
    expectBlocked(await w.call('warehouse', 'POST', `/sales_orders/${confirmed.order.id}/issue-outbound`, {}), 'issue-outbound');
    expectBlocked(await w.call('warehouse', 'POST', `/outbound_slips/${issued.slip}/pick`, {}), 'pick');
    expectBlocked(await w.call('reviewer', 'POST', `/outbound_slips/${picked.slip}/review`, { password: PASSWORD }), 'review');
    expectBlocked(await invoice([reviewed.slip], 'FP-NC-1'), 'invoice');
    const en = await w.call('warehouse', 'POST', `/outbound_slips/${issued.slip}/pick`, {}, { 'accept-language': 'en' });
    expect(en.body.message).toMatch(/^Picking refused: line 1: \[BATCH_BLOCKED\] Batch B-NC-1/);
    expect((await w.call('admin', 'GET', `/outbound_slips/${issued.slip}`)).body.picked_by).toBeNull();

    // 暂停 (quarantined) blocks the same; QA's release makes every step pass again
    await sys('batches', batch, { status: 'quarantined' });
    expectBlocked(await invoice([reviewed.slip], 'FP-NC-1'), 'invoice (quarantined)');
    await sys('batches', batch, { status: 'qualified' });
    expect(await blocks(confirmed.order.id)).toEqual([]);
    await step('warehouse', `/sales_orders/${confirmed.order.id}/issue-outbound`);
    await step('warehouse', `/outbound_slips/${issued.slip}/pick`);
    await step('reviewer', `/outbound_slips/${picked.slip}/review`, { password: PASSWORD });
    ok(await invoice([reviewed.slip], 'FP-NC-1'), 201);
  });

  test('a buyer whose approval lapsed between confirmation and shipment: outbound refused (BUYER_NOT_APPROVED), re-approved passes', async () => {
    const { order } = await chainTo('confirmed');
    await sys('customers', w.world.customer, { qa_status: 'pending' });
    try {
      const r = await w.call('warehouse', 'POST', `/sales_orders/${order.id}/issue-outbound`, {});
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('[BUYER_NOT_APPROVED]');
    } finally {
      await sys('customers', w.world.customer, { qa_status: 'approved' });
    }
    await step('warehouse', `/sales_orders/${order.id}/issue-outbound`);
  });

  test('a licence expired before shipment: outbound refused (BUYER_LICENSE_EXPIRED)', async () => {
    const { order } = await chainTo('confirmed');
    const lic = (await w.srv.db
      .select()
      .from(t.customerLicenses)
      .where(and(eq(t.customerLicenses.customer, w.world.customer), eq(t.customerLicenses.kind, 'drug_business')))
      .get())!;
    await sys('customer_licenses', lic.id, { valid_to: '2025-06-29' });
    try {
      const r = await w.call('warehouse', 'POST', `/sales_orders/${order.id}/issue-outbound`, { outbound_date: '2025-06-30' });
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('[BUYER_LICENSE_EXPIRED]');
    } finally {
      await sys('customer_licenses', lic.id, { valid_to: '2030-12-31' });
    }
  });
});

describe('cold chain to a buyer without a storage review (第二篇 3.5「一律不得供货」: an error)', () => {
  let cold: { product: number; batch: number };
  beforeAll(async () => {
    const product = await w.legacy('products', {
      kind: 'drug',
      generic_name: '胰岛素注射液',
      dosage_form: '注射剂',
      spec: '10ml:400单位',
      unit: '支',
      manufacturer: '通化东宝药业股份有限公司',
      approval_no: '国药准字H20020001',
      scope_category: '生物制品',
      storage: 'cold',
      price_cap: 80,
      price_min: 40,
      price_max: 70,
      qa_status: 'approved',
    });
    cold = {
      product,
      batch: await w.legacy('batches', { product, batch_no: 'INS-01', production_date: '2025-01-01', expiry_date: '2026-12-31', status: 'qualified' }),
    };
  });
  const coldLine = () => [{ product: cold.product, batch: cold.batch, quantity: 2, unit_price: 50 }];

  test('refused at confirmation (a draft entered before is not confirmed), and at outbound when the review was withdrawn after', async () => {
    const confirmedBefore = await chainTo('confirmed', coldLine());
    await sys('customers', w.world.customer, { storage_reviewed_at: null });
    try {
      const fresh = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-COLD-NEW', coldLine(), { status: 'confirmed' }));
      expect(fresh.status).toBe(400);
      expect(JSON.stringify(fresh.body)).toContain('BUYER_STORAGE_UNREVIEWED');
      const legacyDraft = await w.legacy('sales_orders', {
        order_no: 'XS-COLD-D',
        customer: w.world.customer,
        salesperson: w.world.salesperson,
        contract: w.world.contract,
        sale_date: '2025-06-30',
        status: 'draft',
        payment_method: 'transfer',
      });
      await w.legacy('sales_lines', { order: legacyDraft, product: cold.product, batch: cold.batch, quantity: 2, unit_price: 50, amount: 100 });
      const confirm = await w.call('sales', 'POST', `/sales_orders/${legacyDraft}/confirm`, {});
      expect(confirm.status).toBe(400);
      expect(confirm.body.message).toContain('[BUYER_STORAGE_UNREVIEWED]');
      const out = await w.call('warehouse', 'POST', `/sales_orders/${confirmedBefore.order.id}/issue-outbound`, {});
      expect(out.status).toBe(400);
      expect(out.body.message).toContain('[BUYER_STORAGE_UNREVIEWED]');
      expect(out.body.message).toContain('胰岛素注射液');
    } finally {
      await sys('customers', w.world.customer, { storage_reviewed_at: '2023-01-06' });
    }
    // reviewed: the legitimate path
    await step('warehouse', `/sales_orders/${confirmedBefore.order.id}/issue-outbound`);
  });
});

describe('recall: who received the goods (第二篇 3.14)', () => {
  test('counts quantities on reviewed slips and imported (legacy) slips, incl. an order voided after shipment; drafts and unshipped orders listed apart', async () => {
    const batch = await w.legacy('batches', {
      product: w.world.product,
      batch_no: 'RC-77',
      production_date: '2024-06-01',
      expiry_date: '2027-05-31',
      status: 'qualified',
    });
    const line = [{ batch, quantity: 4, unit_price: 15 }];
    await chainTo('reviewed', line); // shipped: 4
    const voidedAfter = await chainTo('reviewed', [{ batch, quantity: 6, unit_price: 15 }]); // shipped: 6, then voided (the old bypass)
    const now = new Date().toISOString();
    await transaction(w.srv.db, async () => {
      await w.srv.db.update(t.salesOrders).set({ voided_at: now, void_reason: '旧系统：出库后作废' }).where(eq(t.salesOrders.id, voidedAfter.order.id)).run();
      await w.srv.db.update(t.salesLines).set({ voided_at: now }).where(eq(t.salesLines.order, voidedAfter.order.id)).run();
    });
    const draftOnly = await draft([{ batch, quantity: 3, unit_price: 15 }]);
    const issuedOnly = await chainTo('issued', [{ batch, quantity: 5, unit_price: 15 }]);
    // a sale of the legacy ledger: the old system's slip carries no reviewer of ours (its 复核员 is a legacy
    // fact), yet the goods left — an imported slip counts as shipped
    const legacyOrder = await w.legacy('sales_orders', {
      order_no: 'XS-LEGACY-RC',
      customer: w.world.customer,
      salesperson: w.world.salesperson,
      sale_date: '2024-11-05',
      status: 'shipped',
    });
    await w.legacy('sales_lines', { order: legacyOrder, product: w.world.product, batch, quantity: 2, unit_price: 15, amount: 30 });
    const legacySlip = await w.legacy('outbound_slips', { slip_no: 'CK-LEGACY-RC', order: legacyOrder, outbound_date: '2024-11-05' });
    await transaction(w.srv.db, async () => await w.srv.db.update(t.outboundSlips).set({ import_id: 999 }).where(eq(t.outboundSlips.id, legacySlip)).run());

    const admin = await w.call('admin', 'POST', '/recalls', {
      product: w.world.product,
      batches: ['RC-77'],
      level: '2',
      initiated_by: 'company',
      reason: '抽检不合格，召回',
    });
    ok(admin, 201);
    const view = (await w.call('sales', 'GET', `/workflows/recalls/${admin.body.id}/customers`)).body;
    expect(view.customers.map((c: any) => [c.customer, c.quantity_sold])).toEqual([[w.world.customer, 12]]);
    const orderNo = async (id: number) => (await w.call('admin', 'GET', `/sales_orders/${id}`)).body.order_no;
    expect(view.not_shipped).toEqual([{ customer: w.world.customer, customer_name: '武汉市康泰医药有限公司', quantity: 8, orders: expect.any(Array) }]);
    expect(view.not_shipped[0].orders.sort()).toEqual([await orderNo(draftOnly.id), await orderNo(issuedOnly.order.id)].sort());
    expect(view.totals).toMatchObject({ customers: 1, quantity_sold: 12, not_shipped_quantity: 8 });
    const notices = (await w.call('admin', 'GET', `/recall_notices?filter=${q({ recall: admin.body.id })}`)).body;
    expect(notices.map((x: any) => [x.customer, x.quantity_sold])).toEqual([[w.world.customer, 12]]);
    // and what has not left cannot leave now: the recall blocks the slip's next step
    const picked = await w.call('warehouse', 'POST', `/outbound_slips/${issuedOnly.slip}/pick`, {});
    expect(picked.status).toBe(400);
    expect(picked.body.message).toContain('[BATCH_BLOCKED]');
  });
});
