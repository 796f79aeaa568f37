/**
 * The bypasses of issue 11 (and issue 12 items 4 and 6), each as the role that did it over HTTP: a step-owned
 * field is refused, a change to what an approval covered sends the record back to review (pending / draft /
 * unapproved, an APPROVAL_SUPERSEDED finding, the old signature superseded, new sales refused) — and then the
 * legitimate path, the right role taking the right step, still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE_CATEGORIES } from '../../schema/enums';
import { registry } from '../../schema/resources';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { createRecord } from '../../server/services/write';
import { buildRbacWorld, PASSWORD, REASON, type Body, type RbacWorld } from '../helpers/rbac-world';
import { compliantOrder } from '../helpers/world';
import { creditCode } from '../helpers/first-business-file';
import { attachAs } from '../helpers/attachments';

let w: RbacWorld;
beforeAll(async () => {
  w = await buildRbacWorld();
  // The world's buyer was recorded approved without a complete file: complete it (credit code, business
  // licence — which itself sends it back to review) and let QA approve it, so every re-approval below can pass.
  const code = creditCode(4711);
  ok(await put('sales', 'customers', w.world.customer, { credit_code: code }));
  ok(await w.call('sales', 'POST', '/customer_licenses', { customer: w.world.customer, kind: 'business', number: code, valid_from: '2015-01-01' }), 201);
  // and the scans the 首营 checklist requires: every licence's, the purchaser's power of attorney and ID copy
  const attach = attachAs(w.srv.url, w.cookies.admin);
  for (const l of (await w.call('admin', 'GET', `/customer_licenses?filter=${q({ customer: w.world.customer })}`)).body)
    await attach('customer_licenses', l.id, 'licence_scan');
  for (const a of (await w.call('admin', 'GET', `/customer_agents?filter=${q({ customer: w.world.customer, role: 'purchaser' })}`)).body) {
    for (const kind of ['attorney', 'id_copy']) await attach('customer_agents', a.id, kind);
  }
  ok(await verb('qa', 'customers', w.world.customer, 'approve'));
}, 120_000);
afterAll(async () => {
  await w?.srv.close();
});

const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
/** PUT a change with the record's current version and a reason (approved records need one). */
const put = async (who: string, resource: string, id: number, change: Body) =>
  w.call(who, 'PUT', `/${resource}/${id}`, { ...change, version: (await w.row(resource, id)).version, _reason: REASON });
const verb = (who: string, resource: string, id: number, name: string, body: Body = {}) =>
  w.call(who, 'POST', `/${resource}/${id}/${name}`, { password: PASSWORD, ...body });
const superseded = async (resource: string, id: number) =>
  (await w.call('admin', 'GET', `/findings?filter=${q({ resource, record_id: id, rule: 'APPROVAL_SUPERSEDED' })}`)).body as {
    status: string;
    message: string;
    fields: string[];
  }[];
const ok = (r: { status: number; body: unknown }, status = 200) => expect(r.status, JSON.stringify(r.body)).toBe(status);
/** 400 on `field`, naming the workflow step that sets it. */
const stepOwned = (r: { status: number; body: any }, field: string, step: RegExp) => {
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.errors[field]).toMatch(/只能由工作流步骤/);
  expect(r.body.errors[field]).toMatch(step);
};
let orders = 0;
/** A sale today (the re-approvals below are today's: a sale dated before them is refused as unapproved then). */
const sell = (body: Body = {}, line: Body = {}) =>
  w.call('sales', 'POST', '/sales_orders', compliantOrder(w.world, `SO-LC-${++orders}`, line, { sale_date: '2025-06-30', ...body }));

