/**
 * `q` through the FTS5 trigram indexes (schema/define.ts `textIndex`, drizzle/0013_search_fts.sql): the list
 * finds exactly what a LIKE '%q%' over the same columns finds — order numbers, customer and product names,
 * Chinese included, a q under three characters by the LIKE fallback — and the indexes stay in step with their
 * rows through create, edit and void over the API, a ledger import (the merge's INSERT … SELECT) and
 * void-import.
 */
import { writerOf } from '../../server/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataProvider } from 'ra-core';
import { registry } from '../../schema/resources';
import { login, type TestServer } from '../helpers/app';
import { sample, startImportServer, uploadImport } from '../imports/pipeline-fixtures';
import { apiCaller, providerFor } from './api-client';

const PASSWORD = 'list-search-pass-1';
let srv: TestServer;
let admin: string;
let dp: DataProvider;
let importId: number;

const call = apiCaller(() => srv.url);
const sqlite = () => writerOf(srv.db);
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The live sales lines a LIKE over the columns `q` searches finds: what the list must answer. */
async function expectedLines(q: string): Promise<number[]> {
  return (
    (await sqlite()
      .prepare(`
    SELECT l.id FROM sales_lines l JOIN sales_orders o ON o.id = l."order" JOIN customers c ON c.id = l.customer JOIN products p ON p.id = l.product
    WHERE l.voided_at IS NULL AND (o.order_no LIKE @q ESCAPE '\\' OR c.name LIKE @q ESCAPE '\\' OR p.generic_name LIKE @q ESCAPE '\\')
    ORDER BY l.id`)
      .all({ q: like(q) })) as { id: number }[]
  ).map((r) => r.id);
}
async function foundLines(q: string): Promise<number[]> {
  const r = await dp.getList('sales_lines', { filter: { q }, sort: { field: 'id', order: 'ASC' }, pagination: { page: 1, perPage: 1000 } });
  expect(r.total).toBe(r.data.length);
  return r.data.map((x) => x.id as number);
}
async function customersNamed(q: string, voided = false): Promise<string[]> {
  const r = await dp.getList('customers', {
    filter: { q, ...(voided && { voided: true }) },
    sort: { field: 'id', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  });
  return r.data.map((x) => x.name as string);
}
/** FTS5's own check of an external-content index against its table. */
function ftsIntact() {
  for (const r of registry.values()) {
    if (!r.textIndex.length) continue;
    expect(() => writerOf(srv.db).prepare(`INSERT INTO "${r.name}_fts"("${r.name}_fts", rank) VALUES ('integrity-check', 1)`).run(), r.name).not.toThrow();
  }
}

beforeAll(async () => {
  ({ server: srv, cookie: admin } = await startImportServer());
  dp = providerFor(srv.url, admin);
  const res = await uploadImport(srv.url, admin, sample('ledger-utf8.csv'), { kind: 'sales-ledger' });
  expect(res.status).toBe(201);
  importId = ((await res.json()) as { id: number }).id;
}, 120_000);
afterAll(() => srv.close());

describe('q through the trigram indexes', () => {
  it('every declared text index has its FTS table and the three triggers that keep it', async () => {
    const names = new Set(
      ((await sqlite().prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").all()) as { name: string }[]).map((r) => r.name),
    );
    const declared = [...registry.values()].filter((r) => r.textIndex.length).map((r) => r.name);
    expect(declared.sort()).toEqual(['customers', 'products', 'sales_orders']);
    for (const name of declared) {
      for (const n of [`${name}_fts`, `${name}_fts_insert`, `${name}_fts_delete`, `${name}_fts_update`]) expect(names.has(n), n).toBe(true);
    }
  });

  it('finds the lines whose order number, customer or product contains q — as LIKE does, Chinese included', async () => {
    const line = (await sqlite()
      .prepare(`
      SELECT o.order_no, c.name AS customer, p.generic_name AS product FROM sales_lines l
      JOIN sales_orders o ON o.id = l."order" JOIN customers c ON c.id = l.customer JOIN products p ON p.id = l.product
      WHERE l.voided_at IS NULL ORDER BY l.id LIMIT 1`)
      .get()) as { order_no: string; customer: string; product: string };
    const mid = (s: string, n: number) => [...s].slice(1, 1 + n).join('');
    const terms = [
      line.order_no,
      mid(line.order_no, 6),
      line.order_no.toLowerCase(), // a whole number, a substring, another case
      mid(line.customer, 3),
      line.customer,
      mid(line.product, 3),
      line.product,
      mid(line.customer, 2),
      mid(line.product, 1), // under three characters: the LIKE fallback
      '不存在的名字',
      '%%%',
      '_0_',
      'a"b', // nothing; LIKE's wildcards and FTS's quote are plain characters
    ];
    let hits = 0;
    for (const q of terms) {
      const expected = await expectedLines(q);
      expect(await foundLines(q), q).toEqual(expected);
      hits += expected.length;
    }
    expect(hits).toBeGreaterThan(20);
    expect((await expectedLines(mid(line.customer, 3))).length).toBeGreaterThan(0);
    expect((await expectedLines(mid(line.product, 3))).length).toBeGreaterThan(0);
    ftsIntact();
  });

  it('answers a q of three characters or more from the index, a shorter one from the table', async () => {
    const name = '滇南雪莲药业';
    await dp.create('customers', { data: { name, type: 'retailer', region: '湖北省武汉市' } });
    const [three, two] = ['雪莲药', '雪莲'];
    expect(await customersNamed(three)).toEqual([name]);
    sqlite().exec(`INSERT INTO customers_fts(customers_fts) VALUES ('delete-all')`); // the index emptied, the table not
    try {
      expect(await customersNamed(three)).toEqual([]);
      expect(await customersNamed(two)).toEqual([name]);
    } finally {
      sqlite().exec(`INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')`);
    }
    expect(await customersNamed(three)).toEqual([name]);
  });

  it('a customer is found by its name as created, as edited, and not once voided', async () => {
    const created = (await dp.create('customers', { data: { name: '临江仙草堂大药房', type: 'retailer', region: '湖北省武汉市' } })).data;
    expect(await customersNamed('仙草堂')).toEqual(['临江仙草堂大药房']);
    const edited = await call(admin, 'PUT', `/customers/${created.id}`, { name: '临江本草堂大药房', version: created.version });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await customersNamed('仙草堂')).toEqual([]);
    expect(await customersNamed('本草堂大')).toEqual(['临江本草堂大药房']);
    expect((await call(admin, 'DELETE', `/customers/${created.id}`, { reason: '重复录入' })).status).toBe(200);
    expect(await customersNamed('本草堂大')).toEqual([]);
    expect(await customersNamed('本草堂大', true)).toEqual(['临江本草堂大药房']);
    ftsIntact();
  });

  it('stays in step with a ledger import voided (void-import) and imported again', async () => {
    const orderNo = (
      (await sqlite().prepare('SELECT order_no FROM sales_orders WHERE import_id = ? ORDER BY id LIMIT 1').get(importId)) as { order_no: string }
    ).order_no;
    const before = await foundLines(orderNo);
    expect(before.length).toBeGreaterThan(0);
    expect(
      await call(admin, 'POST', '/users', { username: 'qa_search', display_name: 'qa_search', roles: ['qa'], password: PASSWORD, active: true }),
    ).toMatchObject({ status: 201 });
    const qa = await login(srv.url, 'qa_search', PASSWORD);
    const r = await call(qa, 'POST', `/imports/${importId}/void-import`, { password: PASSWORD, comment: '重新整理后再导入' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await foundLines(orderNo)).toEqual([]);
    ftsIntact();
    const again = await uploadImport(srv.url, admin, sample('ledger-utf8.csv'), { kind: 'sales-ledger' });
    expect(again.status).toBe(201);
    const after = await foundLines(orderNo);
    expect(after).toHaveLength(before.length);
    expect(after).toEqual(await expectedLines(orderNo));
    ftsIntact();
  });
});
