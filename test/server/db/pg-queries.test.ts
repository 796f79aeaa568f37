/**
 * One service code base on both engines: the same query code — written as the services write it (SQLite table
 * objects from schema/tables, awaited SQLite terminals) — runs on a real SQLite file and on a real PostgreSQL
 * database migrated with drizzle-pg/ (through server/db/pg-db.ts) and gives the same rows: inserts with
 * returning(), .run() counts, where/orderBy/limit, joins (an alias too), groupBy with count/sum, `sql` templates
 * over columns, onConflictDoNothing/DoUpdate, .values(), raw db.all(sql), booleans, JSON text, doubles, nulls.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, count, desc, eq, gt, inArray, isNull, like, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, customers } from '../../../schema/tables';
import { closeDb, type Db, engineOf, openDb, openPgDb, transaction } from '../../../server/db';
import { migratePostgres } from '../../../server/migrate';
import { scratchDatabase, testPgUrl, type ScratchDatabase } from '../../helpers/pg';

const pgUrl = testPgUrl('pg-queries');

/** What a service does, in the async-db codemod's form; returns everything it saw. */
async function scenario(db: Db) {
  const seen: Record<string, unknown> = {};
  seen.inserted = await transaction(db, () =>
    db
      .insert(customers)
      .values([
        { name: '华东医药', region: '杭州', cold_chain: true, service_point: false, credit_limit: 0.1 + 0.2, legacy_facts: { z: 1, a: ['甲', 2], m: null } },
        { name: '国药控股', region: '上海', cold_chain: false, credit_limit: 1e6 },
        { name: 'Hua Dong', region: null, cold_chain: null, legacy_facts: null },
      ])
      .returning(),
  );
  seen.contractRun = await transaction(db, async () =>
    db
      .insert(contracts)
      .values([
        { contract_no: 'HT-1', customer: 1, amount: 100.5, status: 'signed' },
        { contract_no: 'HT-2', customer: 1, amount: 200.25 },
        { contract_no: 'HT-3', customer: 2, amount: 7 },
      ])
      .run(),
  );
  seen.coldChain = await db.select().from(customers).where(eq(customers.cold_chain, true)).all();
  seen.notCold = await db.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.cold_chain, false)).all();
  seen.undecided = await db.select({ id: customers.id }).from(customers).where(isNull(customers.cold_chain)).all();
  seen.ordered = await db
    .select({ id: customers.id, region: customers.region })
    .from(customers)
    .orderBy(sql`${customers.region} IS NULL`, desc(customers.id))
    .limit(2)
    .offset(0)
    .all();
  seen.one = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.customer, 1), like(contracts.contract_no, 'HT-%')))
    .orderBy(asc(contracts.id))
    .get();
  seen.none = await db.select().from(contracts).where(eq(contracts.contract_no, 'nope')).get();
  seen.perCustomer = await db
    .select({ name: customers.name, n: count(), total: sum(contracts.amount), doubled: sql<number>`max(${contracts.amount}) * 2` })
    .from(contracts)
    .innerJoin(customers, eq(contracts.customer, customers.id))
    .groupBy(customers.name)
    .orderBy(customers.name)
    .all();
  const other = alias(customers, 'other');
  seen.aliased = await db
    .select({ contract: contracts.contract_no, customer: other.name, cold: other.cold_chain })
    .from(contracts)
    .leftJoin(other, eq(other.id, contracts.customer))
    .orderBy(contracts.contract_no)
    .all();
  seen.withContracts = await db
    .select({ id: customers.id })
    .from(customers)
    .where(inArray(customers.id, db.select({ c: contracts.customer }).from(contracts)))
    .orderBy(customers.id)
    .all();
  const dynamic = db.select({ no: contracts.contract_no }).from(contracts).$dynamic();
  seen.dynamic = await dynamic.where(gt(contracts.amount, 50)).orderBy(desc(contracts.amount)).all();
  seen.updateRun = await transaction(db, () =>
    db
      .update(customers)
      .set({ cold_chain: false, legacy_facts: { b: [true, 1.5] }, version: sql`${customers.version} + 1` })
      .where(inArray(customers.id, [1, 3]))
      .run(),
  );
  seen.updated = await transaction(db, () =>
    db.update(customers).set({ region: '北京' }).where(eq(customers.id, 2)).returning({ id: customers.id, region: customers.region }).get(),
  );
  seen.afterUpdate = await db.select().from(customers).orderBy(customers.id).all();
  seen.conflictNothing = await transaction(db, () => db.insert(customers).values({ id: 1, name: '重复' }).onConflictDoNothing({ target: customers.id }).run());
  seen.conflictUpdate = await transaction(db, () =>
    db
      .insert(customers)
      .values({ id: 2, name: '国药控股（更名）', service_point: true })
      .onConflictDoUpdate({ target: customers.id, set: { name: sql`excluded.name`, service_point: true } })
      .returning({ id: customers.id, name: customers.name, service_point: customers.service_point })
      .all(),
  );
  seen.values = await db.select({ no: contracts.contract_no, amount: contracts.amount }).from(contracts).orderBy(contracts.id).values();
  seen.raw = await db.all(sql`SELECT ${customers.name} AS name FROM ${customers} WHERE ${customers.id} = ${2}`);
  seen.deleteRun = await transaction(db, () => db.delete(contracts).where(eq(contracts.customer, 2)).run());
  seen.left = await db.select({ n: count() }).from(contracts).get();
  return seen;
}

