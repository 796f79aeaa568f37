/**
 * The PostgreSQL ledger merge builds a big table's secondary indexes after its rows only when it has the
 * database to itself (server/services/bulk/pg-rebuild.ts). The threshold is lowered (GSP_IMPORT_REBUILD_MIN_ROWS)
 * so the sample ledger counts as a first load:
 * - alone (only the import's own pool on the database): inside the merge the indexes are gone, afterwards every
 *   one is back with its definition, the data equals an import that maintained them, and the planner uses them;
 *   a failure after the drop leaves every index and nothing of the import;
 * - with another session on the database (a reader: a server beside the import), nothing is dropped and that
 *   reader's query on the merged table answers while the merge runs;
 * - alone but as the runbook's application role (not the tables' owner): the drop is refused inside its
 *   savepoint, every index is maintained and the import goes through whole.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Db, engineOf, openPgDb } from '../../server/db';
import type { PgEngine } from '../../server/db/pg';
import { pgMergeHooks } from '../../server/services/bulk/pg-merge';
import { admin, testPgUrl, withDatabase } from '../helpers/pg';
import { REPO_ROOT } from '../helpers/shared';
import { importFile, masterDbFile, sample } from './pipeline-fixtures';
import { copyPgDatabase, pgMasterTemplate, type PgImportDb } from './pg-fixtures';

const url = testPgUrl('pg-rebuild');
const TABLES = ['sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'invoice_slips', 'invoice_lines', 'findings'];
/** Rebuilt when alone (the trigram and characters GIN indexes among them); kept as they are otherwise. */
const REBUILT = ['sales_orders__trgm_order_no', 'sales_orders__chars_order_no', 'sales_lines__sort_amount', 'findings__rule'];

