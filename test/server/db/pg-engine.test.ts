/**
 * The PostgreSQL engine (server/db/pg.ts) on a real database migrated with drizzle-pg/: the write transaction
 * routes its async context to its connection (reads its own writes; others keep reading the committed state),
 * rolls back on an error, nests as savepoints; reads cannot write; a writer waiting longer than lock_timeout
 * for the write lock (held by another process's connection) and a statement stopped by statement_timeout are
 * the busy error (503 + Retry-After); exclusive() holds the write lock; close() ends the pool.
 */
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../../schema/tables';
import { type Db, engineOf, exclusive, openPgDb, transaction } from '../../../server/db';
import { isDatabaseBusy } from '../../../server/db/errors';
import { WRITE_LOCK_KEY } from '../../../server/db/pg';
import { migratePostgres } from '../../../server/migrate';
import { scratchDatabase, testPgUrl, type ScratchDatabase } from '../../helpers/pg';

const pgUrl = testPgUrl('pg-engine');

const names = async (db: Db) => (await db.select({ name: customers.name }).from(customers).orderBy(customers.id).all()).map((r) => r.name);
const add = (db: Db, name: string) => db.insert(customers).values({ name }).run();

/** What the promise rejects with (fails the test when it resolves). */
async function rejection(p: unknown): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe.skipIf(!pgUrl)('PostgreSQL engine', () => {
  let scratch: ScratchDatabase;
  let db: Db;

  beforeAll(async () => {
    scratch = await scratchDatabase(pgUrl!, 'pg-engine');
    await migratePostgres(scratch.url);
    db = openPgDb(scratch.url, { lockTimeoutMs: 300 });
  });

  afterAll(async () => {
    await engineOf(db).close();
    await scratch.drop();
  });

  it('names the engine and database, never a password', () => {
    const withPassword = new URL(scratch.url);
    withPassword.password = 'secret';
    const other = openPgDb(withPassword.toString());
    expect(engineOf(other).name).toBe(`postgresql gsp@${withPassword.host}${withPassword.pathname}`);
    expect(engineOf(other).dialect).toBe('postgres');
    return engineOf(other).close();
  });

  it('reads its own writes inside the transaction; others read the committed state until COMMIT', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside: string[] = [];
    const tx = transaction(db, async () => {
      expect(engineOf(db).inTransaction).toBe(true);
      await add(db, '甲');
      inside = await names(db);
      await gate;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(engineOf(db).inTransaction).toBe(false);
    expect(await names(db)).toEqual([]);
    release();
    await tx;
    expect(inside).toEqual(['甲']);
    expect(await names(db)).toEqual(['甲']);
  });

  it('rolls back on an error; a nested transaction is a savepoint', async () => {
    const boom = await rejection(
      transaction(db, async () => {
        await add(db, '乙');
        throw new Error('boom');
      }),
    );
    expect(boom.message).toBe('boom');
    await transaction(db, async () => {
      await add(db, '丙');
      await transaction(db, async () => add(db, '丁')).catch(() => {});
      await rejection(
        transaction(db, async () => {
          await add(db, '戊');
          throw new Error('inner');
        }),
      );
    });
    expect(await names(db)).toEqual(['甲', '丙', '丁']);
  });

  it('refuses a write outside transaction()', async () => {
    const e = await rejection(add(db, '己'));
    expect((e.cause as { code?: string }).code).toBe('25006'); // read_only_sql_transaction
    expect(await names(db)).toEqual(['甲', '丙', '丁']);
  });

  it('gives up waiting for the write lock another process holds after lock_timeout: busy, nothing written', async () => {
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [WRITE_LOCK_KEY]);
      const started = Date.now();
      const e = await rejection(transaction(db, () => add(db, '庚')));
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(e.code).toBe('55P03');
      expect(isDatabaseBusy(e)).toBe(true);
      await other.query('SELECT pg_advisory_unlock($1)', [WRITE_LOCK_KEY]);
      await transaction(db, () => add(db, '辛'));
    } finally {
      await other.end();
    }
    expect(await names(db)).toEqual(['甲', '丙', '丁', '辛']);
  });

  it('gives up waiting for a row lock after lock_timeout: busy (the Drizzle error wraps the driver’s)', async () => {
    const other = new pg.Client({ connectionString: scratch.url });
    await other.connect();
    try {
      await other.query(`BEGIN; SELECT * FROM customers WHERE name = '甲' FOR UPDATE`);
      const e = await rejection(transaction(db, () => db.update(customers).set({ region: '上海' }).where(eq(customers.name, '甲')).run()));
      expect((e.cause as { code?: string }).code).toBe('55P03');
      expect(isDatabaseBusy(e)).toBe(true);
      expect(isDatabaseBusy(new Error('other'))).toBe(false);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('stops a statement after statement_timeout: busy', async () => {
    const slow = openPgDb(scratch.url, { statementTimeoutMs: 100 });
    try {
      const e = await rejection(slow.all(sql`SELECT pg_sleep(2)`));
      expect(e.code).toBe('57014');
      expect(isDatabaseBusy(e)).toBe(true);
      const viaBuilder = await rejection(slow.select({ x: sql`pg_sleep(2)` }).from(customers).limit(1).all());
      expect(isDatabaseBusy(viaBuilder)).toBe(true);
    } finally {
      await engineOf(slow).close();
    }
  });

  it('exclusive() holds the write lock across its own transactions: a writer of another pool waits', async () => {
    const second = openPgDb(scratch.url, { lockTimeoutMs: 200 });
    try {
      let blocked: Error & { code?: string } = new Error('none');
      await exclusive(db, async () => {
        await transaction(db, () => add(db, '壬'));
        blocked = await rejection(transaction(second, () => add(second, '癸')));
        await transaction(db, () => db.update(customers).set({ region: '杭州' }).where(eq(customers.name, '壬')).run());
      });
      expect(blocked.code).toBe('55P03');
      await transaction(second, () => add(second, '癸'));
    } finally {
      await engineOf(second).close();
    }
    expect(await names(db)).toEqual(['甲', '丙', '丁', '辛', '壬', '癸']);
  });

  it('writers waiting their turn hold no pool connection: reads go on (pool of 2, 4 writers)', async () => {
    const small = openPgDb(scratch.url, { max: 2 });
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = transaction(small, () => gate);
      const queued = [1, 2, 3].map(() => transaction(small, () => small.select({ id: customers.id }).from(customers).limit(1).all()));
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      expect((await names(small)).length).toBe(6);
      expect(Date.now() - started).toBeLessThan(1000);
      release();
      await Promise.all([first, ...queued]);
    } finally {
      await engineOf(small).close();
    }
  });

  it('counts are numbers, as on SQLite', async () => {
    expect(await db.get(sql`SELECT count(*) AS n, sum(${customers.id}::int8) AS s FROM ${customers}`)).toEqual({ n: 6, s: expect.any(Number) });
  });
});
