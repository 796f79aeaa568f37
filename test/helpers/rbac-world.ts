/**
 * The RBAC tests' world: one server, one live record of every registry resource, one signed-in user per role
 * of DOMAIN.md, and per writable resource a valid create body and a harmless edit. Built on the GSP-compliant
 * world of test/helpers/world.ts (sales writes are rule-checked), the rest created through the API as admin.
 *
 * Bodies only touch fields no guard restricts (FIELD_GUARDS) and no workflow step owns (schema/lifecycle.ts), so
 * a refusal in the matrix test can only come from the matrix itself; guards and record scopes are tested in their own cases (rbac-records.test.ts).
 */
import { expect } from 'vitest';
import { ROLE } from '../../schema/enums';
import type { Role } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import * as tables from '../../schema/tables';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { findRow, readRecord } from '../../server/services/records';
import { MADE_BY_STEP } from '../../schema/workflows/fulfilment';
import { createRecord } from '../../server/services/write';
import { login, startTestServer, type TestServer } from './app';
import { createApprovableCustomer } from './first-business-file';
import { buildWorld, compliantOrder, type World } from './world';
import { attachAs } from './attachments';
import { addDays as dayAfter } from '../../schema/rules';

export const ROLES = ROLE.values as readonly Role[];
export const REASON = 'RBAC 测试';
/** Every role's user signs in with this password (the verbs ask for it again). */
export const PASSWORD = 'rbac-test-password-1';
/** The people behind the role users (the reviewer's name matters to the self-review rule). */
export const DISPLAY_NAMES: Record<Role, string> = {
  admin: '系统管理员',
  sales: '高刚',
  sales_head: '刘经理',
  sales_vp: '赵总',
  gm: '钱总',
  qa: '吴静',
  warehouse: '孙库管',
  reviewer: '钱敏',
  finance: '周会计',
  after_sales: '郑售后',
  office: '王文员',
  auditor: '冯审计',
};

export type Body = Record<string, unknown>;
export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** How the tests write a resource: a valid new record and a harmless change to the live one. */
export interface ResourceCase {
  /** a valid body for a new record (natural key varied by `n`); may create what it needs as admin first */
  create(n: number, role: Role): Body | Promise<Body>;
  /** a change to the fixture record that breaks no rule */
  edit(n: number): Body;
}

