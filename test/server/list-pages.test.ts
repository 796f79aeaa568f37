/**
 * Issue 16 (lists) and issue 15 item 10 over HTTP on a real ledger import: a list sorts only by the columns
 * its definition declares (400 otherwise, zh and en), every declared sort walks page by page — the pages past
 * the middle read from the other end — to exactly the rows of a plain ORDER BY … LIMIT … OFFSET query, ties
 * by id; a range over 1,000 rows is a 400; the streamed CSV export holds the list's rows in the list's order
 * with the list's columns, and only the salesperson's own for a salesperson.
 */
import Papa from 'papaparse';
import type { DataProvider } from 'ra-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { login, type TestServer } from '../helpers/app';
import { sample, startImportServer, uploadImport } from '../imports/pipeline-fixtures';
import { exportUrl } from '../../web/src/generic/export-url';
import { providerFor } from './api-client';
import { sqlAll, sqlGet, sqlValue } from '../helpers/sql';

const PASSWORD = 'list-pages-pass-1';
let srv: TestServer;
let admin: string;
let dp: DataProvider;
let salesCookie: string;
let salesperson: number;

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const get = (cookie: string, p: string, lang?: string) => fetch(`${srv.url}/api${p}`, { headers: { cookie, ...(lang && { 'accept-language': lang }) } });
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id as number);

/** The plain query the list must equal: the same order, LIMIT/OFFSET counted from the start. */
async function plainPage(table: string, field: string, dir: 'ASC' | 'DESC', limit: number, offset: number, nullsLast: boolean): Promise<number[]> {
  // empty values last either way, said explicitly: SQLite sorts NULL first ascending, PostgreSQL last
  const order = field === 'id' ? `id ${dir}` : `${nullsLast ? `"${field}" IS NULL, ` : ''}"${field}" ${dir}, id ${dir}`;
  return (await sqlAll<{ id: number }>(srv.db, `SELECT id FROM "${table}" WHERE voided_at IS NULL ORDER BY ${order} LIMIT ? OFFSET ?`, limit, offset)).map(
    (r) => r.id,
  );
}

/** Every page of a list through the unmodified simple-rest client. */
async function walk(resource: string, field: string, order: 'ASC' | 'DESC', perPage: number) {
  const pages: number[][] = [];
  let total = Infinity;
  for (let page = 1; (page - 1) * perPage < total; page++) {
    const r = await dp.getList(resource, { filter: {}, sort: { field, order }, pagination: { page, perPage } });
    total = r.total!;
    pages.push(ids(r.data));
  }
  return { pages, total };
}

async function parseCsv(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
  return Papa.parse<string[]>(new TextDecoder().decode(bytes.slice(3)), { skipEmptyLines: true }).data;
}

