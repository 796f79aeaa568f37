/**
 * Nonconforming goods already sold (第四篇 一.6) over HTTP: QA marking a batch 不合格 opens the case by itself,
 * listing who received it; QA opens a recall of the chosen level (the recall flow's notices follow) or notifies
 * the customers without one; the notices are sent and confirmed by their roles; the case closes only when
 * everyone was told. Each step as the least-privileged role that can take it, refused for the others; the
 * re-check flags a case nobody decided in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { fixedDayClock } from '../../../server/clock';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { recheck } from '../../../server/services/rules/recheck';
import { createRecord } from '../../../server/services/write';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { buildWorld, compliantOrder, type World } from '../../helpers/world';
import { apiCaller } from '../api-client';

const PASSWORD = 'nonconform-pass-01';
let srv: TestServer;
let admin: string;
let qa: string;
let wh: string;
let as: string;
let sales: string;
let w: World[];
const batchIds: Record<string, number> = {};

const call = apiCaller(() => srv.url);
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
async function user(username: string, roles: string[], extra: Record<string, unknown> = {}) {
  const r = await call(admin, 'POST', '/users', { username, display_name: username, roles, password: PASSWORD, active: true, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return login(srv.url, username, PASSWORD);
}
let slipSeq = 0;
async function ship(order: number) {
  await createRecord(
    { db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' },
    registry.get('outbound_slips')!,
    {
      slip_no: `CK-N-${++slipSeq}`,
      order,
      outbound_date: '2025-06-01',
      issued_by: '孙立',
      picked_by: '孙立',
      reviewed_by: '钱敏',
      reviewed_at: '2025-06-01T02:00:00.000Z',
    },
    { historical: true },
  );
}
async function sale(i: number, no: string, batch: number, quantity: number, shipped = true) {
  const r = await call(admin, 'POST', '/sales_orders', compliantOrder(w[i], no, { product: w[0].product, batch, quantity, amount: quantity * 15 }));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (shipped) await ship(r.body.id);
}
async function markNonconforming(batch: number, who = qa) {
  const b = (await call(admin, 'GET', `/batches/${batch}`)).body;
  return call(who, 'PUT', `/batches/${batch}`, { status: 'nonconforming', version: b.version, _reason: '省药检所抽检不合格' });
}
const caseOf = async (batch: number) => (await call(admin, 'GET', `/nonconformities?filter=${q({ batch })}`)).body as Record<string, any>[];
const openFindings = async (resource: string, id: number) =>
  ((await call(admin, 'GET', `/findings?filter=${q({ resource, record_id: id })}`)).body as { rule: string; status: string }[])
    .filter((f) => f.status === 'open')
    .map((f) => f.rule);

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  w = [];
  for (const s of ['', '二', '三']) w.push(await buildWorld(srv.db, srv.clock, s));
  for (const no of ['N-A', 'N-B', 'N-C']) {
    batchIds[no] = (
      await call(admin, 'POST', '/batches', { product: w[0].product, batch_no: no, production_date: '2024-06-01', expiry_date: '2027-05-01' })
    ).body.id;
  }
  qa = await user('qa_n', ['qa']);
  wh = await user('wh_n', ['warehouse']);
  as = await user('as_n', ['after_sales']);
  sales = await user('sales_n', ['sales'], { salesperson: w[0].salesperson });
  // batch N-A: shipped to customers 0 (10 + 5) and 1 (20); an unshipped order of customer 2
  await sale(0, 'XS-N-1', batchIds['N-A'], 10);
  await sale(0, 'XS-N-2', batchIds['N-A'], 5);
  await sale(1, 'XS-N-3', batchIds['N-A'], 20);
  await sale(2, 'XS-N-4', batchIds['N-A'], 7, false);
  // batch N-B: shipped to customers 1 and 2
  await sale(1, 'XS-N-5', batchIds['N-B'], 8);
  await sale(2, 'XS-N-6', batchIds['N-B'], 4);
});
afterAll(() => srv.close());

describe('marking a batch 不合格 opens the case by itself', () => {
  it('lists who received the goods (shipped only) — QA need not remember to open anything', async () => {
    expect((await markNonconforming(batchIds['N-A'], sales)).status, 'only QA sets a batch status').toBe(403);
    const r = await markNonconforming(batchIds['N-A']);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [c] = await caseOf(batchIds['N-A']);
    expect(c).toMatchObject({
      case_no: 'BH-202506-001',
      product: w[0].product,
      found_at: '2025-06-30',
      customers_count: 2,
      quantity_sold: 35,
      decision: 'pending',
      status: 'open',
    });
    expect(c.reason).toContain('不合格');
    // marking it again (back and forth) does not open a second case while one is open
    const b = (await call(admin, 'GET', `/batches/${batchIds['N-A']}`)).body;
    expect((await call(qa, 'PUT', `/batches/${b.id}`, { status: 'quarantined', version: b.version, _reason: '复验' })).status).toBe(200);
    expect((await markNonconforming(batchIds['N-A'])).status).toBe(200);
    expect(await caseOf(batchIds['N-A'])).toHaveLength(1);
  });

  it('a new sale of the batch is refused (BATCH_BLOCKED); the sales before the finding are not flagged for it', async () => {
    const r = await call(
      admin,
      'POST',
      '/sales_orders',
      compliantOrder(w[0], 'XS-N-9', { product: w[0].product, batch: batchIds['N-A'], quantity: 1, amount: 15 }, { sale_date: '2025-06-30' }),
    );
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('BATCH_BLOCKED');
    const lines = (await call(admin, 'GET', `/sales_lines?filter=${q({ batch: batchIds['N-A'] })}`)).body as { id: number }[];
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(await openFindings('sales_lines', l.id)).not.toContain('BATCH_BLOCKED');
  });

  it('left undecided past the notice deadline, the re-check flags it (NONCONFORMING_SOLD_NOT_NOTIFIED)', async () => {
    const [c] = await caseOf(batchIds['N-A']);
    await recheck(srv.db, fixedDayClock('2025-07-01'), '2025-07-01');
    expect(await openFindings('nonconformities', c.id)).toEqual([]);
    await recheck(srv.db, fixedDayClock('2025-07-02'), '2025-07-02');
    expect(await openFindings('nonconformities', c.id)).toEqual(['NONCONFORMING_SOLD_NOT_NOTIFIED']);
  });
});

describe('QA decides: a recall of the right level', () => {
  it('only QA, signed, with a level; the recall starts with a notice per customer who received the batch', async () => {
    const [c] = await caseOf(batchIds['N-A']);
    expect((await call(wh, 'POST', `/nonconformities/${c.id}/open-recall`, { password: PASSWORD, level: '2', initiated_by: 'company' })).status).toBe(403);
    expect(
      (await call(qa, 'POST', `/nonconformities/${c.id}/open-recall`, { password: 'wrong-password-x', level: '2', initiated_by: 'company' })).status,
      'a wrong password',
    ).toBe(400);
    expect((await call(qa, 'POST', `/nonconformities/${c.id}/open-recall`, { password: PASSWORD, initiated_by: 'company' })).status).toBe(400);
    const r = await call(qa, 'POST', `/nonconformities/${c.id}/open-recall`, { password: PASSWORD, level: '2', initiated_by: 'company' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record).toMatchObject({ decision: 'recall', decided_at: '2025-06-30' });
    expect(r.body.signature.meaning).toBe('nonconformity_recall');
    const recall = (await call(admin, 'GET', `/recalls/${r.body.record.recall}`)).body;
    expect(recall).toMatchObject({ product: w[0].product, batches: ['N-A'], level: '2', initiated_by: 'company', status: 'open' });
    const notices = (await call(admin, 'GET', `/recall_notices?filter=${q({ recall: recall.id })}`)).body as { customer: number; quantity_sold: number }[];
    expect(notices.map((n) => [n.customer, n.quantity_sold]).sort()).toEqual(
      [
        [w[0].customer, 15],
        [w[1].customer, 20],
      ].sort(),
    );
    // decided: not twice, and the undecided finding is resolved
    expect((await call(qa, 'POST', `/nonconformities/${c.id}/notify-customers`, { password: PASSWORD, comment: 'x' })).status).toBe(400);
    expect(await openFindings('nonconformities', c.id)).toEqual([]);
  });

  it('the case closes only after its recall', async () => {
    const [c] = await caseOf(batchIds['N-A']);
    const early = await call(qa, 'POST', `/nonconformities/${c.id}/close`, { password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/召回 ZH-202506-\d+ 尚未结束/);
  });
});

describe('QA decides: notices without a recall', () => {
  let caseId: number;
  it('signed with the reason; a notice per customer, quantities from the shipped sales', async () => {
    expect((await markNonconforming(batchIds['N-B'])).status).toBe(200);
    const [c] = await caseOf(batchIds['N-B']);
    caseId = c.id;
    expect((await call(qa, 'POST', `/nonconformities/${c.id}/notify-customers`, { password: PASSWORD })).status, 'the reason is required').toBe(400);
    const r = await call(qa, 'POST', `/nonconformities/${c.id}/notify-customers`, { password: PASSWORD, comment: '标签印刷错误，不影响安全性，通知收回更换' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record).toMatchObject({ decision: 'notice', decision_note: '标签印刷错误，不影响安全性，通知收回更换' });
    const notices = (await call(admin, 'GET', `/nonconformity_notices?filter=${q({ nonconformity: c.id })}`)).body as {
      customer: number;
      quantity_sold: number;
    }[];
    expect(notices.map((n) => [n.customer, n.quantity_sold]).sort()).toEqual(
      [
        [w[1].customer, 8],
        [w[2].customer, 4],
      ].sort(),
    );
  });

  it('an older sale recorded later (a ledger import) is brought in by 重新核对已购客户 (QA): counts and a notice for it', async () => {
    const order = await createRecord(
      { db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' },
      registry.get('sales_orders')!,
      {
        ...compliantOrder(w[0], 'XS-N-OLD', { product: w[0].product, batch: batchIds['N-B'], quantity: 6, amount: 90 }, { sale_date: '2025-05-20' }),
      },
      { historical: true },
    );
    await ship(order.id as number);
    expect((await call(wh, 'POST', `/nonconformities/${caseId}/refresh`, {})).status).toBe(403);
    const r = await call(qa, 'POST', `/nonconformities/${caseId}/refresh`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record).toMatchObject({ customers_count: 3, quantity_sold: 18 });
    const notices = (await call(admin, 'GET', `/nonconformity_notices?filter=${q({ nonconformity: caseId })}`)).body as {
      customer: number;
      quantity_sold: number;
    }[];
    expect(notices.map((n) => [n.customer, n.quantity_sold]).sort()).toEqual(
      [
        [w[0].customer, 6],
        [w[1].customer, 8],
        [w[2].customer, 4],
      ].sort(),
    );
  });

  it('each notice: notified by the warehouse or after-sales (not sales), acknowledged; the case closes when all are done', async () => {
    const notices = (await call(admin, 'GET', `/nonconformity_notices?filter=${q({ nonconformity: caseId })}`)).body as { id: number }[];
    const [a, b, c] = notices;
    expect((await call(sales, 'POST', `/nonconformity_notices/${a.id}/notify`, { method: 'phone' })).status).toBe(403);
    expect((await call(wh, 'POST', `/nonconformity_notices/${a.id}/acknowledge`, {})).status, 'not notified yet').toBe(400);
    expect((await call(wh, 'POST', `/nonconformity_notices/${a.id}/notify`, {})).status, 'the method is required').toBe(400);
    expect((await call(wh, 'POST', `/nonconformity_notices/${a.id}/notify`, { method: 'phone', notified_at: '2025-06-01' })).status, 'before the finding').toBe(
      400,
    );
    const n = await call(wh, 'POST', `/nonconformity_notices/${a.id}/notify`, { method: 'phone' });
    expect(n.status, JSON.stringify(n.body)).toBe(200);
    expect(n.body.record).toMatchObject({ notified_at: '2025-06-30', method: 'phone' });
    expect((await call(as, 'POST', `/nonconformity_notices/${a.id}/acknowledge`, {})).status).toBe(200);
    const early = await call(qa, 'POST', `/nonconformities/${caseId}/close`, { password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/未通知/);
    expect((await call(as, 'POST', `/nonconformity_notices/${b.id}/notify`, { method: 'letter' })).status).toBe(200);
    expect((await call(as, 'POST', `/nonconformity_notices/${b.id}/acknowledge`, {})).status).toBe(200);
    expect((await call(as, 'POST', `/nonconformity_notices/${c.id}/notify`, { method: 'fax' })).status).toBe(200);
    expect((await call(as, 'POST', `/nonconformity_notices/${c.id}/acknowledge`, {})).status).toBe(200);
    expect((await call(as, 'POST', `/nonconformities/${caseId}/close`, { password: PASSWORD })).status, "closing is QA's").toBe(403);
    const closed = await call(qa, 'POST', `/nonconformities/${caseId}/close`, { password: PASSWORD });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.record.status).toBe('closed');
    expect((await call(as, 'POST', `/nonconformity_notices/${b.id}/notify`, { method: 'letter' })).status).toBe(400);
  });
});

describe('a case entered by hand', () => {
  it('QA records one for a batch nobody bought: the batch is marked 不合格, nothing to tell, it closes at once; decisions are never typed in', async () => {
    expect((await call(as, 'POST', '/nonconformities', { batch: batchIds['N-C'], reason: '药监部门通知不合格' })).status).toBe(403);
    expect((await call(qa, 'POST', '/nonconformities', { batch: batchIds['N-C'], reason: '药监部门通知不合格', decision: 'notice' })).status).toBe(400);
    const r = await call(qa, 'POST', '/nonconformities', { batch: batchIds['N-C'], reason: '药监部门通知不合格（2025年第12期）' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ customers_count: 0, quantity_sold: 0, decision: 'pending', found_at: '2025-06-30' });
    expect((await call(admin, 'GET', `/batches/${batchIds['N-C']}`)).body.status).toBe('nonconforming');
    expect(await caseOf(batchIds['N-C'])).toHaveLength(1);
    expect((await call(qa, 'POST', `/nonconformities/${r.body.id}/close`, { password: PASSWORD })).status).toBe(200);
  });
});