describe('a customer QA approved (第二篇 3.4, 第四篇 一.3)', () => {
  it('salesperson widens the licence scope → customer back to pending, finding, sale refused; QA re-approves → sale accepted', async () => {
    const customer = w.world.customer;
    ok(await sell(), 201);
    const lic = (await w.call('sales', 'GET', `/customer_licenses?filter=${q({ customer, kind: 'drug_business' })}`)).body[0];
    const wider = SCOPE_CATEGORIES.find((c) => !lic.scope.includes(c))!;
    ok(await put('sales', 'customer_licenses', lic.id, { scope: [...lic.scope, wider] }));
    expect(await w.row('customers', customer)).toMatchObject({ qa_status: 'pending', qa_approved_at: null, qa_approved_by: null });
    const [finding] = await superseded('customers', customer);
    expect(finding).toMatchObject({ status: 'open', fields: ['customer_licenses.scope'] });
    expect(finding.message).toMatch(/首营审核后修改了已审核的内容（购货单位证照·经营范围）/);
    const refused = await sell();
    expect(refused.status).toBe(400);
    expect(refused.body.errors.customer).toMatch(/BUYER_NOT_APPROVED/);

    ok(await verb('qa', 'customers', customer, 'approve'));
    expect((await superseded('customers', customer))[0].status).toBe('resolved');
    ok(await sell(), 201);
  });

  it("salesperson moves the licence expiry, then the customer's region → each time back to pending until QA approves again", async () => {
    const customer = w.world.customer;
    const lic = (await w.call('sales', 'GET', `/customer_licenses?filter=${q({ customer, kind: 'drug_business' })}`)).body[0];
    ok(await put('sales', 'customer_licenses', lic.id, { valid_to: '2035-12-31' }));
    expect((await w.row('customers', customer)).qa_status).toBe('pending');
    expect((await sell()).body.errors.customer).toMatch(/BUYER_NOT_APPROVED/);
    const approved = await verb('qa', 'customers', customer, 'approve');
    ok(approved);
    const signature = approved.body.signature.id;

    ok(await put('sales', 'customers', customer, { region: '湖北省黄石市' }));
    expect((await w.row('customers', customer)).qa_status).toBe('pending');
    const sigs = (await w.call('sales', 'GET', `/customers/${customer}/signatures`)).body;
    expect(sigs.find((s: { id: number }) => s.id === signature)).toMatchObject({ valid: false, superseded: true });
    expect((await sell()).body.errors.customer).toMatch(/BUYER_NOT_APPROVED/);
    ok(await verb('qa', 'customers', customer, 'approve'));
    ok(await sell(), 201);
  });

  it('a field outside the approval (the contact) changes nothing', async () => {
    ok(await put('sales', 'customers', w.world.customer, { contact_name: '杨海燕二' }));
    expect((await w.row('customers', w.world.customer)).qa_status).toBe('approved');
  });
});

describe('a product QA approved (第二篇 3.1, 3.9)', () => {
  it('head of sales removes special_control → back to pending, sale refused; QA approves it again', async () => {
    const product = (
      await createRecord(
        { db: w.srv.db, clock: w.srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' },
        registry.get('products')!,
        {
          kind: 'drug',
          generic_name: '复方盐酸伪麻黄碱缓释胶囊',
          dosage_form: '胶囊剂',
          spec: '10粒',
          unit: '盒',
          manufacturer: '中美天津史克制药有限公司',
          approval_no: '国药准字H10940187',
          scope_category: '化学药制剂',
          storage: 'normal',
          special_control: ['ephedrine'],
          price_cap: 30,
          qa_status: 'approved',
        },
        { historical: true },
      )
    ).id;
    ok(await put('sales_head', 'products', product, { special_control: [] }));
    expect((await w.row('products', product)).qa_status).toBe('pending');
    expect((await superseded('products', product))[0]).toMatchObject({ status: 'open', fields: ['special_control'] });
    // (its approval document was never scanned: the 首营 checklist needs it before QA approves again)
    await attachAs(w.srv.url, w.cookies.admin)('products', product, 'approval_doc');
    ok(await verb('qa', 'products', product, 'approve'));
    expect((await w.row('products', product)).qa_status).toBe('approved');
    expect((await superseded('products', product))[0].status).toBe('resolved');
  });
});

describe('complaints, quality feedback and adverse reactions follow their steps (第三篇 五/七, 第四篇 二.2, 第一篇 3)', () => {
  const complaint = (n: number) => ({ customer: w.world.customer, channel: 'phone', received_at: '2025-06-10', description: `破损 ${n}` });

  it('a complaint created closed, edited to closed, or closed without the report to QA is refused; the steps close it', async () => {
    stepOwned(await w.call('after_sales', 'POST', '/complaints', { ...complaint(1), status: 'closed' }), 'status', /投诉结案/);
    const c = await w.call('after_sales', 'POST', '/complaints', complaint(2));
    ok(c, 201);
    expect(c.body.status).toBe('open');
    stepOwned(await put('after_sales', 'complaints', c.body.id, { status: 'closed' }), 'status', /调查与评估/);
    stepOwned(await put('after_sales', 'complaints', c.body.id, { reported_to_qa_at: '2025-06-11' }), 'reported_to_qa_at', /报质管部/);
    ok(await verb('after_sales', 'complaints', c.body.id, 'investigate', { investigation: '运输中挤压' }));
    ok(await verb('after_sales', 'complaints', c.body.id, 'handle', { measures: '退换' }));
    const early = await verb('after_sales', 'complaints', c.body.id, 'close');
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/须先报质管部/);
    expect((await w.row('complaints', c.body.id)).status).toBe('handled');
    ok(await verb('after_sales', 'complaints', c.body.id, 'report-qa'));
    const closed = await verb('after_sales', 'complaints', c.body.id, 'close');
    ok(closed);
    expect(closed.body.record.status).toBe('closed');
  });

  it('after-sales creates a quality feedback form already closed → 400; report → QA handles → QA closes', async () => {
    const form = { source: 'customer', customer: w.world.customer, description: '胶囊粘连' };
    stepOwned(await w.call('after_sales', 'POST', '/quality_feedback', { ...form, status: 'closed' }), 'status', /关闭反馈/);
    stepOwned(await w.call('after_sales', 'POST', '/quality_feedback', { ...form, reported_at: '2025-06-10' }), 'reported_at', /上报质管部和公司领导/);
    const f = await w.call('after_sales', 'POST', '/quality_feedback', form);
    ok(f, 201);
    ok(await verb('after_sales', 'quality_feedback', f.body.id, 'report'));
    ok(await verb('qa', 'quality_feedback', f.body.id, 'handle', { analysis: '储存受潮', handling: '退货' }));
    const closed = await verb('qa', 'quality_feedback', f.body.id, 'close');
    ok(closed);
    expect(closed.body.record.status).toBe('closed');
  });

  it('a salesperson creates an adverse reaction already forwarded and reported → 400; forward, then QA reports it', async () => {
    const report = { product: w.world.product, reaction: '皮疹', severity: 'general', received_at: '2025-06-10' };
    const forged = await w.call('sales', 'POST', '/adverse_reactions', { ...report, forwarded_to_qa_at: '2025-06-11', reported_at: '2025-06-12' });
    stepOwned(forged, 'forwarded_to_qa_at', /转交质管部/);
    stepOwned(forged, 'reported_at', /上报监管部门/);
    const a = await w.call('sales', 'POST', '/adverse_reactions', report);
    ok(a, 201);
    ok(await verb('sales', 'adverse_reactions', a.body.id, 'forward'));
    const reported = await verb('qa', 'adverse_reactions', a.body.id, 'report-regulator');
    ok(reported);
    expect(reported.body.record).toMatchObject({ forwarded_to_qa_at: '2025-06-30', reported_at: '2025-06-30' });
  });
});

