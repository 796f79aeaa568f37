/**
 * Nothing partial on PostgreSQL (issue #17 item 3): `npm run import` with DATABASE_URL killed (SIGKILL) inside
 * its merge transaction, and a merge failing half-way, leave nothing of the import — no imports row, no
 * record, no finding, no audit row, no temp table, no stray stored original — and the same file imports
 * cleanly afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/services/audit';
import { importsDir } from '../../imports/run/files';
import { testPgUrl } from '../helpers/pg';
import { REPO_ROOT } from '../helpers/shared';
import { EXPECTED, importFile, masterDbFile, sample } from './pipeline-fixtures';
import { copySqliteToPg, migratedPgDb, type PgImportDb } from './pg-fixtures';

const url = testPgUrl('pg-nothing-partial');
const CLI = path.join(REPO_ROOT, 'imports/cli-launcher.mjs');

describe.skipIf(!url)('the importer on PostgreSQL: nothing partial, the application role', () => {
  let p: PgImportDb;
  let master: string;
  const state = async () => {
    const n = async (q: string) => Number((await p.scratch.client.query(q)).rows[0].n);
    return {
      imports: await n('SELECT count(*) AS n FROM imports'),
      orders: await n('SELECT count(*) AS n FROM sales_orders'),
      lines: await n('SELECT count(*) AS n FROM sales_lines'),
      findings: await n('SELECT count(*) AS n FROM findings'),
      rejects: await n('SELECT count(*) AS n FROM import_rejects'),
      audit: await n('SELECT count(*) AS n FROM audit_log'),
      temp: await n("SELECT count(*) AS n FROM pg_class WHERE relpersistence = 't' AND relname LIKE 'stg\\_%'"),
    };
  };
  const stored = () => (fs.existsSync(importsDir(p.db)) ? fs.readdirSync(importsDir(p.db)).filter((f) => /\.(csv|xlsx)$/.test(f)) : []);

  beforeAll(async () => {
    master = await masterDbFile();
    p = await migratedPgDb(url!, 'nothing_partial');
    await copySqliteToPg(master, p.scratch.client);
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    if (master) fs.rmSync(path.dirname(master), { recursive: true, force: true });
  });

  it('a merge failing half-way (after the records, at the rejected rows) rolls everything back, the stored original removed', async () => {
    const before = await state();
    await p.scratch.client.query(`CREATE FUNCTION fail_rejects() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted failure'; END $$;
      CREATE TRIGGER fail_rejects BEFORE INSERT ON import_rejects FOR EACH ROW EXECUTE FUNCTION fail_rejects();
      ALTER TABLE import_rejects ENABLE ALWAYS TRIGGER fail_rejects`); // as every trigger of ours (drizzle-pg/0007): it fires in the merge's replica mode too
    try {
      await expect(importFile(p.db, sample('ledger-utf8.csv'), 'sales-ledger')).rejects.toThrow(/planted failure/);
    } finally {
      await p.scratch.client.query('DROP TRIGGER fail_rejects ON import_rejects; DROP FUNCTION fail_rejects()');
    }
    expect(await state()).toEqual(before);
    expect(stored()).toEqual([]);
    const ok = await importFile(p.db, sample('ledger-utf8.csv'), 'sales-ledger');
    expect(ok.report.counts.imported).toBeGreaterThan(0);
    expect(ok.report.counts.rejected).toBe(EXPECTED.ledgers['ledger-utf8.csv'].rejected.length);
    expect((await verifyAuditChain(p.db)).breaks).toEqual([]);
  }, 60_000);

  it('npm run import killed (SIGKILL) inside its merge transaction leaves nothing; the file imports afterwards', async () => {
    const before = await state();
    // hold the findings table: the merge blocks there, after it has written the orders, lines, slips …
    const holder = p.scratch.client;
    await holder.query('BEGIN; LOCK TABLE findings IN EXCLUSIVE MODE');
    const child = spawn(
      process.execPath,
      [CLI, sample('ledger-gbk.csv'), '--kind', 'sales-ledger', '--as-of', EXPECTED.asOf, '--report', path.join(p.dataDir, 'r.json')],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: p.scratch.url, GSP_DATA_DIR: p.dataDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let blocked: { pid: number } | undefined;
    try {
      for (let i = 0; i < 1200 && !blocked; i++) {
        await new Promise((r) => setTimeout(r, 50));
        // (inside a transaction the activity view is a snapshot: cleared each time)
        await holder.query('SELECT pg_stat_clear_snapshot()');
        blocked = (
          await holder.query(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY "findings"%'`,
          )
        ).rows[0];
      }
      expect(blocked, err).toBeDefined();
      // inside the merge: its own writes are there, uncommitted (invisible here)
      const inside = Number(
        (
          await holder.query("SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND mode = 'RowExclusiveLock' AND granted", [
            blocked!.pid,
          ])
        ).rows[0].n,
      );
      expect(inside).toBeGreaterThan(3);
      child.kill('SIGKILL');
      await exited;
    } finally {
      await holder.query('ROLLBACK');
    }
    // the server notices the dead client once the blocked statement returns, and rolls the transaction back
    for (let i = 0; i < 200; i++) {
      const left = Number((await holder.query('SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1', [blocked!.pid])).rows[0].n);
      if (!left) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await state()).toEqual(before);
    const ok = await importFile(p.db, sample('ledger-gbk.csv'), 'sales-ledger', { force: true });
    expect(ok.report.counts.rejected).toBe(EXPECTED.ledgers['ledger-gbk.csv'].rejected.length);
    expect((await verifyAuditChain(p.db)).breaks).toEqual([]);
  }, 120_000);

  it("runs as the runbook's application role (ops/pg/app-role.sql: no superuser, no UPDATE on the audit log)", async () => {
    const role = `gsp_t_app_${process.pid}`;
    await p.scratch.client.query(`DROP ROLE IF EXISTS "${role}"; CREATE ROLE "${role}" LOGIN PASSWORD 'app-secret'`);
    const { withDatabase } = await import('../helpers/pg');
    const { execFileSync } = await import('node:child_process');
    execFileSync('psql', [p.scratch.url, '-q', '-v', `app_role=${role}`, '-f', path.join(REPO_ROOT, 'ops/pg/app-role.sql')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const { openPgDb, engineOf } = await import('../../server/db');
    const app = openPgDb(withDatabase(p.scratch.url, p.scratch.name, { name: role, password: 'app-secret' }));
    try {
      const before = await state();
      const r = await importFile(app, sample('ledger.xlsx'), 'sales-ledger', {
        force: true,
        sheet: (EXPECTED.ledgers['ledger.xlsx'] as { sheet?: string }).sheet,
      });
      expect(r.report.counts.imported).toBeGreaterThan(0);
      expect((await state()).imports).toBe(before.imports + 1);
      expect((await verifyAuditChain(app)).breaks).toEqual([]);
    } finally {
      await engineOf(app).close();
      await p.scratch.client.query(`DROP OWNED BY "${role}"; DROP ROLE "${role}"`);
    }
  }, 60_000);

  it("an upload's import thread (GSP_IMPORT_THREAD=1) opens a pool of its own on the same database: the same report", async () => {
    const { runImportOffThread } = await import('../../imports/run/import-thread');
    const { fixedDayClock } = await import('../../server/clock');
    const { SYSTEM_ACTOR } = await import('../../server/services/context');
    const inProcess = await importFile(p.db, sample('ledger-utf8.csv'), 'sales-ledger', { force: true });
    const before = await state();
    process.env.GSP_IMPORT_THREAD = '1';
    try {
      const r = await runImportOffThread({
        db: p.db,
        file: sample('ledger-utf8.csv'),
        kind: 'sales-ledger',
        clock: fixedDayClock(EXPECTED.asOf),
        actor: SYSTEM_ACTOR,
        force: true,
      });
      expect(r.importId).toBe(inProcess.importId! + 1);
      expect({ ...r.report, import: { ...r.report.import, id: null } }).toEqual({ ...inProcess.report, import: { ...inProcess.report.import, id: null } });
      expect((await state()).imports).toBe(before.imports + 1);
    } finally {
      delete process.env.GSP_IMPORT_THREAD;
    }
  }, 90_000);

  it('npm run import refuses an unmigrated PostgreSQL database (exit 2, nothing written)', async () => {
    const { scratchDatabase } = await import('../helpers/pg');
    const bare = await scratchDatabase(url!, 'unmigrated');
    try {
      const { spawnSync } = await import('node:child_process');
      const r = spawnSync(process.execPath, [CLI, sample('ledger-utf8.csv'), '--kind', 'sales-ledger'], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: bare.url, GSP_DATA_DIR: p.dataDir },
        encoding: 'utf8',
      });
      expect(r.stderr).toContain('the database is not migrated: run npm run db:migrate');
      expect(r.status).toBe(2);
    } finally {
      await bare.drop();
    }
  }, 60_000);

  it('a dry run reports and writes nothing (no imports row, no stored original)', async () => {
    const before = await state();
    const originals = stored();
    const r = await importFile(p.db, sample('ledger-gbk.csv'), 'sales-ledger', { dryRun: true, force: true });
    expect(r.importId).toBeNull();
    expect(r.report.counts.rows).toBe(EXPECTED.ledgers['ledger-gbk.csv'].dataRows);
    expect(await state()).toEqual(before);
    expect(stored()).toEqual(originals);
  }, 60_000);
});