export interface RbacWorld {
  srv: TestServer;
  /** the sales user's salesperson and everything their compliant sales need */
  world: World;
  /** a second, equally compliant world: another salesperson's customer, contract and orders */
  other: World;
  /** session cookie per role; `sales_unlinked` is a sales user with no salesperson record */
  cookies: Record<Role | 'sales_unlinked', string>;
  userIds: Record<Role | 'sales_unlinked', number>;
  /** the live record of every registry resource the cases show and edit */
  fixture: Record<string, number>;
  /** extra records: the order the fulfilment records hang on, another salesperson's order and line … */
  extra: Record<string, number>;
  cases: Record<string, ResourceCase>;
  /** a fresh number for natural keys */
  next(): number;
  call(who: Role | 'sales_unlinked' | string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** POST as admin; fails the test unless 201 */
  adminCreate(resource: string, body: Body): Promise<Body>;
  /** the stored row (with its current version) */
  row(resource: string, id: number): Promise<Record<string, any>>;
}

/** The signed credit review of a customer, as finance (what an approvable first-business file needs). */
export const creditReviewAs = (call: RbacWorld['call']) => async (customer: number, input: Body) => {
  const r = await call('finance', 'POST', `/customers/${customer}/credit-review`, { password: PASSWORD, ...input });
  expect(r.status, `setup: credit review ${JSON.stringify(r.body)}`).toBe(200);
};

export async function buildRbacWorld(): Promise<RbacWorld> {
  const srv = await startTestServer();
  const world = await buildWorld(srv.db, srv.clock);
  const other = await buildWorld(srv.db, srv.clock, '乙');
  const adminCookie = await login(srv.url);
  const cookies = { admin: adminCookie } as RbacWorld['cookies'];
  let counter = 0;
  const next = () => ++counter;

  const call: RbacWorld['call'] = async (who, method, path, body, headers = {}) => {
    const cookie = (cookies as Record<string, string>)[who] ?? who;
    const res = await fetch(`${srv.url}/api${path}`, {
      method,
      headers: { cookie, 'accept-language': 'zh-CN', ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const adminCreate = async (resource: string, body: Body) => {
    // What only the chain's steps make live (slips, invoices, …) stands here as a legacy record.
    if (MADE_BY_STEP[resource]?.create) {
      const res = registry.get(resource)!;
      const made = await createRecord({ db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' }, res, body, { historical: true });
      return (await readRecord(srv.db, res, made.id as number)) as Body;
    }
    const r = await call('admin', 'POST', `/${resource}`, body);
    expect(r.status, `setup: admin creates ${resource}: ${JSON.stringify(r.body)}`).toBe(201);
    return r.body as Body;
  };
  const row = async (resource: string, id: number) => (await findRow(srv.db, registry.get(resource)!, id)) as Record<string, any>;

  // One user per role (the built-in admin is the admin), a sales user linked to the world's salesperson.
  const userIds = {} as RbacWorld['userIds'];
  userIds.admin = ((await srv.db.select().from(tables.users).all()).find((u) => u.username === 'admin') as { id: number }).id;
  const people: [Role | 'sales_unlinked', Role, number | null][] = [
    ...ROLES.filter((r) => r !== 'admin').map((r): [Role, Role, number | null] => [r, r, r === 'sales' ? world.salesperson : null]),
    ['sales_unlinked', 'sales', null],
  ];
  for (const [key, role, salesperson] of people) {
    const u = await adminCreate('users', {
      username: `rbac_${key}`,
      display_name: key === 'sales_unlinked' ? '马丽' : DISPLAY_NAMES[role],
      roles: [role],
      password: PASSWORD,
      active: true,
      ...(salesperson && { salesperson }),
    });
    userIds[key] = u.id as number;
    cookies[key] = await login(srv.url, `rbac_${key}`, PASSWORD);
  }

  // What the fixtures hang on: an order that gets shipped and invoiced (nothing else adds lines to it, so its
  // total stays what its slips and invoices say), another salesperson's order, a product only recalls use.
  const extra: Record<string, number> = {};
  const shipOrder = await adminCreate('sales_orders', compliantOrder(world, 'SO-SHIP'));
  extra.shipOrder = shipOrder.id as number;
  const otherOrder = await adminCreate('sales_orders', {
    ...compliantOrder(other, 'SO-OTHER'),
    sales_lines: [{ product: other.product, batch: other.batch, quantity: 10, unit_price: 15, amount: 150 }],
  });
  extra.otherOrder = otherOrder.id as number;
  extra.otherLine = (otherOrder.sales_lines as Body[])[0].id as number;
  extra.otherContract = other.contract;
  extra.recallProduct = (
    await adminCreate('products', {
      kind: 'drug',
      generic_name: '维生素C片',
      spec: '0.1g×100片',
      unit: '瓶',
      manufacturer: '东北制药集团',
      approval_no: '国药准字H21021500',
      scope_category: '化学药制剂',
      storage: 'normal',
    })
  ).id as number;
  await adminCreate('batches', { product: extra.recallProduct, batch_no: 'R001', production_date: '2024-01-01', expiry_date: '2026-12-31' });

  const fixture: Record<string, number> = {};
  const F = (name: string) => fixture[name];
  // Issuer, picker and reviewer are step-owned (schema/lifecycle.ts): a plain slip waits for its steps (and a
  // reviewed one would be frozen: its edits refused, not by the matrix).
  const slipBody = (n: number): Body => ({ slip_no: `CK-RBAC-${n}`, order: extra.shipOrder, outbound_date: '2025-06-02' });
  const cases: Record<string, ResourceCase> = {
    users: {
      create: (n) => ({ username: `rbac-user-${n}`, display_name: `测试用户${n}`, roles: ['auditor'], active: true }),
      edit: (n) => ({ display_name: `测试用户改${n}` }),
    },
    settings: {
      create: (n) => ({ key: `rbacTest${n}`, value: n, description: 'RBAC 测试设置' }),
      edit: (n) => ({ value: n }),
    },
    company_licenses: {
      create: (n) => ({ kind: 'business', number: `91420100RBAC${n}`, valid_from: '2020-01-01', valid_to: '2030-12-31' }),
      edit: (n) => ({ valid_from: `2020-01-${String((n % 28) + 1).padStart(2, '0')}` }),
    },
    customers: {
      create: (n) => ({ name: `武汉市测试大药房${n}`, type: 'retailer', region: '湖北省武汉市' }),
      edit: (n) => ({ contact_name: `联系人${n}` }),
    },
    customer_licenses: {
      create: (n) => ({ customer: F('customers'), kind: 'business', number: `YYZZ${n}`, valid_from: '2020-01-01', valid_to: '2030-12-31' }),
      edit: (n) => ({ valid_from: `2020-01-${String((n % 28) + 1).padStart(2, '0')}` }),
    },
    customer_agents: {
      create: (n) => ({ customer: F('customers'), name: `提货人${n}`, role: 'receiver', phone: '13800000000' }),
      edit: (n) => ({ phone: `1380000${String(n % 10000).padStart(4, '0')}` }),
    },
    salespeople: {
      create: (n) => ({ name: `测试销售员${n}`, id_no: '420106199004217315', contract_start: '2022-01-01', contract_end: '2030-12-31' }),
      edit: (n) => ({ phone: `1390000${String(n % 10000).padStart(4, '0')}` }),
    },
    authorizations: {
      create: (n) => ({
        // the world's salesperson: qualified (contract, permit, a passed training), so a letter may be issued
        document_no: `SQ-RBAC-${n}`,
        salesperson: world.salesperson,
        varieties: ['中成药'],
        regions: ['湖北省'],
        valid_from: '2025-01-01',
        valid_to: '2025-12-31',
        sealed: true,
      }),
      // An unsealed letter is refused (the authorisation flow): the edit changes its regions instead.
      edit: (n) => ({ regions: n % 2 === 0 ? ['湖北省'] : ['湖北省', '湖南省'] }),
    },
    trainings: {
      create: (n) => ({ salesperson: F('salespeople'), date: '2025-03-01', topic: `GSP 培训 ${n}`, hours: 2, passed: true }),
      edit: (n) => ({ hours: n }),
    },
    products: {
      create: (n) => ({
        kind: 'drug',
        generic_name: '布洛芬缓释胶囊',
        dosage_form: '胶囊剂',
        spec: `0.3g×${n}粒`,
        unit: '盒',
        manufacturer: '中美天津史克制药有限公司',
        approval_no: '国药准字H10900089',
        scope_category: '化学药制剂',
        storage: 'normal',
      }),
      edit: (n) => ({ trade_name: `芬必得${n}` }),
    },
    batches: {
      create: (n) => ({ product: F('products'), batch_no: `P${n}`, production_date: '2025-01-01', expiry_date: '2027-12-31' }),
      edit: (n) => ({ sterilization_batch: `M${n}` }),
    },
    contracts: {
      create: (n) => ({ contract_no: `HT-RBAC-${n}`, customer: world.customer, salesperson: world.salesperson, amount: 10000 }),
      edit: (n) => ({ delivery_terms: `送货上门，${n} 日内` }),
    },
    sales_orders: {
      create: (n) => compliantOrder(world, `SO-RBAC-${n}`),
      edit: (n) => ({ remark: `备注 ${n}` }),
    },
    sales_lines: {
      create: () => ({ order: F('sales_orders'), product: world.product, batch: world.batch, quantity: 10, unit_price: 15, amount: 150 }),
      edit: (n) => ({ handler: `经办人${n}` }),
    },
    special_checks: {
      // One check per order (natural key): each new check gets an order of its own.
      create: async (n) => ({
        order: (await adminCreate('sales_orders', compliantOrder(world, `SO-SC-${n}`))).id,
        contract_obtained: true,
        identity_verified: true,
        authenticity_verified: true,
        verified_by: '高刚',
        verified_at: '2025-06-01T10:00:00.000Z',
      }),
      edit: (n) => ({ verified_by: `核实人${n}` }),
    },
    outbound_slips: { create: slipBody, edit: (n) => ({ outbound_date: `2025-06-0${2 + (n % 2)}` }) },
    invoices: {
      create: (n) => ({ invoice_no: `FP-RBAC-${n}`, type: 'vat_ordinary', customer: world.customer, invoice_date: '2025-06-05', amount: 150 }),
      edit: (n) => ({ list_attached: n % 2 === 0 }),
    },
    invoice_slips: {
      // An invoice of its own per link, for exactly what the ship order's slip carries (INVOICE_MISMATCH).
      create: async (n) => ({
        invoice: (
          await adminCreate('invoices', { invoice_no: `FP-IS-${n}`, type: 'vat_special', customer: world.customer, invoice_date: '2025-06-05', amount: 150 })
        ).id,
        slip: extra.secondSlip, // the fixture slip stays uninvoiced, so editable
      }),
      // Two slips of the same order: the invoice still matches whichever it links.
      edit: (n) => ({ slip: n % 2 === 0 ? F('outbound_slips') : extra.secondSlip }),
    },
    invoice_lines: {
      create: () => ({ invoice: F('invoices'), product: world.product, quantity: 10, amount: 150 }),
      edit: (n) => ({ quantity: n }),
    },
    payments: {
      // small: every payment on the invoice together stays within its open amount
      create: (n) => ({ customer: world.customer, invoice: F('invoices'), amount: 1, paid_at: '2025-06-10', method: 'transfer', voucher_no: `PZ-${n}` }),
      edit: (n) => ({ voucher_no: `PZ-E${n}` }),
    },
    visits: {
      create: () => ({ customer: world.customer, visit_date: '2025-06-10', kind: 'phone', staff: DISPLAY_NAMES.after_sales }),
      edit: (n) => ({ opinions: `顾客意见 ${n}` }),
    },
    complaints: {
      create: (n) => ({ complaint_no: `TS-RBAC-${n}`, customer: world.customer, channel: 'phone', received_at: '2025-06-10', description: '外包装破损' }),
      edit: (n) => ({ description: `外包装破损 ${n}` }),
    },
    quality_feedback: {
      create: (n) => ({ form_no: `ZL-RBAC-${n}`, source: 'customer', customer: world.customer, description: '胶囊外观异常' }),
      edit: (n) => ({ description: `胶囊外观异常 ${n}` }),
    },
    adverse_reactions: {
      create: () => ({ product: world.product, reaction: '皮疹', severity: 'general', received_at: '2025-06-10', patient: '女 35岁' }),
      edit: (n) => ({ patient: `男 ${20 + (n % 60)}岁` }),
    },
    recalls: {
      create: (n) => ({
        recall_no: `ZH-RBAC-${n}`,
        product: extra.recallProduct,
        batches: ['R001'],
        level: '3',
        initiated_by: 'manufacturer',
        reason: '抽检不合格',
        started_at: '2025-06-20',
      }),
      edit: (n) => ({ reason: `抽检不合格 ${n}` }),
    },
    recall_notices: {
      // One notice per recall and customer: each new notice gets a recall of its own.
      create: async (n) => ({
        recall: (
          await adminCreate('recalls', {
            recall_no: `ZH-N-${n}`,
            product: extra.recallProduct,
            batches: ['R001'],
            level: '3',
            initiated_by: 'manufacturer',
            reason: '抽检不合格',
            started_at: '2025-06-20',
          })
        ).id,
        customer: world.customer,
      }),
      // Nothing of the recall's batch was sold to the customer, so no quantity can come back (above sold is refused);
      // the notification itself is the notify step's (schema/lifecycle.ts).
      edit: (n) => ({ quantity_returned: n % 2 === 0 ? 0 : null }),
    },
    document_deliveries: {
      create: (n) => ({
        customer: world.customer,
        delivered_at: '2025-06-10',
        kind: 'product_approval',
        product: world.product,
        copies: 1 + (n % 3),
        sealed: true,
        delivered_by: DISPLAY_NAMES.sales,
      }),
      edit: (n) => ({ received_by: `接收人${n}` }),
    },
    // issue #14's after-sales records: a case marks its batch 不合格, so each gets a batch of its own
    nonconformities: {
      create: async (n) => ({
        batch: (await adminCreate('batches', { product: extra.recallProduct, batch_no: `NC${n}`, production_date: '2024-01-01', expiry_date: '2026-12-31' }))
          .id,
        reason: '抽检不合格',
      }),
      edit: (n) => ({ reason: `抽检不合格 ${n}` }),
    },
    nonconformity_notices: {
      create: async (n) => ({
        nonconformity: (
          await adminCreate('nonconformities', {
            batch: (
              await adminCreate('batches', { product: extra.recallProduct, batch_no: `NCN${n}`, production_date: '2024-01-01', expiry_date: '2026-12-31' })
            ).id,
            reason: '抽检不合格',
          })
        ).id,
        customer: world.customer,
      }),
      edit: (n) => ({ quantity_returned: n % 2 === 0 ? 0 : null }),
    },
    deliveries: {
      create: () => ({ slip: F('outbound_slips'), carrier: '武汉顺达医药物流有限公司', driver: '周师傅', departed_at: '2025-06-02T01:00:00.000Z' }),
      edit: (n) => ({ vehicle_no: `鄂A${String(n % 100000).padStart(5, '0')}` }),
    },
    replies: {
      create: () => ({
        customer: world.customer,
        subject: '关于外包装破损的复函',
        content: '已为贵单位换货。',
        reply_date: '2025-06-12',
        replied_by: DISPLAY_NAMES.after_sales,
      }),
      edit: (n) => ({ content: `已为贵单位换货 ${n}` }),
    },
    service_promises: {
      create: () => ({ contract: world.contract, promise: '每季度上门检查储存条件', due_date: '2025-12-31', owner: '高刚' }),
      edit: (n) => ({ owner: `负责人${n}` }),
    },
    follow_up_plans: {
      create: () => ({
        customer: world.customer,
        product: world.product,
        kind: 'medication_effect',
        start_date: '2025-06-01',
        interval_days: 30,
        staff: DISPLAY_NAMES.after_sales,
      }),
      edit: (n) => ({ purpose: `了解用药效果 ${n}` }),
    },
    suppliers: {
      create: (n) => ({ name: `湖北测试医药供应链有限公司${n}`, contact_name: '陈经理' }),
      edit: (n) => ({ contact_phone: `1370000${String(n % 10000).padStart(4, '0')}` }),
    },
    supplier_agreements: {
      create: (n) => ({
        agreement_no: `ZB-RBAC-${n}`,
        supplier: F('suppliers'),
        manufacturers: ['华北制药股份有限公司'],
        valid_from: '2025-01-01',
        valid_to: '2027-12-31',
        covers_devices: false,
      }),
      edit: (n) => ({ after_sales_contact: `售后电话 027-8339${String(n % 10000).padStart(4, '0')}` }),
    },
    // #14 staff and quality records: one period / version / number per case
    salesperson_assessments: {
      create: (n) => ({
        salesperson: world.salesperson,
        period_from: dayAfter('2020-01-01', n),
        period_to: dayAfter('2020-01-01', n + 30),
        assessor: '销售部 刘明',
        conclusion: 'passed',
      }),
      edit: (n) => ({ comments: `考核意见 ${n}` }),
    },
    price_filings: {
      create: (n) => ({ salesperson: world.salesperson, period_from: dayAfter('2020-01-01', n), period_to: dayAfter('2020-01-01', n) }),
      edit: (n) => ({ remarks: `备注 ${n}` }),
    },
    product_materials: {
      create: (n) => ({ product: world.product, title: `阿莫西林胶囊产品介绍 ${n}`, content: '适应症、用法用量以说明书为准，不得夸大疗效。' }),
      edit: (n) => ({ content: `适应症、用法用量以说明书为准（修订 ${n}）。` }),
    },
    market_reports: {
      create: (n) => ({ reported_at: '2025-06-10', reporter: '高刚', competitor_product: `阿莫西林胶囊（竞品 ${n}）`, summary: '同类产品终端价下调约 5%。' }),
      edit: (n) => ({ summary: `同类产品终端价下调约 ${n % 10}%。` }),
    },
    corrective_actions: {
      create: () => ({
        source: 'complaint',
        complaint: F('complaints'),
        cause: '运输包装不足',
        action: '改用加厚纸箱',
        owner: '储运部 孙立',
        due_date: '2025-07-31',
      }),
      edit: (n) => ({ owner: `储运部 孙立${n}` }),
    },
  };

  // One live record of every writable resource, created through the API as admin (registry order = dependency order).
  for (const resource of registry.values()) {
    if (resource.readOnly) continue;
    const c = cases[resource.name];
    if (!c) throw new Error(`rbac-world: no create/edit case for ${resource.name}`);
    fixture[resource.name] = (await adminCreate(resource.name, await c.create(next(), 'admin'))).id as number;
    if (resource.name === 'outbound_slips') extra.secondSlip = (await adminCreate('outbound_slips', slipBody(next()))).id as number;
  }

  // The read-only resources: the audit log and findings fill themselves, a signature comes from a QA approval;
  // imports have no HTTP write path here, so one import and one rejected row are stored directly.
  // (its first-business file complete, or the 首营 checklist refuses the approval)
  const toApprove = await createApprovableCustomer(
    async (res, body) => ({ id: (await adminCreate(res, body)).id as number }),
    `武汉市签名测试大药房${next()}`,
    1,
    {},
    creditReviewAs(call),
    attachAs(srv.url, adminCookie),
  );
  fixture.attachments = ((await srv.db.select({ id: tables.attachments.id }).from(tables.attachments).all()).at(-1) as { id: number }).id;
  const signed = await call('qa', 'POST', `/customers/${toApprove}/approve`, { password: PASSWORD });
  expect(signed.status, `setup: QA approval ${JSON.stringify(signed.body)}`).toBe(200);
  fixture.signatures = signed.body.signature.id;
  fixture.audit_log = ((await srv.db.select({ id: tables.auditLog.id }).from(tables.auditLog).all()).at(-1) as { id: number }).id;
  const finding = (await srv.db.select({ id: tables.findings.id }).from(tables.findings).all()).at(-1) as { id: number } | undefined;
  const ctx = { db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' as const };
  fixture.findings =
    finding?.id ??
    (() => {
      throw new Error('rbac-world: expected the fixtures to leave at least one finding');
    })();
  fixture.imports = (
    await createRecord(ctx, registry.get('imports')!, {
      kind: 'customers',
      file_name: '购货单位.csv',
      sha256: 'a'.repeat(64),
      size: 120,
      format: 'csv',
      encoding: 'utf-8',
      status: 'done',
    })
  ).id;
  fixture.import_rejects = (
    await createRecord(ctx, registry.get('import_rejects')!, {
      import: fixture.imports,
      row: 3,
      raw: ['无名药店', ''],
      errors: { region: '必填' },
    })
  ).id;
  for (const resource of registry.values()) if (!fixture[resource.name]) throw new Error(`rbac-world: no fixture for ${resource.name}`);

  return { srv, world, other, cookies, userIds, fixture, extra, cases, next, call, adminCreate, row };
}
