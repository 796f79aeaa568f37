/**
 * Flow 4 over HTTP: order (price approval by the sales head) → confirm → outbound slip → picked → double
 * review by a second person → receipt → invoice from the slips (票账货相符) → payments → receivables ageing.
 * Each step by its role; each refusal asserted.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORD, draftOrder, startFulfilmentWorld, type FulfilmentWorld } from './fulfilment-world';

let w: FulfilmentWorld;
beforeAll(async () => {
  w = await startFulfilmentWorld();
});
afterAll(() => w.srv.close());

const chain = async (id: number) => (await w.call('admin', 'GET', `/workflows/fulfilment/orders/${id}/chain`)).body;
const stepDone = async (id: number) => Object.fromEntries((await chain(id)).steps.map((s: any) => [s.key, s.done]));

describe('the chain, step by step', () => {
  const s: Record<string, any> = {};

  test('a draft may carry a price outside the range; confirming waits for the sales head', async () => {
    // 17.00 is inside the cap (18) but above the head's range (9 – 16.2)
    const created = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-F-001', [{}, { quantity: 4, unit_price: 17 }]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe('draft');
    s.order = created.body.id;
    s.lines = created.body.sales_lines.map((l: any) => l.id);
    expect((await chain(s.order)).prices).toMatchObject([{ line: s.lines[1], unit_price: 17, outside: true, approved_by: null }]);

    const refused = await w.call('sales', 'POST', `/sales_orders/${s.order}/confirm`, {});
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('PRICE_OUT_OF_RANGE');
    // a confirmed order may not carry an unapproved price either (the draft exemption is for drafts only)
    const direct = await w.call('sales', 'POST', '/sales_orders', draftOrder(w, 'XS-F-002', [{ unit_price: 17, quantity: 1 }], { status: 'confirmed' }));
    expect(direct.status).toBe(400);
    expect(JSON.stringify(direct.body.errors)).toContain('PRICE_OUT_OF_RANGE');
  });

  test('only the sales head approves the price (signed), then the salesperson confirms', async () => {
    const bySales = await w.call('sales', 'POST', `/sales_lines/${s.lines[1]}/approve-price`, { password: PASSWORD });
    expect(bySales.status).toBe(403);
    const wrongPassword = await w.call('sales_head', 'POST', `/sales_lines/${s.lines[1]}/approve-price`, { password: 'nope' });
    expect(wrongPassword.status).toBe(400);
    const approved = await w.call('sales_head', 'POST', `/sales_lines/${s.lines[1]}/approve-price`, { password: PASSWORD });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.record.price_approved_by).toBe('刘经理');
    expect(approved.body.signature.meaning).toBe('approve_price');

    expect((await w.call('warehouse', 'POST', `/sales_orders/${s.order}/confirm`, {})).status).toBe(403);
    expect((await w.call('other_sales', 'POST', `/sales_orders/${s.order}/confirm`, {})).status, "another salesperson's order").toBe(403);
    const ok = await w.call('sales', 'POST', `/sales_orders/${s.order}/confirm`, {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record.status).toBe('confirmed');
    const again = await w.call('sales', 'POST', `/sales_orders/${s.order}/confirm`, {});
    expect(again.status).toBe(400);
    const c = await chain(s.order);
    expect(c.steps.find((x: any) => x.key === 'confirmed')).toMatchObject({ done: true, who: '高刚' });
    expect(c.prices[0].approved_by).toBe('刘经理');
  });

  test('a plain edit cannot mark the order shipped or completed: only its slip and receipt steps do', async () => {
    const order = (await w.call('sales', 'GET', `/sales_orders/${s.order}`)).body;
    for (const status of ['shipped', 'completed']) {
      const r = await w.call('sales', 'PUT', `/sales_orders/${s.order}`, { ...order, status });
      expect(r.status, status).toBe(400);
      expect(r.body.errors.status).toContain('只能由工作流步骤');
    }
    expect((await w.call('sales', 'GET', `/sales_orders/${s.order}`)).body.status).toBe('confirmed');
  });

  test('the warehouse issues the slip from the confirmed order: number, date, issuer; the order is shipped', async () => {
    expect((await w.call('sales', 'POST', `/sales_orders/${s.order}/issue-outbound`, {})).status).toBe(403);
    const future = await w.call('warehouse', 'POST', `/sales_orders/${s.order}/issue-outbound`, { outbound_date: '2025-07-05' });
    expect(future.status).toBe(400);
    const r = await w.call('warehouse', 'POST', `/sales_orders/${s.order}/issue-outbound`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record.status).toBe('shipped');
    const slips = (await w.call('admin', 'GET', `/outbound_slips?filter=${encodeURIComponent(JSON.stringify({ order: s.order }))}`)).body;
    expect(slips).toHaveLength(1);
    expect(slips[0]).toMatchObject({ outbound_date: '2025-06-30', issued_by: '孙库管', picked_by: null, reviewed_by: null });
    expect(slips[0].slip_no).toMatch(/^CK202506300001$/);
    s.slip = slips[0].id;
    // issued once: the order is no longer confirmed
    expect((await w.call('warehouse', 'POST', `/sales_orders/${s.order}/issue-outbound`, {})).status).toBe(400);
    const shipped = (await w.call('sales', 'GET', `/sales_orders/${s.order}`)).body;
    expect((await w.call('sales', 'PUT', `/sales_orders/${s.order}`, { ...shipped, status: 'confirmed' })).status, 'not back by an edit').toBe(400);
  });

  test('picked by the warehouse; the double check is refused before picking and to the picker himself', async () => {
    const early = await w.call('reviewer', 'POST', `/outbound_slips/${s.slip}/review`, { password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('拣货');
    expect((await w.call('reviewer', 'POST', `/outbound_slips/${s.slip}/pick`, {})).status).toBe(403);
    const picked = await w.call('picker_reviewer', 'POST', `/outbound_slips/${s.slip}/pick`, {});
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    expect(picked.body.record.picked_by).toBe('马强');
    const own = await w.call('picker_reviewer', 'POST', `/outbound_slips/${s.slip}/review`, { password: PASSWORD });
    expect(own.status).toBe(403);
    expect(own.body.message).toContain('不能审批自己');
    expect((await w.call('warehouse', 'POST', `/outbound_slips/${s.slip}/review`, { password: PASSWORD })).status, 'wrong role').toBe(403);
    // receipt cannot be confirmed before the review
    expect((await w.call('sales', 'POST', `/outbound_slips/${s.slip}/confirm-receipt`, {})).status).toBe(400);
    const reviewed = await w.call('reviewer', 'POST', `/outbound_slips/${s.slip}/review`, { password: PASSWORD });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.record.reviewed_by).toBe('钱敏');
    const findings = (
      await w.call('admin', 'GET', `/findings?filter=${encodeURIComponent(JSON.stringify({ resource: 'outbound_slips', record_id: s.slip, status: 'open' }))}`)
    ).body;
    expect(findings.map((f: any) => f.rule)).not.toContain('OUTBOUND_NOT_REVIEWED');
  });

  test('the salesperson confirms receipt; the order is completed', async () => {
    expect((await w.call('warehouse', 'POST', `/outbound_slips/${s.slip}/confirm-receipt`, {})).status).toBe(403);
    const r = await w.call('sales', 'POST', `/outbound_slips/${s.slip}/confirm-receipt`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record.receipt_confirmed_at).toBe('2025-06-30');
    expect((await w.call('admin', 'GET', `/sales_orders/${s.order}`)).body.status).toBe('completed');
    expect(await stepDone(s.order)).toEqual({
      ordered: true,
      confirmed: true,
      issued: true,
      picked: true,
      reviewed: true,
      received: true,
      invoiced: false,
      paid: false,
    });
  });

  test('finance invoices the reviewed slip: lines and total from the order lines, linked to the slip', async () => {
    const body = { slips: [s.slip], invoice_no: 'FP-F-0001', type: 'vat_special', form: 'itemised' };
    expect((await w.call('sales', 'POST', '/workflows/fulfilment/invoices', body)).status).toBe(403);
    expect((await w.call('warehouse', 'GET', '/workflows/fulfilment/invoiceable-slips')).status).toBe(403);
    const choices = (await w.call('finance', 'GET', `/workflows/fulfilment/invoiceable-slips?customer=${w.world.customer}`)).body;
    expect(choices.map((c: any) => [c.id, c.amount])).toEqual([[s.slip, 218]]);
    const r = await w.call('finance', 'POST', '/workflows/fulfilment/invoices', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      invoice_no: 'FP-F-0001',
      customer: w.world.customer,
      amount: 218,
      itemised: true,
      list_attached: false,
      invoice_date: '2025-06-30',
    });
    s.invoice = r.body.id;
    const lines = (await w.call('admin', 'GET', `/invoice_lines?filter=${encodeURIComponent(JSON.stringify({ invoice: s.invoice }))}`)).body;
    expect(lines.map((l: any) => [l.product, l.quantity, l.amount])).toEqual([[w.world.product, 14, 218]]);
    const links = (await w.call('admin', 'GET', `/invoice_slips?filter=${encodeURIComponent(JSON.stringify({ invoice: s.invoice }))}`)).body;
    expect(links.map((l: any) => l.slip)).toEqual([s.slip]);
    // a slip is invoiced once
    const twice = await w.call('finance', 'POST', '/workflows/fulfilment/invoices', { ...body, invoice_no: 'FP-F-0002' });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('FP-F-0001');
    expect((await w.call('finance', 'GET', `/workflows/fulfilment/invoiceable-slips?customer=${w.world.customer}`)).body).toEqual([]);
  });

  test('票账货相符: an issued invoice and its lines are frozen; only attaching the goods list is an amendment', async () => {
    const inv = (await w.call('admin', 'GET', `/invoices/${s.invoice}`)).body;
    const amount = await w.call('finance', 'PUT', `/invoices/${s.invoice}`, { ...inv, amount: 228 });
    expect(amount.status).toBe(400);
    expect(amount.body.message).toContain('不能再直接修改或作废');
    const line = (await w.call('admin', 'GET', `/invoice_lines?filter=${encodeURIComponent(JSON.stringify({ invoice: s.invoice }))}`)).body[0];
    const qty = await w.call('finance', 'PUT', `/invoice_lines/${line.id}`, { ...line, quantity: 15 });
    expect(qty.status).toBe(400);
    expect(qty.body.message).toContain('开具发票');
    expect((await w.call('admin', 'PUT', `/invoice_lines/${line.id}`, { ...line, quantity: 15 })).status, 'the administrator too').toBe(400);
    expect((await w.call('finance', 'DELETE', `/invoices/${s.invoice}`, { reason: '开错' })).status, 'voided only by its step').toBe(400);
    expect((await w.call('admin', 'GET', `/invoices/${s.invoice}`)).body.amount).toBe(218);
    // the goods list attached later (3.8) passes
    expect((await w.call('finance', 'PUT', `/invoices/${s.invoice}`, { ...inv, list_attached: true })).status).toBe(200);
  });

  test('payments by finance complete the chain', async () => {
    const pay = (amount: number, voucher_no: string) => ({
      customer: w.world.customer,
      invoice: s.invoice,
      amount,
      paid_at: '2025-06-30',
      method: 'transfer',
      voucher_no,
    });
    expect((await w.call('sales', 'POST', '/payments', pay(100, 'HK-1'))).status).toBe(403);
    expect((await w.call('finance', 'POST', '/payments', pay(100, 'HK-1'))).status).toBe(201);
    expect((await chain(s.order)).steps.find((x: any) => x.key === 'paid')).toMatchObject({ done: false, detail: '100.00 / 218.00' });
    expect((await w.call('finance', 'POST', '/payments', pay(118, 'HK-2'))).status).toBe(201);
    const c = await chain(s.order);
    expect(c.current).toBe(8);
    expect(c.steps.find((x: any) => x.key === 'paid')).toMatchObject({ done: true, who: '周会计', when: '2025-06-30' });
    expect(c.steps.find((x: any) => x.key === 'invoiced')).toMatchObject({ done: true, who: '周会计', detail: 'FP-F-0001' });
  });

  test("a salesperson cannot read another salesperson's order chain", async () => {
    expect((await w.call('other_sales', 'GET', `/workflows/fulfilment/orders/${s.order}/chain`)).status).toBe(403);
    expect((await w.call('sales', 'GET', `/workflows/fulfilment/orders/${s.order}/chain`)).status).toBe(200);
  });
});

describe('receivables ageing', () => {
  test('outstanding per customer in buckets by days past due (contract term where known, else 30 days)', async () => {
    const customer = w.world.customer;
    // invoices of the legacy ledger (a live invoice is issued only from slips)
    const inv = async (invoice_no: string, invoice_date: string, amount: number) =>
      w.legacy('invoices', { invoice_no, type: 'vat_ordinary', customer, invoice_date, amount });
    await inv('FP-A-1', '2025-03-01', 1000); // due 03-31 → 91 days past → over 90
    const partly = await inv('FP-A-2', '2025-05-15', 500); // due 06-14 → 16 days → 1–30
    await inv('FP-A-3', '2025-06-20', 300); // due 07-20 → not yet due
    await inv('FP-A-4', '2025-04-10', 200); // due 05-10 → 51 days → 31–60
    expect(
      (
        await w.call('finance', 'POST', '/payments', {
          customer,
          invoice: partly,
          amount: 200,
          paid_at: '2025-06-01',
          method: 'transfer',
          voucher_no: 'HK-A-1',
        })
      ).status,
    ).toBe(201);
    expect(
      (await w.call('finance', 'POST', '/payments', { customer, amount: 50, paid_at: '2025-06-02', method: 'transfer', voucher_no: 'HK-A-2' })).status,
    ).toBe(201);

    const r = await w.call('finance', 'GET', '/workflows/fulfilment/receivables');
    expect(r.status).toBe(200);
    const row = r.body.customers.find((c: any) => c.customer === customer);
    expect(row).toMatchObject({
      invoiced: 2218,
      paid: 418,
      outstanding: 1800,
      unallocated: 50,
      open_invoices: 4,
      overdue: 1500,
      buckets: { current: 300, d1_30: 300, d31_60: 200, d61_90: 0, over_90: 1000 },
    });
    // the flow's invoice: the contract's 60-day term, fully paid
    const one = await w.call('sales', 'GET', `/workflows/fulfilment/receivables/${customer}`);
    expect(one.status).toBe(200);
    const byNo = Object.fromEntries(one.body.invoices.map((i: any) => [i.invoice_no, i]));
    expect(byNo['FP-F-0001']).toMatchObject({ payment_days: 60, term_known: true, due_date: '2025-08-29', outstanding: 0, bucket: null });
    expect(byNo['FP-A-1']).toMatchObject({ payment_days: 30, term_known: false, due_date: '2025-03-31', days_past_due: 91, bucket: 'over_90' });
    expect(byNo['FP-A-2']).toMatchObject({ paid: 200, outstanding: 300, days_past_due: 16, bucket: 'd1_30' });
    // as of an earlier day: later invoices and payments do not exist yet
    const earlier = (await w.call('finance', 'GET', '/workflows/fulfilment/receivables?as_of=2025-05-01')).body.customers.find(
      (c: any) => c.customer === customer,
    );
    expect(earlier).toMatchObject({ invoiced: 1200, paid: 0, outstanding: 1200, buckets: { current: 200, d1_30: 0, d31_60: 1000, d61_90: 0, over_90: 0 } }); // FP-A-1: 31 days past due
    expect((await w.call('finance', 'GET', '/workflows/fulfilment/receivables?as_of=tomorrow')).status).toBe(400);
  });
});
