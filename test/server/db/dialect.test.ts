/**
 * The dialect helpers (server/db/dialect.ts) give the same answers on a real SQLite file and a real PostgreSQL
 * database migrated with drizzle-pg/: each helper's SQL runs on both engines over the same rows, and the
 * results are compared with each other and with what SQLite's own construct answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, salesOrders } from '../../../schema/tables';
import { closeDb, type Db, engineOf, openDb, openPgDb, transaction } from '../../../server/db';
import { sqlOf } from '../../../server/db/dialect';
import { migratePostgres } from '../../../server/migrate';
import { scratchDatabase, testPgUrl, type ScratchDatabase } from '../../helpers/pg';

const pgUrl = testPgUrl('dialect-helpers');

const NAMES = ['张三', '阿里', '北京医药', '安徽', '2号店', 'Beta', 'alpha', '赵钱', '重庆', 'Ωmega', '北'];
// (not year 0000: SQLite reads it, PostgreSQL has no year 0 — dialect.ts day())
const DAYS = ['2024-01-05', ' 2024-02-30 ', '2024-02-31T08:00:00Z', '2024-13-01', '2024-1-05', '', null, 'not a date', '2023-12-31 23:59', '2024-02-29'];

async function fill(db: Db) {
  await transaction(db, async () => {
    for (const [i, name] of NAMES.entries())
      await db
        .insert(customers)
        .values({ name, region: DAYS[i % DAYS.length], cold_chain: i % 3 === 0, legacy_facts: i % 2 ? ['冷链', `t${i}`] : { tags: 'x' } })
        .run();
  });
}

/** Everything the helpers answer on one engine. */
async function answers(db: Db) {
  const d = sqlOf(db);
  const c = customers;
  const out: Record<string, unknown> = {};
  out.counts = await db.get(sql`SELECT ${d.countWhere(sql`${c.cold_chain}`)} AS cold, ${d.countWhere(sql`${c.id} > 3`)} AS later, count(*) AS n FROM ${c}`);
  out.greatest = await db.all(sql`SELECT ${d.greatest(c.id, sql`5`)} AS g FROM ${c} ORDER BY ${c.id}`);
  out.days = await db.all(sql`SELECT ${c.region} AS raw, ${d.day(c.region)} AS day FROM ${c} ORDER BY ${c.id}`);
  out.plus = await db.all(sql`SELECT ${d.addDays(d.day(c.region), sql`${c.id} * 10`)} AS later FROM ${c} ORDER BY ${c.id}`);
  out.inList = (
    await db
      .select({ id: c.id })
      .from(c)
      .where(d.inList(c.id, [2, 4, 99]))
      .orderBy(c.id)
      .all()
  ).map((r) => r.id);
  out.inListText = (
    await db
      .select({ id: c.id })
      .from(c)
      .where(d.inList(c.name, ['安徽', 'Beta', "o'hara"]))
      .orderBy(c.id)
      .all()
  ).map((r) => r.id);
  out.jsonHas = (await db.select({ id: c.id }).from(c).where(d.jsonArrayHas(c.legacy_facts, '冷链')).orderBy(c.id).all()).map((r) => r.id);
  out.likeCi = (await db.select({ name: c.name }).from(c).where(d.likeCi(c.name, 'AL%')).orderBy(c.id).all()).map((r) => r.name);
  out.likeEscaped = (await db.select({ name: c.name }).from(c).where(d.likeCi(c.name, '%\\_%')).all()).length;
  out.tableExists = [(await db.all(d.tableExists('customers'))).length, (await db.all(d.tableExists('no_such_table'))).length];
  out.round2 = await db.get(
    sql`SELECT ${d.round2(sql`CAST(2.675 AS DOUBLE PRECISION)`)} AS a, ${d.round2(sql`${c.id} / 3.0`)} AS b FROM ${c} WHERE ${c.id} = 1`,
  );
  // ids handed out, then deleted-free high water after explicit ids
  out.highWater = (await db.get<{ n: number }>(sql`SELECT ${d.idHighWater('customers')} AS n`))!.n;
  const now = (await db.get<{ t: string }>(sql`SELECT ${d.nowIso()} AS t`))!.t;
  out.nowShape = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(now) && Math.abs(Date.parse(now) - Date.now()) < 60_000;
  return out;
}

