/**
 * PostgreSQL: the live rows of a table, kept exact by statement triggers in the same transaction as the rows
 * (custom migration drizzle-pg/0004_live_counts.sql). An unfiltered list's total is one primary-key look-up
 * instead of a count over the whole table (1M sales lines: 123–257 ms, every time — PostgreSQL has no count
 * cache here, server/crud/count-cache.ts). The counterpart of SQLite's row_counts (branch reads).
 */
import { sql } from 'drizzle-orm';
import { type Db, engineOf } from './index';

/**
 * A table's live rows (voided_at IS NULL; every row of a table without voided_at), or undefined when not kept
 * (SQLite, or a table without a row_counts row). Read through `db`: inside a write transaction its own
 * uncommitted rows count, as a count(*) would.
 */
export async function pgKeptLiveCount(db: Db, table: string): Promise<number | undefined> {
  if (engineOf(db).dialect !== 'postgres') return undefined;
  const row = (await db.get(sql`SELECT "live" FROM "row_counts" WHERE "tbl" = ${table}`)) as { live: number | string } | undefined;
  return row === undefined ? undefined : Number(row.live);
}

/**
 * Counts every kept table afresh: after rows were written with the triggers off (a superuser's COPY under
 * session_replication_role = replica: the bench fixture, test/imports/pg-fixtures.ts). Not for the app.
 */
export const RECOUNT_LIVE_ROWS = `DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT "tbl" FROM "row_counts" LOOP
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = r.tbl AND column_name = 'voided_at') THEN
      EXECUTE format('UPDATE "row_counts" SET "live" = c.l, "voided" = c.v FROM (SELECT count(*) - count("voided_at") AS l, count("voided_at") AS v FROM %I) c WHERE "tbl" = %L', r.tbl, r.tbl);
    ELSE
      EXECUTE format('UPDATE "row_counts" SET "live" = c.l, "voided" = 0 FROM (SELECT count(*) AS l FROM %I) c WHERE "tbl" = %L', r.tbl, r.tbl);
    END IF;
  END LOOP;
END $$`;