describe('contracts (第五篇 3.3)', () => {
  const TERMS = {
    quality_terms: '符合国家药品标准',
    quantity_price_terms: '按订单',
    delivery_terms: '送货上门',
    payment_method: 'transfer',
    payment_days: 30,
    after_sales_terms: '质量问题退换',
  };

  it("a signed contract's quantity, price and payment days changed → draft needing approval, sales refused; submit → approve → sign", async () => {
    const contract = w.world.contract;
    const changed = await put('sales', 'contracts', contract, { quantity_price_terms: '阿莫西林胶囊 5000 盒，单价 16 元', payment_days: 180 });
    ok(changed);
    expect(changed.body).toMatchObject({ status: 'draft', approved_by: null, approved_role: null, approved_at: null, signed_at: null });
    expect((await superseded('contracts', contract))[0]).toMatchObject({ status: 'open', fields: ['quantity_price_terms', 'payment_days'] });
    const refused = await sell();
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toMatch(/CONTRACT_UNAPPROVED/);

    ok(await verb('sales', 'contracts', contract, 'submit'));
    ok(await verb('sales_vp', 'contracts', contract, 'approve'));
    ok(await verb('sales', 'contracts', contract, 'sign'));
    expect((await superseded('contracts', contract))[0].status).toBe('resolved');
    ok(await sell(), 201);
  });

  it("issue 12 #4: a VP-approved 400,000 contract raised to 5,000,000 cannot be signed; it goes back to approval at the GM's level", async () => {
    const c = await w.call('sales', 'POST', '/contracts', {
      contract_no: 'HT-LC-RAISE',
      customer: w.world.customer,
      salesperson: w.world.salesperson,
      amount: 400000,
      ...TERMS,
    });
    ok(c, 201);
    ok(await verb('sales', 'contracts', c.body.id, 'submit'));
    const vp = await verb('sales_vp', 'contracts', c.body.id, 'approve');
    ok(vp);
    const raised = await put('sales', 'contracts', c.body.id, { amount: 5000000 });
    ok(raised);
    expect(raised.body).toMatchObject({ status: 'draft', approved_by: null });
    const sigs = (await w.call('sales', 'GET', `/contracts/${c.body.id}/signatures`)).body;
    expect(sigs.find((s: { id: number }) => s.id === vp.body.signature.id)).toMatchObject({ meaning: 'approve_contract', superseded: true });
    const sign = await verb('sales', 'contracts', c.body.id, 'sign');
    expect(sign.status).toBe(400);
    expect((await w.row('contracts', c.body.id)).status).toBe('draft');

    expect((await verb('sales', 'contracts', c.body.id, 'submit')).status, "a major contract is the head of sales' to submit").toBe(403);
    ok(await verb('sales_head', 'contracts', c.body.id, 'submit'));
    expect((await verb('sales_vp', 'contracts', c.body.id, 'approve')).status, "above the VP's level").toBe(403);
    ok(await verb('gm', 'contracts', c.body.id, 'approve'));
    const signed = await verb('sales', 'contracts', c.body.id, 'sign');
    ok(signed);
    expect(signed.body.record).toMatchObject({ status: 'signed', amount: 5000000, approved_role: 'gm' });
  });
});