describe.skipIf(!pgUrl)('dialect helpers on SQLite and PostgreSQL', () => {
  let dir: string;
  let scratch: ScratchDatabase;
  let sqliteDb: Db;
  let pgDb: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-dialect-'));
    sqliteDb = openDb(path.join(dir, 'gsp.sqlite'));
    scratch = await scratchDatabase(pgUrl!, 'dialect-helpers');
    await migratePostgres(scratch.url);
    pgDb = openPgDb(scratch.url);
    await fill(sqliteDb);
    await fill(pgDb);
  });

  afterAll(async () => {
    closeDb(sqliteDb);
    await engineOf(pgDb).close();
    await scratch.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answer alike on both engines, as SQLite’s own constructs do', async () => {
    const onSqlite = await answers(sqliteDb);
    const onPg = await answers(pgDb);
    expect(onPg).toEqual(onSqlite);
    expect(onSqlite.counts).toEqual({ cold: 4, later: 8, n: 11 });
    expect((onSqlite.days as { day: string | null }[]).map((r) => r.day)).toEqual([
      '2024-01-05',
      '2024-03-01',
      '2024-03-02',
      null,
      null,
      null,
      null,
      null,
      '2023-12-31',
      '2024-02-29',
      '2024-01-05',
    ]);
    expect(onSqlite.inList).toEqual([2, 4]);
    expect(onSqlite.jsonHas).toEqual([2, 4, 6, 8, 10]);
    expect(onSqlite.likeCi).toEqual(['alpha']);
    expect(onSqlite.round2).toEqual({ a: Math.round(2.675 * 100) / 100, b: 0.33 }); // as cents() in JS: 2.68
    expect(onSqlite.highWater).toBe(11);
    expect(onSqlite.nowShape).toBe(true);
  });

  it('pinyin order: the same for Chinese names, digits and Latin; the documented differences stay as documented', async () => {
    const order = async (db: Db) =>
      (await db.select({ name: customers.name }).from(customers).orderBy(sqlOf(db).zhSort(customers.name), asc(customers.id)).all()).map((r) => r.name);
    const [a, b] = [await order(sqliteDb), await order(pgDb)];
    const documented = new Set(['重庆', 'Ωmega']); // a word reading; a script other than Han/Latin/digits (dialect.ts zhSort)
    expect(b.filter((n) => !documented.has(n))).toEqual(a.filter((n) => !documented.has(n)));
    expect(b).toEqual([...NAMES].sort(new Intl.Collator('zh').compare)); // ICU reads 重庆 as chongqing, as the collator does
  });

  it('moves the PostgreSQL identity sequence past explicit ids (SQLite needs nothing)', async () => {
    for (const db of [sqliteDb, pgDb]) {
      const d = sqlOf(db);
      await transaction(db, async () => {
        await db.insert(salesOrders).values({ id: 500, order_no: 'SO-500', customer: 1, sale_date: '2024-01-01' }).run();
        const sync = d.syncIdSequence('sales_orders');
        if (sync) await db.run(sync);
        await db.insert(salesOrders).values({ order_no: 'SO-next', customer: 1, sale_date: '2024-01-02' }).run();
      });
      const next = await db.select({ id: salesOrders.id }).from(salesOrders).where(sql`${salesOrders.order_no} = 'SO-next'`).get();
      expect(next).toEqual({ id: 501 });
      expect((await db.get<{ n: number }>(sql`SELECT ${d.idHighWater('sales_orders')} AS n`))!.n).toBe(501);
    }
  });
});
