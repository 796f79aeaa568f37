/**
 * A first load on PostgreSQL with the database to itself: the merge's big tables get their secondary indexes
 * built once, after their rows, instead of maintained row by row — what the SQLite merge does in the same case
 * (ledger-merge.ts rebuildMinRows, journal.ts soleConnection). At 1M lines, maintaining them was most of the
 * merge's server CPU (sales_orders' 573k rows 13.4 s, two of them GIN); a sorted build is a fraction of that.
 *
 * Unlike SQLite's, PostgreSQL's DROP INDEX takes an ACCESS EXCLUSIVE lock on its table until the merge's COMMIT:
 * every other session's read of that table would wait (and the console's reads give up after lock_timeout). So
 * the indexes are dropped only when nobody else is on the database — no client session but this engine's own
 * (an import runs on a pool of its own: the CLI, the server's import thread) — and the table locks are taken
 * with NOWAIT inside a savepoint: a session that holds one (an autovacuum, a reader that came meanwhile), or a
 * role that does not own the tables (the runbook's application role), leaves every index maintained as before.
 * The drops are part of the merge's transaction: a failure or a killed process rolls them back with the rows.
 * Which indexes, and when: as on SQLite (≥ 20k new rows and at least as many as the table holds; not the unique
 * ones, the partial ones on `IS NOT NULL`, nor those whose keys grow with the ids and so append cheaply).
 */
import type pg from 'pg';
import { readEnv } from '../../env';
import { REBUILD_MIN_ROWS } from './ledger-merge';

type Run = (text: string, params?: unknown[]) => Promise<pg.QueryResult>;
export interface DroppedIndex {
  table: string;
  name: string;
  def: string;
}

/** Leading column a parent staged in the same order (order, slip, invoice): keys that grow with the row ids. */
const APPENDING = /USING btree \("?(order|slip|invoice)"?[,)]/;
const q = (c: string) => `"${c.replace(/"/g, '""')}"`;

/**
 * Inside the merge's transaction, before its inserts: drops the secondary indexes of each table that gets
 * enough new rows (`plan`), when no session but `own` is on the database; returns what it dropped, for
 * rebuildIndexes() before the COMMIT. GSP_IMPORT_REBUILD_MIN_ROWS sets the threshold (never the "alone").
 */
export async function dropIndexesWhenAlone(
  run: Run,
  own: number[],
  plan: ReadonlyArray<{ table: string; newRows: number; existing: number }>,
): Promise<DroppedIndex[]> {
  const min = readEnv().GSP_IMPORT_REBUILD_MIN_ROWS ?? REBUILD_MIN_ROWS;
  const tables = plan.filter((p) => p.newRows >= min && p.newRows >= p.existing).map((p) => p.table);
  if (!tables.length) return [];
  const others = Number(
    (
      await run(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
         AND pid <> pg_backend_pid() AND pid <> ALL($1::int[])`,
        [own],
      )
    ).rows[0].n,
  );
  if (others > 0) return [];
  const indexes = (
    await run(
      `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       WHERE x.indrelid = ANY($1::regclass[]) AND NOT x.indisunique AND NOT x.indisprimary AND x.indisvalid
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
       ORDER BY t.relname, i.relname`,
      [tables.map(q)],
    )
  ).rows as DroppedIndex[];
  const dropped = indexes.filter((ix) => !/\bWHERE\b.*\bIS NOT NULL\)*$/i.test(ix.def) && !APPENDING.test(ix.def));
  if (!dropped.length) return [];
  await run('SAVEPOINT gsp_rebuild');
  try {
    await run(`LOCK TABLE ${[...new Set(dropped.map((ix) => q(ix.table)))].join(', ')} IN ACCESS EXCLUSIVE MODE NOWAIT`);
    await run(dropped.map((ix) => `DROP INDEX ${q(ix.name)}`).join('; '));
    await run('RELEASE SAVEPOINT gsp_rebuild');
    return dropped;
  } catch (e) {
    // 55P03: a lock someone holds; 42501: not the tables' owner — the indexes stay and are maintained
    const code = (e as { code?: string }).code;
    await run('ROLLBACK TO SAVEPOINT gsp_rebuild; RELEASE SAVEPOINT gsp_rebuild');
    if (code === '55P03' || code === '42501') return [];
    throw e;
  }
}

/**
 * Builds the dropped indexes again, as they were (pg_get_indexdef), with room to sort in memory and the
 * parallel B-tree build's help: one worker beside the server process — the import's process waits meanwhile, so
 * on a two-core machine the second core is free (measured at 100k lines on the shared box: 0 and 2 workers
 * within its noise; PostgreSQL's own limits apply: max_worker_processes, the table's size).
 */
export async function rebuildIndexes(run: Run, dropped: readonly DroppedIndex[]): Promise<void> {
  if (!dropped.length) return;
  await run(`SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL max_parallel_maintenance_workers = 1`);
  for (const ix of dropped) await run(ix.def);
}
