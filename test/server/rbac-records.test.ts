/**
 * Record-level permissions over HTTP, beside the generated matrix (rbac-matrix.test.ts): a salesperson's own
 * records, field guards, signed approvals (their roles, no self-approval, never admin), QA and sales lines,
 * the auditor's read-only access. One server; every role signs in once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../../schema/enums';
import { ACTIONS, FIELD_GUARDS, MATRIX, OWN_SCOPE, can, ownScope, type Role } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { inScope } from '../../server/auth/rbac';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { VERBS } from '../../server/services/verbs';
import { createRecord } from '../../server/services/write';
import { ADMIN_PASSWORD, login } from '../helpers/app';
import { createApprovableCustomer } from '../helpers/first-business-file';
import { attachAs } from '../helpers/attachments';
import { buildRbacWorld, creditReviewAs, DISPLAY_NAMES, PASSWORD, REASON, ROLES, type Body, type RbacWorld } from '../helpers/rbac-world';

const FORBIDDEN_RECORD = /^这条记录不属于您负责的范围$/;
const SELF_APPROVAL = /^不能审批自己创建的记录/;
const SCOPED = OWN_SCOPE.sales!; // resource → ownership path

let w: RbacWorld;
/** another salesperson's record of every scoped resource */
const theirs: Record<string, number> = {};
/** a user with the sales and after-sales roles, linked to the world's salesperson */
let multi: string;

beforeAll(async () => {
  w = await buildRbacWorld();
  theirs.sales_orders = w.extra.otherOrder;
  theirs.sales_lines = w.extra.otherLine;
  theirs.contracts = w.extra.otherContract;
  theirs.special_checks = (await w.adminCreate('special_checks', { order: w.extra.otherOrder, verified_by: '高刚乙', verified_at: '2025-06-01T10:00:00.000Z' }))
    .id as number;
  theirs.outbound_slips = (await w.adminCreate('outbound_slips', { slip_no: 'CK-OTHER', order: w.extra.otherOrder, outbound_date: '2025-06-02' })).id as number;
  theirs.service_promises = (
    await w.adminCreate('service_promises', { contract: w.extra.otherContract, promise: '每月回访', due_date: '2025-12-31', owner: '高刚乙' })
  ).id as number;
  theirs.price_filings = (await w.adminCreate('price_filings', { salesperson: w.other.salesperson, period_from: '2025-06-01', period_to: '2025-06-30' }))
    .id as number;
  for (const r of Object.keys(SCOPED)) expect(theirs[r], `another salesperson's ${r}`).toBeTypeOf('number');
  await w.adminCreate('users', {
    username: 'rbac_multi',
    display_name: '高刚',
    roles: ['sales', 'after_sales'],
    password: PASSWORD,
    active: true,
    salesperson: w.world.salesperson,
  });
  multi = await login(w.srv.url, 'rbac_multi', PASSWORD);
});
afterAll(async () => {
  await w?.srv.close();
});

/** PUT a change with the record's current version and a reason. */
const put = async (who: string, resource: string, id: number, change: Body) =>
  w.call(who, 'PUT', `/${resource}/${id}`, { ...change, version: (await w.row(resource, id)).version, _reason: REASON });
const del = (who: string, resource: string, id: number) => w.call(who, 'DELETE', `/${resource}/${id}`, undefined, { 'x-reason': encodeURIComponent(REASON) });
const listAll = (who: string, resource: string, filter: Body = {}) =>
  w.call(who, 'GET', `/${resource}?range=${encodeURIComponent('[0,999]')}&filter=${encodeURIComponent(JSON.stringify(filter))}`);
