/**
 * A sales order with its inline `sales_lines`, written and read through the unmodified simple-rest client
 * the way react-admin's edit form does it (the whole record, lines included, with their versions).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { httpError, list, startApi, type Api } from './api-client';
import { compliantWorld } from './fixtures';

let api: Api;
const id: Record<string, number> = {};

beforeAll(async () => {
  api = await startApi();
  // approved buyers with licences, an authorised salesperson, approved products, qualified batches
  const w = await compliantWorld(api.dp, api.server);
  [id.CA, id.CB] = w.customers;
  [id.P1, id.P2] = w.products;
  [id.B1, id.B2] = w.batches;
  id.S = w.salesperson;
  id.K = w.contract;
});
afterAll(() => api.server.close());

const line = (product: string, batch: string, quantity: number, unit_price: number, extra: Record<string, unknown> = {}) => ({
  product: id[product],
  batch: id[batch],
  quantity,
  unit_price,
  amount: Math.round(quantity * unit_price * 100) / 100,
  handler: '韩梅',
  responsible: '曾丽',
  ...extra,
});
const order = (order_no: string, lines: unknown[], extra: Record<string, unknown> = {}) => ({
  order_no,
  customer: id.CA,
  salesperson: id.S,
  contract: id.K,
  payment_method: 'transfer',
  sale_date: '2025-06-01',
  status: 'confirmed',
  sales_lines: lines,
  ...extra,
});
const audits = async (resource: string, record_id: number) => (await list(api.dp, 'audit_log', { resource, record_id }, ['id', 'ASC'])).data;
const auditTotal = async () => (await list(api.dp, 'audit_log', {}, ['id', 'ASC'], 1, 1)).total;

describe('create with lines', () => {
  test('writes the order and its lines; lines get order, sale_date and customer from the order', async () => {
    const { data } = await api.dp.create('sales_orders', {
      data: order('XS-0001', [line('P1', 'B1', 10, 12.5), line('P2', 'B2', 2, 30, { sale_date: '1999-01-01', customer: id.CB, handler: '吴十' })]),
    });
    expect(data).toMatchObject({ order_no: 'XS-0001', customer: id.CA, salesperson: id.S, sale_date: '2025-06-01', status: 'confirmed', version: 1 });
    const lines = data.sales_lines as any[];
    expect(lines.map((l) => [l.product, l.batch, l.quantity, l.unit_price, l.amount, l.order, l.sale_date, l.customer, l.version])).toEqual([
      [id.P1, id.B1, 10, 12.5, 125, data.id, '2025-06-01', id.CA, 1],
      [id.P2, id.B2, 2, 30, 60, data.id, '2025-06-01', id.CA, 1],
    ]);
    expect(lines[1].handler).toBe('吴十');
    expect((await api.dp.getOne('sales_orders', { id: data.id })).data).toEqual(data);
    // the lines are a resource of their own too
    const viaList = await list(api.dp, 'sales_lines', { order: data.id }, ['id', 'ASC']);
    expect(viaList.data).toEqual(lines);
    expect((await list(api.dp, 'sales_lines', { q: 'XS-0001' })).total).toBe(2); // order.order_no search
    // one audit row per record written
    expect((await audits('sales_orders', data.id as number)).map((a) => a.action)).toEqual(['create']);
    for (const l of lines) expect((await audits('sales_lines', l.id)).map((a) => [a.action, a.after.quantity])).toEqual([['create', l.quantity]]);
  });

  test('a bad line is reported as sales_lines.<i>.<field> and nothing is written', async () => {
    const before = await auditTotal();
    const e = await httpError(() =>
      api.dp.create('sales_orders', {
        data: order('XS-BAD1', [line('P1', 'B1', 1, 1), { product: id.P1, batch: id.B1, quantity: 'ten', unit_price: 1 }]),
      }),
    );
    expect(e.status).toBe(400);
    expect(e.body.errors).toEqual({
      'sales_lines.1.quantity': '应为数字',
      'sales_lines.1.amount': '必填项，请填写',
      root: { serverError: '提交的内容有误，请检查标出的字段' },
    });
    // a reference error is found inside the transaction, after the order row was inserted: rolled back
    const r = await httpError(() =>
      api.dp.create('sales_orders', { data: order('XS-BAD2', [line('P1', 'B1', 1, 1), { ...line('P2', 'B2', 1, 1), batch: 999999 }]) }),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual({ 'sales_lines.1.batch': '引用的批次记录不存在（ID 999999）', root: { serverError: '提交的内容有误，请检查标出的字段' } });
    const en = await httpError(() => api.dpEn.create('sales_orders', { data: order('XS-BAD3', 'nope' as unknown as unknown[]) }));
    expect(en.body.errors).toEqual({ sales_lines: 'Must be a list', root: { serverError: 'The submission has errors; check the marked fields' } });
    expect((await list(api.dp, 'sales_orders', { order_no_q: 'XS-BAD' })).total).toBe(0);
    expect((await list(api.dp, 'sales_orders', { order_no_q: 'XS-BAD', voided: true })).total).toBe(0);
    expect(await auditTotal()).toBe(before);
  });
});

describe('update with lines', () => {
  test('changing one line, adding one and omitting one: the omitted one is voided, each line write audited', async () => {
    const created = (await api.dp.create('sales_orders', { data: order('XS-0002', [line('P1', 'B1', 10, 10), line('P2', 'B2', 5, 20)]) })).data;
    const [l0, l1] = created.sales_lines as any[];
    const sent = { ...created, remark: '改单', sales_lines: [{ ...l0, quantity: 12, amount: 120 }, line('P2', 'B2', 1, 20)] };
    const { data } = await api.dp.update('sales_orders', { id: created.id, data: sent, previousData: created });
    expect(data).toMatchObject({ version: 2, remark: '改单' });
    const lines = data.sales_lines as any[];
    expect(lines.map((l) => [l.id, l.quantity, l.amount, l.version, l.sale_date, l.customer])).toEqual([
      [l0.id, 12, 120, 2, '2025-06-01', id.CA],
      [lines[1].id, 1, 20, 1, '2025-06-01', id.CA],
    ]);
    expect(lines[1].id).not.toBe(l1.id);
    const voided = (await api.dp.getOne('sales_lines', { id: l1.id })).data;
    expect(voided).toMatchObject({ version: 2, void_reason: '已从单据中删除', quantity: 5 });
    expect(voided.voided_at).toMatch(/^2025-06-30T/);
    expect((await list(api.dp, 'sales_lines', { order: created.id })).total).toBe(2);
    expect((await list(api.dp, 'sales_lines', { order: created.id, voided: true })).data.map((l) => l.id)).toEqual([l1.id]);

    const a0 = await audits('sales_lines', l0.id);
    expect(a0.map((a) => a.action)).toEqual(['create', 'update']);
    expect([a0[1].before.quantity, a0[1].after.quantity, a0[1].before.version, a0[1].after.version]).toEqual([10, 12, 1, 2]);
    const a1 = await audits('sales_lines', l1.id);
    expect(a1.map((a) => [a.action, a.reason])).toEqual([
      ['create', null],
      ['void', '已从单据中删除'],
    ]);
    expect((await audits('sales_lines', lines[1].id)).map((a) => a.action)).toEqual(['create']);
    expect((await audits('sales_orders', created.id as number)).map((a) => [a.action, a.before?.remark, a.after.remark])).toEqual([
      ['create', undefined, null],
      ['update', null, '改单'],
    ]);
  });

  test("lines follow the order's sale_date and customer, audited with the real before values", async () => {
    const created = (await api.dp.create('sales_orders', { data: order('XS-0003', [line('P1', 'B1', 1, 10), line('P2', 'B2', 2, 10)]) })).data;
    const [l0, l1] = created.sales_lines as any[];
    // react-admin sends the whole record back, lines included
    const { data } = await api.dp.update('sales_orders', {
      id: created.id,
      data: { ...created, sale_date: '2025-06-15', customer: id.CB },
      previousData: created,
    });
    expect((data.sales_lines as any[]).map((l) => [l.id, l.sale_date, l.customer, l.version])).toEqual([
      [l0.id, '2025-06-15', id.CB, 2],
      [l1.id, '2025-06-15', id.CB, 2],
    ]);
    const a = await audits('sales_lines', l0.id);
    expect(a.map((r) => r.action)).toEqual(['create', 'update']);
    expect([a[1].before.sale_date, a[1].after.sale_date, a[1].before.customer, a[1].after.customer]).toEqual(['2025-06-01', '2025-06-15', id.CA, id.CB]);
    // the line list filters on the copied fields
    expect((await list(api.dp, 'sales_lines', { customer: id.CB, sale_date_gte: '2025-06-15' })).data.map((l) => l.id).sort()).toEqual([l0.id, l1.id].sort());

    // an update without the lines (a bulk edit, a workflow) still carries the copies along, audited
    const moved = (await api.dp.update('sales_orders', { id: created.id, data: { sale_date: '2025-06-20', version: data.version }, previousData: data })).data;
    expect((moved.sales_lines as any[]).map((l) => [l.id, l.sale_date, l.version])).toEqual([
      [l0.id, '2025-06-20', 3],
      [l1.id, '2025-06-20', 3],
    ]);
    const a1 = await audits('sales_lines', l1.id);
    expect(a1.map((r) => [r.action, r.before?.sale_date, r.after.sale_date])).toEqual([
      ['create', undefined, '2025-06-01'],
      ['update', '2025-06-01', '2025-06-15'],
      ['update', '2025-06-15', '2025-06-20'],
    ]);
  });

  test('omitting sales_lines from the body leaves the lines alone', async () => {
    const created = (await api.dp.create('sales_orders', { data: order('XS-0004', [line('P1', 'B1', 3, 10)]) })).data;
    const { sales_lines: _omit, ...rest } = created;
    const { data } = await api.dp.update('sales_orders', { id: created.id, data: { ...rest, remark: '只改备注' }, previousData: created });
    expect(data.remark).toBe('只改备注');
    expect(data.sales_lines).toEqual(created.sales_lines);
    const emptied = (await api.dp.update('sales_orders', { id: created.id, data: { ...data, sales_lines: [] }, previousData: data })).data;
    expect(emptied.sales_lines).toEqual([]);
  });

  test('a stale line version → 409 and nothing changes, the order included', async () => {
    const created = (await api.dp.create('sales_orders', { data: order('XS-0005', [line('P1', 'B1', 1, 10), line('P2', 'B2', 1, 10)]) })).data;
    const [l0, l1] = created.sales_lines as any[];
    // someone edits line 1 directly
    await api.dp.update('sales_lines', { id: l1.id, data: { ...l1, quantity: 9, amount: 90 }, previousData: l1 });
    const before = (await api.dp.getOne('sales_orders', { id: created.id })).data;
    const audit = await auditTotal();
    const e = await httpError(() =>
      api.dp.update('sales_orders', {
        id: created.id,
        data: {
          ...created,
          remark: 'x',
          sales_lines: [
            { ...l0, quantity: 2, amount: 20 },
            { ...l1, quantity: 3, amount: 30 },
          ],
        },
        previousData: created,
      }),
    );
    expect(e.status).toBe(409);
    expect(e.message).toBe('该记录已被他人修改（您编辑的是第 1 版，当前为第 2 版），未保存。请刷新后重新修改。');
    expect((await api.dp.getOne('sales_orders', { id: created.id })).data).toEqual(before);
    expect(await auditTotal()).toBe(audit);
  });

  test("a line id that is not one of the order's lines → 400 on that line", async () => {
    const a = (await api.dp.create('sales_orders', { data: order('XS-0006', [line('P1', 'B1', 1, 10)]) })).data;
    const b = (await api.dp.create('sales_orders', { data: order('XS-0007', [line('P1', 'B1', 1, 10)]) })).data;
    const foreign = (b.sales_lines as any[])[0];
    const e = await httpError(() => api.dp.update('sales_orders', { id: a.id, data: { ...a, sales_lines: [foreign] }, previousData: a }));
    expect(e.status).toBe(400);
    expect(e.body.errors['sales_lines.0.id']).toBe(`记录不存在：sales_lines #${foreign.id}`);
    expect((await api.dp.getOne('sales_orders', { id: a.id })).data).toEqual(a);
    expect((await api.dp.getOne('sales_orders', { id: b.id })).data).toEqual(b);
  });
});

describe('void', () => {
  test('voiding the order voids its lines with the same reason, each audited', async () => {
    const created = (await api.dp.create('sales_orders', { data: order('XS-0008', [line('P1', 'B1', 1, 10), line('P2', 'B2', 1, 10)]) })).data;
    api.setReason('客户取消订单');
    const { data } = await api.dp.delete('sales_orders', { id: created.id, previousData: created });
    api.setReason('test void');
    expect(data).toMatchObject({ id: created.id, void_reason: '客户取消订单', sales_lines: [] });
    for (const l of created.sales_lines as any[]) {
      const v = (await api.dp.getOne('sales_lines', { id: l.id })).data;
      expect([v.void_reason, v.version]).toEqual(['客户取消订单', 2]);
      expect((await audits('sales_lines', l.id)).map((a) => [a.action, a.reason])).toEqual([
        ['create', null],
        ['void', '客户取消订单'],
      ]);
    }
    expect((await audits('sales_orders', created.id as number)).map((a) => [a.action, a.reason])).toEqual([
      ['create', null],
      ['void', '客户取消订单'],
    ]);
    expect((await list(api.dp, 'sales_orders', { order_no: 'XS-0008' })).total).toBe(0);
    expect((await list(api.dp, 'sales_lines', { order: created.id })).total).toBe(0);
    // the order number is free again
    expect((await api.dp.create('sales_orders', { data: order('XS-0008', []) })).data.order_no).toBe('XS-0008');
  });
});
