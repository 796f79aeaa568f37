/**
 * The importer on PostgreSQL (issue #17 item 3): the sample master files and each sample ledger imported on
 * SQLite and on PostgreSQL give the same report (counts, findings, rejected rows, records written) and so the
 * same score against expected.json (a perfect one); the databases hold the same records; the same file again is
 * all duplicates (SHA-256), forced again all duplicates by natural key; the audit chain verifies on PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { LEDGER_IMPORT_TABLES } from '../../imports/run/ledger/staging';
import { transaction, type Db } from '../../server/db';
import { fixedDayClock } from '../../server/clock';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { voidImport } from '../../server/services/bulk';
import { verifyAuditChain } from '../../server/services/audit';
import { testPgUrl, type ScratchDatabase } from '../helpers/pg';
import { EXPECTED, importFile, importMaster, masterDbFile, sample, tempDb } from './pipeline-fixtures';
import { copyPgDatabase, pgMasterTemplate, migratedPgDb, openScratch, type PgImportDb } from './pg-fixtures';

const url = testPgUrl('pg-parity');

/** What a report says, without what differs by design between two databases (nothing, today, but the stored path). */
const comparable = (r: unknown) => JSON.parse(JSON.stringify(r));

/** The score-ledger.mjs measures of one ledger's report. */
function score(file: string, report: { findings: Array<{ row: number; rule: string }>; rejected: Array<{ row: number }>; counts: { rows: number } }) {
  const e = EXPECTED.ledgers[file] as (typeof EXPECTED.ledgers)[string] & { planted: Record<string, { rules: string[]; forbid: string[] }> };
  const byRow = new Map<number, Set<string>>();
  for (const f of report.findings) byRow.set(f.row, (byRow.get(f.row) ?? new Set()).add(f.rule));
  const planted = Object.entries(e.planted);
  const rejected = new Set(report.rejected.map((r) => r.row));
  return {
    rows: report.counts.rows === e.dataRows,
    caught: planted.filter(([row, p]) => p.rules.every((r) => byRow.get(Number(row))?.has(r))).length,
    planted: planted.length,
    forbidden: planted.reduce((n, [row, p]) => n + p.forbid.filter((r) => byRow.get(Number(row))?.has(r)).length, 0),
    clean: e.clean.filter((row) => !byRow.get(row)?.size).length,
    cleanOf: e.clean.length,
    rejected: e.rejected.filter((row) => rejected.has(row)).length,
    rejectedOf: e.rejected.length,
    extraRejected: [...rejected].filter((row) => !e.rejected.includes(row)).length,
  };
}

const TABLES = [...LEDGER_IMPORT_TABLES, 'imports'];
async function contents(db: Db) {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = ((await db.get(sql`SELECT count(*) AS n FROM ${sql.identifier(t)}`)) as { n: number }).n;
  out.findings_by_rule = await db.all(
    sql`SELECT rule, resource, count(*) AS n, count(customer) AS c, count(record_date) AS d FROM findings GROUP BY rule, resource ORDER BY rule, resource`,
  );
  out.lines = await db.all(
    sql`SELECT l.id, o.order_no, l.quantity, l.amount, l.product, l.batch, l.legacy_facts FROM sales_lines l JOIN sales_orders o ON o.id = l."order" ORDER BY l.id`,
  );
  return out;
}

