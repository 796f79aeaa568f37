/**
 * Phase 2 of a ledger import: the staging file (ATTACHed) is copied into the main database with
 * INSERT … SELECT, in short IMMEDIATE transactions (merge-chunks.ts: other writers wait at most one of
 * them, ≤ 2 s; readers never, WAL). The first transaction checks for clashes, adopts master records that
 * meanwhile exist, reserves each table's id range (sqlite_sequence: a user's insert meanwhile takes ids past
 * it), copies the pending master records and writes the imports row `running` with a marker
 * (merge-recovery.ts). Then the big tables follow in id ranges: staged ids offset into the reserved range,
 * staged references (negative) mapped to the new ids, positive ones kept, every row stamped with the
 * import's id, the indexes kept up to date as it goes (or, for a first load with the database to itself,
 * dropped first and built again one per transaction, with the tables' row-count triggers set aside
 * meanwhile and each table counted once at the end: merge-triggers.ts). The last transaction marks the import done and writes ONE audit
 * row for it (writeAudit: the hash chain stays intact). An error removes what was written (by import id);
 * a process killed meanwhile leaves a `running` import that the next opening of the database removes
 * (merge-recovery.ts) — nothing partial survives. While the merge runs, the import's records already
 * written are visible and read-only (merging-guard.ts), as the import's status says.
 *
 * @db-sync the SQLite engine's bulk merge: prepared statements in short synchronous transactions (run it inside exclusive()).
 */
import type Database from 'better-sqlite3';
import { STAGED, STAGED_BY_NAME } from '../../../imports/run/ledger/staging';
import type { Db } from '../../db';
import { writeAuditSync } from '../audit';
import type { ServiceContext } from '../context';
import { fillFindingContext } from '../rules/finding-context';
import { insertImportRow, type ImportRowValues } from './import-row';
import { soleConnection, synced, withUnsyncedCommits } from './journal';
import { ChunkedWriter, type LockStats } from './merge-chunks';
import { mergeMarker, removeImport } from './merge-recovery';
import { deferrableTriggers, restoreTriggers } from './merge-triggers';
import { readEnv } from '../../env';

export class MergeConflict extends Error {
  constructor(readonly orderNo: string) {
    super(`order ${orderNo} was written by another import meanwhile`);
  }
}

const q = (c: string) => `"${c}"`;
const MERGE_CACHE_KIB = readEnv().GSP_IMPORT_MERGE_CACHE_KIB ?? 65536;
/** The page cache while the dropped indexes are built: it bounds the sorter's in-memory runs too. */
const SORT_CACHE_KIB = readEnv().GSP_IMPORT_SORT_CACHE_KIB ?? 8192;
/**
 * Indexes dropped and built once at the end (one CREATE INDEX per transaction) or kept up to date row by row
 * as the ranges are copied. Building once sorts the keys once: at 1M lines, on the same busy box, the merge
 * took 55 s of CPU that way against 132 s with every index maintained (B-trees far beyond the page cache) —
 * but a CREATE INDEX cannot be split (at 1M lines 1–3 s quiet, up to 14 s on a busy box), and while an index
 * is gone every reader's query on that table scans and sorts: with a server beside the CLI that stalled its
 * event loop (load bench: event-loop delay max 1.7 s). So the indexes of a table are built once only when
 * the merge has the database to itself (journal.ts soleConnection: nobody reads or writes beside it) and the
 * table gets ≥ 20k new rows, at least as many as it holds (a first load); with anyone else on the file they
 * are maintained. GSP_IMPORT_REBUILD_MIN_ROWS sets the threshold and applies it in either case.
 */
