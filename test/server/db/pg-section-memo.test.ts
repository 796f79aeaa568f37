/**
 * What a PostgreSQL write section keeps between its statements (server/db/pg.ts SectionMemo, issue #17's first
 * start): the audit chain's tail and rows read by id are read once per section and then answered from memory —
 * sound only because the section holds the one write lock and forgets at every write of the table, at any
 * statement it cannot read, and at a rollback to a savepoint. On a real database:
 *  - 4 writers with a pool each (as 4 processes) write through the write service in transactions of several
 *    creates, with nested writes that append audit rows and then fail (rolled back to their savepoint): the log
 *    is one chain (verifyAuditChain: no break), with exactly the rows of the creates that committed;
 *  - a row read twice costs one query; after a raw UPDATE, a builder update or a rolled-back savepoint the next
 *    read sees the database (an update of one row by id forgets that row only); a caller changing the row it got
 *    does not change what the next caller gets;
 *  - a nested write's RELEASE and its audit row go with the next SAVEPOINT (the last ones with COMMIT): n nested
 *    creates cost n + 1 round trips for their savepoints and audit rows; the chain's tail is read with BEGIN.
 */
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { fixedDayClock } from '../../../server/clock';
import { type Db, engineOf, openPgDb, transaction } from '../../../server/db';
import { migratePostgres } from '../../../server/migrate';
import { verifyAuditChain, writeAudit } from '../../../server/services/audit';
import { SYSTEM_ACTOR, type ServiceContext } from '../../../server/services/context';
import { findRow } from '../../../server/services/records';
import { createRecord } from '../../../server/services/write';
import { customerBody } from '../api-client';
import { scratchDatabase, testPgUrl, type ScratchDatabase } from '../../helpers/pg';

const pgUrl = testPgUrl('pg-section-memo');
const customers = registry.get('customers')!;
const clock = fixedDayClock('2025-06-30');
const ctxOf = (db: Db): ServiceContext => ({ db, clock, actor: SYSTEM_ACTOR, lang: 'zh' });

/** The statements sent while `run` runs (every pg client's query, as the driver sends them). */
async function sentDuring(run: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    texts.push(typeof config === 'string' ? config : String((config as { text?: string })?.text));
    return (query as (...a: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof query;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = query;
  }
  return texts;
}

describe.skipIf(!pgUrl)('PostgreSQL write sections: what they keep between statements', () => {
  let scratch: ScratchDatabase;
  let dbs: Db[];

  beforeAll(async () => {
    scratch = await scratchDatabase(pgUrl!, 'pg-section-memo');
    await migratePostgres(scratch.url);
    dbs = [0, 1, 2, 3].map(() => openPgDb(scratch.url, { lockTimeoutMs: 20_000 }));
  });

  afterAll(async () => {
    await Promise.all(dbs.map((db) => engineOf(db).close()));
    await scratch.drop();
  });

  it('the audit chain stays one chain under 4 writers whose transactions hold nested writes that fail', async () => {
    const TX = 4;
    const EACH = 4;
    const writer = async (db: Db, w: number) => {
      const ctx = ctxOf(db);
      for (let t = 0; t < TX; t++) {
        await transaction(db, async () => {
          for (let i = 0; i < EACH; i++) {
            await createRecord(ctx, customers, customerBody(`链${w}-${t}-${i}`));
            // a nested write that appends its audit row and then fails: its row and the tail it moved are undone
            await transaction(db, async () => {
              await writeAudit(ctx, 'update', 'customers', 0, null, { w, t, i }, 'rolled back');
              throw new Error('undone');
            }).catch(() => undefined);
          }
        });
      }
    };
    await Promise.all(dbs.map(writer));
    const chain = await verifyAuditChain(dbs[0]);
    expect(chain.breaks).toEqual([]);
    expect(chain.rows).toBe(dbs.length * TX * EACH);
    const undone = await dbs[0].all(sql`SELECT count(*)::int AS n FROM audit_log WHERE reason = 'rolled back'`);
    expect(undone).toEqual([{ n: 0 }]);
  }, 60_000);

  it('a row read twice costs one query; raw SQL, builder writes and a rolled-back savepoint make the next read go to the database', async () => {
    const db = dbs[0];
    const ctx = ctxOf(db);
    const { id } = await createRecord(ctx, customers, customerBody('记忆甲'));
    const { id: other } = await createRecord(ctx, customers, customerBody('记忆戊'));
    const seen: string[] = [];
    const sent = await sentDuring(() =>
      transaction(db, async () => {
        const first = (await findRow(db, customers, id))!;
        first.name = 'changed by a caller';
        seen.push((await findRow(db, customers, id))!.name as string); // from memory, not the caller's copy
        await db.run(sql`UPDATE customers SET name = '记忆乙' WHERE id = ${id}`);
        seen.push((await findRow(db, customers, id))!.name as string);
        seen.push((await findRow(db, customers, other))!.name as string);
        // an update of one row by id forgets that row only
        await db.update(customers.table).set({ name: '记忆丙' }).where(eq(customers.table.id, id)).run();
        seen.push((await findRow(db, customers, id))!.name as string);
        seen.push((await findRow(db, customers, other))!.name as string);
        await transaction(db, async () => {
          await db.update(customers.table).set({ name: '记忆丁' }).where(eq(customers.table.id, id)).run();
          seen.push((await findRow(db, customers, id))!.name as string);
          throw new Error('undone');
        }).catch(() => undefined);
        seen.push((await findRow(db, customers, id))!.name as string);
      }),
    );
    expect(seen).toEqual(['记忆甲', '记忆乙', '记忆戊', '记忆丙', '记忆戊', '记忆丁', '记忆丙']);
    const byId = sent.filter((t) => /^select .* from "customers" where "customers"."id" = \$1$/.test(t));
    expect(byId).toHaveLength(6); // 8 reads: the second of each row came from memory
  });

  it("a nested write's RELEASE and its audit row go with the next SAVEPOINT; the last ones with COMMIT", async () => {
    const db = dbs[0];
    const ctx = ctxOf(db);
    const sent = await sentDuring(() =>
      transaction(db, async () => {
        for (let i = 0; i < 3; i++) await createRecord(ctx, customers, customerBody(`嵌套${i}`));
      }),
    );
    const trips = sent.filter((t) => /SAVEPOINT|COMMIT|audit_log/.test(t));
    expect(trips).toHaveLength(5);
    // the chain's tail comes with BEGIN and the write lock: no round trip of its own
    expect(trips[0]).toMatch(/^BEGIN READ WRITE; .*SELECT pg_advisory_xact_lock\(\d+\); SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1$/);
    expect(trips[1]).toBe('SAVEPOINT sp1');
    expect(trips[2]).toMatch(/^RELEASE SAVEPOINT sp1; INSERT INTO "audit_log" \(.*\) VALUES \(.*'customers'.*\); SAVEPOINT sp2$/s);
    expect(trips[3]).toMatch(/^RELEASE SAVEPOINT sp2; INSERT INTO "audit_log" .*; SAVEPOINT sp3$/s);
    expect(trips[4]).toMatch(/^RELEASE SAVEPOINT sp3; INSERT INTO "audit_log" .*; COMMIT$/s);
    expect(sent.at(-1)).toBe(trips[4]);
    const chain = await verifyAuditChain(db);
    expect(chain.breaks).toEqual([]);
  });
});
