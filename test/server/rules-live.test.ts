/** Live enforcement: an error rule refuses the write with the rule code on the field; a warning saves and opens a finding. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { buildWorld, compliantOrder, recordStates, type World } from '../helpers/world';

let srv: TestServer;
let cookie: string;
let finance: string;
let w: World;
const FINANCE_PASSWORD = 'finance-password-0001';

async function api(method: string, path: string, body?: unknown, as = cookie) {
  const res = await fetch(`${srv.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: as },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
const findingsOf = async (resource: string, id: number) =>
  (await api('GET', `/findings?filter=${encodeURIComponent(JSON.stringify({ resource, record_id: id }))}&range=[0,99]`)).body as {
    rule: string;
    status: string;
    severity: string;
    fields: string[];
  }[];

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  cookie = await login(srv.url);
  w = await buildWorld(srv.db, srv.clock);
  expect((await api('POST', '/users', { username: 'fin1', display_name: '周会计', roles: ['finance'], password: FINANCE_PASSWORD, active: true })).status).toBe(
    201,
  );
  finance = await login(srv.url, 'fin1', FINANCE_PASSWORD);
});
/** QA's approval again, after a licence change sent the buyer back to review (recorded: not what these tests are about). */
const reapprove = () => recordStates(srv, 'customers', w.customer, { qa_status: 'approved', qa_approved_at: '2023-01-10', qa_approved_by: '质管部 吴静' });
afterAll(() => srv.close());

