/**
 * The legacy facts a ledger import brings in (schema/legacy.ts) are read the same way by the import's own
 * rule evaluation (in memory) and by the database re-check: re-checking every imported line and slip opens
 * and resolves nothing, so a restart never turns the old system's trusted reviews into new findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedDayClock } from '../../server/clock';
import { fullRecheck } from '../../server/services/rules/full-recheck';
import { engineDb, type EngineDb } from '../helpers/engine-db';
import { sqlAll } from '../helpers/sql';
import { EXPECTED, count, importFile, importMaster, sample } from './pipeline-fixtures';

let t: EngineDb;
beforeAll(async () => {
  t = await engineDb();
  await importMaster(t.db);
}, 60_000);
afterAll(async () => await t?.close());

describe('legacy facts: the import and the re-check agree', () => {
  it('a sample ledger imported by the administrator: the re-check of every record changes no finding', async () => {
    const r = await importFile(t.db, sample('ledger-utf8.csv'), 'sales-ledger');
    expect(r.report.counts.imported).toBeGreaterThan(200);
    // what the ledger recorded stayed out of our fields
    expect(await count(t.db, 'SELECT count(*) AS n FROM outbound_slips WHERE reviewed_by IS NOT NULL AND import_id = ?', r.importId)).toBe(0);
    expect(await count(t.db, 'SELECT count(*) AS n FROM outbound_slips WHERE legacy_facts IS NOT NULL AND import_id = ?', r.importId)).toBeGreaterThan(50);
    expect(await count(t.db, "SELECT count(*) AS n FROM customers WHERE qa_status = 'approved'")).toBe(0);
    // the ledger's own records (lines, slips): the same open findings, rule by rule, before and after
    const open = async () =>
      await sqlAll(
        t.db,
        `SELECT resource, rule, count(*) AS n FROM findings
      WHERE status = 'open' AND resource IN ('sales_lines', 'outbound_slips') GROUP BY resource, rule ORDER BY resource, rule`,
      );
    const before = await open();
    expect(before.length).toBeGreaterThan(5);
    await fullRecheck(t.db, fixedDayClock(EXPECTED.asOf), EXPECTED.asOf, { all: true });
    expect(await open()).toEqual(before);
  });
});