beforeAll(async () => {
  ({ server: srv, cookie: admin } = await startImportServer());
  dp = providerFor(srv.url, admin);
  expect((await uploadImport(srv.url, admin, sample('ledger-utf8.csv'), { kind: 'sales-ledger' })).status).toBe(201);
  // a salesperson with some, not all, of the imported orders
  salesperson = await sqlValue(
    srv.db,
    'SELECT salesperson AS s FROM sales_orders WHERE salesperson IS NOT NULL GROUP BY salesperson ORDER BY count(*) DESC, salesperson LIMIT 1',
  );
  const u = await fetch(`${srv.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ username: 'sales_pages', display_name: 'sales_pages', roles: ['sales'], salesperson, password: PASSWORD, active: true }),
  });
  expect(u.status).toBe(201);
  salesCookie = await login(srv.url, 'sales_pages', PASSWORD);
}, 120_000);
afterAll(() => srv.close());

describe('sorting', () => {
  it('refuses a column the definition does not declare sortable, naming the ones it does (zh, en)', async () => {
    const zh = await get(admin, `/sales_lines?sort=${enc(['handler', 'ASC'])}&range=${enc([0, 24])}`);
    expect(zh.status).toBe(400);
    expect((await zh.json()).message).toBe(
      '不支持按 handler 排序（销售明细可排序的列：ID、销售日期 (sale_date)、数量 (quantity)、单价 (unit_price)、金额 (amount)）',
    );
    const en = await get(admin, `/sales_lines?sort=${enc(['customer', 'DESC'])}`, 'en');
    expect(en.status).toBe(400);
    expect((await en.json()).message).toBe(
      'Cannot sort Sales lines by customer (sortable columns: ID, Sale date (sale_date), Quantity (quantity), Unit price (unit_price), Amount (amount))',
    );
    // the default sort and id are always allowed; every resource's default is among its declared columns
    for (const r of registry.values()) expect(['id', ...r.sortable], r.name).toContain(r.sort[0]);
  });

  it('walks every declared sort of the sales lines, both ways, to the plain OFFSET query — ties by id, last page included', async () => {
    const lines = registry.get('sales_lines')!;
    const total = await sqlValue(srv.db, 'SELECT count(*) AS n FROM sales_lines WHERE voided_at IS NULL');
    expect(total).toBeGreaterThan(100);
    const perPage = 23; // total is not a multiple: the last page is short
    for (const field of ['id', ...lines.sortable]) {
      for (const order of ['ASC', 'DESC'] as const) {
        const { pages, total: reported } = await walk('sales_lines', field, order, perPage);
        expect(reported).toBe(total);
        for (const [i, page] of pages.entries())
          expect(page, `${field} ${order} page ${i + 1}`).toEqual(await plainPage('sales_lines', field, order, perPage, i * perPage, false));
        expect(pages.flat()).toHaveLength(total);
      }
    }
    // the data has ties for the id tie-breaker to settle
    expect(await sqlValue(srv.db, 'SELECT count(*) AS n FROM (SELECT quantity FROM sales_lines GROUP BY quantity HAVING count(*) > 1) t')).toBeGreaterThan(0);
  });

  it('an optional column keeps its empty values last ascending, first-to-last either way, on every page', async () => {
    const product = await sqlValue(srv.db, 'SELECT id FROM products ORDER BY id LIMIT 1');
    for (const batch_no of ['NOEXP-1', 'NOEXP-2']) await dp.create('batches', { data: { product, batch_no } });
    for (const order of ['ASC', 'DESC'] as const) {
      const { pages } = await walk('batches', 'expiry_date', order, 3);
      for (const [i, page] of pages.entries()) expect(page, `${order} page ${i + 1}`).toEqual(await plainPage('batches', 'expiry_date', order, 3, i * 3, true));
      const last = pages.flat().slice(-2);
      const expiry = (id: number) => sqlValue<string | null>(srv.db, 'SELECT expiry_date AS e FROM batches WHERE id = ?', id);
      expect(await Promise.all(last.map(expiry))).toEqual([null, null]);
    }
  });

  it('answers a range past the end with no rows and the total', async () => {
    const res = await get(admin, `/sales_lines?range=${enc([5000, 5009])}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    expect(res.headers.get('content-range')).toMatch(/^sales_lines 5000-5000\/\d+$/);
  });
});

describe('page size', () => {
  it('reads at most 1,000 rows a request: a bigger range is a 400 (zh, en)', async () => {
    expect((await get(admin, `/sales_lines?range=${enc([0, 999])}`)).status).toBe(200);
    const zh = await get(admin, `/sales_lines?range=${enc([0, 1000])}`);
    expect(zh.status).toBe(400);
    expect((await zh.json()).message).toBe('每次最多读取 1000 行（range [0,1000] 为 1001 行）；更多数据请分页或使用导出');
    const en = await get(admin, `/sales_lines?range=${enc([10, 5000])}`, 'en');
    expect((await en.json()).message).toBe('At most 1000 rows per request (range [10,5000] is 4991 rows); page through the list or use the export');
  });
});

