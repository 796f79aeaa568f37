/**
 * Issue #14's after-sales records over HTTP, each as the least-privileged role that keeps it: deliveries with the
 * cold-chain temperature record (the slip's receipt reads it; a reviewed slip stays frozen); numbered, printable
 * replies; service promises fulfilled by their step and flagged when late; follow-up plans met by the visits of
 * their customer and product; supplier quality agreements with the device repair clause, and the repair route of
 * a device complaint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { fixedDayClock } from '../../../server/clock';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { recheck } from '../../../server/services/rules/recheck';
import { createRecord } from '../../../server/services/write';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { pdfText } from '../../helpers/pdf-text';
import { buildWorld, compliantOrder, type World } from '../../helpers/world';

const PASSWORD = 'records-pass-0001';
let srv: TestServer;
let admin: string;
const as: Record<string, string> = {};
let w: World;
let other: World;
const ids: Record<string, number> = {};

async function call(who: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${srv.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: as[who] ?? who },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const openFindings = async (resource: string, id: number) =>
  ((await call(admin, 'GET', `/findings?filter=${q({ resource, record_id: id })}`)).body as { rule: string; status: string }[])
    .filter((f) => f.status === 'open')
    .map((f) => f.rule)
    .sort();
const legacy = async (resource: string, values: Record<string, unknown>) =>
  (await createRecord({ db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' }, registry.get(resource)!, values, { historical: true })).id as number;

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  admin = await login(srv.url);
  w = await buildWorld(srv.db, srv.clock);
  other = await buildWorld(srv.db, srv.clock, '乙');
  for (const [name, roles, extra] of [
    ['sales', ['sales'], { salesperson: w.salesperson }],
    ['warehouse', ['warehouse']],
    ['after_sales', ['after_sales']],
    ['qa', ['qa']],
    ['office', ['office']],
    ['finance', ['finance']],
    ['auditor', ['auditor']],
  ] as [string, string[], Record<string, unknown>?][]) {
    const r = await call(admin, 'POST', '/users', { username: `r_${name}`, display_name: name, roles, password: PASSWORD, active: true, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    as[name] = await login(srv.url, `r_${name}`, PASSWORD);
  }
  // a refrigerated product sold to the cold-chain buyer, shipped on a reviewed slip whose receipt was confirmed
  ids.cold = await legacy('products', {
    kind: 'drug',
    generic_name: '人血白蛋白',
    dosage_form: '注射剂',
    spec: '10g(20%,50ml)',
    unit: '瓶',
    manufacturer: '华兰生物工程股份有限公司',
    approval_no: '国药准字S10970069',
    scope_category: '生物制品',
    storage: 'cold',
    price_cap: 480,
    qa_status: 'approved',
  });
  const batch = await legacy('batches', { product: ids.cold, batch_no: 'A2405', production_date: '2024-05-01', expiry_date: '2027-04-30' });
  ids.order = (
    await call(admin, 'POST', '/sales_orders', compliantOrder(w, 'XS-C-1', { product: ids.cold, batch, quantity: 5, unit_price: 400, amount: 2000 }))
  ).body.id;
  ids.slip = await legacy('outbound_slips', {
    slip_no: 'CK-C-1',
    order: ids.order,
    outbound_date: '2025-06-20',
    issued_by: '王开票',
    picked_by: '孙立',
    reviewed_by: '钱敏',
    reviewed_at: '2025-06-20T02:00:00.000Z',
    receipt_confirmed_at: '2025-06-22',
  });
  ids.plainOrder = (await call(admin, 'POST', '/sales_orders', compliantOrder(w, 'XS-C-2'))).body.id;
  ids.plainSlip = await legacy('outbound_slips', {
    slip_no: 'CK-C-2',
    order: ids.plainOrder,
    outbound_date: '2025-06-21',
    issued_by: '王开票',
    picked_by: '孙立',
  });
}, 60_000);
afterAll(async () => {
  await srv?.close();
});

describe('delivery and transport (第五篇 5.4, 第二篇 3.5)', () => {
  const trip = {
    carrier: '武汉顺达医药物流有限公司',
    vehicle_no: '鄂A·C3721',
    driver: '周建国',
    driver_phone: '13986001234',
    departed_at: '2025-06-20T01:30:00.000Z',
  };

  it('a cold-chain slip received without a delivery temperature record is flagged on the slip', async () => {
    expect(await openFindings('outbound_slips', ids.slip)).toEqual(['COLD_CHAIN_DELIVERY_UNRECORDED']);
  });

  it('the warehouse records the trip of a reviewed (frozen) slip as its own record: consignee and cold chain derived', async () => {
    expect((await call('sales', 'POST', '/deliveries', { ...trip, slip: ids.slip })).status, 'sales reads deliveries only').toBe(403);
    const r = await call('warehouse', 'POST', '/deliveries', {
      ...trip,
      slip: ids.slip,
      cold_chain: false,
      customer: other.customer,
      temp_recorder: 'TL-0093',
      temp_start: 4.2,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ customer: w.customer, cold_chain: true });
    ids.delivery = r.body.id;
    // the slip itself stays as reviewed: not a field of it changed
    expect((await call(admin, 'GET', `/outbound_slips/${ids.slip}`)).body.version).toBe(1);
  });

  it('arrival before departure is refused; arrival without the temperatures is refused (DELIVERY_TEMPERATURE_MISSING)', async () => {
    const d = (await call(admin, 'GET', `/deliveries/${ids.delivery}`)).body;
    const early = await call('warehouse', 'PUT', `/deliveries/${d.id}`, { version: d.version, arrived_at: '2025-06-19T08:00:00.000Z' });
    expect(early.status).toBe(400);
    expect(early.body.errors.arrived_at).toContain('不能早于');
    const missing = await call('warehouse', 'PUT', `/deliveries/${d.id}`, { version: d.version, arrived_at: '2025-06-20T06:00:00.000Z' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.temp_end).toContain('[DELIVERY_TEMPERATURE_MISSING]');
  });

  it("arrival with temperatures in range: saved, and the slip's receipt now refers to it (finding resolved)", async () => {
    const d = (await call(admin, 'GET', `/deliveries/${ids.delivery}`)).body;
    const r = await call('warehouse', 'PUT', `/deliveries/${d.id}`, {
      version: d.version,
      arrived_at: '2025-06-20T06:00:00.000Z',
      temp_end: 5.1,
      temp_min: 3.8,
      temp_max: 6.9,
      packaging: 'intact',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await openFindings('deliveries', d.id)).toEqual([]);
    expect(await openFindings('outbound_slips', ids.slip)).toEqual([]);
    const tab = (await call('sales', 'GET', `/deliveries?filter=${q({ slip: ids.slip })}`)).body;
    expect(tab.map((x: { id: number }) => x.id)).toEqual([d.id]);
  });

  it('a temperature excursion is saved and becomes a finding for QA (DELIVERY_TEMPERATURE_EXCURSION)', async () => {
    const r = await call('warehouse', 'POST', '/deliveries', {
      ...trip,
      slip: ids.slip,
      arrived_at: '2025-06-20T07:00:00.000Z',
      temp_start: 4,
      temp_end: 9,
      temp_min: 4,
      temp_max: 12.5,
      excursion_note: '途中冷机故障 40 分钟',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await openFindings('deliveries', r.body.id)).toEqual(['DELIVERY_TEMPERATURE_EXCURSION']);
  });

  it('room-temperature goods need no temperatures', async () => {
    const r = await call('warehouse', 'POST', '/deliveries', {
      ...trip,
      slip: ids.plainSlip,
      arrived_at: '2025-06-21T06:00:00.000Z',
      packaging: 'damaged',
      packaging_note: '外箱一角压损',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.cold_chain).toBe(false);
    expect(await openFindings('deliveries', r.body.id)).toEqual([]);
  });
});

describe('numbered replies (第三篇 六)', () => {
  it("after-sales replies to a complaint: FH-YYYYMM-NNN, filed under the complaint's product; the customer must be the complaint's", async () => {
    ids.complaint = (
      await call('after_sales', 'POST', '/complaints', {
        customer: w.customer,
        channel: 'letter',
        received_at: '2025-06-10',
        product: w.product,
        description: '来函反映外包装破损',
      })
    ).body.id;
    expect((await call('warehouse', 'POST', '/replies', { customer: w.customer, subject: 'x', content: 'y', replied_by: 'z' })).status).toBe(403);
    const wrong = await call('after_sales', 'POST', '/replies', {
      customer: other.customer,
      complaint: ids.complaint,
      subject: '外包装破损',
      content: '已换货',
      replied_by: '郑售后',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.customer).toContain('TS-202506-001');
    const r = await call('after_sales', 'POST', '/replies', {
      customer: w.customer,
      complaint: ids.complaint,
      letter_no: 'KT-2025-031',
      letter_date: '2025-06-09',
      subject: '关于阿莫西林胶囊外包装破损',
      content: '经查系运输途中挤压所致，已于 6 月 12 日为贵单位换货，并要求承运方加强防护。',
      method: 'letter',
      replied_by: '郑售后',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ reply_no: 'FH-202506-001', reply_date: '2025-06-30', product: w.product });
    ids.reply = r.body.id;
    const second = await call('sales', 'POST', '/replies', {
      customer: w.customer,
      subject: '关于发票开具时间的询问',
      content: '出库后 3 个工作日内开具。',
      replied_by: '高刚',
      reply_date: '2025-05-20',
    });
    expect(second.body.reply_no).toBe('FH-202505-001');
    expect((await call(admin, 'GET', `/replies?filter=${q({ complaint: ids.complaint })}`)).body).toHaveLength(1);
  });

  it('prints as a 复函 with its number, the letter it answers, the complaint, the product and the reply', async () => {
    const res = await fetch(`${srv.url}/api/workflows/documents/reply-letter/${ids.reply}/pdf`, { headers: { cookie: as.auditor } });
    expect(res.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, '');
    for (const s of [
      '复函',
      'FH-202506-001',
      'KT-2025-031',
      'TS-202506-001',
      '武汉市康泰医药有限公司',
      '阿莫西林胶囊',
      '外包装破损',
      '已于6月12日为贵单位换货',
      '郑售后',
      '2025年6月30日',
    ]) {
      expect(text, s).toContain(s);
    }
  }, 60_000);
});

describe('service promises (第五篇 7)', () => {
  it("a salesperson records the promises of their own contract, not another's; the customer comes from the contract", async () => {
    expect((await call('sales', 'POST', '/service_promises', { contract: other.contract, promise: 'x', due_date: '2025-07-01', owner: '高刚' })).status).toBe(
      403,
    );
    expect((await call('warehouse', 'POST', '/service_promises', { contract: w.contract, promise: 'x', due_date: '2025-07-01', owner: '高刚' })).status).toBe(
      403,
    );
    const r = await call('sales', 'POST', '/service_promises', {
      contract: w.contract,
      promise: '每季度上门检查冷藏设备并培训收货人员',
      due_date: '2025-07-05',
      owner: '高刚',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.customer).toBe(w.customer);
    ids.promise = r.body.id;
    // fulfilment is the step's, never typed in
    expect((await call('sales', 'PUT', `/service_promises/${r.body.id}`, { version: r.body.version, fulfilled_at: '2025-06-30' })).status).toBe(400);
  });

  it('late, the re-check flags it; the fulfil step (sales, head of sales or after-sales) records it and settles the finding', async () => {
    await recheck(srv.db, fixedDayClock('2025-07-05'), '2025-07-05');
    expect(await openFindings('service_promises', ids.promise)).toEqual([]);
    await recheck(srv.db, fixedDayClock('2025-07-06'), '2025-07-06');
    expect(await openFindings('service_promises', ids.promise)).toEqual(['SERVICE_PROMISE_OVERDUE']);
    expect((await call('warehouse', 'POST', `/service_promises/${ids.promise}/fulfil`, { fulfilment: 'x' })).status).toBe(403);
    expect((await call('sales', 'POST', `/service_promises/${ids.promise}/fulfil`, {})).status).toBe(400);
    const r = await call('sales', 'POST', `/service_promises/${ids.promise}/fulfil`, { fulfilment: '6 月 28 日上门检查冷藏柜，培训收货人员 3 名' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.record).toMatchObject({ fulfilled_at: '2025-06-30', fulfilment: '6 月 28 日上门检查冷藏柜，培训收货人员 3 名' });
    expect(await openFindings('service_promises', ids.promise)).toEqual([]);
    expect((await call('sales', 'POST', `/service_promises/${ids.promise}/fulfil`, { fulfilment: 'again' })).status).toBe(400);
  });
});

describe('follow-up plans (第一篇 3, 第四篇 二.4)', () => {
  it('after-sales plans a follow-up per customer and product; a zero interval or an end before the start is refused', async () => {
    const plan = {
      customer: w.customer,
      product: ids.cold,
      kind: 'special_product',
      start_date: '2025-05-01',
      interval_days: 30,
      staff: '郑售后',
      purpose: '了解白蛋白使用效果及不良反应',
    };
    expect((await call('warehouse', 'POST', '/follow_up_plans', plan)).status).toBe(403);
    expect((await call('after_sales', 'POST', '/follow_up_plans', { ...plan, interval_days: 0 })).status).toBe(400);
    expect((await call('after_sales', 'POST', '/follow_up_plans', { ...plan, end_date: '2025-04-01' })).body.errors.end_date).toContain('不能早于');
    const r = await call('after_sales', 'POST', '/follow_up_plans', plan);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.plan = r.body.id;
  });

  it('a missed due date is flagged; a visit of that customer and product settles it; the schedule shows each due date', async () => {
    // due 2025-05-31 and 2025-06-30: the first passed without a visit
    await recheck(srv.db, fixedDayClock('2025-06-30'), '2025-06-30');
    expect(await openFindings('follow_up_plans', ids.plan)).toEqual(['FOLLOW_UP_OVERDUE']);
    let s = (await call('after_sales', 'GET', '/workflows/aftersales/follow-ups')).body;
    const row = () => s.rows.find((x: { plan: number }) => x.plan === ids.plan);
    expect(row().dues.map((d: { due: string; state: string }) => [d.due, d.state])).toEqual([
      ['2025-05-31', 'overdue'],
      ['2025-06-30', 'due'],
      ['2025-07-30', 'due'],
    ]);
    // a visit of another product does not count; one of this product in the interval does
    expect(
      (await call('after_sales', 'POST', '/visits', { customer: w.customer, product: w.product, visit_date: '2025-05-20', kind: 'phone', staff: '郑售后' }))
        .status,
    ).toBe(201);
    expect(await openFindings('follow_up_plans', ids.plan)).toEqual(['FOLLOW_UP_OVERDUE']);
    const v = await call('after_sales', 'POST', '/visits', {
      customer: w.customer,
      product: ids.cold,
      visit_date: '2025-05-25',
      kind: 'phone',
      staff: '郑售后',
      opinions: '使用正常，无不良反应',
    });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(await openFindings('follow_up_plans', ids.plan)).toEqual([]);
    s = (await call('after_sales', 'GET', '/workflows/aftersales/follow-ups')).body;
    expect(row().dues[0]).toMatchObject({ due: '2025-05-31', state: 'visited' });
    expect(row().dues[0].visits.map((x: { id: number }) => x.id)).toEqual([v.body.id]);
    expect((await call('finance', 'GET', '/workflows/aftersales/follow-ups')).status, 'every role reads plans and visits').toBe(200);
  });
});

describe('supplier quality agreements with the device repair clause (第三篇 三)', () => {
  it('office records suppliers and agreements; a device agreement without repair terms is refused (DEVICE_REPAIR_TERMS_MISSING)', async () => {
    expect((await call('sales', 'POST', '/suppliers', { name: '湖北科伦医疗器械有限公司' })).status).toBe(403);
    ids.supplier = (
      await call('office', 'POST', '/suppliers', { name: '湖北科伦医疗器械有限公司', contact_name: '陈经理', contact_phone: '027-87654321' })
    ).body.id;
    const base = {
      agreement_no: 'ZB-2025-007',
      supplier: ids.supplier,
      manufacturers: ['江西洪达医疗器械集团有限公司'],
      valid_from: '2025-01-01',
      valid_to: '2025-12-31',
      covers_devices: true,
    };
    const bad = await call('office', 'POST', '/supplier_agreements', base);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.repair_terms).toContain('[DEVICE_REPAIR_TERMS_MISSING]');
    const r = await call('office', 'POST', '/supplier_agreements', {
      ...base,
      repair_terms: '质保期内由供货方免费维修或更换，48 小时内响应',
      after_sales_contact: '400-800-1234',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.agreement = r.body.id;
    const old = await call('qa', 'POST', '/supplier_agreements', {
      ...base,
      agreement_no: 'ZB-2023-002',
      valid_from: '2023-01-01',
      valid_to: '2024-12-31',
      repair_terms: '保修一年',
    });
    expect(old.status).toBe(201);
    expect(await openFindings('supplier_agreements', old.body.id)).toEqual(['SUPPLIER_AGREEMENT_EXPIRED']);
    expect(await openFindings('supplier_agreements', ids.agreement)).toEqual([]);
  });

  it('a device complaint knows its repair route: the valid agreement first', async () => {
    const device = await legacy('products', {
      kind: 'device',
      generic_name: '一次性使用无菌注射器',
      spec: '5ml',
      unit: '支',
      manufacturer: '江西洪达医疗器械集团有限公司',
      approval_no: '国械注准20153150426',
      scope_category: '第三类医疗器械',
      device_class: 'III',
      sterile_single_use: true,
      qa_status: 'approved',
    });
    const route = await call('after_sales', 'GET', `/workflows/aftersales/repair-route?product=${device}`);
    expect(route.status).toBe(200);
    expect(route.body).toMatchObject({ device: true, manufacturer: '江西洪达医疗器械集团有限公司' });
    expect(route.body.agreements.map((a: { agreement_no: string; valid: boolean }) => [a.agreement_no, a.valid])).toEqual([
      ['ZB-2025-007', true],
      ['ZB-2023-002', false],
    ]);
    expect(route.body.agreements[0]).toMatchObject({
      supplier_name: '湖北科伦医疗器械有限公司',
      repair_terms: '质保期内由供货方免费维修或更换，48 小时内响应',
      after_sales_contact: '400-800-1234',
    });
    expect((await call('after_sales', 'GET', '/workflows/aftersales/repair-route?product=0')).status).toBe(400);
    expect((await call('after_sales', 'GET', '/workflows/aftersales/repair-route?product=99999')).status).toBe(404);
    expect((await call('after_sales', 'GET', `/workflows/aftersales/repair-route?product=${w.product}`)).body.agreements).toEqual([]);
  });
});
