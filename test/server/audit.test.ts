/**
 * The audit trail: one row per record written, in the same transaction, with the session's user as actor,
 * the server's clock, before/after and the reason; failed writes leave none; the table is append-only.
 */
import { sql, type SQL } from 'drizzle-orm';
import { engineOf, transaction } from '../../server/db';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DataProvider } from 'ra-core';
import { login } from '../helpers/app';
import { verifyAuditChain } from '../../server/services/audit';
import { customerBody, httpError, ID_NUMBERS, list, providerFor, startApi, type Api } from './api-client';
import { compliantWorld, type World } from './fixtures';

let api: Api;
let clerk: DataProvider;
let clerkId: number;
let reason: string | undefined;
let world: World;

beforeAll(async () => {
  api = await startApi();
  const u = (await api.dp.create('users', { data: { username: 'qa_clerk', display_name: '质管员', roles: ['qa'], password: 'qa-clerk-password' } })).data;
  clerkId = u.id as number;
  clerk = providerFor(api.server.url, await login(api.server.url, 'qa_clerk', 'qa-clerk-password'), { reason: () => reason });
  world = await compliantWorld(api.dp, api.server, 'A');
});
afterAll(() => api.server.close());

const auditOf = async (resource: string, record_id: number) => (await list(api.dp, 'audit_log', { resource, record_id }, ['id', 'ASC'])).data;
const auditTotal = async () => (await list(api.dp, 'audit_log', {}, ['id', 'ASC'], 1, 1)).total!;
const lastAudits = async (n: number) => (await list(api.dp, 'audit_log', {}, ['id', 'DESC'], 1, n)).data.reverse();
/** the server's clock is pinned to 2025-06-30 09:00 +08:00 and runs from there; the real clock is elsewhere */
const serverNow = () => api.server.clock.now().getTime();