/** The salesperson a scoped record belongs to, through its path (`order.salesperson`). */
async function ownerOf(resource: string, row: Record<string, any>): Promise<number | null> {
  const [first, second] = SCOPED[resource].split('.');
  if (!second) return row[first];
  return (await w.row(registry.get(resource)!.fields[first].ref!, row[first]))[second];
}
/** Writes the test needs but no role can make live: a slip not yet reviewed (OUTBOUND_NOT_REVIEWED refuses it). */
async function unreviewedSlip(slipNo: string, pickedBy: string): Promise<number> {
  const ctx = { db: w.srv.db, clock: w.srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' as const };
  return (
    await createRecord(
      ctx,
      registry.get('outbound_slips')!,
      { slip_no: slipNo, order: w.extra.shipOrder, outbound_date: '2025-06-02', picked_by: pickedBy },
      { historical: true },
    )
  ).id;
}

describe("a salesperson sees and edits only their own customers' orders", () => {
  for (const resource of Object.keys(SCOPED)) {
    it(`sales list ${resource} → only their own (${SCOPED[resource]})`, async () => {
      const r = await listAll('sales', resource);
      expect(r.status).toBe(200);
      const ids = r.body.map((x: { id: number }) => x.id);
      expect(ids).toContain(w.fixture[resource]);
      expect(ids).not.toContain(theirs[resource]);
      for (const row of r.body) expect(await ownerOf(resource, row), `${resource} ${row.id}`).toBe(w.world.salesperson);
      expect(r.headers.get('content-range')).toMatch(new RegExp(`/${r.body.length}$`)); // the count is scoped too
      const all = await listAll('sales_head', resource);
      expect(all.body.map((x: { id: number }) => x.id)).toContain(theirs[resource]);
    });

    it(`sales show ${resource} of another salesperson → 403, its signatures → 403`, async () => {
      const r = await w.call('sales', 'GET', `/${resource}/${theirs[resource]}`);
      expect(r.status).toBe(403);
      expect(r.body.message).toMatch(FORBIDDEN_RECORD);
      expect((await w.call('sales', 'GET', `/${resource}/${theirs[resource]}/signatures`)).status).toBe(403);
      expect((await w.call('sales', 'GET', `/${resource}/${w.fixture[resource]}`)).status).toBe(200);
    });

    if (can(['sales'], resource, 'edit')) {
      it(`sales edit ${resource} of another salesperson → 403, unchanged`, async () => {
        const before = await w.row(resource, theirs[resource]);
        const r = await put('sales', resource, theirs[resource], w.cases[resource].edit(w.next()));
        expect(r.status).toBe(403);
        expect(r.body.message).toMatch(FORBIDDEN_RECORD);
        expect((await w.row(resource, theirs[resource])).version).toBe(before.version);
      });
    }
    if (can(['sales'], resource, 'delete')) {
      it(`sales delete ${resource} of another salesperson → 403, still live`, async () => {
        const r = await del('sales', resource, theirs[resource]);
        expect(r.status).toBe(403);
        expect(r.body.message).toMatch(FORBIDDEN_RECORD);
        expect((await w.row(resource, theirs[resource])).voided_at).toBeNull();
      });
    }
  }

  it("sales cannot filter or search their way to another salesperson's orders", async () => {
    expect((await listAll('sales', 'sales_orders', { salesperson: w.other.salesperson })).body).toEqual([]);
    expect((await listAll('sales', 'sales_orders', { id: theirs.sales_orders })).body).toEqual([]);
    expect((await listAll('sales', 'sales_orders', { q: 'SO-OTHER' })).body).toEqual([]);
    expect((await listAll('sales', 'sales_lines', { order: theirs.sales_orders })).body).toEqual([]);
  });

  it('sales create for another salesperson → 403 (order, line, contract, special check)', async () => {
    const n = w.next();
    const order = await w.call('sales', 'POST', '/sales_orders', {
      order_no: `SO-X-${n}`,
      customer: w.other.customer,
      salesperson: w.other.salesperson,
      contract: w.other.contract,
      sale_date: '2025-06-01',
      status: 'confirmed',
      sales_lines: [{ product: w.other.product, batch: w.other.batch, quantity: 10, unit_price: 15, amount: 150 }],
    });
    expect(order.status).toBe(403);
    expect(order.body.message).toMatch(FORBIDDEN_RECORD);
    const line = await w.call('sales', 'POST', '/sales_lines', {
      order: theirs.sales_orders,
      product: w.other.product,
      batch: w.other.batch,
      quantity: 1,
      unit_price: 15,
      amount: 15,
    });
    expect(line.status).toBe(403);
    const contract = await w.call('sales', 'POST', '/contracts', {
      contract_no: `HT-X-${n}`,
      customer: w.other.customer,
      salesperson: w.other.salesperson,
      amount: 1000,
    });
    expect(contract.status).toBe(403);
    const unowned = await w.call('sales', 'POST', '/contracts', { contract_no: `HT-Y-${n}`, customer: w.world.customer, amount: 1000 });
    expect(unowned.status, "a contract with no salesperson is nobody's own").toBe(403);
    const order2 = await w.adminCreate('sales_orders', {
      ...((await w.cases.sales_orders.create(n, 'admin')) as Body),
      order_no: `SO-Z-${n}`,
      salesperson: w.other.salesperson,
      customer: w.other.customer,
      contract: w.other.contract,
      sales_lines: [{ product: w.other.product, batch: w.other.batch, quantity: 10, unit_price: 15, amount: 150 }],
    });
    const check = await w.call('sales', 'POST', '/special_checks', { order: order2.id, verified_at: '2025-06-01T10:00:00.000Z' });
    expect(check.status).toBe(403);
  });

  it('sales cannot move their own order or line to another salesperson → 403', async () => {
    const moved = await put('sales', 'sales_orders', w.fixture.sales_orders, { salesperson: w.other.salesperson });
    expect(moved.status).toBe(403);
    expect(moved.body.message).toMatch(FORBIDDEN_RECORD);
    const line = await put('sales', 'sales_lines', w.fixture.sales_lines, { order: theirs.sales_orders });
    expect(line.status).toBe(403);
    const contract = await put('sales', 'contracts', w.fixture.contracts, { salesperson: w.other.salesperson });
    expect(contract.status).toBe(403);
    expect((await w.row('sales_orders', w.fixture.sales_orders)).salesperson).toBe(w.world.salesperson);
  });

  it('a sales user with no salesperson record sees no orders and may open none', async () => {
    const r = await listAll('sales_unlinked', 'sales_orders');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([]);
    expect(r.headers.get('content-range')).toMatch(/\/0$/);
    expect((await w.call('sales_unlinked', 'GET', `/sales_orders/${w.fixture.sales_orders}`)).status).toBe(403);
    const created = await w.call('sales_unlinked', 'POST', '/sales_orders', await w.cases.sales_orders.create(w.next(), 'sales'));
    expect(created.status).toBe(403);
  });

  it("unscoped resources stay whole for sales (customers, invoices): the scope is OWN_SCOPE's list only", async () => {
    const customers = (await listAll('sales', 'customers')).body.map((c: { id: number }) => c.id);
    expect(customers).toEqual(expect.arrayContaining([w.world.customer, w.other.customer]));
  });

  it("a second role reads everything but does not widen the salesperson's writes (ownScope per action)", async () => {
    const roles = ['sales', 'after_sales'];
    expect(ownScope(roles, 'sales_orders', 'show')).toBeNull(); // after-sales reads every order
    expect(ownScope(roles, 'sales_orders', 'edit')).toBe('salesperson'); // only sales edits them: their own
    const actor = { id: 0, username: 'multi', display_name: '高刚', roles, salesperson: w.world.salesperson };
    const other = await w.row('sales_orders', theirs.sales_orders);
    expect(await inScope(w.srv.db, actor, registry.get('sales_orders')!, other, 'show')).toBe(true);
    for (const action of ['create', 'edit', 'delete'] as const)
      expect(await inScope(w.srv.db, actor, registry.get('sales_orders')!, other, action)).toBe(false);
  });

  // A read-only second role widens what a salesperson reads, never what they write.
  it("a sales + after_sales user may read but not edit another salesperson's order (403)", async () => {
    expect((await w.call(multi, 'GET', `/sales_orders/${theirs.sales_orders}`)).status).toBe(200); // reading all is right
    const r = await put(multi, 'sales_orders', theirs.sales_orders, { remark: '越权修改' });
    expect(r.status).toBe(403);
  });
});

describe('QA cannot edit a sales line', () => {
  it('qa edit / delete / create sales_lines → 403, the line unchanged', async () => {
    const before = await w.row('sales_lines', w.fixture.sales_lines);
    const edit = await put('qa', 'sales_lines', w.fixture.sales_lines, { quantity: 5, amount: 75 });
    expect(edit.status).toBe(403);
    expect(edit.body.message).toBe('您的角色（质管部）不能修改「销售明细」');
    expect((await del('qa', 'sales_lines', w.fixture.sales_lines)).status).toBe(403);
    expect((await w.call('qa', 'POST', '/sales_lines', await w.cases.sales_lines.create(w.next(), 'qa'))).status).toBe(403);
    expect(await w.row('sales_lines', w.fixture.sales_lines)).toEqual(before);
  });

  it('qa edit of a line inline, through its order → 403', async () => {
    const order = (await w.call('admin', 'GET', `/sales_orders/${w.fixture.sales_orders}`)).body;
    const lines = order.sales_lines.map((l: Body) => ({ ...l, quantity: 1, amount: 15 }));
    const r = await w.call('qa', 'PUT', `/sales_orders/${order.id}`, { ...order, sales_lines: lines, _reason: REASON });
    expect(r.status).toBe(403);
  });
});

describe('the auditor is read-only', () => {
  it('the matrix grants the auditor no write and no verb names them', () => {
    const writes = [...registry.keys()].flatMap((res) =>
      (['create', 'edit', 'delete'] as const).filter((a) => can(['auditor'], res, a)).map((a) => `${a} ${res}`),
    );
    expect(writes).toEqual([]);
    expect([...VERBS.values()].filter((v) => v.roles.includes('auditor' as Role)).map((v) => `${v.resource}/${v.verb}`)).toEqual([]);
  });

  it('auditor create / edit / delete on every resource → 403, and nothing written in their name', async () => {
    const refused: string[] = [];
    for (const res of registry.values()) {
      const id = w.fixture[res.name];
      const body = res.readOnly ? {} : await w.cases[res.name].create(w.next(), 'admin'); // may create prerequisites as admin
      const before = await w.row(res.name, id);
      for (const [method, path, b] of [
        ['POST', `/${res.name}`, body],
        ['PUT', `/${res.name}/${id}`, { version: before.version, _reason: REASON }],
        ['DELETE', `/${res.name}/${id}`, undefined],
      ] as const) {
        const r = await w.call('auditor', method, path, b, { 'x-reason': 'x' });
        if (r.status !== 403) refused.push(`${method} ${path} → ${r.status}`);
      }
      expect(await w.row(res.name, id), res.name).toEqual(before);
    }
    expect(refused).toEqual([]);
    const written = (await w.srv.db.get(
      sql`SELECT COUNT(*) AS n FROM audit_log WHERE actor = ${w.userIds.auditor} AND action IN ('create', 'update', 'void', 'sign')`,
    )) as { n: number };
    expect(written.n).toBe(0);
  });

  it('auditor reads: lists, records, signatures, the audit-chain check', async () => {
    expect((await listAll('auditor', 'audit_log')).status).toBe(200);
    expect((await w.call('auditor', 'GET', `/sales_orders/${theirs.sales_orders}`)).status).toBe(200);
    expect((await w.call('auditor', 'GET', `/customers/${w.world.customer}/signatures`)).status).toBe(200);
    expect((await w.call('auditor', 'GET', '/system/audit-verify')).status).toBe(200);
  });
});

describe('field guards', () => {
  const customerLabel = (f: string) => registry.get('customers')!.fields[f].label[0];

  it("sales create customer with qa_status approved → 400 (the approval step's field); without → 201 pending", async () => {
    const n = w.next();
    const approved = await w.call('sales', 'POST', '/customers', { ...((await w.cases.customers.create(n, 'sales')) as Body), qa_status: 'approved' });
    expect(approved.status).toBe(400);
    expect(approved.body.errors.qa_status).toContain(`「${customerLabel('qa_status')}」只能由工作流步骤「首营审核批准」/「首营审核驳回」设置`);
    const pending = await w.call('sales', 'POST', '/customers', await w.cases.customers.create(n, 'sales'));
    expect(pending.status).toBe(201);
    expect(pending.body.qa_status).toBe('pending');
    const credit = await w.call('sales', 'POST', '/customers', { ...((await w.cases.customers.create(w.next(), 'sales')) as Body), credit_limit: 100000 });
    expect(credit.status).toBe(403);
    expect(
      (await w.call('sales_head', 'POST', '/customers', { ...((await w.cases.customers.create(w.next(), 'sales')) as Body), credit_limit: 100000 })).status,
    ).toBe(201);
  });

  /** A step-owned field (schema/lifecycle.ts): 400 naming the step, whoever writes it. */
  const stepOwned = async (who: string, resource: string, id: number, change: Body) => {
    const r = await put(who, resource, id, change);
    expect(r.status, `${who} ${resource} ${JSON.stringify(change)}`).toBe(400);
    expect(r.body.message).toMatch(/只能由工作流步骤/);
  };

  it('customers: approval and reviews only by their steps, finance / sales head the credit limit; unchanged values pass', async () => {
    const id = w.fixture.customers;
    await stepOwned('sales', 'customers', id, { qa_status: 'approved' });
    await stepOwned('finance', 'customers', id, { qa_approved_by: '周会计' });
    await stepOwned('admin', 'customers', id, { qa_status: 'approved' });
    expect((await put('sales', 'customers', id, { credit_limit: 1 })).status).toBe(403);
    await stepOwned('sales', 'customers', id, { payment_rating: '良好' });
    expect((await put('finance', 'customers', id, { credit_limit: 200000 })).status).toBe(200);
    await stepOwned('qa', 'customers', id, { storage_reviewed_at: '2025-06-01' });
    // react-admin sends the whole record back: guarded fields it does not change are no change
    const whole = (await w.call('sales', 'GET', `/customers/${id}`)).body;
    expect((await w.call('sales', 'PUT', `/customers/${id}`, { ...whole, contact_name: '王洋', _reason: REASON })).status).toBe(200);
    expect(await w.row('customers', id)).toMatchObject({ qa_status: 'pending', credit_limit: 200000, contact_name: '王洋' });
  });

  it('outbound slips: issue, pick, review, receipt and arrival are steps, never a plain edit', async () => {
    const id = w.fixture.outbound_slips;
    await stepOwned('warehouse', 'outbound_slips', id, { reviewed_by: '孙库管的同事' });
    await stepOwned('sales', 'outbound_slips', id, { reviewed_at: '2025-06-03T09:00:00.000Z' });
    await stepOwned('reviewer', 'outbound_slips', id, { reviewed_by: '钱敏', reviewed_at: '2025-06-02T10:00:00.000Z' });
    await stepOwned('reviewer', 'outbound_slips', id, { picked_by: '钱敏' });
    await stepOwned('reviewer', 'outbound_slips', id, { issued_by: '钱敏' });
    await stepOwned('sales', 'outbound_slips', id, { receipt_confirmed_at: '2025-06-04' });
    await stepOwned('warehouse', 'outbound_slips', id, { arrival_verified_at: '2025-06-04', arrival_verified_by: '孙库管' });
  });

  it('products: the QA approval is a step, QA owns the price cap, the sales head the price range', async () => {
    const id = w.fixture.products;
    await stepOwned('sales_head', 'products', id, { qa_status: 'approved' });
    expect((await put('sales_head', 'products', id, { price_min: 5, price_max: 20 })).status).toBe(200);
    expect((await put('qa', 'products', id, { price_max: 30 })).status).toBe(403);
    expect((await put('qa', 'products', id, { price_cap: 25 })).status).toBe(200);
    expect((await put('qa', 'batches', w.fixture.batches, { status: 'quarantined' })).status).toBe(200);
  });

  it('contracts: approval fields only through the signed verb; sales lines: the price approval only through approve-price', async () => {
    await stepOwned('sales', 'contracts', w.fixture.contracts, { approved_by: '高刚' });
    await stepOwned('sales_vp', 'contracts', w.fixture.contracts, { approved_role: 'gm' });
    await stepOwned('sales_head', 'contracts', w.fixture.contracts, { approved_at: '2025-06-01' });
    await stepOwned('sales', 'sales_lines', w.fixture.sales_lines, { price_approved_by: '高刚' });
    await stepOwned('sales_head', 'sales_lines', w.fixture.sales_lines, { price_approved_by: '刘经理' });
    // a step-owned field holds for inline children too
    const order = await w.call('sales', 'POST', '/sales_orders', (await w.cases.sales_orders.create(w.next(), 'sales')) as Body & { sales_lines: Body[] });
    expect(order.status).toBe(201);
    const withApproval = (await w.cases.sales_orders.create(w.next(), 'sales_head')) as Body & { sales_lines: Body[] };
    withApproval.sales_lines[0].price_approved_by = '刘经理';
    const typed = await w.call('sales_head', 'POST', '/sales_orders', withApproval);
    expect(typed.status).toBe(400);
    expect(typed.body.errors['sales_lines.0.price_approved_by']).toMatch(/价格审批/);
  });

  it('every guard names roles that may write the resource (an empty list: a signed verb only)', () => {
    const dead = Object.entries(FIELD_GUARDS).flatMap(([res, fields]) =>
      Object.entries(fields).flatMap(([field, roles]) =>
        roles.filter((r) => !can([r], res, 'edit') && !can([r], res, 'create')).map((r) => `${res}.${field}: ${r}`),
      ),
    );
    expect(dead).toEqual([]);
  });
});

describe("signed approvals: their roles only, never one's own record, never admin", () => {
  /** A record each verb can be attempted on. */
  const targetOf = (resource: string) => w.fixture[resource];

  for (const verb of VERBS.values()) {
    for (const role of ROLES.filter((r) => !verb.roles.includes(r))) {
      it(`${role} ${verb.verb} ${verb.resource} → 403 (${verb.roles.join('/')} only)`, async () => {
        const r = await w.call(role, 'POST', `/${verb.resource}/${targetOf(verb.resource)}/${verb.verb}`, { password: PASSWORD, comment: '测试' });
        expect(r.status, JSON.stringify(r.body)).toBe(403);
        expect(r.body.message).toMatch(/需由以下角色执行/);
      });
    }
  }

  it('admin cannot sign approvals → 403, even with the right password', async () => {
    const c = await w.adminCreate('customers', (await w.cases.customers.create(w.next(), 'admin')) as Body);
    const r = await w.call('admin', 'POST', `/customers/${c.id}/approve`, { password: ADMIN_PASSWORD });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(`「approve」需由以下角色执行：${ROLE.labels.qa[0]}`);
    expect((await w.row('customers', c.id as number)).qa_status).toBe('pending');
  });

  it('qa approve customer / product they created → 403; created by someone else → 200, signed', async () => {
    for (const resource of ['customers', 'products']) {
      const own = await w.call('qa', 'POST', `/${resource}`, await w.cases[resource].create(w.next(), 'qa'));
      expect(own.status).toBe(201);
      const self = await w.call('qa', 'POST', `/${resource}/${own.body.id}/approve`, { password: PASSWORD });
      expect(self.status, resource).toBe(403);
      expect(self.body.message).toMatch(SELF_APPROVAL);
      expect((await w.row(resource, own.body.id)).qa_status).toBe('pending');
      // a customer's first-business file must be complete, or the 首营 checklist refuses the approval
      const attach = attachAs(w.srv.url, w.cookies.admin);
      const theirs =
        resource === 'customers'
          ? {
              id: await createApprovableCustomer(
                async (res, body) => ({ id: (await w.adminCreate(res, body)).id as number }),
                `武汉市首营齐全大药房${w.next()}`,
                2,
                {},
                creditReviewAs(w.call),
                attach,
              ),
            }
          : await w.adminCreate(resource, await w.cases[resource].create(w.next(), 'admin'));
      if (resource === 'products') await attach('products', theirs.id as number, 'approval_doc');
      const ok = await w.call('qa', 'POST', `/${resource}/${theirs.id}/approve`, { password: PASSWORD });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.signature).toMatchObject({ meaning: 'approve_first_business', signer_name: DISPLAY_NAMES.qa });
    }
  });

  it("sales head approve-price on a line they entered → 403; on a salesperson's line → 200", async () => {
    const own = await w.call('sales_head', 'POST', '/sales_lines', await w.cases.sales_lines.create(w.next(), 'sales_head'));
    expect(own.status).toBe(201);
    const self = await w.call('sales_head', 'POST', `/sales_lines/${own.body.id}/approve-price`, { password: PASSWORD });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(SELF_APPROVAL);
    const line = await w.call('sales', 'POST', '/sales_lines', await w.cases.sales_lines.create(w.next(), 'sales'));
    expect(line.status).toBe(201);
    const ok = await w.call('sales_head', 'POST', `/sales_lines/${line.body.id}/approve-price`, { password: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it("reviewer review of a slip they picked themselves → 403; of the warehouse's slip → 200", async () => {
    const picked = await unreviewedSlip(`CK-SELF-${w.next()}`, DISPLAY_NAMES.reviewer);
    const self = await w.call('reviewer', 'POST', `/outbound_slips/${picked}/review`, { password: PASSWORD });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(SELF_APPROVAL);
    const slip = await unreviewedSlip(`CK-REV-${w.next()}`, DISPLAY_NAMES.warehouse);
    const ok = await w.call('reviewer', 'POST', `/outbound_slips/${slip}/review`, { password: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.record.reviewed_by).toBe(DISPLAY_NAMES.reviewer);
  });

  it("sales VP approves a salesperson's contract; the GM level is the GM's", async () => {
    // the 第五篇 3.2 terms, so the contract can be submitted (approval applies to submitted contracts only)
    const terms = {
      quality_terms: '符合国家药品标准',
      quantity_price_terms: '按订单',
      delivery_terms: '送货上门',
      payment_method: 'transfer',
      payment_days: 30,
      after_sales_terms: '质量问题退换',
    };
    const small = await w.call('sales', 'POST', '/contracts', { ...((await w.cases.contracts.create(w.next(), 'sales')) as Body), ...terms });
    expect(small.status).toBe(201);
    expect((await w.call('sales', 'POST', `/contracts/${small.body.id}/submit`, {})).status).toBe(200);
    const ok = await w.call('sales_vp', 'POST', `/contracts/${small.body.id}/approve`, { password: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // a major contract is submitted by the head of sales (第五篇 3.3.2)
    const major = await w.call('sales', 'POST', '/contracts', { ...((await w.cases.contracts.create(w.next(), 'sales')) as Body), ...terms, amount: 800000 });
    expect((await w.call('sales_head', 'POST', `/contracts/${major.body.id}/submit`, {})).status).toBe(200);
    const byVp = await w.call('sales_vp', 'POST', `/contracts/${major.body.id}/approve`, { password: PASSWORD });
    expect(byVp.status).toBe(403);
    expect((await w.call('gm', 'POST', `/contracts/${major.body.id}/approve`, { password: PASSWORD })).status).toBe(200);
  });

  // Approval fields are set by the signed verbs only: no unsigned (self-)approval through a plain write.
  it('qa creating a customer already approved → 400 (a create starts pending; the approval is the signed step)', async () => {
    const r = await w.call('qa', 'POST', '/customers', { ...((await w.cases.customers.create(w.next(), 'qa')) as Body), qa_status: 'approved' });
    expect(r.status).toBe(400);
  });
});

describe('the matrix itself', () => {
  it('names every role of DOMAIN.md and only actions of ACTIONS', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    for (const grants of Object.values(MATRIX)) for (const actions of Object.values(grants)) for (const a of actions) expect(ACTIONS).toContain(a);
    for (const grants of Object.values(MATRIX)) for (const res of Object.keys(grants)) if (res !== '*') expect(registry.has(res), res).toBe(true);
  });

  it('the read-only resources are exactly the service-written ones', () => {
    expect(
      [...registry.values()]
        .filter((r) => r.readOnly)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['attachments', 'audit_log', 'findings', 'import_rejects', 'imports', 'signatures']);
  });

  it("no role reads a user's password hash", async () => {
    const r = await listAll('sales', 'users');
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(1);
    for (const u of r.body) expect(u).not.toHaveProperty('password');
  });

  it('a refusal is Chinese by default and English on request', async () => {
    const zh = await del('sales', 'customers', w.fixture.customers);
    expect(zh.body.message).toBe('您的角色（销售员）不能作废「购货单位」');
    const en = await w.call('sales', 'DELETE', `/customers/${w.fixture.customers}`, undefined, { 'accept-language': 'en', 'x-reason': 'x' });
    expect(en.status).toBe(403);
    expect(en.body.message).toBe('Your roles (Salesperson) may not void Customers');
  });
});
