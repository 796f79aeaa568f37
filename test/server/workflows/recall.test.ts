/**
 * The recall flow over HTTP: QA creating a recall starts it — notices for exactly the customers who received
 * the batches (quantities derived on the server), the batches blocked for sale — then each notice is
 * notified, acknowledged and its returns recorded, and QA closes it (signed) only when every customer confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { registry } from '../../../schema/resources';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { createRecord } from '../../../server/services/write';
import { buildWorld, compliantOrder, type World } from '../../helpers/world';
import { apiCaller } from '../api-client';

const PASSWORD = 'recall-pass-0001';
let srv: TestServer;
let admin: string;
let qa: string;
let wh: string;
let sales: string;
let auditor: string;
let w: World[];
let otherBatch: number;

const call = apiCaller(() => srv.url);
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const findings = async (resource: string, id: number) =>
  (await call(admin, 'GET', `/findings?filter=${q({ resource, record_id: id })}`)).body as { rule: string; status: string }[];

async function user(username: string, roles: string[], extra: Record<string, unknown> = {}) {
  const r = await call(admin, 'POST', '/users', { username, display_name: username, roles, password: PASSWORD, active: true, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return login(srv.url, username, PASSWORD);
}

/** The order's goods left: a reviewed slip (as the legacy ledger records it). Only shipped goods are recalled from a customer. */
let slipSeq = 0;
async function ship(order: number, date = '2025-06-01') {
  await createRecord(
    { db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' },
    registry.get('outbound_slips')!,
    {
      slip_no: `CK-R-${++slipSeq}`,
      order,
      outbound_date: date,
      issued_by: '孙立',
      picked_by: '孙立',
      reviewed_by: '钱敏',
      reviewed_at: `${date}T10:00:00.000Z`,
    },
    { historical: true },
  );
}

/** Sales (shipped) of batch 00581 of world 0's product to customers 0..2 (15, 20, 7) and of another batch to customer 3. */
async function sell() {
  const sale = async (i: number, no: string, quantity: number, batch = w[0].batch) => {
    const r = await call(admin, 'POST', '/sales_orders', compliantOrder(w[i], no, { product: w[0].product, batch, quantity, amount: quantity * 15 }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await ship(r.body.id);
    return r.body;
  };
  await sale(0, 'XS-R-1', 10);
  await sale(0, 'XS-R-2', 5);
  await sale(1, 'XS-R-3', 20);
  await sale(2, 'XS-R-4', 7);
  await sale(3, 'XS-R-5', 30, otherBatch);
  const voided = await call(admin, 'POST', '/sales_orders', compliantOrder(w[1], 'XS-R-6', { quantity: 100, amount: 1500 }));
  expect((await call(admin, 'DELETE', `/sales_orders/${voided.body.id}`, { reason: '录入错误' })).status, 'voided before shipment').toBe(200);
}

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  w = [];
  for (const s of ['', '二', '三', '四']) w.push(await buildWorld(srv.db, srv.clock, s));
  otherBatch = (await call(admin, 'POST', '/batches', { product: w[0].product, batch_no: '00582', production_date: '2024-06-01', expiry_date: '2027-05-01' }))
    .body.id;
  qa = await user('qa_r', ['qa']);
  wh = await user('wh_r', ['warehouse']);
  sales = await user('sales_r', ['sales'], { salesperson: w[0].salesperson });
  auditor = await user('aud_r', ['auditor']);
  await sell();
});
afterAll(() => srv.close());

const recallBody = (extra: Record<string, unknown> = {}) => ({
  product: w[0].product,
  batches: ['00581'],
  level: '2',
  initiated_by: 'company',
  reason: '多家客户投诉胶囊变色，质管部评估后召回',
  ...extra,
});

describe('starting a recall', () => {
  let recall: { id: number; recall_no: string; started_at: string; status: string };

  it('only QA (or admin) may start one', async () => {
    const r = await call(sales, 'POST', '/recalls', recallBody());
    expect(r.status).toBe(403);
  });

  it('lists exactly the customers who received the batch, with the quantities sold, and creates their notices', async () => {
    const r = await call(qa, 'POST', '/recalls', recallBody());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    recall = r.body;
    expect(recall).toMatchObject({ recall_no: 'ZH-202506-001', started_at: '2025-06-30', status: 'open' });

    const view = await call(qa, 'GET', `/workflows/recalls/${recall.id}/customers`);
    expect(view.status).toBe(200);
    const got = view.body.customers.map((c: { customer: number; quantity_sold: number }) => [c.customer, c.quantity_sold]);
    expect(got).toEqual([
      [w[1].customer, 20],
      [w[0].customer, 15],
      [w[2].customer, 7],
    ]);
    expect(view.body.totals).toMatchObject({ customers: 3, quantity_sold: 42, not_notified: 3 });
    const first = view.body.customers.find((c: { customer: number }) => c.customer === w[0].customer);
    expect(first.state).toBe('not_notified');
    expect(first.contacts.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['杨海燕', '王超', '李娜']));

    const notices = (await call(qa, 'GET', `/recall_notices?filter=${q({ recall: recall.id })}`)).body;
    expect(notices.map((n: { customer: number; quantity_sold: number }) => [n.customer, n.quantity_sold]).sort()).toEqual(
      [
        [w[0].customer, 15],
        [w[1].customer, 20],
        [w[2].customer, 7],
      ].sort(),
    );
    expect((await call(qa, 'GET', `/batches/${w[0].batch}`)).body.status).toBe('recalled');
    expect((await call(qa, 'GET', `/batches/${otherBatch}`)).body.status).toBe('qualified');
  });

  it('refuses a new sale of the recalled batch with BATCH_BLOCKED on the line batch, and still sells the other batch', async () => {
    const refused = await call(sales, 'POST', '/sales_orders', compliantOrder(w[0], 'XS-R-NEW', { sale_date: '2025-06-30' }, { sale_date: '2025-06-30' }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors['sales_lines.0.batch']).toMatch(/^\[BATCH_BLOCKED\].*召回/);
    expect((await call(admin, 'GET', `/sales_orders?filter=${q({ order_no: 'XS-R-NEW' })}`)).body).toEqual([]);
    const ok = await call(sales, 'POST', '/sales_orders', compliantOrder(w[0], 'XS-R-OK', { batch: otherBatch }, { sale_date: '2025-06-30' }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    await ship(ok.body.id, '2025-06-30');
  });

  it('derives quantity_sold on the server: a client value is never taken', async () => {
    const made = await call(qa, 'POST', '/recall_notices', { recall: recall.id, customer: w[3].customer, quantity_sold: 999 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.quantity_sold).toBe(0); // customer 3 bought only the other batch
    const n = (await call(qa, 'GET', `/recall_notices?filter=${q({ recall: recall.id, customer: w[0].customer })}`)).body[0];
    const edited = await call(wh, 'PUT', `/recall_notices/${n.id}`, { ...n, quantity_sold: 1 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.quantity_sold).toBe(15);
    expect((await call(qa, 'DELETE', `/recall_notices/${made.body.id}`, { reason: '该客户未购进召回批号' })).status).toBe(200);
  });

  it('an auditor reads the affected customers; the view needs a valid recall', async () => {
    expect((await call(auditor, 'GET', `/workflows/recalls/${recall.id}/customers`)).status).toBe(200);
    expect((await call(auditor, 'GET', '/workflows/recalls/99999/customers')).status).toBe(404);
  });
});

describe('notices and closing', () => {
  let recall: { id: number };
  let notices: { id: number; customer: number; quantity_sold: number }[];
  const noticeOf = (i: number) => notices.find((n) => n.customer === w[i].customer)!;

  beforeAll(async () => {
    // Started by the manufacturer on 06-25 and entered today: every customer is already overdue.
    const r = await call(qa, 'POST', '/recalls', {
      ...recallBody({ batches: ['00582'], initiated_by: 'manufacturer' }),
      recall_no: 'ZH-MFR-1',
      started_at: '2025-06-25',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    recall = r.body;
    notices = (await call(qa, 'GET', `/recall_notices?filter=${q({ recall: recall.id })}`)).body;
  });

  it("covers every customer of the other batch, including the sale made after the manufacturer's start, which becomes a finding", async () => {
    const got = notices.map((n) => [n.customer, n.quantity_sold]).sort((a, b) => a[0] - b[0]);
    expect(got).toEqual(
      [
        [w[0].customer, 10],
        [w[3].customer, 30],
      ].sort((a, b) => a[0] - b[0]),
    );
    const late = (await call(admin, 'GET', `/sales_orders?filter=${q({ order_no: 'XS-R-OK' })}`)).body[0];
    const lineId = (await call(admin, 'GET', `/sales_orders/${late.id}`)).body.sales_lines[0].id;
    expect((await findings('sales_lines', lineId)).map((f) => f.rule)).toContain('BATCH_BLOCKED');
  });

  it('RECALL_NOT_NOTIFIED is open, and resolves when the notice is recorded as sent in time', async () => {
    const n = noticeOf(3);
    expect((await findings('recall_notices', n.id)).filter((f) => f.status === 'open').map((f) => f.rule)).toEqual(['RECALL_NOT_NOTIFIED']);
    const noMethod = await call(wh, 'POST', `/recall_notices/${n.id}/notify`, {});
    expect(noMethod.status).toBe(400);
    expect(noMethod.body.errors.method).toBeTruthy();
    const sent = await call(wh, 'POST', `/recall_notices/${n.id}/notify`, { method: 'phone', notified_at: '2025-06-26' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.record).toMatchObject({ notified_at: '2025-06-26', method: 'phone' });
    expect((await findings('recall_notices', n.id)).filter((f) => f.status === 'open')).toEqual([]);
  });

  it("a wrong role cannot record a notification, nor a salesperson for another's customer; acknowledgement needs a notification first", async () => {
    const n = noticeOf(0);
    expect((await call(auditor, 'POST', `/recall_notices/${n.id}/notify`, { method: 'phone' })).status).toBe(403);
    const other = await call(sales, 'POST', `/recall_notices/${noticeOf(3).id}/acknowledge`, {});
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('不是您本人销售的客户');
    const early = await call(wh, 'POST', `/recall_notices/${n.id}/acknowledge`, {});
    expect(early.status).toBe(400);
  });

  it('returned quantity: up to the quantity sold, refused above it (by the step and by a plain edit)', async () => {
    const n = noticeOf(3);
    const over = await call(wh, 'POST', `/recall_notices/${n.id}/record-return`, { quantity_returned: 31 });
    expect(over.status).toBe(400);
    expect(over.body.errors.quantity_returned).toMatch(/不能超过销售数量（30）/);
    const ok = await call(wh, 'POST', `/recall_notices/${n.id}/record-return`, { quantity_returned: 30 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record.quantity_returned).toBe(30);
    const cur = (await call(wh, 'GET', `/recall_notices/${n.id}`)).body;
    const edit = await call(wh, 'PUT', `/recall_notices/${n.id}`, { ...cur, quantity_returned: 45 });
    expect(edit.status).toBe(400);
    expect(edit.body.errors.quantity_returned).toBeTruthy();
  });

  it('QA closes only when every customer is notified and acknowledged (signed), else is told who is missing', async () => {
    const early = await call(qa, 'POST', `/recalls/${recall.id}/close`, { password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.body.error ?? early.body.message).toMatch(
      /武汉市康泰医药有限公司（未通知）.*武汉市康泰医药有限公司四（未确认）|武汉市康泰医药有限公司四（未确认）.*武汉市康泰医药有限公司（未通知）/,
    );
    expect((await call(wh, 'POST', `/recall_notices/${noticeOf(3).id}/acknowledge`, { acknowledged_at: '2025-06-27' })).status).toBe(200);
    const n0 = noticeOf(0);
    // 第二篇 3.14: the salesperson tells their own customer
    expect((await call(sales, 'POST', `/recall_notices/${n0.id}/notify`, { method: 'fax' })).status).toBe(200);
    expect((await findings('recall_notices', n0.id)).filter((f) => f.status === 'open').map((f) => f.rule)).toEqual(['RECALL_NOT_NOTIFIED']); // told late
    expect((await call(wh, 'POST', `/recall_notices/${n0.id}/acknowledge`, {})).status).toBe(200);
    expect((await call(wh, 'POST', `/recalls/${recall.id}/close`, { password: PASSWORD })).status).toBe(403);
    expect((await call(qa, 'POST', `/recalls/${recall.id}/close`, { password: 'wrong-password' })).status).toBe(400);
    const closed = await call(qa, 'POST', `/recalls/${recall.id}/close`, { password: PASSWORD, comment: '全部客户已确认' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.record.status).toBe('closed');
    expect(closed.body.signature).toMatchObject({ meaning: 'close_recall', signer_name: 'qa_r' });
    const after = await call(wh, 'POST', `/recall_notices/${noticeOf(3).id}/record-return`, { quantity_returned: 1 });
    expect(after.status).toBe(400);
  });
});

describe('voiding a recall', () => {
  it('hands the batches it blocked back to QA as quarantined, except those another open recall still covers', async () => {
    const batch = async (no: string) =>
      (await call(admin, 'POST', '/batches', { product: w[0].product, batch_no: no, production_date: '2024-07-01', expiry_date: '2027-06-01' })).body
        .id as number;
    const b3 = await batch('00583');
    const b4 = await batch('00584');
    const a = (await call(qa, 'POST', '/recalls', recallBody({ batches: ['00583', '00584'], recall_no: 'ZH-VOID-A' }))).body;
    expect((await call(qa, 'POST', '/recalls', recallBody({ batches: ['00584'], recall_no: 'ZH-VOID-B' }))).status).toBe(201);
    expect((await call(qa, 'GET', `/batches/${b3}`)).body.status).toBe('recalled');

    expect((await call(qa, 'DELETE', `/recalls/${a.id}`, { reason: '批号录入错误' })).status).toBe(200);
    const released = (await call(qa, 'GET', `/batches/${b3}`)).body;
    expect(released.status).toBe('quarantined'); // not saleable until QA releases it
    expect((await call(qa, 'GET', `/batches/${b4}`)).body.status).toBe('recalled');
    const history = (await call(admin, 'GET', `/audit_log?filter=${q({ resource: 'batches', record_id: b3 })}&sort=${q(['id', 'DESC'])}`)).body;
    expect(history[0].reason).toContain('ZH-VOID-A');
  });
});
