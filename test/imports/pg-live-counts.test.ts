/**
 * The live-row counts PostgreSQL keeps by statement triggers (drizzle-pg/0004_live_counts.sql), which an
 * unfiltered list reads for its total (server/db/pg-live-counts.ts, list-query.ts countRows): exact after the
 * ledger merge's INSERT … SELECT, a void, a delete and a TRUNCATE; a write transaction sees its own rows; every
 * kept table has its triggers; and the list path reads the kept row instead of counting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { countRows } from '../../server/crud/list-query';
import { transaction } from '../../server/db';
import { pgKeptLiveCount, RECOUNT_LIVE_ROWS } from '../../server/db/pg-live-counts';
import { testPgUrl } from '../helpers/pg';
import { importFile, masterDbFile, sample } from './pipeline-fixtures';
import { copySqliteToPg, migratedPgDb, type PgImportDb } from './pg-fixtures';

const url = testPgUrl('pg-live-counts');

describe.skipIf(!url)('PostgreSQL live-row counts kept by triggers', () => {
  let p: PgImportDb;
  let master: string;
  const q = async (text: string, values: unknown[] = []) => (await p.scratch.client.query(text, values)).rows;
  /** every kept table whose row differs from a count of the table now */
  const drift = async () => {
    const out: string[] = [];
    for (const r of await q('SELECT tbl, live, voided FROM row_counts ORDER BY tbl')) {
      const voidable = (await q("SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'voided_at'", [r.tbl])).length > 0;
      const [c] = await q(
        voidable
          ? `SELECT count(*) - count(voided_at) AS live, count(voided_at) AS voided FROM "${r.tbl}"`
          : `SELECT count(*) AS live, 0 AS voided FROM "${r.tbl}"`,
      );
      if (Number(c.live) !== Number(r.live) || Number(c.voided) !== Number(r.voided))
        out.push(`${r.tbl}: kept ${r.live}/${r.voided}, counted ${c.live}/${c.voided}`);
    }
    return out;
  };
  const kept = async (tbl: string) => Number((await q('SELECT live FROM row_counts WHERE tbl = $1', [tbl]))[0].live);

  beforeAll(async () => {
    master = await masterDbFile();
    p = await migratedPgDb(url!, 'live_counts');
    await copySqliteToPg(master, p.scratch.client);
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    if (master) fs.rmSync(path.dirname(master), { recursive: true, force: true });
  });

  it('every kept table has its insert, delete and truncate triggers, and the void trigger where it has voided_at', async () => {
    const tables = (await q('SELECT tbl FROM row_counts ORDER BY tbl')).map((r) => r.tbl as string);
    expect(tables).toContain('sales_lines');
    expect(tables.length).toBeGreaterThanOrEqual(46);
    const triggers = new Set((await q('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal')).map((r) => r.tgname as string));
    for (const t of tables) {
      const voidable = (await q("SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'voided_at'", [t])).length > 0;
      for (const suffix of ['insert', 'delete', 'truncate', ...(voidable ? ['void'] : [])])
        expect(triggers, `${t}_count_${suffix}`).toContain(`${t}_count_${suffix}`);
    }
    // every resource with a list screen is kept (a table added later needs its row and triggers)
    for (const r of registry.values()) expect(tables, r.name).toContain(r.name);
  });

  it('the copied master data is counted exactly (the fixtures recount after their trigger-less COPY)', async () => {
    expect(await drift()).toEqual([]);
    expect(await kept('customers')).toBeGreaterThan(0);
  });

  it('stays exact through a ledger import (the merge: COPY to staging, INSERT … SELECT), a void, a delete and a TRUNCATE', async () => {
    const before = await kept('sales_lines');
    const r = await importFile(p.db, sample('ledger-utf8.csv'), 'sales-ledger');
    expect(r.report.counts.imported).toBeGreaterThan(0);
    expect(await kept('sales_lines')).toBeGreaterThan(before);
    expect(await drift()).toEqual([]);

    const lines = await kept('sales_lines');
    const voided = Number((await q("SELECT voided FROM row_counts WHERE tbl = 'sales_lines'"))[0].voided);
    await q(
      "UPDATE sales_lines SET voided_at = '2025-06-30T00:00:00.000Z' WHERE id IN (SELECT id FROM sales_lines WHERE voided_at IS NULL ORDER BY id LIMIT 3)",
    );
    await q('UPDATE sales_lines SET quantity = quantity WHERE id IN (SELECT id FROM sales_lines ORDER BY id LIMIT 5)'); // no void: no change
    expect(await kept('sales_lines')).toBe(lines - 3);
    expect(Number((await q("SELECT voided FROM row_counts WHERE tbl = 'sales_lines'"))[0].voided)).toBe(voided + 3);
    await q('UPDATE sales_lines SET voided_at = NULL WHERE id IN (SELECT id FROM sales_lines WHERE voided_at IS NOT NULL ORDER BY id LIMIT 1)');
    expect(await kept('sales_lines')).toBe(lines - 2);

    await q('DELETE FROM import_rejects WHERE id IN (SELECT id FROM import_rejects ORDER BY id LIMIT 2)');
    await q('TRUNCATE findings');
    expect(await kept('findings')).toBe(0);
    expect(await drift()).toEqual([]);
  });

  it('a write transaction sees its own uncommitted rows in the kept count; a rollback leaves it as it was', async () => {
    const before = await pgKeptLiveCount(p.db, 'import_rejects');
    const cols = (await q("SELECT column_name FROM information_schema.columns WHERE table_name = 'import_rejects' AND column_name <> 'id'")).map(
      (r) => `"${r.column_name}"`,
    );
    const copyOne = `INSERT INTO import_rejects (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM import_rejects LIMIT 1`;
    await expect(
      transaction(p.db, async () => {
        await p.db.run(sql.raw(copyOne));
        expect(await pgKeptLiveCount(p.db, 'import_rejects')).toBe(before! + 1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await pgKeptLiveCount(p.db, 'import_rejects')).toBe(before);
  });

  it("an unfiltered list's total is the kept row (not a count); a filtered one still counts", async () => {
    const lines = registry.get('sales_lines')!;
    const live = await kept('sales_lines');
    expect(await countRows(p.db, lines, sql`${lines.table.voided_at} IS NULL`, true)).toBe(live);
    // the list path reads the kept row: a planted value shows through (then recounted)
    await q("UPDATE row_counts SET live = 424242 WHERE tbl = 'sales_lines'");
    try {
      expect(await countRows(p.db, lines, sql`${lines.table.voided_at} IS NULL`, true)).toBe(424242);
      expect(await countRows(p.db, lines, sql`${lines.table.voided_at} IS NULL`, false)).toBe(live);
    } finally {
      await q(RECOUNT_LIVE_ROWS);
    }
    expect(await drift()).toEqual([]);
  });
});