describe.skipIf(!url)('the importer on PostgreSQL: same reports and scores as on SQLite', () => {
  let sqliteMaster: string;
  let pgMaster: PgImportDb;
  beforeAll(async () => {
    sqliteMaster = await masterDbFile();
    // the same master records and audit chain as the SQLite master database (see copySqliteToPg), as a template
    pgMaster = await pgMasterTemplate(url!, 'parity_master', sqliteMaster);
  }, 240_000);
  afterAll(async () => {
    fs.rmSync(path.dirname(sqliteMaster), { recursive: true, force: true });
    await pgMaster?.scratch.drop().catch(() => {});
  });

  // master files are imported through the write service, row by row
  it('master files: the same reports on both engines', async () => {
    const p = await migratedPgDb(url!, 'parity_master_files');
    const t = tempDb();
    try {
      expect(comparable(await importMaster(p.db))).toEqual(comparable(await importMaster(t.db)));
    } finally {
      t.close();
      await p.close();
    }
  }, 120_000);

  for (const file of Object.keys(EXPECTED.ledgers)) {
    it(`${file}: the same report, score and records; again: duplicates; the audit chain intact`, async () => {
      const sheet = (EXPECTED.ledgers[file] as { sheet?: string }).sheet;
      const t = tempDb(sqliteMaster);
      let scratch: ScratchDatabase | undefined;
      let p: PgImportDb | undefined;
      try {
        scratch = await copyPgDatabase(url!, pgMaster.scratch.name, `parity_${file}`);
        p = openScratch(scratch);
        const onSqlite = await importFile(t.db, sample(file), 'sales-ledger', { sheet });
        const onPg = await importFile(p.db, sample(file), 'sales-ledger', { sheet });
        expect(comparable(onPg.report)).toEqual(comparable(onSqlite.report));
        const s = score(file, onPg.report as never);
        expect(s).toEqual(score(file, onSqlite.report as never));
        expect(s.planted).toBeGreaterThan(0);
        expect(onPg.report.findings.length).toBeGreaterThan(s.planted - 1);
        expect(s).toMatchObject({ rows: true, caught: s.planted, forbidden: 0, clean: s.cleanOf, rejected: s.rejectedOf, extraRejected: 0 });
        expect(await contents(p.db)).toEqual(await contents(t.db));
        // idempotent: by file hash, and forced by natural keys
        const again = await importFile(p.db, sample(file), 'sales-ledger', { sheet });
        expect(comparable(again.report)).toEqual(comparable((await importFile(t.db, sample(file), 'sales-ledger', { sheet })).report));
        expect(again.report.counts.imported).toBe(0);
        const forced = await importFile(p.db, sample(file), 'sales-ledger', { sheet, force: true });
        expect(comparable(forced.report)).toEqual(comparable((await importFile(t.db, sample(file), 'sales-ledger', { sheet, force: true })).report));
        expect(await contents(p.db)).toEqual(await contents(t.db));
        const chain = await verifyAuditChain(p.db);
        expect(chain.breaks).toEqual([]);
        expect(chain.rows).toBeGreaterThan(EXPECTED.master.length);
      } finally {
        t.close();
        if (p) await p.close();
        else await scratch?.drop();
      }
    }, 180_000);
  }

  it('a scoped salesperson importing: the same rows refused (not their own), the same untrusted legacy approvals, the same records', async () => {
    const t = tempDb(sqliteMaster);
    let scratch: ScratchDatabase | undefined;
    let p: PgImportDb | undefined;
    try {
      const own = ((await t.db.get(sql`SELECT id FROM salespeople ORDER BY id LIMIT 1`)) as { id: number }).id;
      const actor = { id: null, username: 'sales-parity', display_name: '业务员', roles: ['sales'], salesperson: own };
      scratch = await copyPgDatabase(url!, pgMaster.scratch.name, 'parity_scoped');
      p = openScratch(scratch);
      const onSqlite = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger', { actor });
      const onPg = await importFile(p.db, sample('ledger-utf8.csv'), 'sales-ledger', { actor });
      expect(onSqlite.report.counts.rejected).toBeGreaterThan(EXPECTED.ledgers['ledger-utf8.csv'].rejected.length);
      expect(comparable(onPg.report)).toEqual(comparable(onSqlite.report));
      expect(await contents(p.db)).toEqual(await contents(t.db));
    } finally {
      t.close();
      if (p) await p.close();
      else await scratch?.drop();
    }
  }, 120_000);

  it('voiding the import (the imports/void-import verb) voids the same records on both engines, one audit row, the chain intact', async () => {
    const t = tempDb(sqliteMaster);
    let scratch: ScratchDatabase | undefined;
    let p: PgImportDb | undefined;
    try {
      scratch = await copyPgDatabase(url!, pgMaster.scratch.name, 'parity_void');
      p = openScratch(scratch);
      const voidOn = async (db: Db) => {
        const r = await importFile(db, sample('ledger-utf8.csv'), 'sales-ledger');
        const ctx = { db, clock: fixedDayClock(EXPECTED.asOf), actor: SYSTEM_ACTOR, lang: 'zh' as const };
        await transaction(db, () => voidImport(ctx, { id: r.importId! }, '导入有误'));
        const audit = (await db.get(sql`SELECT after FROM audit_log ORDER BY id DESC LIMIT 1`)) as { after: string };
        const live = (await db.get(sql`SELECT count(*) AS n FROM sales_lines WHERE voided_at IS NULL`)) as { n: number };
        return { voided: JSON.parse(audit.after).voided, live: live.n, contents: await contents(db) };
      };
      const onSqlite = await voidOn(t.db);
      const onPg = await voidOn(p.db);
      expect(onSqlite.voided.sales_lines).toBeGreaterThan(0);
      expect(onSqlite.live).toBe(0);
      expect(onPg).toEqual(onSqlite);
      expect((await verifyAuditChain(p.db)).breaks).toEqual([]);
    } finally {
      t.close();
      if (p) await p.close();
      else await scratch?.drop();
    }
  }, 120_000);
});