const rebuildMinRows = (alone: boolean) => {
  const set = readEnv().GSP_IMPORT_REBUILD_MIN_ROWS;
  return set ?? (alone ? REBUILD_MIN_ROWS : Number.POSITIVE_INFINITY);
};
export const REBUILD_MIN_ROWS = 20_000;
/**
 * Helper threads of a CREATE INDEX's sorter (PRAGMA threads) when the merge has the file to itself: the second
 * core is the staging thread's during phase 1 and idle by now on a quiet box — each index ≈ 15 % less wall at
 * 1M keys for ≈ 30 % more CPU; on a box busy elsewhere it buys nothing (GSP_IMPORT_SORT_THREADS=0 turns it off).
 */
const SORT_THREADS = readEnv().GSP_IMPORT_SORT_THREADS ?? 1;

/**
 * The indexes worth rebuilding: not the partial ones on `IS NOT NULL` (`voided_at IS NOT NULL` gets no new
 * entries, `import_id` only appends; the lists' sort indexes on `voided_at IS NULL` get every row and are
 * rebuilt), nor those led by a reference to a parent staged in the same order (a line's
 * order, a slip's order, an invoice slip's slip, an invoice line's invoice): those keys grow with the row
 * ids, so their inserts append at the right edge of the B-tree and cost little.
 */
