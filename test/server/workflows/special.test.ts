/**
 * Flow 5 over HTTP, special-control drugs (第二篇 3.9, 3.11): the buyer's documents before the order, no
 * cash, the verification record before the outbound and the invoice, arrival verification by storage &
 * transport — and the 特药核实 state the order page shows.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORD, draftOrder, startFulfilmentWorld, type FulfilmentWorld } from './fulfilment-world';

let w: FulfilmentWorld;
let line: Record<string, unknown>;
beforeAll(async () => {
  w = await startFulfilmentWorld();
  line = { product: w.special.product, batch: w.special.batch, quantity: 20, unit_price: 25 };
});
afterAll(() => w.srv.close());

const special = async (id: number) => (await w.call('admin', 'GET', `/workflows/fulfilment/orders/${id}/chain`)).body.special;

describe('before the order', () => {
  test("a buyer without the purchaser's power of attorney, ID copy and phones is refused (SPECIAL_DOCS_MISSING)", async () => {
    const bare = await w.legacy('customers', {
      name: '武汉市无档案药房连锁有限公司',
      type: 'retailer',
      region: '湖北省武汉市',
      address: '武汉市洪山区 1 号',
      contact_phone: '027-1',
      qa_status: 'approved',
      qa_approved_at: '2023-01-01',
      credit_reviewed_at: '2023-01-01',
    });
    await w.legacy('customer_licenses', {
      customer: bare,
      kind: 'drug_business',
      number: '鄂CB0001',
      scope: ['化学药制剂', '抗生素制剂'],
      valid_from: '2020-01-01',
      valid_to: '2030-12-31',
    });
    await w.legacy('customer_agents', { customer: bare, name: '赵六', role: 'purchaser', phone: '13900000000' }); // no attorney, no ID copy
    const r = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-SP-DOCS', [line], { customer: bare, contract: null }));
    expect(r.status).toBe(400);
    expect(r.body.errors.customer).toContain('SPECIAL_DOCS_MISSING');
    expect(r.body.errors.customer).toContain('法人委托书');
  });

  test('cash is refused on the order (SPECIAL_CASH_PAYMENT)', async () => {
    const r = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-SP-CASH', [line], { payment_method: 'cash' }));
    expect(r.status).toBe(400);
    expect(r.body.errors.payment_method).toContain('SPECIAL_CASH_PAYMENT');
  });
});

describe('verification, outbound, arrival, invoice, payment', () => {
  const s: Record<string, any> = {};

  test('no slip before the verification record', async () => {
    const created = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-SP-001', [line]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    s.order = created.body.id;
    expect((await w.call('sales', 'POST', `/sales_orders/${s.order}/confirm`, {})).status).toBe(200);
    const panel = await special(s.order);
    expect(panel).toMatchObject({
      special: true,
      docs: { complete: true, missing: [] },
      check: null,
      arrival: [],
      cash: { order: false, contract: false, payments: [] },
    });
    const r = await w.call('warehouse', 'POST', `/sales_orders/${s.order}/issue-outbound`, {});
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('SPECIAL_NOT_VERIFIED');
  });

  test('the 开票人员 (finance) records and signs the three checks (第二篇 3.9); all must be done', async () => {
    const all = { contract_obtained: 'yes', identity_verified: 'yes', authenticity_verified: 'yes', password: PASSWORD };
    expect((await w.call('warehouse', 'POST', `/sales_orders/${s.order}/verify-special`, all)).status).toBe(403);
    expect((await w.call('sales', 'POST', `/sales_orders/${s.order}/verify-special`, all)).status, 'no longer the salesperson').toBe(403);
    // nor typed in as a plain record, by anyone
    const typed = await w.call('finance', 'POST', '/special_checks', {
      order: s.order,
      contract_obtained: true,
      identity_verified: true,
      authenticity_verified: true,
      verified_at: '2025-06-30T08:00:00.000Z',
    });
    expect(typed.status).toBe(400);
    expect(typed.body.message).toContain('特药销售核实');
    const partial = await w.call('finance', 'POST', `/sales_orders/${s.order}/verify-special`, { ...all, authenticity_verified: 'no' });
    expect(partial.status).toBe(400);
    expect(partial.body.message).toContain('已核实购买真实性');
    const ok = await w.call('finance', 'POST', `/sales_orders/${s.order}/verify-special`, all);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.signature.meaning).toBe('verify_special');
    const panel = await special(s.order);
    expect(panel.check).toMatchObject({
      verified_by: '周会计',
      contract_obtained: true,
      identity_verified: true,
      authenticity_verified: true,
      complete: true,
      in_time: true,
    });
    expect((await w.call('finance', 'POST', `/sales_orders/${s.order}/verify-special`, all)).status, 'once per order').toBe(400);
  });

  test('then the slip; arrival verified by the warehouse, only on special-drug slips', async () => {
    expect((await w.call('warehouse', 'POST', `/sales_orders/${s.order}/issue-outbound`, {})).status).toBe(200);
    s.slip = (await special(s.order)).arrival[0].slip;
    expect((await w.call('warehouse', 'POST', `/outbound_slips/${s.slip}/pick`, {})).status).toBe(200);
    expect((await w.call('reviewer', 'POST', `/outbound_slips/${s.slip}/review`, { password: PASSWORD })).status).toBe(200);
    expect((await w.call('sales', 'POST', `/outbound_slips/${s.slip}/verify-arrival`, {})).status).toBe(403);
    const r = await w.call('warehouse', 'POST', `/outbound_slips/${s.slip}/verify-arrival`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record).toMatchObject({ arrival_verified_at: '2025-06-30', arrival_verified_by: '孙库管' });
    expect((await special(s.order)).arrival[0]).toMatchObject({ arrival_verified_at: '2025-06-30', arrival_verified_by: '孙库管' });

    // an ordinary order's slip needs no arrival verification
    const plain = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-SP-PLAIN'));
    await w.call('sales', 'POST', `/sales_orders/${plain.body.id}/confirm`, {});
    expect((await w.call('warehouse', 'POST', `/sales_orders/${plain.body.id}/issue-outbound`, {})).status).toBe(200);
    const slip = (await w.call('admin', 'GET', `/outbound_slips?filter=${encodeURIComponent(JSON.stringify({ order: plain.body.id }))}`)).body[0];
    await w.call('warehouse', 'POST', `/outbound_slips/${slip.id}/pick`, {});
    await w.call('reviewer', 'POST', `/outbound_slips/${slip.id}/review`, { password: PASSWORD });
    const notSpecial = await w.call('warehouse', 'POST', `/outbound_slips/${slip.id}/verify-arrival`, {});
    expect(notSpecial.status).toBe(400);
    expect(notSpecial.body.message).toContain('不含特殊管理药品');
    expect((await special(plain.body.id)).special).toBe(false);
  });

  test('invoiced after the verification; a cash payment against it is refused, a transfer accepted', async () => {
    const inv = await w.call('finance', 'POST', '/workflows/fulfilment/invoices', {
      slips: [s.slip],
      invoice_no: 'FP-SP-1',
      type: 'vat_special',
      form: 'itemised',
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const pay = (method: string, voucher_no: string) => ({
      customer: w.world.customer,
      invoice: inv.body.id,
      amount: 500,
      paid_at: '2025-06-30',
      method,
      voucher_no,
    });
    const cash = await w.call('finance', 'POST', '/payments', pay('cash', 'XJ-1'));
    expect(cash.status).toBe(400);
    expect(cash.body.errors.method).toContain('SPECIAL_CASH_PAYMENT');
    expect((await w.call('finance', 'POST', '/payments', pay('transfer', 'HK-SP-1'))).status).toBe(201);
    expect((await special(s.order)).cash.payments).toEqual([]);
  });

  test('invoicing a legacy slip of a special-drug order without verification is refused', async () => {
    // an order and slip kept from before the console (no live step can ship it unverified)
    const order = { body: { id: await w.legacy('sales_orders', draftOrder(w, 'XS-SP-OLD', [line], { sale_date: '2025-06-10', status: 'shipped' })) } };
    const slip = await w.legacy('outbound_slips', {
      slip_no: 'CK-OLD-1',
      order: order.body.id,
      outbound_date: '2025-06-11',
      issued_by: '李丽',
      picked_by: '孙库管',
      reviewed_by: '钱敏',
      reviewed_at: '2025-06-11T10:00:00.000Z',
    });
    const r = await w.call('finance', 'POST', '/workflows/fulfilment/invoices', { slips: [slip], invoice_no: 'FP-SP-OLD', type: 'vat_special' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('SPECIAL_NOT_VERIFIED');
    expect((await w.call('admin', 'GET', `/invoices?filter=${encodeURIComponent(JSON.stringify({ invoice_no: 'FP-SP-OLD' }))}`)).body).toEqual([]);
    expect((await special(order.body.id)).check).toBeNull();
  });
});
