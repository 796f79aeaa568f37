/**
 * The backwards path of a fulfilled order (issue 11, item 3), end to end over HTTP: a mistaken order —
 * shipped, reviewed, received, invoiced and paid — unwound payment → invoice → slip → order, each step by its
 * role, signed, with a reason, refused out of order (naming what is still live), audited; and 票账货相符
 * checked from the records themselves before and after every step.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PASSWORD, draftOrder, startFulfilmentWorld, type FulfilmentWorld } from './fulfilment-world';

let w: FulfilmentWorld;
beforeAll(async () => {
  w = await startFulfilmentWorld();
});
afterAll(() => w.srv.close());

const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const list = async (resource: string, filter: Record<string, unknown>) => (await w.call('admin', 'GET', `/${resource}?filter=${q(filter)}`)).body as any[];
const get = async (resource: string, id: number) => (await w.call('admin', 'GET', `/${resource}/${id}`)).body;
const cents = (n: number) => Math.round(n * 100);

/**
 * 票账货相符 as the records stand: every live invoice link joins a live invoice to a live slip of a live
 * order; each live invoice's lines match its slips' goods per product and its total their sum; its payments
 * are its customer's and not above it. Returns what is live, for the step's own assertions.
 */
async function consistent(order: number) {
  const o = await get('sales_orders', order);
  const lines = o.voided_at ? [] : o.sales_lines;
  const slips = (await list('outbound_slips', { order })).filter((s) => !s.voided_at);
  if (o.voided_at) expect(slips, 'no live slip of a voided order').toEqual([]);
  const links = (await Promise.all(slips.map((s) => list('invoice_slips', { slip: s.id })))).flat().filter((l) => !l.voided_at);
  const invoices = [];
  for (const id of new Set(links.map((l) => l.invoice as number))) {
    const inv = await get('invoices', id);
    expect(inv.voided_at, `invoice ${inv.invoice_no} linked while voided`).toBeNull();
    const invLines = (await list('invoice_lines', { invoice: id })).filter((l) => !l.voided_at);
    const byProduct = (rows: any[]) =>
      Object.fromEntries(
        [...new Set(rows.map((r) => r.product))].map((p) => [
          p,
          {
            quantity: rows.filter((r) => r.product === p).reduce((a, r) => a + r.quantity, 0),
            amount: rows.filter((r) => r.product === p).reduce((a, r) => a + cents(r.amount), 0),
          },
        ]),
      );
    expect(byProduct(invLines), `invoice ${inv.invoice_no} lines = goods`).toEqual(byProduct(lines));
    expect(cents(inv.amount)).toBe(lines.reduce((a: number, l: any) => a + cents(l.amount), 0));
    const pays = (await list('payments', { invoice: id })).filter((p) => !p.voided_at);
    expect(pays.reduce((a, p) => a + cents(p.amount), 0)).toBeLessThanOrEqual(cents(inv.amount));
    expect(pays.every((p) => p.customer === inv.customer)).toBe(true);
    invoices.push({ ...inv, payments: pays });
  }
  // no live link, line or payment hangs on a voided invoice either
  return { order: o, slips, invoices };
}

async function auditOf(resource: string, id: number) {
  return (await list('audit_log', { resource, record_id: id })) as { action: string; reason: string | null; actor: number }[];
}
async function signaturesOf(resource: string, id: number) {
  return (await list('signatures', { resource, record_id: id })) as { meaning: string; comment: string | null; signer_name: string }[];
}