describe.skipIf(!pgUrl)('the same query code on SQLite and PostgreSQL', () => {
  let dir: string;
  let scratch: ScratchDatabase;
  let sqliteDb: Db;
  let pgDb: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-pgq-'));
    sqliteDb = openDb(path.join(dir, 'gsp.sqlite'));
    scratch = await scratchDatabase(pgUrl!, 'pg-queries');
    await migratePostgres(scratch.url);
    pgDb = openPgDb(scratch.url);
  });

  afterAll(async () => {
    closeDb(sqliteDb);
    await engineOf(pgDb).close();
    await scratch.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same rows, counts and values', async () => {
    const onSqlite = await scenario(sqliteDb);
    const onPg = await scenario(pgDb);
    // the SQLite run result also has lastInsertRowid; PostgreSQL has none (use returning())
    for (const k of ['contractRun', 'updateRun', 'conflictNothing', 'deleteRun']) {
      const r = onSqlite[k] as { changes: number; lastInsertRowid?: unknown };
      onSqlite[k] = { changes: r.changes };
    }
    expect(onPg).toEqual(onSqlite);
    // and they are what the code wrote, not two equal mistakes
    expect(onPg.contractRun).toEqual({ changes: 3 });
    expect(onPg.conflictNothing).toEqual({ changes: 0 });
    expect((onPg.inserted as { legacy_facts: unknown; credit_limit: number }[])[0]).toMatchObject({
      credit_limit: 0.1 + 0.2,
      legacy_facts: { z: 1, a: ['甲', 2], m: null },
    });
    expect(onPg.perCustomer).toEqual([
      { name: '华东医药', n: 2, total: '300.75', doubled: 400.5 },
      { name: '国药控股', n: 1, total: '7', doubled: 14 },
    ]);
    expect(onPg.aliased).toEqual([
      { contract: 'HT-1', customer: '华东医药', cold: true },
      { contract: 'HT-2', customer: '华东医药', cold: true },
      { contract: 'HT-3', customer: '国药控股', cold: false },
    ]);
    expect(onPg.conflictUpdate).toEqual([{ id: 2, name: '国药控股（更名）', service_point: true }]);
    expect(onPg.values).toEqual([
      ['HT-1', 100.5],
      ['HT-2', 200.25],
      ['HT-3', 7],
    ]);
    expect(onPg.left).toEqual({ n: 2 });
    expect(onPg.withContracts).toEqual([{ id: 1 }, { id: 2 }]);
    expect(onPg.dynamic).toEqual([{ no: 'HT-2' }, { no: 'HT-1' }]);
  });

  it('keeps JSON text exactly as written (key order), booleans native', async () => {
    const { rows } = await scratch.client.query(`SELECT legacy_facts, cold_chain FROM customers WHERE id = 1`);
    expect(rows[0]).toEqual({ legacy_facts: '{"b":[true,1.5]}', cold_chain: false });
    const stored = sqliteDb.$client.prepare('SELECT legacy_facts, cold_chain FROM customers WHERE id = 1').get();
    expect(stored).toEqual({ legacy_facts: '{"b":[true,1.5]}', cold_chain: 0 });
  });
});