const APPENDING = /\(`(order|slip|invoice)`[,)]/;
function indexesToRebuild(sqlite: Database.Database, table: string): Array<{ name: string; sql: string }> {
  return (
    sqlite.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as Array<{
      name: string;
      sql: string;
    }>
  ).filter((ix) => !/^CREATE\s+UNIQUE\b/i.test(ix.sql) && !/\bWHERE\b.*\bIS NOT NULL\b/is.test(ix.sql) && !APPENDING.test(ix.sql));
}
const tick = (label: string, t0: number) => {
  if (readEnv().GSP_IMPORT_TIMING)
    process.stderr.write(`[import]   merge ${label}: ${(performance.now() - t0).toFixed(0)} ms (cpu ${cpuMs().toFixed(0)} ms total)\n`);
  return performance.now();
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const STAMP = ['version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'import_id'];

/**
 * Pending records staged in phase 1 whose natural key a live record now has (created meanwhile by another
 * import or by a user): the staged references are pointed at that record and the staged copy dropped, so
 * a natural key never ends up twice. Usually there is nothing to do (a few indexed look-ups).
 */
function adoptExisting(sqlite: Database.Database): void {
  const adopt = (table: string, stagedId: number, existing: number, refs: Array<[string, string]>) => {
    for (const [t, col] of refs) sqlite.prepare(`UPDATE stg.${q(t)} SET ${q(col)} = ? WHERE ${q(col)} = ?`).run(existing, -stagedId);
    sqlite.prepare(`DELETE FROM stg.${q(table)} WHERE id = ?`).run(stagedId);
  };
  const one = (sql: string, ...args: unknown[]) => (sqlite.prepare(sql).get(...args) as { id: number } | undefined)?.id;
  for (const c of sqlite.prepare('SELECT id, name, credit_code FROM stg.customers').all() as Array<{ id: number; name: string; credit_code: string | null }>) {
    const e =
      (c.credit_code ? one('SELECT id FROM main.customers WHERE credit_code = ? AND voided_at IS NULL ORDER BY id LIMIT 1', c.credit_code) : undefined) ??
      one('SELECT id FROM main.customers WHERE name = ? AND voided_at IS NULL ORDER BY id LIMIT 1', c.name);
    if (e)
      adopt('customers', c.id, e, [
        ['sales_orders', 'customer'],
        ['sales_lines', 'customer'],
        ['invoices', 'customer'],
      ]);
  }
  for (const p of sqlite.prepare('SELECT id, generic_name, spec, approval_no FROM stg.products').all() as Array<{
    id: number;
    generic_name: string;
    spec: string | null;
    approval_no: string | null;
  }>) {
    const e = p.approval_no
      ? one('SELECT id FROM main.products WHERE approval_no = ? AND spec IS ? AND voided_at IS NULL ORDER BY id LIMIT 1', p.approval_no, p.spec)
      : one('SELECT id FROM main.products WHERE generic_name = ? AND spec IS ? AND voided_at IS NULL ORDER BY id LIMIT 1', p.generic_name, p.spec);
    if (e)
      adopt('products', p.id, e, [
        ['batches', 'product'],
        ['sales_lines', 'product'],
      ]);
  }
  for (const b of sqlite.prepare('SELECT id, product, batch_no FROM stg.batches WHERE product > 0').all() as Array<{
    id: number;
    product: number;
    batch_no: string;
  }>) {
    const e = one('SELECT id FROM main.batches WHERE product = ? AND batch_no = ? AND voided_at IS NULL ORDER BY id LIMIT 1', b.product, b.batch_no);
    if (e) adopt('batches', b.id, e, [['sales_lines', 'batch']]);
  }
  for (const s of sqlite.prepare('SELECT id, name FROM stg.salespeople').all() as Array<{ id: number; name: string }>) {
    const e = one('SELECT id FROM main.salespeople WHERE name = ? AND voided_at IS NULL ORDER BY id LIMIT 1', s.name);
    if (e) adopt('salespeople', s.id, e, [['sales_orders', 'salesperson']]);
  }
}

/** The master tables copied whole in the first transaction (few rows; adopted records resolved there). */
const MASTERS = new Set(['customers', 'products', 'batches', 'salespeople']);

export function mergeStaging(
  ctx: ServiceContext,
  stagingFile: string,
  values: ImportRowValues,
  opts: { force: boolean; auditExtra?: Record<string, unknown>; reason?: string },
): { importId: number; records: Record<string, number>; lock: LockStats } {
  const db: Db = ctx.db;
  const sqlite = db.$client;
  const env = readEnv();
  sqlite.prepare('ATTACH DATABASE ? AS stg').run(stagingFile);
  // A bigger page cache while the indexes of a million new rows are filled, then back to the default.
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${MERGE_CACHE_KIB > 0 ? -MERGE_CACHE_KIB : cache}`);
  // Every staged reference is a staged record or a live record read in phase 1 (records are never
  // deleted, only voided), so the foreign keys hold by construction: not checked row by row here.
  const fks = sqlite.pragma('foreign_keys', { simple: true }) as number;
  if (!env.GSP_IMPORT_MERGE_FK) sqlite.pragma('foreign_keys = OFF');
  try {
    const now = ctx.clock.now().toISOString();
    const actor = ctx.actor.id;
    const records: Record<string, number> = {};
    const staged = (table: string) =>
      sqlite.prepare(`SELECT count(*) AS n, COALESCE(max(id), 0) AS top FROM stg.${q(table)}`).get() as { n: number; top: number };
    // counted before the first transaction (a count scans the staging table: seconds at 1M rows)
    const stagedCount = new Map([...STAGED.map((t) => t.name), 'findings', 'import_rejects'].map((t) => [t, staged(t)]));
    const linesWithInvoice = (sqlite.prepare('SELECT count(*) AS n FROM stg.sales_lines WHERE invoice IS NOT NULL').get() as { n: number }).n;
    // whether anyone else has the file open matters only when a table is big enough to rebuild its indexes
    const alone = stagedCount.get('sales_lines')!.n >= REBUILD_MIN_ROWS && soleConnection(sqlite);
    const w = new ChunkedWriter(sqlite, {
      budgetMs: env.GSP_IMPORT_MERGE_CHUNK_MS ?? 300,
      // the pause gives a waiting writer its turn; with the file to itself there is none (1M: 134 × 10 ms)
      pauseMs: env.GSP_IMPORT_MERGE_PAUSE_MS ?? (alone ? 0 : 10),
      onTx:
        env.GSP_IMPORT_TIMING === undefined
          ? undefined
          : (label, ms) => ms >= 250 && process.stderr.write(`[import]   merge transaction ${label}: ${ms.toFixed(0)} ms\n`),
    });
    const merge = () => {
      let tt = performance.now();
      // 1. one short transaction: clash check, adoption, id ranges reserved, indexes dropped, master records, the imports row
      const begin = w.tx('begin', () => {
        if (!opts.force) {
          const clash = sqlite
            .prepare(`SELECT s.order_no FROM stg.sales_orders s
            WHERE EXISTS (SELECT 1 FROM main.sales_orders o WHERE o.order_no = s.order_no AND o.voided_at IS NULL) LIMIT 1`)
            .get() as { order_no: string } | undefined;
          if (clash) throw new MergeConflict(clash.order_no);
        }
        adoptExisting(sqlite);
        const offset = new Map<string, number>();
        const seq = (name: string) =>
          (
            sqlite
              .prepare(
                `SELECT max(COALESCE((SELECT seq FROM main.sqlite_sequence WHERE name = ?), 0), COALESCE((SELECT max(id) FROM main.${q(name)}), 0)) AS off`,
              )
              .get(name) as { off: number }
          ).off;
        const reserve = (name: string, top: number) => {
          if (!sqlite.prepare('UPDATE main.sqlite_sequence SET seq = ? WHERE name = ?').run(top, name).changes)
            sqlite.prepare('INSERT INTO main.sqlite_sequence (name, seq) VALUES (?, ?)').run(name, top);
        };
        const dropped: Array<{ name: string; sql: string }> = [];
        const triggers: string[] = [];
        const rebuild = (table: string, newRows: number, existing: number) => {
          if (newRows < rebuildMinRows(alone) || newRows < existing) return;
          for (const ix of indexesToRebuild(sqlite, table)) {
            sqlite.exec(`DROP INDEX main.${q(ix.name)}`);
            dropped.push(ix);
          }
          for (const tr of deferrableTriggers(sqlite, table)) {
            sqlite.exec(`DROP TRIGGER main.${q(tr.name)}`);
            triggers.push(tr.sql);
          }
        };
        for (const t of STAGED) {
          const off = seq(t.name);
          const s = stagedCount.get(t.name)!; // adoption only removes master records: the top id stays
          offset.set(t.name, off);
          reserve(t.name, off + s.top);
          rebuild(t.name, s.n, off);
        }
        rebuild('invoice_lines', linesWithInvoice, seq('invoice_lines'));
        for (const t of ['findings', 'import_rejects']) rebuild(t, stagedCount.get(t)!.n, seq(t));
        const importId = insertImportRow(
          ctx,
          { ...values, counts: { ...(values.counts as object), merging: mergeMarker({ indexes: dropped.map((ix) => ix.sql), triggers }) } },
          'running',
        );
        for (const t of STAGED) if (MASTERS.has(t.name)) records[t.name] = copyTable(t.name, offset, importId, now, actor)(0, stagedCount.get(t.name)!.top);
        return { importId, offset, aside: { indexes: dropped.map((ix) => ix.sql), triggers } };
      });
      tt = tick('begin (clash check, adopt, reserve ids, drop indexes, master records)', tt);
      const { importId, offset, aside } = begin;
      // A recovery that judged this merge dead removed its import: stop rather than write an orphan chunk.
      const check = () => {
        const st = sqlite.prepare('SELECT status FROM main.imports WHERE id = ?').pluck().get(importId);
        if (st !== 'running') throw new Error(`import ${importId} is no longer being merged (${String(st)})`);
      };
      try {
        // 2. the big tables in id ranges
        for (const t of STAGED) {
          if (MASTERS.has(t.name)) continue;
          records[t.name] = w.copyRanges(t.name, 0, stagedCount.get(t.name)!.top, copyTable(t.name, offset, importId, now, actor), check);
          tt = tick(`${t.name}: ${records[t.name]} rows`, tt);
        }
        // an invoice line per staged sales line that names an invoice (invoice_lines are not staged)
        const inv = `CASE WHEN invoice < 0 THEN -invoice + ${offset.get('invoices')} ELSE invoice END`;
        const product = `CASE WHEN product < 0 THEN -product + ${offset.get('products')} ELSE product END`;
        const invoiceLines = sqlite.prepare(
          `INSERT INTO main.invoice_lines (${[...STAMP, 'invoice', 'product', 'quantity', 'amount'].map(q).join(', ')})
           SELECT 1, @now, @actor, @now, @actor, @imp, ${inv}, ${product}, quantity, amount FROM stg.sales_lines
           WHERE invoice IS NOT NULL AND id > @lo AND id <= @hi ORDER BY id`,
        );
        records.invoice_lines = w.copyRanges(
          'invoice_lines',
          0,
          stagedCount.get('sales_lines')!.top,
          (lo, hi) => invoiceLines.run({ now, actor, imp: importId, lo, hi }).changes,
          check,
        );
        tt = tick(`invoice_lines: ${records.invoice_lines} rows`, tt);
        const ref = (resource: string) => `WHEN '${resource}' THEN -f.record_id + ${offset.get(resource)}`;
        // With each finding its context (for QA's filters), from its staged record and order, in the same
        // insert — the columns fillFindingContext computes from the merged records, without writing every
        // finding a second time. It still fills what a staged join could not (none, today).
        const to = (col: string, target: string) => `CASE WHEN ${col} < 0 THEN -${col} + ${offset.get(target)} ELSE ${col} END`;
        const findings = sqlite.prepare(
          `INSERT INTO main.findings (${[...STAMP, 'rule', 'severity', 'resource', 'record_id', 'import', 'row', 'fields', 'message', 'detail', 'status', 'customer', 'salesperson', 'product', 'batch', 'record_date'].map(q).join(', ')})
           SELECT 1, @now, @actor, @now, @actor, @imp, f.rule, f.severity, f.resource,
                  CASE f.resource ${ref('sales_lines')} ${ref('outbound_slips')} ELSE NULL END, @imp, f."row", f.fields, f.message, f.detail, 'open',
                  ${to('o.customer', 'customers')}, ${to('o.salesperson', 'salespeople')}, ${to('l.product', 'products')}, ${to('l.batch', 'batches')},
                  substr(CASE f.resource WHEN 'sales_lines' THEN o.sale_date ELSE s.outbound_date END, 1, 10)
           FROM stg.findings AS f
           LEFT JOIN stg.sales_lines AS l ON f.resource = 'sales_lines' AND l.id = -f.record_id
           LEFT JOIN stg.outbound_slips AS s ON f.resource = 'outbound_slips' AND s.id = -f.record_id
           LEFT JOIN stg.sales_orders AS o ON o.id = -COALESCE(l."order", s."order")
           WHERE f.id > @lo AND f.id <= @hi
           ORDER BY f.id`,
        );
        records.findings = w.copyRanges(
          'findings',
          0,
          stagedCount.get('findings')!.top,
          (lo, hi) => findings.run({ now, actor, imp: importId, lo, hi }).changes,
          check,
        );
        tt = tick(`findings: ${records.findings} rows`, tt);
        const rejects = sqlite.prepare(
          `INSERT INTO main.import_rejects (${[...STAMP, 'import', 'row', 'raw', 'errors'].map(q).join(', ')})
           SELECT 1, @now, @actor, @now, @actor, @imp, @imp, "row", raw, errors FROM stg.import_rejects WHERE id > @lo AND id <= @hi ORDER BY id`,
        );
        records.import_rejects = w.copyRanges(
          'import_rejects',
          0,
          stagedCount.get('import_rejects')!.top,
          (lo, hi) => rejects.run({ now, actor, imp: importId, lo, hi }).changes,
          check,
        );
        tt = tick('import_rejects', tt);
        // 3. the dropped indexes, as many per transaction as fit its budget (a CREATE INDEX cannot be split)
        // A CREATE INDEX sorts its keys in runs of at most cache_size: 8 MiB runs, merged, cost about half the
        // CPU of one 64 MiB run at 1M keys (0.6 vs 1.1–1.3 s; bench/README session 10); below ≈ 200k keys
        // the keys fit one run either way.
        sqlite.pragma(`cache_size = ${-SORT_CACHE_KIB}`);
        const threads = sqlite.pragma('threads', { simple: true }) as number;
        if (alone) sqlite.pragma(`threads = ${SORT_THREADS}`);
        try {
          w.steps('indexes', aside.indexes, (sql) => sqlite.exec(sql));
        } finally {
          sqlite.pragma(`threads = ${threads}`);
          sqlite.pragma(`cache_size = ${MERGE_CACHE_KIB > 0 ? -MERGE_CACHE_KIB : cache}`);
        }
        if (aside.indexes.length) tt = tick(`${aside.indexes.length} indexes rebuilt`, tt);
        // the count triggers back, each table counted once
        restoreTriggers(sqlite, aside.triggers, (fn) => w.tx('triggers', fn));
        if (aside.triggers.length) tt = tick(`${aside.triggers.length} count triggers back, tables counted`, tt);
        // 4. done: what fillFindingContext still finds to fill, the imports row, one audit row
        w.tx('finding context', () => fillFindingContext(sqlite, importId));
        // the one synced commit: a done import survives power loss (the others may be lost: then it is removed as `running`)
        synced(sqlite, () =>
          w.tx('finish', () => {
            check();
            sqlite
              .prepare("UPDATE main.imports SET status = 'done', counts = ?, updated_at = ? WHERE id = ?")
              .run(JSON.stringify(values.counts), ctx.clock.now().toISOString(), importId);
            const after = { id: importId, ...values, status: 'done', records, ...(opts.auditExtra ?? {}) };
            writeAuditSync(ctx, 'create', 'imports', importId, null, after, opts.reason ?? null);
          }),
        );
        tick('finding context, finish (imports row, audit)', tt);
        return { importId, records, lock: w.lock };
      } catch (e) {
        // nothing of a failed merge stays: its records by import id, its indexes back, its imports row
        removeImport(sqlite, importId, aside, (fn) => w.tx('undo', fn));
        throw e;
      }
    };
    const result = withUnsyncedCommits(sqlite, merge);
    // each transaction from BEGIN IMMEDIATE to COMMIT: how long another writer waits at most (readers never: WAL)
    if (env.GSP_IMPORT_TIMING)
      process.stderr.write(
        `[import] writer-blocking time: max ${w.lock.maxMs.toFixed(0)} ms, total ${w.lock.totalMs.toFixed(0)} ms in ${w.lock.transactions} transactions (WAL${alone ? ', the file to itself' : ''})\n`,
      );
    return result;
  } finally {
    sqlite.pragma(`foreign_keys = ${fks ? 'ON' : 'OFF'}`);
    sqlite.pragma(`cache_size = ${cache}`);
    sqlite.prepare('DETACH DATABASE stg').run();
  }

  /** INSERT … SELECT of a staged table's ids (lo, hi] into its reserved range; returns the rows written. */
  function copyTable(name: string, offset: Map<string, number>, importId: number, now: string, actor: number | null): (lo: number, hi: number) => number {
    const t = STAGED_BY_NAME.get(name)!;
    const map = (c: string) => {
      const target = t.refs?.[c];
      if (!target || !STAGED_BY_NAME.has(target)) return q(c);
      return `CASE WHEN ${q(c)} < 0 THEN -${q(c)} + ${offset.get(target)} ELSE ${q(c)} END`;
    };
    const stmt = sqlite.prepare(
      `INSERT INTO main.${q(t.name)} (id, ${[...STAMP, ...t.cols].map(q).join(', ')})
       SELECT id + ${offset.get(t.name)}, 1, @now, @actor, @now, @actor, @imp, ${t.cols.map(map).join(', ')}
       FROM stg.${q(t.name)} WHERE id > @lo AND id <= @hi ORDER BY id`,
    );
    return (lo, hi) => stmt.run({ now, actor, imp: importId, lo, hi }).changes;
  }
}
