/**
 * A filter combined with a sort on another column (a customer's sales lines by amount; issue #16 lists), on both
 * engines: every equality filter and a date range, each declared sort both ways, the first, a middle and the
 * last page answer exactly the lines in that order — the same on SQLite and PostgreSQL. The plan is chosen by
 * the list's total (server/crud/sort-walk.ts): a big customer's page walks the sort's index, a small one's
 * sorts its matches, and a filter correlated with the order (the cheapest product by unit price) leaves the
 * bounded walk short and is answered by sorting its matches.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { parseListParams } from '../../server/crud/list-query';
import { sortedIds, walkStatement, walkStats } from '../../server/crud/sort-walk';
import { transaction } from '../../server/db';
import { sqlOf } from '../../server/db/dialect';
import { login } from '../helpers/app';
import { startApi, type Api } from './api-client';

let api: Api;
const ORDERS = 600; // 4 lines each: 2,400 lines
let customers: number[]; // 70 %, 20 %, 10 % of the orders
let products: number[]; // cheap, middling, dear: unit price follows the product
let orderIds: number[];

interface Line {
  id: number;
  order: number;
  customer: number;
  product: number;
  batch: number;
  sale_date: string;
  quantity: number;
  unit_price: number;
  amount: number;
  voided_at: string | null;
}

beforeAll(async () => {
  api = await startApi();
  const db = api.server.db;
  await transaction(db, async () => {
    for (const name of ['组合大药房', '组合中医院', '组合卫生院'])
      await db.run(sql`INSERT INTO customers (name, type, region) VALUES (${name}, 'retailer', '武汉')`);
    for (const name of ['组合甲片', '组合乙胶囊', '组合丙注射液']) await db.run(sql`INSERT INTO products (generic_name) VALUES (${name})`);
  });
  customers = ((await db.all(sql`SELECT id FROM customers WHERE name LIKE '组合%' ORDER BY id`)) as { id: number }[]).map((r) => r.id);
  products = ((await db.all(sql`SELECT id FROM products WHERE generic_name LIKE '组合%' ORDER BY id`)) as { id: number }[]).map((r) => r.id);
  const [a, b, c] = customers;
  await transaction(db, async () => {
    for (const p of products) await db.run(sql`INSERT INTO batches (product, batch_no) VALUES (${p}, ${`B${p}`})`);
    // dates 2024-01-10 … 2024-09-19
    const orders = Array.from(
      { length: ORDERS },
      (_, i) => sql`(${`ZH${i}`}, ${i % 10 < 7 ? a : i % 10 < 9 ? b : c}, ${`2024-0${1 + (i % 9)}-1${i % 10}`}, 'completed')`,
    );
    await db.run(sql`INSERT INTO sales_orders (order_no, customer, sale_date, status) VALUES ${sql.join(orders, sql`, `)}`);
  });
  const orders = (await db.all(sql`SELECT id, customer, sale_date FROM sales_orders WHERE order_no LIKE 'ZH%' ORDER BY id`)) as {
    id: number;
    customer: number;
    sale_date: string;
  }[];
  orderIds = orders.map((o) => o.id);
  const batches = new Map(
    ((await db.all(sql`SELECT id, product FROM batches WHERE batch_no LIKE 'B%'`)) as { id: number; product: number }[]).map((r) => [r.product, r.id]),
  );
  const price = [(j: number) => 1 + (j % 5) / 10, (j: number) => 20 + (j % 7), (j: number) => 300 + (j % 11)];
  const rows = orders.flatMap((o, i) =>
    [0, 1, 2, 3].map((k) => {
      const j = i * 4 + k;
      // the big customer buys small quantities (1–13, ties broken by id), the others 20–24: its lines are the
      // first 70 % by quantity, behind all of theirs the other way round
      const quantity = o.customer === a ? 1 + ((j * 7) % 13) : 20 + (j % 5);
      const unit_price = price[j % 3](j);
      const voided = j % 97 === 5 ? '2024-12-01T00:00:00Z' : null;
      return sql`(${o.id}, ${o.customer}, ${o.sale_date}, ${products[j % 3]}, ${batches.get(products[j % 3])}, ${quantity}, ${unit_price}, ${Math.round(quantity * unit_price * 100) / 100}, ${voided})`;
    }),
  );
  await transaction(db, async () => {
    for (let i = 0; i < rows.length; i += 200)
      await db.run(
        sql`INSERT INTO sales_lines ("order", customer, sale_date, product, batch, quantity, unit_price, amount, voided_at) VALUES ${sql.join(rows.slice(i, i + 200), sql`, `)}`,
      );
  });
}, 60_000);
afterAll(() => api.server.close());

const SORTS = ['quantity', 'unit_price', 'amount', 'id', 'sale_date'] as const;

/** The lines matching `keep` — the live ones, all, or the voided ones — in the list's order. */
async function expected(
  keep: (l: Line) => boolean,
  field: (typeof SORTS)[number],
  dir: 'ASC' | 'DESC',
  rows: 'live' | 'all' | 'voided' = 'live',
): Promise<number[]> {
  const all = (await api.server.db.all(
    sql`SELECT id, "order", customer, product, batch, sale_date, quantity, unit_price, amount, voided_at FROM sales_lines WHERE "order" IN (SELECT id FROM sales_orders WHERE order_no LIKE 'ZH%')`,
  )) as Line[];
  const listed = all.filter((l) => (rows === 'all' || (l.voided_at === null) === (rows === 'live')) && keep(l));
  listed.sort((x, y) => (x[field] < y[field] ? -1 : x[field] > y[field] ? 1 : x.id - y.id));
  const ids = listed.map((r) => r.id);
  return dir === 'ASC' ? ids : ids.reverse();
}

