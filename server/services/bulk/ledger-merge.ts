/**
 * Phase 2 of a ledger import: ONE IMMEDIATE transaction on the main database copies the staging file in
 * (ATTACHed) with INSERT … SELECT, table by table. Staged ids are offset by each table's current
 * sqlite_sequence (or max id), staged references (negative) are mapped to the new ids, positive ones kept;
 * every row gets the import's id in `import_id`. Then the imports row (status done, counts, hash, mapping,
 * stored file) and ONE audit row for the whole import (writeAudit: the hash chain stays intact). A kill
 * during the transaction is rolled back by SQLite; nothing is half-written.
 *
 * @db-sync the SQLite engine's bulk merge: prepared statements in one synchronous transaction (run it inside exclusive()).
 */
import type Database from 'better-sqlite3';
import { STAGED, STAGED_BY_NAME } from '../../../imports/run/ledger/staging';
import type { Db } from '../../db';
import { writeAuditSync } from '../audit';
import type { ServiceContext } from '../context';
import { fillFindingContext } from '../rules/finding-context';
import { insertImportRow, type ImportRowValues } from './import-row';
import { withBulkJournal } from './journal';
import { readEnv } from '../../env';

export class MergeConflict extends Error {
  constructor(readonly orderNo: string) {
    super(`order ${orderNo} was written by another import meanwhile`);
  }
}

const q = (c: string) => `"${c}"`;
const MERGE_CACHE_KIB = readEnv().GSP_IMPORT_MERGE_CACHE_KIB ?? 65536;
/**
 * A table that gets at least this many new rows, and at least as many as it holds, has its secondary
 * indexes dropped and built again inside the merge transaction: building an index sorts its keys once,
 * far cheaper than a million inserts at random places of a B-tree (a first migration into an empty
 * database). Small imports into big tables insert into the indexes as usual.
 */
const rebuildMinRows = () => readEnv().GSP_IMPORT_REBUILD_MIN_ROWS ?? 20_000;

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
  ).filter((ix) => !/\bWHERE\b.*\bIS NOT NULL\b/is.test(ix.sql) && !APPENDING.test(ix.sql));
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