describe('price approvals (第五篇 4.4)', () => {
  it('the head of sales cannot type price_approved_by; a price raised after the signed approval loses it; approve → confirm', async () => {
    const outOfRange = { unit_price: 17, amount: 170 }; // range 9–16.2, cap 18
    const typed = compliantOrder(w.world, 'SO-LC-TYPED', { ...outOfRange, price_approved_by: '刘经理' }, { status: 'draft', sale_date: '2025-06-30' });
    stepOwned(await w.call('sales_head', 'POST', '/sales_orders', typed), 'sales_lines.0.price_approved_by', /价格审批/);

    const order = await w.call(
      'sales',
      'POST',
      '/sales_orders',
      compliantOrder(w.world, 'SO-LC-PRICE', outOfRange, { status: 'draft', sale_date: '2025-06-30' }),
    );
    ok(order, 201);
    const lineId = order.body.sales_lines[0].id;
    ok(await verb('sales_head', 'sales_lines', lineId, 'approve-price'));
    expect((await w.row('sales_lines', lineId)).price_approved_by).toBe('刘经理');

    const current = (await w.call('sales', 'GET', `/sales_orders/${order.body.id}`)).body;
    const raised = await w.call('sales', 'PUT', `/sales_orders/${order.body.id}`, {
      ...current,
      _reason: REASON,
      sales_lines: [{ ...current.sales_lines[0], unit_price: 17.5, amount: 175 }],
    });
    ok(raised);
    expect(await w.row('sales_lines', lineId)).toMatchObject({ unit_price: 17.5, price_approved_by: null });
    expect((await superseded('sales_lines', lineId))[0]).toMatchObject({ status: 'open', fields: ['unit_price', 'amount'] });
    const sig = (await w.call('sales', 'GET', `/sales_lines/${lineId}/signatures`)).body[0];
    expect(sig).toMatchObject({ meaning: 'approve_price', valid: false, superseded: true });
    const refused = await w.call('sales', 'POST', `/sales_orders/${order.body.id}/confirm`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/PRICE_OUT_OF_RANGE/);

    ok(await verb('sales_head', 'sales_lines', lineId, 'approve-price'));
    const confirmed = await w.call('sales', 'POST', `/sales_orders/${order.body.id}/confirm`, {});
    ok(confirmed);
    expect(confirmed.body.record.status).toBe('confirmed');
  });
});

describe('outbound (第五篇 5.2–5.3; issue 12 #6)', () => {
  it('the reviewer cannot write picked_by (nor clear the issuer) by PUT to skip the pick; pick → review', async () => {
    const order = await sell();
    ok(order, 201);
    ok(await w.call('warehouse', 'POST', `/sales_orders/${order.body.id}/issue-outbound`, {}));
    const [slip] = (await w.call('admin', 'GET', `/outbound_slips?filter=${q({ order: order.body.id })}`)).body;
    expect(slip.issued_by).toBeTruthy();
    stepOwned(await put('reviewer', 'outbound_slips', slip.id, { picked_by: '钱敏的同事' }), 'picked_by', /拣货发货/);
    stepOwned(await put('reviewer', 'outbound_slips', slip.id, { issued_by: null }), 'issued_by', /开具出库单/);
    const early = await verb('reviewer', 'outbound_slips', slip.id, 'review');
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/拣货/);
    ok(await w.call('warehouse', 'POST', `/outbound_slips/${slip.id}/pick`, {}));
    const reviewed = await verb('reviewer', 'outbound_slips', slip.id, 'review');
    ok(reviewed);
    expect(reviewed.body.record).toMatchObject({ picked_by: '孙库管', reviewed_by: '钱敏' });
  });

  it('a slip cannot be entered without its issue step (so none skips the pick before the review)', async () => {
    const slip = await w.call('warehouse', 'POST', '/outbound_slips', { slip_no: 'CK-LC-PLAIN', order: w.extra.shipOrder, outbound_date: '2025-06-02' });
    expect(slip.status).toBe(400);
    expect((slip.body as { message: string }).message).toContain('开具出库单');
  });
});
