/**
 * Phase 2 of a ledger import on PostgreSQL (issue #17 item 3): the staging file phase 1 wrote (the same SQLite
 * file as on SQLite: imports/run/ledger/staging.ts) is streamed with COPY (pg-copy-streams) into temporary
 * tables, then merged with INSERT … SELECT — all in ONE write transaction under the engine's advisory write lock
 * (server/db/pg.ts): a failure rolls it all back, a killed process's connection is rolled back by the server,
 * so nothing partial ever exists and nobody sees a merge half done (no `running` import, no recovery step).
 *
 * What the SQLite merge (ledger-merge.ts) does, in the same order and with the same results: the clash check
 * (a staged order number live meanwhile refuses the merge unless forced), adoption of master records whose
 * natural key a live record has meanwhile, each table's ids offset past its high-water mark (explicit ids,
 * then the identity sequence moved past them: dialect idHighWater/syncIdSequence), staged references
 * (negative) mapped to the new ids, every record stamped version 1 with the import's id, invoice lines derived
 * from the staged lines, findings with their context, rejected rows, the imports row and ONE audit row.
 * Readers keep reading the committed state meanwhile; other writers wait for the lock for the whole merge
 * (seconds at 100k lines, minutes at 1M): past lock_timeout they answer 503 + Retry-After — unlike SQLite's
 * merge in short transactions (ledger-merge.ts), the price of one transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { STAGED, STAGED_BY_NAME } from '../../../imports/run/ledger/staging';
import { type Db, engineOf, transaction } from '../../db';
import { sqlOf } from '../../db/dialect';
import type { PgEngine } from '../../db/pg';
import { readEnv } from '../../env';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { FINDING_CONTEXT_UPDATES } from '../rules/finding-context';
import { createImportRow, type ImportRowValues } from './import-row';
import { MergeConflict } from './ledger-merge';

const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
const STAMP = ['version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'import_id'];
/** The staging tables besides the records: their columns as the staging file holds them (after id). */
const OTHERS = [
  { name: 'findings', cols: ['rule', 'severity', 'resource', 'record_id', 'row', 'fields', 'message', 'detail'] },
  { name: 'import_rejects', cols: ['row', 'raw', 'errors'] },
];

/** COPY text format: NULL as \N; backslash, tab, newline and CR escaped. */
/** Staged tables the findings' insert joins by id. */
const JOINED = new Set(['sales_orders', 'sales_lines', 'outbound_slips']);

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function copyValue(v: unknown, bool: boolean): string {
  if (v === null || v === undefined) return '\\N';
  if (bool) return v ? 't' : 'f';
  if (typeof v === 'string') return v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]);
  return String(v);
}

