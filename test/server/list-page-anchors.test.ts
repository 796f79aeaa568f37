/**
 * Deep pages from the key of a page served before (server/crud/page-anchors.ts), on both engines: the next,
 * the previous and the same deep page answer exactly what the offset walk answers, start from an anchor while
 * nothing has committed, and see every commit since (a new row before the page, a voided one) — never a page
 * of an older state.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorStats } from '../../server/crud/page-anchors';
import { transaction } from '../../server/db';
import { sqlOf } from '../../server/db/dialect';
import { customerBody, startApi, type Api } from './api-client';

let api: Api;
let customer: number;
const ORDERS = 2500; // deep pages start 1,000 rows from either end (list-query.ts DEEP_OFFSET)

beforeAll(async () => {
  api = await startApi();
  customer = (await api.dp.create('customers', { data: customerBody('锚点测试大药房') })).data.id as number;
  const db = api.server.db;
  // 19 dates, so most keys are ties broken by id
  await transaction(
    db,
    async () =>
      await db.run(sql`INSERT INTO sales_orders (order_no, customer, sale_date, status)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
      SELECT 'AN' || i, ${customer}, '2024-02-' || (10 + i % 19), 'draft' FROM n`),
  );
}, 60_000);
afterAll(() => api.server.close());

/** The live orders in list order, from the database. */
async function expected(dir: 'ASC' | 'DESC'): Promise<number[]> {
  const rows = (await api.server.db.all(sql`SELECT id, sale_date FROM sales_orders WHERE voided_at IS NULL`)) as { id: number; sale_date: string }[];
  rows.sort((a, b) => (a.sale_date < b.sale_date ? -1 : a.sale_date > b.sale_date ? 1 : a.id - b.id));
  const ids = rows.map((r) => r.id);
  return dir === 'ASC' ? ids : ids.reverse();
}
async function pageAt(offset: number, dir: 'ASC' | 'DESC') {
  const res = await api.http(
    `/sales_orders?sort=${encodeURIComponent(JSON.stringify(['sale_date', dir]))}&range=${encodeURIComponent(JSON.stringify([offset, offset + 24]))}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: number }[]).map((r) => r.id);
}

describe('deep pages from a neighbour’s key', () => {
  it('next, previous, the same and a farther page: what the walk answers, from anchors', async () => {
    for (const dir of ['DESC', 'ASC'] as const) {
      const all = await expected(dir);
      const before = anchorStats.used;
      for (const offset of [1200, 1225, 1250, 1175, 1200, 1100, 1300, 1150])
        expect(await pageAt(offset, dir), `${dir} ${offset}`).toEqual(all.slice(offset, offset + 25));
      // all but the first. On PostgreSQL any commit in the cluster moves the stamp (pg_current_snapshot), and the
      // other test files' databases share this one's cluster: there the answers are what this test can hold to.
      if (sqlOf(api.server.db).dialect === 'sqlite') expect(anchorStats.used - before).toBeGreaterThanOrEqual(7);
    }
  });

  it('a commit moves every page: a new row before it, a voided one', async () => {
    const first = await expected('ASC');
    expect(await pageAt(1200, 'ASC')).toEqual(first.slice(1200, 1225));
    const db = api.server.db;
    await transaction(
      db,
      async () => await db.run(sql`INSERT INTO sales_orders (order_no, customer, sale_date, status) VALUES ('AN-EARLY', ${customer}, '2024-01-01', 'draft')`),
    );
    let all = await expected('ASC');
    expect(all.slice(1201, 1226)).toEqual(first.slice(1200, 1225)); // shifted by one
    expect(await pageAt(1200, 'ASC')).toEqual(all.slice(1200, 1225));
    expect(await pageAt(1225, 'ASC')).toEqual(all.slice(1225, 1250));
    await api.dp.delete('sales_orders', { id: all[10], previousData: { id: all[10] } });
    all = await expected('ASC');
    expect(await pageAt(1225, 'ASC')).toEqual(all.slice(1225, 1250));
    expect(await pageAt(1200, 'ASC')).toEqual(all.slice(1200, 1225));
  });
});