describe('one audit row per mutation', () => {
  test('create, update and void of a customer by the signed-in user: actor, server time, before/after, reason', async () => {
    const t0 = serverNow();
    reason = undefined;
    const created = (await clerk.create('customers', { data: customerBody('审计药房', { contact_name: '甲' }) })).data;
    reason = '更正联系人';
    const updated = (await clerk.update('customers', { id: created.id, data: { ...created, contact_name: '乙' }, previousData: created })).data;
    reason = '客户注销';
    const voided = (await clerk.delete('customers', { id: created.id, previousData: updated })).data;
    reason = undefined;
    const t1 = serverNow();

    const rows = await auditOf('customers', created.id as number);
    expect(rows.map((r) => [r.action, r.actor, r.reason])).toEqual([
      ['create', clerkId, null],
      ['update', clerkId, '更正联系人'],
      ['void', clerkId, '客户注销'],
    ]);
    expect([rows[0].before, rows[0].after]).toEqual([null, created]);
    expect([rows[1].before, rows[1].after]).toEqual([created, updated]);
    expect([rows[2].before, rows[2].after]).toEqual([updated, voided]);
    expect(created.created_by).toBe(clerkId);
    expect(voided.voided_by).toBe(clerkId);
    for (const r of rows) {
      expect(r.at).toMatch(/^2025-06-30T01:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(r.at)).toBeGreaterThanOrEqual(t0);
      expect(Date.parse(r.at)).toBeLessThanOrEqual(t1);
    }
    expect(Math.abs(Date.parse(rows[0].at) - Date.parse(created.created_at as string))).toBeLessThan(1000);
    expect(Math.abs(Date.parse(rows[2].at) - Date.parse(voided.voided_at as string))).toBeLessThan(1000);
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort());
  });

  test('a reason on an update may come as _reason in the body', async () => {
    const c = (await clerk.create('customers', { data: customerBody('理由药房') })).data;
    const res = await fetch(`${api.server.url}/api/customers/${c.id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Cookie: api.cookie },
      body: JSON.stringify({ ...c, address: '新地址', _reason: '搬迁' }),
    });
    expect(res.status).toBe(200);
    const rows = await auditOf('customers', c.id as number);
    expect(rows.map((r) => [r.action, r.actor, r.reason, r.after.address])).toEqual([
      ['create', clerkId, null, null],
      ['update', (await (await api.http('/auth/me')).json()).id, '搬迁', '新地址'],
    ]);
  });

  test('every record written gets exactly one row, across resources, all with the same actor', async () => {
    const before = await auditTotal();
    const p = (
      await clerk.create('products', {
        data: {
          generic_name: '维生素C片',
          spec: '0.1g*100片',
          unit: '瓶',
          manufacturer: '东北制药',
          approval_no: '国药准字H21021929',
          scope_category: '化学药制剂',
        },
      })
    ).data;
    const b = (await clerk.create('batches', { data: { product: p.id, batch_no: 'VC01' } })).data;
    await clerk.update('batches', { id: b.id, data: { ...b, status: 'quarantined' }, previousData: b });
    const c = (await clerk.create('customers', { data: customerBody('多资源药房') })).data;
    const l = (await clerk.create('customer_licenses', { data: { customer: c.id, kind: 'business', number: 'YY-1' } })).data;
    reason = '证照作废';
    await clerk.delete('customer_licenses', { id: l.id, previousData: l });
    reason = undefined;
    // an admin writes an order with two lines: 3 rows, actor admin
    const admin = (await (await api.http('/auth/me')).json()).id;
    // insured: a salesperson without 社保 would also open a finding (SALESPERSON_NO_SOCIAL_INSURANCE, its own audit row)
    const _s = (await api.dp.create('salespeople', { data: { name: '审计员工', id_no: ID_NUMBERS[1], social_insurance: true } })).data;
    // the sale itself is between compliant parties (world), so no rule refuses it
    const o = (
      await api.dp.create('sales_orders', {
        data: {
          order_no: 'AUD-1',
          customer: world.customers[0],
          salesperson: world.salesperson,
          contract: world.contract,
          payment_method: 'transfer',
          sale_date: '2025-06-30',
          sales_lines: [1, 2].map((q) => ({
            product: world.products[0],
            batch: world.batches[0],
            quantity: q,
            unit_price: 5,
            amount: 5 * q,
            handler: '韩梅',
            responsible: '曾丽',
          })),
        },
      })
    ).data;
    const rows = await lastAudits((await auditTotal()) - before);
    expect(rows.map((r) => [r.resource, r.action, r.actor])).toEqual([
      ['products', 'create', clerkId],
      ['batches', 'create', clerkId],
      ['batches', 'update', clerkId],
      ['customers', 'create', clerkId],
      ['customer_licenses', 'create', clerkId],
      ['customer_licenses', 'void', clerkId],
      ['salespeople', 'create', admin],
      ['sales_orders', 'create', admin],
      ['sales_lines', 'create', admin],
      ['sales_lines', 'create', admin],
    ]);
    expect(rows[2].before.status).toBe('qualified');
    expect(rows[2].after.status).toBe('quarantined');
    expect(rows[5].reason).toBe('证照作废');
    expect(rows[7].record_id).toBe(o.id);
    expect(rows.slice(8).map((r) => r.record_id)).toEqual((o.sales_lines as any[]).map((x) => x.id));
  });

  test('failed mutations leave no audit row', async () => {
    const c = (await clerk.create('customers', { data: customerBody('失败药房') })).data;
    await clerk.update('customers', { id: c.id, data: { ...c, address: 'x' }, previousData: c });
    const before = await auditTotal();
    expect((await httpError(() => clerk.create('customers', { data: { name: '' } }))).status).toBe(400);
    expect((await httpError(() => clerk.create('customers', { data: customerBody('失败药房') }))).status).toBe(400); // duplicate
    expect((await httpError(() => clerk.update('customers', { id: c.id, data: { ...c, address: 'y' }, previousData: c }))).status).toBe(409);
    expect((await httpError(() => clerk.update('customers', { id: 999999, data: { name: 'z' }, previousData: c }))).status).toBe(404);
    expect((await httpError(() => clerk.delete('customers', { id: c.id, previousData: c }))).status).toBe(400); // no reason
    expect((await httpError(() => clerk.create('audit_log', { data: { action: 'create' } }))).status).toBe(403);
    expect(await auditTotal()).toBe(before);
  });
});

describe('same transaction', () => {
  test('when the audit row cannot be written, nothing is written', async () => {
    const c = (await api.dp.create('customers', { data: customerBody('原子药房') })).data;
    const db = api.server.db;
    const pg = engineOf(db).dialect === 'postgres';
    const ddl = (text: string) => transaction(db, async () => await db.run(sql.raw(text)));
    // a trigger refusing every audit row (PostgreSQL: a function of its own)
    if (pg) {
      await ddl(`CREATE FUNCTION test_audit_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
      await ddl(`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_fails()`);
    } else await ddl(`CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END`);
    try {
      const count = async (name: string) => ((await db.get(sql`SELECT count(*) AS n FROM customers WHERE name = ${name}`)) as { n: number }).n;
      const e = await httpError(() => api.dp.create('customers', { data: customerBody('不应存在药房') }));
      expect(e.status).toBe(500);
      expect(e.message).toBe('服务器内部错误，操作未完成，数据未修改');
      expect(await count('不应存在药房')).toBe(0);
      expect((await httpError(() => api.dp.update('customers', { id: c.id, data: { ...c, address: '改' }, previousData: c }))).status).toBe(500);
      expect((await httpError(() => api.dp.delete('customers', { id: c.id, previousData: c }))).status).toBe(500);
      const s = await httpError(() =>
        api.dp.create('sales_orders', {
          data: { order_no: 'ATOM-1', customer: world.customers[0], salesperson: world.salesperson, sale_date: '2025-06-30' },
        }),
      );
      expect(s.status).toBe(500);
      expect(((await db.get(sql`SELECT count(*) AS n FROM sales_orders WHERE order_no = 'ATOM-1'`)) as { n: number }).n).toBe(0);
    } finally {
      await ddl(pg ? 'DROP TRIGGER test_audit_fails ON audit_log' : 'DROP TRIGGER test_audit_fails');
    }
    expect((await api.dp.getOne('customers', { id: c.id })).data).toEqual(c);
  });
});