async function page(filter: Record<string, unknown>, field: string, dir: 'ASC' | 'DESC', start: number, cookie?: string) {
  const q = new URLSearchParams({ filter: JSON.stringify(filter), sort: JSON.stringify([field, dir]), range: JSON.stringify([start, start + 24]) });
  const res = await api.http(`/sales_lines?${q}`, cookie ? { headers: { Cookie: cookie } } : {});
  expect(res.status).toBe(200);
  return { ids: ((await res.json()) as { id: number }[]).map((r) => r.id), total: Number(res.headers.get('content-range')!.split('/')[1]) };
}

describe('a filter and a sort on another column', () => {
  it('answers every filter × sort × direction, first, middle and last page, exactly', async () => {
    const filters: [Record<string, unknown>, (l: Line) => boolean][] = [
      ...customers.map((c): [Record<string, unknown>, (l: Line) => boolean] => [{ customer: c }, (l) => l.customer === c]),
      ...products.map((p): [Record<string, unknown>, (l: Line) => boolean] => [{ product: p }, (l) => l.product === p]),
      [{ order: orderIds[7] }, (l) => l.order === orderIds[7]],
      [{ sale_date_gte: '2024-03-01', sale_date_lte: '2024-05-31' }, (l) => l.sale_date >= '2024-03-01' && l.sale_date <= '2024-05-31'],
      [{ customer: customers[0], product: products[2] }, (l) => l.customer === customers[0] && l.product === products[2]],
    ];
    for (const [filter, keep] of filters)
      for (const field of SORTS)
        for (const dir of ['DESC', 'ASC'] as const) {
          const all = await expected(keep, field, dir);
          const last = Math.max(0, Math.floor((all.length - 1) / 25) * 25);
          for (const start of [...new Set([0, Math.floor(all.length / 50) * 25, last])]) {
            const got = await page(filter, field, dir, start);
            expect(got.total, `${JSON.stringify(filter)} ${field} ${dir}`).toBe(all.length);
            expect(got.ids, `${JSON.stringify(filter)} ${field} ${dir} from ${start}`).toEqual(all.slice(start, start + 25));
          }
        }
  });

  it('lists voided lines when asked: the walk (live rows only) is not taken', async () => {
    const ofA = (l: Line) => l.customer === customers[0];
    const voidedIds = new Set(await expected(ofA, 'id', 'ASC', 'voided'));
    // a page near the top (where the walk would be taken) holding a voided line, which a walk over live rows would miss
    let best: { field: (typeof SORTS)[number]; dir: 'ASC' | 'DESC'; at: number; all: number[] } | undefined;
    for (const field of ['quantity', 'unit_price', 'amount', 'id'] as const)
      for (const dir of ['DESC', 'ASC'] as const) {
        const all = await expected(ofA, field, dir, 'all');
        const at = all.findIndex((id) => voidedIds.has(id));
        if (!best || at < best.at) best = { field, dir, at, all };
      }
    expect(best!.at).toBeLessThan(100);
    const start = Math.floor(best!.at / 25) * 25;
    expect((await page({ customer: customers[0], voided: 'any' }, best!.field, best!.dir, start)).ids).toEqual(best!.all.slice(start, start + 25));
    const voided = await expected(ofA, 'amount', 'DESC', 'voided');
    expect(voided.length).toBeGreaterThan(0);
    expect((await page({ customer: customers[0], voided: true }, 'amount', 'DESC', 0)).ids).toEqual(voided.slice(0, 25));
  });

  it('walks the sort index for a big customer, sorts a small one’s matches, and falls back when the walk falls short', async () => {
    let before = { ...walkStats };
    await page({ customer: customers[0] }, 'unit_price', 'DESC', 0); // 70 % of the lines
    await page({ customer: customers[0] }, 'quantity', 'ASC', 0); // its small quantities come first
    expect(walkStats.filled - before.filled).toBe(2);
    before = { ...walkStats };
    await page({ customer: customers[2] }, 'unit_price', 'DESC', 0); // 10 %: sorting them is cheaper than walking
    expect(walkStats).toEqual(before);
    // by quantity descending its lines come after all the others' (30 % of the lines): the bounded walk falls short
    await page({ customer: customers[0] }, 'quantity', 'DESC', 0);
    expect(walkStats.short - before.short).toBe(1);
    // a product's lines by price: read from the product's index, which carries the prices (no walk)
    before = { ...walkStats };
    await page({ product: products[0] }, 'unit_price', 'DESC', 0);
    await page({ product: products[0] }, 'amount', 'ASC', 0);
    // a customer's lines by date: its composite index serves both (no walk)
    await page({ customer: customers[0] }, 'sale_date', 'DESC', 0);
    expect(walkStats).toEqual(before);
  });

  it('SQLite: the walk reads the sort column’s index in order, and sorts nothing', async () => {
    const db = api.server.db;
    if (sqlOf(db).dialect !== 'sqlite') return;
    const lines = registry.get('sales_lines')!;
    for (const field of ['amount', 'quantity', 'unit_price', 'id']) {
      const p = await parseListParams(db, lines, { filter: JSON.stringify({ customer: customers[0] }), sort: JSON.stringify([field, 'DESC']) }, 'en');
      const plan = (
        (await db.all(sql`EXPLAIN QUERY PLAN ${walkStatement(db, { resource: lines, where: p.where, orderBy: p.orderBy, offset: 0 }, 25, 1000)}`)) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      // the walk a co-routine reading the index (id: the table itself) in the list's order; no sort, none after it
      expect(plan, field).toEqual([
        'CO-ROUTINE sales_lines',
        field === 'id' ? 'SCAN sales_lines' : `SCAN sales_lines USING INDEX sales_lines__sort_${field}`,
        'SCAN sales_lines',
      ]);
    }
  });

  it('SQLite: a product’s lines by price are sorted from its index alone (schema/tables/sales.ts)', async () => {
    const db = api.server.db;
    if (sqlOf(db).dialect !== 'sqlite') return;
    const lines = registry.get('sales_lines')!;
    for (const field of ['unit_price', 'amount', 'id']) {
      const p = await parseListParams(db, lines, { filter: JSON.stringify({ product: products[0] }), sort: JSON.stringify([field, 'DESC']) }, 'en');
      const plan = (
        (await db.all(sql`EXPLAIN QUERY PLAN ${sortedIds(db, { resource: lines, where: p.where, orderBy: p.orderBy, sortField: field }, 25, 0)}`)) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      expect(plan[0], field).toMatch(
        /^SEARCH sales_lines USING COVERING INDEX sales_lines__product__voided_at__sale_date__unit_price_35edbed0 \(product=\? AND voided_at=\?\)$/,
      );
    }
  });

  it("a salesperson's page walks their own lines only: the scope is part of the walked condition", async () => {
    const db = api.server.db;
    const [sp, other] = await transaction(db, async () => {
      const ids: number[] = [];
      for (const name of ['组合张三', '组合李四']) {
        await db.run(sql`INSERT INTO salespeople (name) VALUES (${name})`);
        ids.push(((await db.get(sql`SELECT max(id) AS id FROM salespeople`)) as { id: number }).id);
      }
      // every fourth order another salesperson's: the big customer's lines stay many (the walk is taken)
      await db.run(sql`UPDATE sales_orders SET salesperson = ${ids[0]} WHERE order_no LIKE 'ZH%' AND id % 4 <> 0`);
      await db.run(sql`UPDATE sales_orders SET salesperson = ${ids[1]} WHERE order_no LIKE 'ZH%' AND id % 4 = 0`);
      return ids;
    });
    const PASSWORD = 'walk-scope-password-1';
    const created = await api.http('/users', {
      method: 'POST',
      json: { username: 'walk_sales', display_name: '组合张三', roles: ['sales'], password: PASSWORD, active: true, salesperson: sp },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const cookie = await login(api.server.url, 'walk_sales', PASSWORD);
    const own = new Set(((await db.all(sql`SELECT id FROM sales_orders WHERE salesperson = ${sp}`)) as { id: number }[]).map((r) => r.id));
    expect(own.size).toBeGreaterThan(0);
    expect(other).not.toBe(sp);
    // unit price down and quantity up: the walk fills the page; amount down: it falls short (the big customer's
    // lines come late by amount) and the matches are sorted — the scope holds on both paths
    for (const [field, dir, path] of [
      ['unit_price', 'DESC', 'filled'],
      ['quantity', 'ASC', 'filled'],
      ['amount', 'DESC', 'short'],
    ] as const) {
      const all = await expected((l) => l.customer === customers[0] && own.has(l.order), field, dir);
      const before = { ...walkStats };
      for (const start of [0, Math.floor(all.length / 50) * 25]) {
        const got = await page({ customer: customers[0] }, field, dir, start, cookie);
        expect(got.total, `${field} ${dir}`).toBe(all.length);
        expect(got.ids, `${field} ${dir} from ${start}`).toEqual(all.slice(start, start + 25));
      }
      expect(walkStats[path] - before[path], `${field} ${dir}: ${path}`).toBeGreaterThan(0);
    }
  });
});