/** The staging file's rows of one table as COPY text, in chunks of ~64 KB. */
function* copyText(staging: Database.Database, table: string, cols: string[], bools: boolean[]): Generator<string> {
  const stmt = staging.prepare(`SELECT ${['id', ...cols].map(q).join(', ')} FROM ${q(table)} ORDER BY id`).raw(true);
  let chunk = '';
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    let line = String(row[0]);
    for (let i = 1; i < row.length; i++) line += `\t${copyValue(row[i], bools[i - 1])}`;
    chunk += `${line}\n`;
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export async function pgMergeStaging(
  ctx: ServiceContext,
  staging: Database.Database,
  values: ImportRowValues,
  opts: { force: boolean; auditExtra?: Record<string, unknown>; reason?: string },
): Promise<{ importId: number; records: Record<string, number> }> {
  const db: Db = ctx.db;
  const engine = engineOf(db) as PgEngine;
  const dialect = sqlOf(db);
  const timing = readEnv().GSP_IMPORT_TIMING !== undefined;
  return transaction(db, async () => {
    const client = engine.connection() as pg.PoolClient;
    const run = async (text: string, params: unknown[] = []) => {
      const t0 = performance.now();
      const r = await client.query(text, params);
      const ms = performance.now() - t0;
      if (timing && ms >= 100)
        process.stderr.write(`[import]   merge ${text.replace(/\s+/g, ' ').slice(0, 60)}…: ${ms.toFixed(0)} ms, ${r.rowCount ?? 0} rows\n`);
      return r;
    };
    // a million-line merge runs for minutes: no statement timeout inside it (the engine's default is for requests)
    await run('SET LOCAL statement_timeout = 0');
    // 1. the staging tables, typed as their targets' columns, filled by COPY
    const targets = [...STAGED.map((t) => t.name), 'findings', 'import_rejects'];
    const types = new Map<string, string>();
    for (const r of (
      await run(
        `SELECT c.relname AS t, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.oid = ANY($1::regclass[]) AND a.attnum > 0 AND NOT a.attisdropped`,
        [targets],
      )
    ).rows as Array<{ t: string; col: string; type: string }>)
      types.set(`${r.t}.${r.col}`, r.type);
    const stage = async (name: string, cols: string[]) => {
      const t0 = performance.now();
      const typed = cols.map((c) => types.get(`${name}.${c}`) ?? 'bigint'); // staging-only columns are row numbers and references
      // keyed only where the findings' context joins by id; no ANALYZE: the planner sizes a temp table from its pages
      const key = JOINED.has(name) ? ' PRIMARY KEY' : '';
      await run(`CREATE TEMP TABLE ${q(`stg_${name}`)} (id bigint${key}, ${cols.map((c, i) => `${q(c)} ${typed[i]}`).join(', ')}) ON COMMIT DROP`);
      const copy = client.query(copyFrom(`COPY ${q(`stg_${name}`)} (${['id', ...cols].map(q).join(', ')}) FROM STDIN`));
      await pipeline(
        Readable.from(
          copyText(
            staging,
            name,
            cols,
            typed.map((t) => t === 'boolean'),
          ),
        ),
        copy,
      );
      if (timing) process.stderr.write(`[import]   merge COPY ${name}: ${(performance.now() - t0).toFixed(0)} ms\n`);
    };
    for (const t of STAGED) await stage(t.name, [...t.cols, ...(t.extra ?? [])]);
    for (const t of OTHERS) await stage(t.name, t.cols);

    // 2. a staged order number live meanwhile: refused unless forced (as the SQLite merge)
    if (!opts.force) {
      const clash = (
        await run(`SELECT s.order_no FROM stg_sales_orders s
          WHERE EXISTS (SELECT 1 FROM sales_orders o WHERE o.order_no = s.order_no AND o.voided_at IS NULL) LIMIT 1`)
      ).rows[0] as { order_no: string } | undefined;
      if (clash) throw new MergeConflict(clash.order_no);
    }
    await adoptExisting(run);

    // 3. each table's ids past its high-water mark
    const offset = new Map<string, number>();
    for (const t of STAGED) offset.set(t.name, Number(((await db.get(sql`SELECT ${dialect.idHighWater(t.name)} AS off`)) as { off: number }).off));
    const importId = await createImportRow(ctx, values, 'done');
    const now = ctx.clock.now().toISOString();
    const params = [now, ctx.actor.id, importId];
    const records: Record<string, number> = {};
    const to = (col: string, target: string) => `CASE WHEN ${col} < 0 THEN -${col} + ${offset.get(target)} ELSE ${col} END`;
    for (const t of STAGED) {
      const map = (c: string) => (t.refs?.[c] && STAGED_BY_NAME.has(t.refs[c]) ? to(q(c), t.refs[c]) : q(c));
      const r = await run(
        `INSERT INTO ${q(t.name)} (id, ${[...STAMP, ...t.cols].map(q).join(', ')})
         SELECT id + ${offset.get(t.name)}, 1, $1, $2, $1, $2, $3, ${t.cols.map(map).join(', ')} FROM ${q(`stg_${t.name}`)} ORDER BY id`,
        params,
      );
      records[t.name] = r.rowCount ?? 0;
    }
    // 4. an invoice line per staged sales line that names an invoice (invoice_lines are not staged)
    records.invoice_lines =
      (
        await run(
          `INSERT INTO invoice_lines (${[...STAMP, 'invoice', 'product', 'quantity', 'amount'].map(q).join(', ')})
           SELECT 1, $1, $2, $1, $2, $3, ${to('invoice', 'invoices')}, ${to('product', 'products')}, quantity, amount FROM stg_sales_lines
           WHERE invoice IS NOT NULL ORDER BY id`,
          params,
        )
      ).rowCount ?? 0;
    // 5. findings with their context from the staged record and order; rejected rows
    const ref = (resource: string) => `WHEN '${resource}' THEN -f.record_id + ${offset.get(resource)}`;
    records.findings =
      (
        await run(
          `INSERT INTO findings (${[...STAMP, 'rule', 'severity', 'resource', 'record_id', 'import', 'row', 'fields', 'message', 'detail', 'status', 'customer', 'salesperson', 'product', 'batch', 'record_date'].map(q).join(', ')})
           SELECT 1, $1, $2, $1, $2, $3, f.rule, f.severity, f.resource,
                  CASE f.resource ${ref('sales_lines')} ${ref('outbound_slips')} ELSE NULL END, $3, f."row", f.fields, f.message, f.detail, 'open',
                  ${to('o.customer', 'customers')}, ${to('o.salesperson', 'salespeople')}, ${to('l.product', 'products')}, ${to('l.batch', 'batches')},
                  substr(CASE f.resource WHEN 'sales_lines' THEN o.sale_date ELSE s.outbound_date END, 1, 10)
           FROM stg_findings AS f
           LEFT JOIN stg_sales_lines AS l ON f.resource = 'sales_lines' AND l.id = -f.record_id
           LEFT JOIN stg_outbound_slips AS s ON f.resource = 'outbound_slips' AND s.id = -f.record_id
           LEFT JOIN stg_sales_orders AS o ON o.id = -COALESCE(l."order", s."order")
           ORDER BY f.id`,
          params,
        )
      ).rowCount ?? 0;
    records.import_rejects =
      (
        await run(
          `INSERT INTO import_rejects (${[...STAMP, 'import', 'row', 'raw', 'errors'].map(q).join(', ')})
           SELECT 1, $1, $2, $1, $2, $3, $3, "row", raw, errors FROM stg_import_rejects ORDER BY id`,
          params,
        )
      ).rowCount ?? 0;
    // 6. what the staged join could not fill (none today), the sequences past the explicit ids, one audit row
    for (const text of FINDING_CONTEXT_UPDATES('AND f."import" = $1')) await run(text, [importId]);
    for (const t of STAGED) await db.run(dialect.syncIdSequence(t.name)!);
    const after = { id: importId, ...values, status: 'done', records, ...(opts.auditExtra ?? {}) };
    await writeAudit(ctx, 'create', 'imports', importId, null, after, opts.reason ?? null);
    return { importId, records };
  });
}

/**
 * Staged master records whose natural key a live record has meanwhile (created by another import or a user
 * since phase 1): their references point at it and the staged copy is dropped (ledger-merge.ts adoptExisting,
 * the same keys in the same order — batches after products, whose adoption makes their product live).
 */
async function adoptExisting(run: (text: string, params?: unknown[]) => Promise<pg.QueryResult>): Promise<void> {
  const live = (table: string, where: string) => `(SELECT m.id FROM ${table} m WHERE ${where} AND m.voided_at IS NULL ORDER BY m.id LIMIT 1)`;
  const adopt = async (table: string, match: string, refs: Array<[string, string]>) => {
    const found = (await run(`SELECT s.id AS staged, ${match} AS existing FROM ${q(`stg_${table}`)} s`)).rows.filter((r) => r.existing != null) as Array<{
      staged: number;
      existing: number;
    }>;
    for (const { staged, existing } of found) {
      for (const [t, col] of refs) await run(`UPDATE ${q(`stg_${t}`)} SET ${q(col)} = $1 WHERE ${q(col)} = $2`, [existing, -staged]);
      await run(`DELETE FROM ${q(`stg_${table}`)} WHERE id = $1`, [staged]);
    }
  };
  await adopt(
    'customers',
    `COALESCE(CASE WHEN s.credit_code <> '' THEN ${live('customers', 'm.credit_code = s.credit_code')} END, ${live('customers', 'm.name = s.name')})`,
    [
      ['sales_orders', 'customer'],
      ['sales_lines', 'customer'],
      ['invoices', 'customer'],
    ],
  );
  await adopt(
    'products',
    `CASE WHEN s.approval_no <> '' THEN ${live('products', 'm.approval_no = s.approval_no AND m.spec IS NOT DISTINCT FROM s.spec')}
          ELSE ${live('products', 'm.generic_name = s.generic_name AND m.spec IS NOT DISTINCT FROM s.spec')} END`,
    [
      ['batches', 'product'],
      ['sales_lines', 'product'],
    ],
  );
  await adopt('batches', `CASE WHEN s.product > 0 THEN ${live('batches', 'm.product = s.product AND m.batch_no = s.batch_no')} END`, [
    ['sales_lines', 'batch'],
  ]);
  await adopt('salespeople', live('salespeople', 'm.name = s.name'), [['sales_orders', 'salesperson']]);
}
