/**
 * The after-sales flow over HTTP: the service points' monthly visit plan; a complaint numbered, investigated,
 * handled, reported to QA, followed up and closed (signed); a quality feedback form reported and handled by
 * QA; an adverse reaction forwarded to QA (its finding resolves) and reported to the regulator. Each step by
 * its roles, each out-of-order step refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { buildWorld, type World } from '../../helpers/world';
import { apiCaller } from '../api-client';

const PASSWORD = 'aftersales-pass-01';
let srv: TestServer;
let admin: string;
let as: string;
let qa: string;
let sales: string;
let wh: string;
let w: World[];

const call = apiCaller(() => srv.url);
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const openFindings = async (resource: string, id: number) =>
  ((await call(admin, 'GET', `/findings?filter=${q({ resource, record_id: id })}`)).body as { rule: string; status: string }[])
    .filter((f) => f.status === 'open')
    .map((f) => f.rule);

async function user(username: string, roles: string[], extra: Record<string, unknown> = {}) {
  const r = await call(admin, 'POST', '/users', { username, display_name: username, roles, password: PASSWORD, active: true, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return login(srv.url, username, PASSWORD);
}

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  w = [];
  for (const s of ['', '二', '三']) w.push(await buildWorld(srv.db, srv.clock, s));
  as = await user('as_a', ['after_sales']);
  qa = await user('qa_a', ['qa']);
  sales = await user('sales_a', ['sales'], { salesperson: w[0].salesperson });
  wh = await user('wh_a', ['warehouse']);
});
afterAll(() => srv.close());

describe("the service points' monthly visit plan", () => {
  it('shows per month which service points were visited (on site), which are due and which are overdue', async () => {
    for (const i of [0, 1]) {
      const c = (await call(admin, 'GET', `/customers/${w[i].customer}`)).body;
      expect((await call(admin, 'PUT', `/customers/${c.id}`, { ...c, service_point: true, _reason: '定为定点服务单位' })).status).toBe(200);
    }
    const visit = async (date: string, kind: string) => {
      const r = await call(as, 'POST', '/visits', { customer: w[0].customer, visit_date: date, kind, staff: '刘敏', opinions: '无异常' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };
    const june = await visit('2025-06-05', 'scheduled');
    await visit('2025-05-10', 'phone');
    const april = await visit('2025-04-12', 'maintenance');

    const plan = await call(as, 'GET', '/workflows/aftersales/visit-plan');
    expect(plan.status).toBe(200);
    expect(plan.body.months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    const row = (i: number) => plan.body.rows.find((r: { customer: number }) => r.customer === w[i].customer);
    expect(plan.body.rows).toHaveLength(2); // customer 2 is not a service point
    expect(row(0).months.map((m: { state: string }) => m.state)).toEqual(['overdue', 'overdue', 'overdue', 'visited', 'overdue', 'visited']);
    expect(row(0).months[3].visits.map((v: { id: number }) => v.id)).toEqual([april]);
    expect(row(0).months[5].visits.map((v: { id: number }) => v.id)).toEqual([june]);
    expect(row(0).months[4].visits[0]).toMatchObject({ kind: 'phone', on_site: false }); // a call is not the month's visit
    expect(row(1).months.map((m: { state: string }) => m.state)).toEqual(['overdue', 'overdue', 'overdue', 'overdue', 'overdue', 'due']);
    expect(plan.body.totals).toEqual({ visited: 2, due: 1, overdue: 9 });
    expect((await call(as, 'GET', '/workflows/aftersales/visit-plan?months=12')).body.months).toHaveLength(12);
    expect((await call(as, 'GET', '/workflows/aftersales/visit-plan?months=0')).status).toBe(400);
  });
});

describe('a complaint from receipt to closing', () => {
  let id: number;
  const complaint = { channel: 'phone', received_at: '2025-06-20', description: '胶囊有破损、粘连' };

  it('is numbered TS-YYYYMM-NNN when the number is left empty', async () => {
    const body = { ...complaint, customer: w[0].customer, product: w[0].product, batch: w[0].batch };
    const a = await call(as, 'POST', '/complaints', body);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ complaint_no: 'TS-202506-001', status: 'open' });
    const b = await call(sales, 'POST', '/complaints', { ...body, complaint_no: '', received_at: '2025-05-03' });
    expect(b.body.complaint_no).toBe('TS-202505-001');
    const c = await call(as, 'POST', '/complaints', { ...body, complaint_no: 'TS-OWN-7' });
    expect(c.body.complaint_no).toBe('TS-OWN-7');
    id = a.body.id;
  });

  it('cannot be closed before investigation, measures and feedback; nor handled before it is investigated', async () => {
    const early = await call(qa, 'POST', `/complaints/${id}/close`, { password: PASSWORD });
    expect(early.status).toBe(400);
    expect(early.body.error ?? early.body.message).toMatch(/调查与评估/);
    expect((await call(as, 'POST', `/complaints/${id}/handle`, { measures: '换货' })).status).toBe(400);
  });

  it('a salesperson reports it to QA but may not investigate it', async () => {
    expect((await call(sales, 'POST', `/complaints/${id}/investigate`, { investigation: 'x' })).status).toBe(403);
    const r = await call(sales, 'POST', `/complaints/${id}/report-qa`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record.reported_to_qa_at).toBe('2025-06-30');
    expect((await call(sales, 'POST', `/complaints/${id}/report-qa`, {})).status).toBe(400); // once
  });

  it('investigation → measures and feedback → follow-up → closed (signed by QA)', async () => {
    expect((await call(as, 'POST', `/complaints/${id}/investigate`, {})).status).toBe(400); // the text is required
    const inv = await call(as, 'POST', `/complaints/${id}/investigate`, { investigation: '运输途中挤压，同批留样正常' });
    expect(inv.body.record).toMatchObject({ status: 'investigating', investigation: '运输途中挤压，同批留样正常' });
    const bad = await call(as, 'POST', `/complaints/${id}/handle`, { measures: '换货', feedback_at: '2025-06-10' }); // before receipt
    expect(bad.status).toBe(400);
    const h = await call(as, 'POST', `/complaints/${id}/handle`, { measures: '为客户换货并加强包装', feedback_at: '2025-06-25' });
    expect(h.body.record).toMatchObject({ status: 'handled', measures: '为客户换货并加强包装', feedback_at: '2025-06-25' });
    const f = await call(as, 'POST', `/complaints/${id}/follow-up`, { follow_up: '7 月回访，客户满意' });
    expect(f.body.record.follow_up).toBe('7 月回访，客户满意');
    expect((await call(wh, 'POST', `/complaints/${id}/close`, { password: PASSWORD })).status).toBe(403);
    const closed = await call(qa, 'POST', `/complaints/${id}/close`, { password: PASSWORD });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.record.status).toBe('closed');
    expect(closed.body.signature.meaning).toBe('close_complaint');
  });

  it('is archived by product', async () => {
    const list = (await call(qa, 'GET', `/complaints?filter=${q({ product: w[0].product })}`)).body;
    expect(list.map((c: { complaint_no: string }) => c.complaint_no).sort()).toEqual(['TS-202505-001', 'TS-202506-001', 'TS-OWN-7']);
  });
});

describe('a quality feedback form', () => {
  it('is reported to QA and leadership, handled by QA, then closed (signed)', async () => {
    const made = await call(as, 'POST', '/quality_feedback', {
      source: 'customer',
      customer: w[1].customer,
      product: w[0].product,
      description: '药品包装标签印刷模糊',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ form_no: 'ZL-202506-001', status: 'open' });
    const id = made.body.id;
    expect((await call(qa, 'POST', `/quality_feedback/${id}/handle`, { analysis: 'a', handling: 'b' })).status).toBe(400); // not reported yet
    const rep = await call(as, 'POST', `/quality_feedback/${id}/report`, {});
    expect(rep.body.record).toMatchObject({ status: 'reported', reported_at: '2025-06-30' });
    expect((await call(as, 'POST', `/quality_feedback/${id}/handle`, { analysis: 'a', handling: 'b' })).status).toBe(403);
    expect((await call(qa, 'POST', `/quality_feedback/${id}/close`, { password: PASSWORD })).status).toBe(400); // not handled
    const h = await call(qa, 'POST', `/quality_feedback/${id}/handle`, { analysis: '印刷批次问题', handling: '通知生产企业，更换标签' });
    expect(h.body.record).toMatchObject({ status: 'handled', analysis: '印刷批次问题' });
    const c = await call(qa, 'POST', `/quality_feedback/${id}/close`, { password: PASSWORD });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.record.status).toBe('closed');
    expect(c.body.signature.meaning).toBe('close_quality_feedback');
  });
});

describe('an adverse-reaction report', () => {
  it('is forwarded to QA (ADR_NOT_FORWARDED resolves), then QA reports it to the regulator', async () => {
    const made = await call(as, 'POST', '/adverse_reactions', {
      customer: w[0].customer,
      product: w[0].product,
      batch: w[0].batch,
      patient: '女 42岁',
      reaction: '服药后全身皮疹',
      severity: 'general',
      received_at: '2025-06-01',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id;
    expect(await openFindings('adverse_reactions', id)).toEqual(['ADR_NOT_FORWARDED']);
    expect((await call(qa, 'POST', `/adverse_reactions/${id}/report-regulator`, { password: PASSWORD })).status).toBe(400); // not forwarded
    expect((await call(wh, 'POST', `/adverse_reactions/${id}/forward`, {})).status).toBe(403);
    const fw = await call(as, 'POST', `/adverse_reactions/${id}/forward`, { forwarded_to_qa_at: '2025-06-05' });
    expect(fw.status, JSON.stringify(fw.body)).toBe(200);
    expect(fw.body.record.forwarded_to_qa_at).toBe('2025-06-05');
    expect(await openFindings('adverse_reactions', id)).toEqual([]);
    expect((await call(as, 'POST', `/adverse_reactions/${id}/report-regulator`, { password: PASSWORD })).status).toBe(403);
    const rep = await call(qa, 'POST', `/adverse_reactions/${id}/report-regulator`, { password: PASSWORD });
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    expect(rep.body.record.reported_at).toBe('2025-06-30');
  });
});