describe('a mistaken invoiced and paid order, unwound', () => {
  const s: Record<string, any> = {};

  beforeAll(async () => {
    const created = await w.call(
      'sales',
      'POST',
      '/sales_orders',
      draftOrder(w, 'XS-UW-1', [
        { quantity: 10, unit_price: 15 },
        { quantity: 2, unit_price: 12 },
      ]),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    s.order = created.body.id;
    const step = async (who: any, path: string, body: Record<string, unknown> = {}) => {
      const r = await w.call(who, 'POST', path, body);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    await step('sales', `/sales_orders/${s.order}/confirm`);
    await step('warehouse', `/sales_orders/${s.order}/issue-outbound`);
    s.slip = (await list('outbound_slips', { order: s.order }))[0].id;
    await step('warehouse', `/outbound_slips/${s.slip}/pick`);
    await step('reviewer', `/outbound_slips/${s.slip}/review`, { password: PASSWORD });
    await step('sales', `/outbound_slips/${s.slip}/confirm-receipt`);
    const inv = await w.call('finance', 'POST', '/workflows/fulfilment/invoices', {
      slips: [s.slip],
      invoice_no: 'FP-UW-1',
      type: 'vat_special',
      form: 'itemised',
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    s.invoice = inv.body.id;
    const pay = await w.call('finance', 'POST', '/payments', {
      customer: w.world.customer,
      invoice: s.invoice,
      amount: 174,
      paid_at: '2025-06-30',
      method: 'transfer',
      voucher_no: 'HK-UW-1',
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    s.payment = pay.body.id;
    const c = await consistent(s.order);
    expect(c.invoices).toHaveLength(1);
    expect(c.invoices[0].payments).toHaveLength(1);
    expect(c.order.status).toBe('completed');
  });

  test('out of order, each step is refused naming what is still live downstream', async () => {
    const order = await w.call('sales', 'POST', `/sales_orders/${s.order}/void-order`, { password: PASSWORD, comment: '客户下错单' });
    expect(order.status).toBe(400);
    expect(order.body.message).toMatch(/出库单 CK\d+；发票 FP-UW-1；回款 HK-UW-1/);
    const slip = await w.call('warehouse', 'POST', `/outbound_slips/${s.slip}/void-slip`, { password: PASSWORD, comment: '客户下错单' });
    expect(slip.status).toBe(400);
    expect(slip.body.message).toContain('FP-UW-1');
    const invoice = await w.call('finance', 'POST', `/invoices/${s.invoice}/void-invoice`, { password: PASSWORD, comment: '客户下错单', mode: 'red_letter' });
    expect(invoice.status).toBe(400);
    expect(invoice.body.message).toContain('HK-UW-1');
    await consistent(s.order);
  });

  test('step 1: finance voids the payment (signed, reason required; not by sales)', async () => {
    expect((await w.call('sales', 'POST', `/payments/${s.payment}/void-payment`, { password: PASSWORD, comment: '退款' })).status).toBe(403);
    const noReason = await w.call('finance', 'POST', `/payments/${s.payment}/void-payment`, { password: PASSWORD });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.comment).toBeTruthy();
    expect((await w.call('finance', 'POST', `/payments/${s.payment}/void-payment`, { password: 'wrong', comment: '退款' })).status).toBe(400);
    const r = await w.call('finance', 'POST', `/payments/${s.payment}/void-payment`, { password: PASSWORD, comment: '客户下错单，款项退回' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record.voided_at).toBeTruthy();
    expect(r.body.signature).toMatchObject({ meaning: 'void_payment', signer_name: '周会计', comment: '客户下错单，款项退回' });
    expect((await auditOf('payments', s.payment)).map((a) => [a.action, a.reason])).toContainEqual(['void', '客户下错单，款项退回']);
    const c = await consistent(s.order);
    expect(c.invoices[0].payments).toEqual([]);
  });

  test('step 2: finance voids the invoice (红字冲销 with a reason): its lines and slip link go with it', async () => {
    expect(
      (await w.call('finance', 'POST', `/invoices/${s.invoice}/void-invoice`, { password: PASSWORD, comment: '下错单' })).status,
      'how: void or red letter',
    ).toBe(400);
    const r = await w.call('finance', 'POST', `/invoices/${s.invoice}/void-invoice`, { password: PASSWORD, comment: '客户下错单', mode: 'red_letter' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record.void_reason).toBe('红字冲销：客户下错单');
    expect(r.body.signature.meaning).toBe('void_invoice');
    expect((await list('invoice_lines', { invoice: s.invoice })).every((l) => l.voided_at)).toBe(true);
    expect((await list('invoice_slips', { invoice: s.invoice })).every((l) => l.voided_at)).toBe(true);
    expect((await auditOf('invoices', s.invoice)).map((a) => a.action)).toContain('void');
    const c = await consistent(s.order);
    expect(c.invoices).toEqual([]);
    // the slip is invoiceable again (had the order been right, finance would re-issue here)
    expect((await w.call('finance', 'GET', `/workflows/fulfilment/invoiceable-slips?customer=${w.world.customer}`)).body.map((x: any) => x.id)).toContain(
      s.slip,
    );
  });

  test('step 3: the warehouse voids the slip; the order is back to confirmed', async () => {
    expect((await w.call('finance', 'POST', `/outbound_slips/${s.slip}/void-slip`, { password: PASSWORD, comment: '退回入库' })).status).toBe(403);
    const r = await w.call('warehouse', 'POST', `/outbound_slips/${s.slip}/void-slip`, { password: PASSWORD, comment: '货物已退回入库' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.signature.meaning).toBe('void_outbound');
    expect((await auditOf('outbound_slips', s.slip)).map((a) => [a.action, a.reason])).toContainEqual(['void', '货物已退回入库']);
    const c = await consistent(s.order);
    expect(c.slips).toEqual([]);
    expect(c.order.status).toBe('confirmed');
    expect((await auditOf('sales_orders', s.order)).map((a) => [a.action, a.reason])).toContainEqual(['update', '货物已退回入库']);
    // the order's lines are no longer frozen
    const line = c.order.sales_lines[1];
    expect((await w.call('sales', 'PUT', `/sales_lines/${line.id}`, { ...line, _reason: '核对' })).status).toBe(200);
  });

  test('step 4: the salesperson voids the order (signed); its lines go with it; every step left its audit rows', async () => {
    expect(
      (await w.call('other_sales', 'POST', `/sales_orders/${s.order}/void-order`, { password: PASSWORD, comment: '下错单' })).status,
      "another salesperson's order",
    ).toBe(403);
    const r = await w.call('sales', 'POST', `/sales_orders/${s.order}/void-order`, { password: PASSWORD, comment: '客户下错单，已全部冲回' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.signature.meaning).toBe('void_order');
    const c = await consistent(s.order);
    expect(c.order.voided_at).toBeTruthy();
    expect((await list('sales_lines', { order: s.order })).filter((l) => !l.voided_at)).toEqual([]);
    // one signature per step, each with its reason, in the order of the path
    const signed = [
      ...(await signaturesOf('payments', s.payment)),
      ...(await signaturesOf('invoices', s.invoice)),
      ...(await signaturesOf('outbound_slips', s.slip)).filter((x) => x.meaning !== 'review_outbound'),
      ...(await signaturesOf('sales_orders', s.order)),
    ];
    expect(signed.map((x) => x.meaning)).toEqual(['void_payment', 'void_invoice', 'void_outbound', 'void_order']);
    expect(signed.every((x) => x.comment)).toBe(true);
    const signRows = (await list('audit_log', { resource: 'signatures' })).filter((a: any) => a.action === 'sign');
    expect(signRows.length).toBeGreaterThanOrEqual(4);
  });
});