describe('CSV export, streamed', () => {
  // the URL the console's 导出 button opens (web/src/generic/ExportCsvButton.tsx)
  const exportOf = (cookie: string, resource: string, filter: Record<string, unknown>, sort: [string, string], lang = 'zh') =>
    fetch(`${srv.url}${exportUrl(resource, filter, { field: sort[0], order: sort[1] }, lang)}`, { headers: { cookie } });

  it('holds the rows of the list in its order, every readable field by its label, references by their display text', async () => {
    const sort: [string, string] = ['amount', 'DESC'];
    const res = await exportOf(admin, 'sales_lines', {}, sort);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('销售明细-')}`);
    const [header, ...rows] = await parseCsv(res);
    const lines = registry.get('sales_lines')!;
    expect(header).toEqual(['ID', ...Object.values(lines.fields).map((f) => f.label[0])]);
    const listed = await dp.getList('sales_lines', { filter: {}, sort: { field: sort[0], order: 'DESC' }, pagination: { page: 1, perPage: 1000 } });
    expect(rows.map((r) => Number(r[0]))).toEqual(ids(listed.data));
    // a line's order reads as its number, its customer as its name, numbers as numbers
    const first = listed.data[0];
    const row = rows[0];
    const col = (key: string) => row[1 + Object.keys(lines.fields).indexOf(key)];
    const order = (await sqlGet(srv.db, 'SELECT order_no FROM sales_orders WHERE id = ?', first.order)) as { order_no: string };
    const customer = (await sqlGet(srv.db, 'SELECT name FROM customers WHERE id = ?', first.customer)) as { name: string };
    expect(col('order')).toBe(order.order_no);
    expect(col('customer')).toBe(customer.name);
    expect(Number(col('amount'))).toBe(first.amount);
    // in English: the labels of the UI language
    const en = await parseCsv(await exportOf(admin, 'sales_lines', {}, sort, 'en'));
    expect(en[0]).toEqual(['ID', ...Object.values(lines.fields).map((f) => f.label[1])]);
  });

  it('applies the list filter and refuses what the list refuses', async () => {
    const customer = await sqlValue(srv.db, 'SELECT customer AS c FROM sales_lines GROUP BY customer ORDER BY count(*) DESC, customer LIMIT 1');
    const [, ...rows] = await parseCsv(await exportOf(admin, 'sales_lines', { customer }, ['sale_date', 'ASC']));
    const listed = await dp.getList('sales_lines', {
      filter: { customer },
      sort: { field: 'sale_date', order: 'ASC' },
      pagination: { page: 1, perPage: 1000 },
    });
    expect(rows.map((r) => Number(r[0]))).toEqual(ids(listed.data));
    expect((await exportOf(admin, 'sales_lines', {}, ['handler', 'ASC'])).status).toBe(400);
  });

  it('gives a salesperson their own lines only — the rows their list shows', async () => {
    const res = await exportOf(salesCookie, 'sales_lines', {}, ['sale_date', 'DESC']);
    expect(res.status).toBe(200);
    const [, ...rows] = await parseCsv(res);
    const own = (
      await sqlAll<{ id: number }>(
        srv.db,
        `SELECT l.id FROM sales_lines l JOIN sales_orders o ON o.id = l."order" WHERE l.voided_at IS NULL AND o.salesperson = ?`,
        salesperson,
      )
    ).map((r) => r.id);
    const all = await sqlValue(srv.db, 'SELECT count(*) AS n FROM sales_lines WHERE voided_at IS NULL');
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all);
    expect(rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(own.sort((a, b) => a - b));
    const list = await providerFor(srv.url, salesCookie).getList('sales_lines', {
      filter: {},
      sort: { field: 'sale_date', order: 'DESC' },
      pagination: { page: 1, perPage: 1000 },
    });
    expect(rows.map((r) => Number(r[0]))).toEqual(ids(list.data));
  });
});