describe.skipIf(!url)('the PostgreSQL merge rebuilds indexes only with the database to itself', () => {
  let template: PgImportDb;
  let master: string;
  const opened: Array<{ db: Db; drop: () => Promise<void> }> = [];
  const saved = process.env.GSP_IMPORT_REBUILD_MIN_ROWS;
  const role = `gsp_t_rebuild_${process.pid}`;

  beforeAll(async () => {
    master = await masterDbFile();
    template = await pgMasterTemplate(url!, 'rebuild_master', master);
    process.env.GSP_IMPORT_REBUILD_MIN_ROWS = '1';
    await admin(url!, (c) => c.query(`DROP ROLE IF EXISTS "${role}"; CREATE ROLE "${role}" LOGIN PASSWORD 'app-secret'`));
  }, 120_000);
  afterEach(async () => {
    pgMergeHooks.afterRows = null;
    for (const o of opened.splice(0)) {
      await engineOf(o.db).close();
      await o.drop();
    }
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.GSP_IMPORT_REBUILD_MIN_ROWS;
    else process.env.GSP_IMPORT_REBUILD_MIN_ROWS = saved;
    if (template) await admin(url!, (c) => c.query(`DROP DATABASE IF EXISTS "${template.scratch.name}" WITH (FORCE)`));
    await admin(url!, (c) => c.query(`DROP ROLE IF EXISTS "${role}"`));
    if (master) fs.rmSync(path.dirname(master), { recursive: true, force: true });
  });

  /** A copy of the master database with no session on it but the returned Db's pool. */
  const open = async (label: string, asAppRole = false) => {
    const scratch = await copyPgDatabase(url!, template.scratch.name, label);
    if (asAppRole)
      execFileSync('psql', [scratch.url, '-q', '-v', `app_role=${role}`, '-f', path.join(REPO_ROOT, 'ops/pg/app-role.sql')], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    await scratch.client.end();
    const db = openPgDb(asAppRole ? withDatabase(scratch.url, scratch.name, { name: role, password: 'app-secret' }) : scratch.url);
    opened.push({
      db,
      drop: async () => {
        await admin(url!, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch.name}" WITH (FORCE)`));
      },
    });
    return { db, url: scratch.url };
  };
  const all = async (db: Db, text: string, params: unknown[] = []) => (await (engineOf(db) as PgEngine).connection().query(text, params)).rows;
  const indexes = (db: Db) =>
    all(db, 'SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1) ORDER BY indexname', [TABLES]) as Promise<
      Array<{ indexname: string }>
    >;
  /** What the import wrote, table by table (the ids included: both copies start from the same template). */
  const content = async (db: Db) => {
    const out: Record<string, string> = {};
    for (const t of TABLES)
      out[t] = String((await all(db, `SELECT md5(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, '|' ORDER BY id)) AS h FROM "${t}" t`))[0].h);
    return out;
  };

  it('alone: dropped inside the merge, every index back after it, the same rows as with them maintained; a failure leaves them all', async () => {
    const { db } = await open('rebuild_alone');
    const before = await indexes(db);
    expect(before.map((i) => i.indexname)).toEqual(expect.arrayContaining(REBUILT));
    let during: string[] = [];
    pgMergeHooks.afterRows = async () => {
      during = (await indexes(db)).map((i) => i.indexname); // the merge's own connection: its transaction
      throw new Error('planted failure after the drop');
    };
    await expect(importFile(db, sample('ledger-utf8.csv'), 'sales-ledger')).rejects.toThrow('planted failure');
    for (const ix of REBUILT) expect(during).not.toContain(ix);
    expect(during).toContain('sales_lines__order'); // appends with the ids: maintained
    expect(await indexes(db)).toEqual(before);
    expect(Number((await all(db, 'SELECT count(*) AS n FROM sales_lines'))[0].n)).toBe(0);

    pgMergeHooks.afterRows = null;
    const r = await importFile(db, sample('ledger-utf8.csv'), 'sales-ledger');
    expect(r.report.counts.imported).toBeGreaterThan(0);
    expect(await indexes(db)).toEqual(before);
    const plan = (await all(db, "EXPLAIN SELECT id FROM sales_orders WHERE order_no = 'XS202411212054'")).map((p) => p['QUERY PLAN']).join('\n');
    expect(plan).toContain('sales_orders__order_no');

    // the same file into a copy where a reader is connected: indexes maintained, the same rows
    const kept = await open('rebuild_kept');
    const reader = new pg.Client({ connectionString: kept.url });
    await reader.connect();
    try {
      await importFile(kept.db, sample('ledger-utf8.csv'), 'sales-ledger');
    } finally {
      await reader.end();
    }
    // the failed attempt took an import id and sequence values on the first copy: compare without ids there
    const noIds = async (d: Db) => {
      const out: Record<string, number> = {};
      for (const t of TABLES) out[t] = Number((await all(d, `SELECT count(*) AS n FROM "${t}"`))[0].n);
      return out;
    };
    expect(await noIds(db)).toEqual(await noIds(kept.db));
  }, 120_000);

  it('a reader on the database: nothing dropped, and its query on a merged table answers while the merge runs', async () => {
    const a = await open('rebuild_reader');
    const reader = new pg.Client({ connectionString: a.url, statement_timeout: 3000 });
    await reader.connect();
    try {
      const before = await indexes(a.db);
      let during: unknown[] = [];
      let answered: number | undefined;
      pgMergeHooks.afterRows = async () => {
        during = await indexes(a.db);
        const t0 = performance.now();
        await reader.query("SELECT count(*) FROM sales_orders WHERE order_no LIKE 'XS%'");
        answered = performance.now() - t0;
      };
      await importFile(a.db, sample('ledger-utf8.csv'), 'sales-ledger');
      pgMergeHooks.afterRows = null;
      expect(during).toEqual(before);
      expect(answered).toBeLessThan(3000);
      expect(await indexes(a.db)).toEqual(before);
    } finally {
      await reader.end();
    }
    // and alone, the same file gives the same rows, ids included
    const b = await open('rebuild_alone2');
    await importFile(b.db, sample('ledger-utf8.csv'), 'sales-ledger');
    expect(await content(b.db)).toEqual(await content(a.db));
  }, 120_000);

  it('alone as the application role (not the owner): the drop refused in its savepoint, every index maintained, the import whole', async () => {
    const { db } = await open('rebuild_app_role', true);
    const before = await indexes(db);
    const r = await importFile(db, sample('ledger-utf8.csv'), 'sales-ledger');
    expect(r.report.counts.imported).toBeGreaterThan(0);
    expect(await indexes(db)).toEqual(before);
    expect(Number((await all(db, 'SELECT count(*) AS n FROM sales_lines WHERE import_id = $1', [r.importId]))[0].n)).toBe(r.report.counts.imported);
  }, 120_000);
});