describe('the audit table', () => {
  test('is append-only in the database itself, and its hash chain verifies', async () => {
    const db = api.server.db;
    // the refusal's text (Drizzle's SQLite session wraps the driver's error: its cause)
    const refusal = (q: SQL) =>
      transaction(db, async () => await db.run(q)).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(await refusal(sql`UPDATE audit_log SET reason = 'tampered' WHERE id = 1`)).toMatch(/append-only/);
    expect(await refusal(sql`DELETE FROM audit_log WHERE id = 1`)).toMatch(/append-only/);
    const { rows, breaks } = await verifyAuditChain(api.server.db);
    expect(rows).toBe(await auditTotal());
    expect(breaks).toEqual([]);
  });

  test('is listed and filtered through the API like any resource', async () => {
    const voids = await list(api.dp, 'audit_log', { action: 'void', actor: clerkId }, ['id', 'ASC']);
    expect(voids.data.map((r) => [r.resource, r.reason])).toEqual([
      ['customers', '客户注销'],
      ['customer_licenses', '证照作废'],
    ]);
    expect((await list(api.dp, 'audit_log', { q: '客户注销' })).total).toBe(1);
    const res = await api.http('/audit_log?range=[0,0]');
    expect(res.headers.get('content-range')).toBe(`audit_log 0-0/${await auditTotal()}`);
    const [newest] = await res.json();
    expect(newest.id).toBe((await lastAudits(1))[0].id); // default sort: newest first
  });
});
