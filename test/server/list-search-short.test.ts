/**
 * `q` shorter than a trigram (one or two characters) on both engines: the list answers exactly what a
 * case-insensitive substring test answers — Chinese, Latin in either case, LIKE's wildcards as plain
 * characters. SQLite reads the column (LIKE); PostgreSQL asks drizzle-pg/0007_search_short.sql's index of the
 * column's characters first (list-query.ts contains()), and this checks that index can serve the condition.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getResource } from '../../schema/resources';
import { contains } from '../../server/crud/list-query';
import { transaction } from '../../server/db';
import { sqlOf } from '../../server/db/dialect';
import { customerBody, list, startApi, type Api } from './api-client';

let api: Api;
const NAMES = ['益丰大药房', '益康药房', 'Alpha 药店', 'ALPHA连锁', '丰收药店', '100%药房', 'a_b诊所', '北京医药'];

beforeAll(async () => {
  api = await startApi();
  for (const name of NAMES) await api.dp.create('customers', { data: customerBody(name) });
}, 60_000);
afterAll(() => api.server.close());

const found = async (q: string) => (await list(api.dp, 'customers', { q }, ['id', 'ASC'])).data.map((c) => c.name as string).filter((n) => NAMES.includes(n));

describe('q under three characters', () => {
  it('finds every name containing it, ignoring Latin case, wildcards as characters', async () => {
    const terms = ['益丰', '丰', '药', 'al', 'LP', 'a', '%', '_', '%药', 'b诊', '京医', '丰大', '无', 'zz'];
    for (const q of terms) {
      const expected = NAMES.filter((n) => n.toLowerCase().includes(q.toLowerCase()));
      expect(await found(q), q).toEqual(expected);
    }
    expect(await found('丰')).toEqual(['益丰大药房', '丰收药店']);
    expect(await found('al')).toEqual(['Alpha 药店', 'ALPHA连锁']);
    expect(await found('_')).toEqual(['a_b诊所']);
  });

  it('on PostgreSQL, the condition is one the characters index serves (no scan of the table)', async () => {
    const db = api.server.db;
    const d = sqlOf(db);
    if (d.dialect !== 'postgres') return; // SQLite: LIKE over the column (no such index)
    const customers = getResource('customers')!;
    const plan = await transaction(db, async () => {
      await db.run(sql`SET LOCAL enable_seqscan = off`);
      const rows = (await db.all(sql`EXPLAIN SELECT id FROM customers WHERE ${contains(d, customers, 'name', '益丰')}`)) as Record<string, string>[];
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('customers__chars_name');
  });
});