export function mergeStaging(
  ctx: ServiceContext,
  stagingFile: string,
  values: ImportRowValues,
  opts: { force: boolean; auditExtra?: Record<string, unknown>; reason?: string },
): { importId: number; records: Record<string, number> } {
  const db: Db = ctx.db;
  const sqlite = db.$client;
  sqlite.prepare('ATTACH DATABASE ? AS stg').run(stagingFile);
  // A bigger page cache while the indexes of a million new rows are filled, then back to the default.
  const cache = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${MERGE_CACHE_KIB > 0 ? -MERGE_CACHE_KIB : cache}`);
  // Every staged reference is a staged record or a live record read in phase 1 (records are never
  // deleted, only voided), so the foreign keys hold by construction: not checked row by row here.
  const fks = sqlite.pragma('foreign_keys', { simple: true }) as number;
  if (!readEnv().GSP_IMPORT_MERGE_FK) sqlite.pragma('foreign_keys = OFF');
  try {
    const run = sqlite.transaction(() => {
      if (!opts.force) {
        const clash = sqlite
          .prepare(`SELECT s.order_no FROM stg.sales_orders s
          WHERE EXISTS (SELECT 1 FROM main.sales_orders o WHERE o.order_no = s.order_no AND o.voided_at IS NULL) LIMIT 1`)
          .get() as { order_no: string } | undefined;
        if (clash) throw new MergeConflict(clash.order_no);
      }
      let tt = performance.now();
      adoptExisting(sqlite);
      tt = tick('clash check + adopt', tt);
      const offset = new Map<string, number>();
      for (const t of STAGED) {
        const r = sqlite
          .prepare(
            `SELECT max(COALESCE((SELECT seq FROM main.sqlite_sequence WHERE name = ?), 0), COALESCE((SELECT max(id) FROM main.${q(t.name)}), 0)) AS off`,
          )
          .get(t.name) as { off: number };
        offset.set(t.name, r.off);
      }
      const importId = insertImportRow(ctx, values);
      const rebuilt: Array<{ name: string; sql: string }> = [];
      const rebuild = (table: string, newRows: number, existing: number) => {
        if (newRows < rebuildMinRows() || newRows < existing) return;
        for (const ix of indexesToRebuild(sqlite, table)) {
          sqlite.exec(`DROP INDEX main.${q(ix.name)}`);
          rebuilt.push(ix);
        }
      };
      const staged = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM stg.${q(table)}`).get() as { n: number }).n;
      const linesWithInvoice = (sqlite.prepare('SELECT count(*) AS n FROM stg.sales_lines WHERE invoice IS NOT NULL').get() as { n: number }).n;
      for (const t of STAGED) rebuild(t.name, staged(t.name), offset.get(t.name)!);
      const existingInvoiceLines = (
        sqlite
          .prepare(
            "SELECT max(COALESCE((SELECT seq FROM main.sqlite_sequence WHERE name = 'invoice_lines'), 0), COALESCE((SELECT max(id) FROM main.invoice_lines), 0)) AS n",
          )
          .get() as { n: number }
      ).n;
      rebuild('invoice_lines', linesWithInvoice, existingInvoiceLines);
      for (const t of ['findings', 'import_rejects']) {
        const existing = (sqlite.prepare(`SELECT COALESCE(max(id), 0) AS n FROM main.${q(t)}`).get() as { n: number }).n;
        rebuild(t, staged(t), existing);
      }
      tt = tick('offsets + drop indexes', tt);
      const now = ctx.clock.now().toISOString();
      const actor = ctx.actor.id;
      const records: Record<string, number> = {};
      for (const t of STAGED) {
        const map = (c: string) => {
          const target = t.refs?.[c];
          if (!target || !STAGED_BY_NAME.has(target)) return q(c);
          return `CASE WHEN ${q(c)} < 0 THEN -${q(c)} + ${offset.get(target)} ELSE ${q(c)} END`;
        };
        tt = performance.now();
        const info = sqlite
          .prepare(
            `INSERT INTO main.${q(t.name)} (id, ${[...STAMP, ...t.cols].map(q).join(', ')})
           SELECT id + ${offset.get(t.name)}, 1, @now, @actor, @now, @actor, @imp, ${t.cols.map(map).join(', ')}
           FROM stg.${q(t.name)} ORDER BY id`,
          )
          .run({ now, actor, imp: importId });
        records[t.name] = info.changes;
        if (readEnv().GSP_IMPORT_TIMING) process.stderr.write(`[import]   merge ${t.name}: ${info.changes} rows, ${(performance.now() - tt).toFixed(0)} ms\n`);
      }
      // an invoice line per staged sales line that names an invoice (invoice_lines are not staged)
      const inv = `CASE WHEN invoice < 0 THEN -invoice + ${offset.get('invoices')} ELSE invoice END`;
      const product = `CASE WHEN product < 0 THEN -product + ${offset.get('products')} ELSE product END`;
      records.invoice_lines = sqlite
        .prepare(
          `INSERT INTO main.invoice_lines (${[...STAMP, 'invoice', 'product', 'quantity', 'amount'].map(q).join(', ')})
         SELECT 1, @now, @actor, @now, @actor, @imp, ${inv}, ${product}, quantity, amount FROM stg.sales_lines WHERE invoice IS NOT NULL ORDER BY id`,
        )
        .run({ now, actor, imp: importId }).changes;
      tt = tick(`invoice_lines: ${records.invoice_lines} rows`, tt);
      const ref = (resource: string) => `WHEN '${resource}' THEN -f.record_id + ${offset.get(resource)}`;
      // With each finding its context (for QA's filters), from its staged record and order, in the same
      // insert — the columns fillFindingContext computes from the merged records, without writing every
      // finding a second time. It still fills what a staged join could not (none, today).
      const to = (col: string, target: string) => `CASE WHEN ${col} < 0 THEN -${col} + ${offset.get(target)} ELSE ${col} END`;
      records.findings = sqlite
        .prepare(
          `INSERT INTO main.findings (${[...STAMP, 'rule', 'severity', 'resource', 'record_id', 'import', 'row', 'fields', 'message', 'detail', 'status', 'customer', 'salesperson', 'product', 'batch', 'record_date'].map(q).join(', ')})
         SELECT 1, @now, @actor, @now, @actor, @imp, f.rule, f.severity, f.resource,
                CASE f.resource ${ref('sales_lines')} ${ref('outbound_slips')} ELSE NULL END, @imp, f."row", f.fields, f.message, f.detail, 'open',
                ${to('o.customer', 'customers')}, ${to('o.salesperson', 'salespeople')}, ${to('l.product', 'products')}, ${to('l.batch', 'batches')},
                substr(CASE f.resource WHEN 'sales_lines' THEN o.sale_date ELSE s.outbound_date END, 1, 10)
         FROM stg.findings AS f
         LEFT JOIN stg.sales_lines AS l ON f.resource = 'sales_lines' AND l.id = -f.record_id
         LEFT JOIN stg.outbound_slips AS s ON f.resource = 'outbound_slips' AND s.id = -f.record_id
         LEFT JOIN stg.sales_orders AS o ON o.id = -COALESCE(l."order", s."order")
         ORDER BY f.id`,
        )
        .run({ now, actor, imp: importId }).changes;
      tt = tick(`findings: ${records.findings} rows`, tt);
      fillFindingContext(sqlite, importId);
      tt = tick('findings context', tt);
      records.import_rejects = sqlite
        .prepare(
          `INSERT INTO main.import_rejects (${[...STAMP, 'import', 'row', 'raw', 'errors'].map(q).join(', ')})
         SELECT 1, @now, @actor, @now, @actor, @imp, @imp, "row", raw, errors FROM stg.import_rejects ORDER BY id`,
        )
        .run({ now, actor, imp: importId }).changes;
      tt = tick('import_rejects', tt);
      const tr = performance.now();
      for (const ix of rebuilt) sqlite.exec(ix.sql);
      if (readEnv().GSP_IMPORT_TIMING && rebuilt.length)
        process.stderr.write(`[import]   merge: ${rebuilt.length} indexes rebuilt, ${(performance.now() - tr).toFixed(0)} ms\n`);
      const after = { id: importId, ...values, status: 'done', records, ...(opts.auditExtra ?? {}) };
      writeAuditSync(ctx, 'create', 'imports', importId, null, after, opts.reason ?? null);
      commitAt = performance.now();
      return { importId, records };
    });
    let commitAt = 0;
    const big = (sqlite.prepare('SELECT count(*) AS n FROM stg.sales_lines').get() as { n: number }).n >= rebuildMinRows();
    let locked = 0;
    const timed = () => {
      const t = performance.now();
      try {
        return run.immediate();
      } finally {
        locked = performance.now() - t;
      }
    };
    const { result, journal } = big ? withBulkJournal(sqlite, timed) : { result: timed(), journal: 'wal' };
    tick(`commit (${journal === 'wal' ? 'WAL, checkpoint' : 'rollback journal'})`, commitAt);
    // from BEGIN IMMEDIATE to COMMIT: how long other writers wait at most (readers never: WAL)
    if (readEnv().GSP_IMPORT_TIMING) process.stderr.write(`[import] write lock held: ${locked.toFixed(0)} ms (the merge transaction)\n`);
    return result;
  } finally {
    sqlite.pragma(`foreign_keys = ${fks ? 'ON' : 'OFF'}`);
    sqlite.pragma(`cache_size = ${cache}`);
    sqlite.prepare('DETACH DATABASE stg').run();
  }
}
