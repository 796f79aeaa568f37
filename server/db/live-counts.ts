/**
 * The live rows of a table, kept exact by triggers in the same transaction as the rows (the custom migration
 * drizzle/0020_live_counts.sql; a first-load ledger merge sets a table's triggers aside and counts it once at
 * its end, server/services/bulk/merge-triggers.ts): an unfiltered list's total is one indexed row instead of a count over the
 * table's smallest index (1M sales lines: ≈ 8 ms of CPU each time; the count cache of server/crud/count-cache.ts
 * starts over at every commit, and under load something commits every few ms).
 *
 * PostgreSQL keeps the same table by statement triggers (db/pg-live-counts.ts): its writers hold the global
 * write lock (db/pg.ts), so one counter row per table serialises nothing that was not already serialised.
 */
import type Database from 'better-sqlite3';

/**
 * A table's live rows (voided_at IS NULL; all rows for a table without voided_at), or undefined when not kept.
 * `connection` is the calling context's (SqliteEngine.connection()): inside a write transaction its own
 * uncommitted rows count.
 */
export function keptLiveCount(connection: Database.Database, table: string): number | undefined {
  const n = connection.prepare('SELECT live FROM row_counts WHERE tbl = ?').pluck().get(table);
  return typeof n === 'number' ? n : undefined;
}

/**
 * Forgets the count of any table whose triggers are gone, so it is counted again rather than read stale: a
 * later migration that rebuilds a table (drizzle-kit's `__new_<table>` copy, DROP, RENAME) drops its triggers.
 * Run at open, after the migrations.
 */
export function dropUnkeptCounts(writer: Database.Database): void {
  const trigger = (suffix: string) =>
    `EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = row_counts.tbl AND name = row_counts.tbl || '${suffix}')`;
  // read first: a DELETE would take the write lock at every open, waiting on a running import
  const stale = writer
    .prepare(
      `SELECT tbl FROM row_counts WHERE NOT ${trigger('_count_insert')} OR NOT ${trigger('_count_delete')}
         OR (EXISTS (SELECT 1 FROM pragma_table_info(row_counts.tbl) WHERE name = 'voided_at') AND NOT ${trigger('_count_void')})`,
    )
    .pluck()
    .all() as string[];
  const drop = writer.prepare('DELETE FROM row_counts WHERE tbl = ?');
  for (const tbl of stale) drop.run(tbl);
}