describe('live rules on a sales order', () => {
  it('saves a compliant order without findings', async () => {
    const r = await api('POST', '/sales_orders', compliantOrder(w, 'XS-OK-1'));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await findingsOf('sales_lines', r.body.sales_lines[0].id)).toEqual([]);
  });

  it('refuses a sale of an expired batch with BATCH_EXPIRED on the line batch field, writing nothing', async () => {
    const batch = (await api('POST', '/batches', { product: w.product, batch_no: '00001', expiry_date: '2025-05-31', status: 'qualified' })).body;
    const r = await api('POST', '/sales_orders', compliantOrder(w, 'XS-BAD-1', { batch: batch.id }));
    expect(r.status).toBe(400);
    expect(r.body.errors['sales_lines.0.batch']).toMatch(/^\[BATCH_EXPIRED\]/);
    const list = await api('GET', `/sales_orders?filter=${encodeURIComponent(JSON.stringify({ order_no: 'XS-BAD-1' }))}`);
    expect(list.body).toEqual([]);
  });

  it('accepts a batch that expires on the sale date itself', async () => {
    const batch = (await api('POST', '/batches', { product: w.product, batch_no: '00002', expiry_date: '2025-06-01', status: 'qualified' })).body;
    expect((await api('POST', '/sales_orders', compliantOrder(w, 'XS-EDGE-1', { batch: batch.id }))).status).toBe(201);
  });

  it('refuses a price above the cap on the unit_price field, in English on request', async () => {
    const res = await fetch(`${srv.url}/api/sales_orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'accept-language': 'en' },
      body: JSON.stringify(compliantOrder(w, 'XS-BAD-2', { unit_price: 20, amount: 200 })),
    });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.errors['sales_lines.0.unit_price']).toMatch(/^\[PRICE_ABOVE_CAP\] The unit price 20 .* is above the government maximum price 18/);
    expect(body.errors['sales_lines.0.unit_price']).toMatch(/\[PRICE_OUT_OF_RANGE\] /);
  });

  it('refuses a buyer whose licence expired before the sale date, on the customer field', async () => {
    const lic = (await api('GET', `/customer_licenses?filter=${encodeURIComponent(JSON.stringify({ customer: w.customer }))}`)).body[0];
    expect((await api('PUT', `/customer_licenses/${lic.id}`, { ...lic, valid_to: '2025-05-31' })).status).toBe(200);
    // a licence change sends the approved buyer back to review (schema/lifecycle.ts)
    expect((await api('GET', `/customers/${w.customer}`)).body.qa_status).toBe('pending');
    await reapprove();
    const r = await api('POST', '/sales_orders', compliantOrder(w, 'XS-BAD-3'));
    expect(r.status).toBe(400);
    expect(r.body.errors.customer).toMatch(/^\[BUYER_LICENSE_EXPIRED\]/);
    // Valid to the sale date inclusive.
    const again = (await api('GET', `/customer_licenses/${lic.id}`)).body;
    expect((await api('PUT', `/customer_licenses/${lic.id}`, { ...again, valid_to: '2025-06-01' })).status).toBe(200);
    await reapprove();
    expect((await api('POST', '/sales_orders', compliantOrder(w, 'XS-EDGE-2'))).status).toBe(201);
    const last = (await api('GET', `/customer_licenses/${lic.id}`)).body;
    await api('PUT', `/customer_licenses/${lic.id}`, { ...last, valid_to: '2030-12-31' });
    await reapprove();
  });
});

describe('warnings and re-checks', () => {
  it('saves a sale without a contract with an open CONTRACT_MISSING finding', async () => {
    const r = await api('POST', '/sales_orders', compliantOrder(w, 'XS-WARN-1', {}, { contract: null }));
    expect(r.status).toBe(201);
    const f = await findingsOf('sales_lines', r.body.sales_lines[0].id);
    expect(f).toMatchObject([{ rule: 'CONTRACT_MISSING', severity: 'warning', status: 'open', fields: ['contract'] }]);
  });

  it('resolves a warning when the master data is fixed', async () => {
    // the credit review is a step (no plain edit clears it): recorded as never done
    await recordStates(srv, 'customers', w.customer, { credit_reviewed_at: null });
    const r = await api('POST', '/sales_orders', compliantOrder(w, 'XS-WARN-2', {}, { sale_date: '2025-06-30' }));
    expect(r.status).toBe(201);
    const line = r.body.sales_lines[0].id;
    expect((await findingsOf('sales_lines', line)).map((f) => [f.rule, f.status])).toEqual([['BUYER_CREDIT_UNREVIEWED', 'open']]);
    const reviewed = await api('POST', `/customers/${w.customer}/credit-review`, { password: FINANCE_PASSWORD, payment_rating: '良好' }, finance);
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect((await findingsOf('sales_lines', line)).map((f) => [f.rule, f.status])).toEqual([['BUYER_CREDIT_UNREVIEWED', 'resolved']]);
  });
});

describe('findings carry who and when for QA filters', () => {
  it('copies the buyer, the salesperson and the sale date onto a sales-line finding; the stats group by that month', async () => {
    const r = await api('POST', '/sales_orders', compliantOrder(w, 'XS-WARN-3', {}, { contract: null, sale_date: '2025-04-15' }));
    expect(r.status).toBe(201);
    const list = await api(
      'GET',
      `/findings?filter=${encodeURIComponent(JSON.stringify({ customer: w.customer, salesperson: w.salesperson, record_date_gte: '2025-04-01', record_date_lte: '2025-04-30' }))}`,
    );
    // April is before the buyer's credit review (today, 2025-06-30, done above): that warning fires too.
    const line = r.body.sales_lines[0].id;
    expect(list.body.map((f: { rule: string; record_id: number }) => [f.rule, f.record_id]).sort()).toEqual([
      ['BUYER_CREDIT_UNREVIEWED', line],
      ['CONTRACT_MISSING', line],
    ]);
    const stats = (await api('GET', '/system/findings-stats')).body;
    expect(stats.byMonth.find((m: { month: string }) => m.month === '2025-04')?.opened).toBe(2);
    expect(stats.byRule.find((x: { rule: string }) => x.rule === 'CONTRACT_MISSING')?.open).toBeGreaterThanOrEqual(2);
  });
});
