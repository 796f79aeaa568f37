/**
 * The ledger merge on PostgreSQL does not hold the global write lock while it inserts (issue #17: a big web
 * import made every writer wait for its one merge transaction — ≈ 12 s for 21k rows at load 25). Run as the
 * least-privileged pair that can import a ledger: the runbook's application role (ops/pg/app-role.sql) and a
 * salesperson scoped to their own orders. Paused after every row is inserted, just before it takes the lock to
 * finish (pgMergeHooks.beforeFinish):
 * - readers see nothing of it (no imports row, no order, no line, the kept counts unchanged), it holds no
 *   write lock, and another user's writes go through under the default 5 s lock timeout;
 * - a customer another user created meanwhile with the natural key of one the import brings is adopted: the
 *   import's rows point at it, the import's own copy is gone, no duplicate;
 * - an order number another user took meanwhile refuses the merge (as on SQLite): nothing of it remains;
 * and after each, the audit chain is intact and the kept counts equal the rows.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedDayClock } from '../../server/clock';
import { type Db, engineOf, openPgDb } from '../../server/db';
import { type PgEngine, WRITE_LOCK_KEY } from '../../server/db/pg';
import { verifyAuditChain } from '../../server/services/audit';
import { pgMergeHooks } from '../../server/services/bulk/pg-merge';
import { SYSTEM_ACTOR, type ServiceContext } from '../../server/services/context';
import { createRecord } from '../../server/services/write';
import { registry } from '../../schema/resources';
import { admin, testPgUrl, withDatabase } from '../helpers/pg';
import { REPO_ROOT } from '../helpers/shared';
import { EXPECTED, importFile, masterDbFile, sample } from './pipeline-fixtures';
import { copyPgDatabase, pgMasterTemplate, openScratch, type PgImportDb } from './pg-fixtures';

const url = testPgUrl('pg-merge-lock');
const NEW_CUSTOMER = '荆州市民生民大药房有限公司'; // not in the master data: the ledger (周军's order XS202411212054) brings it
const ORDER_NO = 'XS202411212054';

describe.skipIf(!url)('the PostgreSQL ledger merge beside other writers (application role, scoped salesperson)', () => {
  let template: PgImportDb;
  let master: string;
  let p: PgImportDb | undefined;
  let app: Db | undefined;
  let other: Db | undefined;
  const role = `gsp_t_merge_${process.pid}`;

  beforeAll(async () => {
    master = await masterDbFile();
    template = await pgMasterTemplate(url!, 'merge_lock_master', master);
    await admin(url!, (c) => c.query(`DROP ROLE IF EXISTS "${role}"; CREATE ROLE "${role}" LOGIN PASSWORD 'app-secret'`));
  }, 120_000);
  afterEach(async () => {
    pgMergeHooks.beforeFinish = null;
    pgMergeHooks.afterRows = null;
    for (const db of [app, other]) if (db) await engineOf(db).close();
    app = other = undefined;
    if (p) await p.scratch.client.query(`DROP OWNED BY "${role}"`);
    await p?.close();
    p = undefined;
  });
  afterAll(async () => {
    if (template)
      await admin(url!, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${template.scratch.name}" WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS "${role}"`);
      });
    if (master) fs.rmSync(path.dirname(master), { recursive: true, force: true });
  });

  /** A copy of the master database, opened as the application role; the scoped salesperson who sold ORDER_NO. */
  const open = async (label: string) => {
    p = openScratch(await copyPgDatabase(url!, template.scratch.name, label));
    execFileSync('psql', [p.scratch.url, '-q', '-v', `app_role=${role}`, '-f', path.join(REPO_ROOT, 'ops/pg/app-role.sql')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const roleUrl = withDatabase(p.scratch.url, p.scratch.name, { name: role, password: 'app-secret' });
    app = openPgDb(roleUrl);
    other = openPgDb(roleUrl); // another user's requests: a server beside the import, its own connections
    const own = Number((await p.scratch.client.query("SELECT id FROM salespeople WHERE name = '周军'")).rows[0].id);
    const actor = { id: null, username: 'sales-merge', display_name: '周军', roles: ['sales'], salesperson: own };
    return { db: app, other, actor };
  };
  const n = async (q: string, params: unknown[] = []) => Number((await p!.scratch.client.query(q, params)).rows[0].n);
  const visible = async () => ({
    imports: await n('SELECT count(*) AS n FROM imports'),
    orders: await n('SELECT count(*) AS n FROM sales_orders'),
    lines: await n('SELECT count(*) AS n FROM sales_lines'),
    findings: await n('SELECT count(*) AS n FROM findings'),
    customers: await n('SELECT count(*) AS n FROM customers'),
    kept: (await p!.scratch.client.query("SELECT tbl, live FROM row_counts WHERE tbl IN ('imports', 'sales_orders', 'sales_lines', 'customers') ORDER BY tbl"))
      .rows,
  });
  /** Every kept count equals its table's live rows. */
  const countsExact = async () => {
    const { rows } = await p!.scratch.client.query('SELECT tbl, live FROM row_counts ORDER BY tbl');
    for (const r of rows as Array<{ tbl: string; live: string }>) {
      const hasVoided = await n("SELECT count(*) AS n FROM information_schema.columns WHERE table_name = $1 AND column_name = 'voided_at'", [r.tbl]);
      expect([r.tbl, Number(r.live)]).toEqual([r.tbl, await n(`SELECT count(*) AS n FROM "${r.tbl}"${hasVoided ? ' WHERE voided_at IS NULL' : ''}`)]);
    }
  };
  /** Another user's write through the write service (its own transaction and the write lock), timed. */
  const otherUserWrites = async (db: Db, resource: string, input: Record<string, unknown>) => {
    const ctx: ServiceContext = { db, clock: fixedDayClock(EXPECTED.asOf), actor: SYSTEM_ACTOR, lang: 'zh' };
    const t0 = performance.now();
    const row = await createRecord(ctx, registry.get(resource as never)!, input, { historical: true }).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(e.errors)}`);
    });
    return { id: row.id as number, ms: performance.now() - t0 };
  };
  const mergeLocks = () =>
    n(
      "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      [WRITE_LOCK_KEY],
    );

  it('while it inserts: nothing visible, no write lock held, another user creates the customer it brings — adopted at the finish', async () => {
    const { db, other, actor } = await open('merge_lock_adopt');
    const before = await visible();
    let during: Awaited<ReturnType<typeof visible>> | undefined;
    let write: { id: number; ms: number } | undefined;
    let locksDuring = -1;
    pgMergeHooks.beforeFinish = async () => {
      during = await visible();
      locksDuring = await mergeLocks();
      write = await otherUserWrites(other, 'customers', { name: NEW_CUSTOMER });
    };
    const r = await importFile(db, sample('ledger-utf8.csv'), 'sales-ledger', { actor });
    expect(r.report.counts.imported).toBeGreaterThan(0);
    expect(during).toEqual(before);
    expect(locksDuring).toBe(0);
    expect(write!.ms).toBeLessThan(5000);
    // one customer of that name — the other user's — and the import's order points at it
    expect((await p!.scratch.client.query('SELECT id, import_id FROM customers WHERE name = $1', [NEW_CUSTOMER])).rows).toEqual([
      { id: write!.id, import_id: null },
    ]);
    const order = (await p!.scratch.client.query('SELECT customer, import_id FROM sales_orders WHERE order_no = $1', [ORDER_NO])).rows;
    expect(order).toEqual([{ customer: write!.id, import_id: r.importId }]);
    expect(await n('SELECT count(*) AS n FROM sales_lines WHERE customer = $1 AND import_id = $2', [write!.id, r.importId])).toBeGreaterThan(0);
    expect(await n('SELECT count(*) AS n FROM findings f LEFT JOIN customers c ON c.id = f.customer WHERE f.customer IS NOT NULL AND c.id IS NULL')).toBe(0);
    expect((await verifyAuditChain(db)).breaks).toEqual([]);
    await countsExact();
  }, 120_000);

  it('an order number another user took meanwhile refuses the merge: nothing of it remains', async () => {
    const { db, other, actor } = await open('merge_lock_clash');
    const before = await visible();
    let write: { id: number; ms: number } | undefined;
    pgMergeHooks.beforeFinish = async () => {
      const c = await n('SELECT min(id) AS n FROM customers WHERE voided_at IS NULL');
      const s = await n('SELECT min(id) AS n FROM salespeople WHERE voided_at IS NULL');
      write = await otherUserWrites(other, 'sales_orders', { order_no: ORDER_NO, customer: c, salesperson: s, sale_date: '2024-11-21' });
    };
    await expect(importFile(db, sample('ledger-utf8.csv'), 'sales-ledger', { actor })).rejects.toThrow(ORDER_NO);
    expect(write!.ms).toBeLessThan(5000);
    const after = await visible();
    // the other user's order (and its audit row) is all that changed
    expect(after).toEqual({
      ...before,
      orders: before.orders + 1,
      kept: before.kept.map((k: { tbl: string; live: string }) => (k.tbl === 'sales_orders' ? { ...k, live: String(Number(k.live) + 1) } : k)),
    });
    expect(await n("SELECT count(*) AS n FROM pg_class WHERE relpersistence = 't' AND relname LIKE 'stg\\_%'")).toBe(0);
    expect((await verifyAuditChain(db)).breaks).toEqual([]);
    await countsExact();
  }, 120_000);
  it("with the DBA's grant (session_replication_role) the references are checked set-wise: a reference to nothing refuses the import", async () => {
    const { db, actor } = await open('merge_lock_fk');
    await p!.scratch.client.query(`GRANT SET ON PARAMETER session_replication_role TO "${role}"`);
    try {
      const before = await visible();
      let mode = '';
      pgMergeHooks.afterRows = async () => {
        // inside the merge's transaction (its connection): one line pointed at a product that does not exist
        const merge = (engineOf(db) as PgEngine).connection();
        mode = String((await merge.query('SHOW session_replication_role')).rows[0].session_replication_role);
        await merge.query('UPDATE sales_lines SET product = 987654321 WHERE id = (SELECT max(id) FROM sales_lines)');
      };
      await expect(importFile(db, sample('ledger-utf8.csv'), 'sales-ledger', { actor })).rejects.toThrow(
        /violates foreign key constraint "sales_lines_product_products_id_fk": product = 987654321/,
      );
      expect(mode).toBe('replica');
      expect(await visible()).toEqual(before);
      // without the planted reference the same import goes through, every reference in place
      pgMergeHooks.afterRows = null;
      const r = await importFile(db, sample('ledger-utf8.csv'), 'sales-ledger', { actor });
      expect(r.report.counts.imported).toBeGreaterThan(0);
      expect(await n('SELECT count(*) AS n FROM sales_lines l LEFT JOIN products p ON p.id = l.product WHERE p.id IS NULL')).toBe(0);
      expect((await verifyAuditChain(db)).breaks).toEqual([]);
      await countsExact();
    } finally {
      await p!.scratch.client.query(`REVOKE SET ON PARAMETER session_replication_role FROM "${role}"`);
    }
  }, 120_000);

  it('every trigger of ours fires whatever session_replication_role says (ALWAYS): the setting skips only the foreign-key checks', async () => {
    await open('merge_lock_triggers');
    const notAlways = (
      await p!.scratch.client.query(`SELECT c.relname || '.' || g.tgname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE NOT g.tgisinternal AND g.tgenabled <> 'A' ORDER BY 1`)
    ).rows.map((r: { t: string }) => r.t);
    expect(notAlways).toEqual([]);
    expect(await n('SELECT count(*) AS n FROM pg_trigger WHERE NOT tgisinternal')).toBeGreaterThan(100);
  }, 60_000);
});
