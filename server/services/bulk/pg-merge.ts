/**
 * Phase 2 of a ledger import on PostgreSQL (issue #17 item 3): the staging file phase 1 wrote (the same SQLite
 * file as on SQLite: imports/run/ledger/staging.ts) is streamed with COPY (pg-copy-streams) — the masters into
 * temporary tables, checked there (natural keys, adoption) and merged with INSERT … SELECT, the orders' numbers
 * into one for the clash checks; every other table (orders, lines, slips, invoices, their links, checks, invoice
 * lines, findings, rejected rows) straight into its target, ids and references made final on the way, so the
 * server stores one table while this process writes the next (at 100k lines the temp-table round was 2 s of
 * COPY, then 4 s of INSERT … SELECT on the server) — all in ONE transaction: a failure rolls it all back, a killed
 * process's connection is rolled back by the server, and nobody sees any of it before its COMMIT (MVCC), so
 * nothing partial ever exists and no reader sees a merge half done (no `running` import, no recovery step).
 *
 * That transaction does NOT hold the global write lock while it inserts (server/db/pg.ts transactionLockingLater):
 * other writers go on meanwhile. It takes the lock twice, each time briefly (the bench's "writer-blocking"):
 * - reserve: the natural keys re-checked against what was committed since they were first checked, and each
 *   table's id range reserved — the identity sequence moved past it, so every id anyone else takes from then on
 *   lies above the range and the merge's explicit ids can never collide;
 * - finish (until COMMIT): what other writers committed since the reservation (ids above the ranges) checked
 *   again — an order number taken meanwhile refuses the merge (unless forced), a master record created
 *   meanwhile is adopted (the merge's rows pointed at it, its own copy deleted) — then the kept counts of what
 *   it wrote and its ONE audit row, at the chain's tail as every writer appends it.
 * Merges run one at a time (a second advisory lock, MERGE_LOCK_KEY, held by the whole transaction), so the only
 * writers beside a merge are the write service's, which take their ids from the sequences one at a time under
 * the write lock: "committed since" is "id above what was seen". The kept counts' triggers leave the merge's
 * rows to it (drizzle-pg/0007: a counter row updated early would stay row-locked until the COMMIT).
 * The foreign keys are checked row by row by PostgreSQL's triggers as always; the rows the merge references
 * (masters, live orders) get a KEY SHARE lock that only a DELETE or a key change would wait for (neither
 * happens: records are voided, not deleted).
 *
 * What the SQLite merge (ledger-merge.ts) does, in the same order and with the same results: the clash check,
 * adoption of master records whose natural key a live record has meanwhile, each table's ids offset past its
 * high-water mark, staged references (negative) mapped to the new ids, every record stamped version 1 with the
 * import's id, invoice lines derived from the staged lines, findings with their context, rejected rows, the
 * imports row and ONE audit row.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LEDGER_IMPORT_TABLES, STAGED, STAGED_BY_NAME } from '../../../imports/run/ledger/staging';
import { type Db, engineOf } from '../../db';
import { sqlOf } from '../../db/dialect';
import { type PgEngine, WRITE_LOCK_KEY } from '../../db/pg';
import { readEnv } from '../../env';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { FINDING_CONTEXT_UPDATES } from '../rules/finding-context';
import { createImportRow, type ImportRowValues } from './import-row';
import { MergeConflict } from './ledger-merge';
import { dropIndexesWhenAlone, rebuildIndexes } from './pg-rebuild';

const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
const STAMP = ['version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'import_id'];

/** COPY text format: NULL as \N; backslash, tab, newline and CR escaped. */
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** Tested first: most values hold nothing to escape, and a replace() that finds nothing costs twice the test. */
const TO_ESCAPE = /[\\\t\n\r]/;
function copyValue(v: unknown, bool: boolean): string {
  if (v === null || v === undefined) return '\\N';
  if (bool) return v ? 't' : 'f';
  if (typeof v === 'string') return TO_ESCAPE.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : v;
  return String(v);
}
/** A value's COPY text, by its column. */
type Cell = (v: unknown) => string;
const PLAIN: Cell = (v) => copyValue(v, false);
const BOOL: Cell = (v) => copyValue(v, true);

/** COPY text of staging rows (raw), each value through its column's cell, `tail` (constant text) after them, in ~64 KB chunks. */
function* copyLines(rows: IterableIterator<unknown[]>, cells: Cell[], tail = ''): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = cells[0](row[0]);
    for (let i = 1; i < cells.length; i++) line += `\t${cells[i](row[i])}`;
    chunk += `${line}${tail}\n`;
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The second advisory lock ('GSPX'): PostgreSQL ledger merges run one at a time (each id range below the next). */
const MERGE_LOCK_KEY = WRITE_LOCK_KEY + 1;
/** How long the merge waits for the write lock at its two locked passages before giving up (ms). */
const MERGE_LOCK_WAIT_MS = 120_000;
/** Masters whose natural key decides adoption, in adoption order (batches after products: see adoptExisting). */
const ADOPTED = ['customers', 'products', 'batches', 'salespeople'];
/**
 * Staged tables that go through a temporary table and INSERT … SELECT: the masters, whose natural keys decide
 * adoption on the server. Every other table is copied by COPY straight into its target, its ids and references
 * made final on the way (the orders' numbers alone go to a temporary table too, for the clash checks).
 */
const VIA_TEMP = new Set(ADOPTED);
/**
 * Test seams (null: nothing): `afterRows` runs inside the merge's transaction once every row is inserted, before
 * the set-wise reference check; `beforeFinish` before it takes the write lock to finish.
 */
export const pgMergeHooks: { afterRows: null | (() => Promise<void>); beforeFinish: null | (() => Promise<void>) } = {
  afterRows: null,
  beforeFinish: null,
};

export async function pgMergeStaging(
  ctx: ServiceContext,
  staging: Database.Database,
  values: ImportRowValues,
  opts: { force: boolean; auditExtra?: Record<string, unknown>; reason?: string },
): Promise<{ importId: number; records: Record<string, number>; lock: { maxMs: number; totalMs: number; transactions: number } }> {
  const db: Db = ctx.db;
  const engine = engineOf(db) as PgEngine;
  const dialect = sqlOf(db);
  const timing = readEnv().GSP_IMPORT_TIMING !== undefined;
  const held = { maxMs: 0, totalMs: 0, transactions: 0 };
  const locked = async <R>(label: string, fn: () => Promise<R>): Promise<R> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - t0;
      held.maxMs = Math.max(held.maxMs, ms);
      held.totalMs += ms;
      held.transactions++;
      if (timing) process.stderr.write(`[import]   merge ${label} (write lock held, incl. waiting for it): ${ms.toFixed(0)} ms\n`);
    }
  };
  const result = await engine.transactionLockingLater(async (lock) => {
    const client = engine.connection() as pg.PoolClient;
    // timed: wall per statement, and the server backend's CPU when it runs on this machine (/proc)
    const backend = timing ? backendCpu(Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid)) : () => Number.NaN;
    const run = async (text: string, params: unknown[] = []) => {
      const t0 = performance.now();
      const c0 = backend();
      const r = await client.query(text, params);
      const ms = performance.now() - t0;
      if (timing && ms >= 100)
        process.stderr.write(
          `[import]   merge ${text.replace(/\s+/g, ' ').slice(0, 60)}…: ${ms.toFixed(0)} ms, server cpu ${(backend() - c0).toFixed(0)} ms, ${r.rowCount ?? 0} rows\n`,
        );
      return r;
    };
    // One merge at a time (waiting as long as the one before takes); a million-line merge runs for minutes: no
    // statement timeout, and no lock timeout while it inserts (a row lock it may meet is a short write's).
    // The count triggers leave its rows to it (drizzle-pg/0007): a row_counts row updated now would stay locked
    // until the COMMIT, and every writer of that table would wait for the whole merge.
    // Its statements are few and big: no JIT (compiling each INSERT … SELECT costs CPU and gains nothing — the
    // time goes to the heap, the indexes and the checks) and room for their sorts and hashes in memory.
    await run(
      `SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0; SET LOCAL gsp.counts_by_caller = 'on'; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SELECT pg_advisory_xact_lock(${MERGE_LOCK_KEY})`,
    );
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
    /** COPY of `chunks` into `table` (columns `cols`), timed; the rows copied. */
    const copyIn = async (table: string, cols: string[], chunks: Iterable<string>): Promise<number> => {
      const t0 = performance.now();
      const c0 = backend();
      const copy = client.query(copyFrom(`COPY ${q(table)} (${cols.map(q).join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(chunks), copy);
      if (timing)
        process.stderr.write(
          `[import]   merge COPY ${table}: ${(performance.now() - t0).toFixed(0)} ms, server cpu ${(backend() - c0).toFixed(0)} ms, ${copy.rowCount} rows\n`,
        );
      return copy.rowCount;
    };
    const rowsOf = (text: string, ...args: unknown[]) =>
      staging
        .prepare(text)
        .raw(true)
        .iterate(...args) as IterableIterator<unknown[]>;
    const cellOf = (table: string, col: string): Cell => (types.get(`${table}.${col}`) === 'boolean' ? BOOL : PLAIN);
    for (const t of STAGED) {
      if (!VIA_TEMP.has(t.name)) continue;
      const cols = [...t.cols, ...(t.extra ?? [])];
      const typed = cols.map((c) => types.get(`${t.name}.${c}`) ?? 'bigint'); // staging-only columns are row numbers and references
      // no key, no ANALYZE: the planner sizes a temp table from its pages
      await run(`CREATE TEMP TABLE ${q(`stg_${t.name}`)} (id bigint, ${cols.map((c, i) => `${q(c)} ${typed[i]}`).join(', ')}) ON COMMIT DROP`);
      const cells = [PLAIN, ...cols.map((c) => cellOf(t.name, c))];
      await copyIn(`stg_${t.name}`, ['id', ...cols], copyLines(rowsOf(`SELECT ${['id', ...cols].map(q).join(', ')} FROM ${q(t.name)} ORDER BY id`), cells));
    }
    // the staged order numbers, checked against the live ones (the orders themselves are copied after the reservation)
    if (!opts.force) {
      await run('CREATE TEMP TABLE stg_sales_orders (id bigint, order_no text) ON COMMIT DROP');
      await copyIn('stg_sales_orders', ['id', 'order_no'], copyLines(rowsOf('SELECT id, order_no FROM sales_orders ORDER BY id'), [PLAIN, PLAIN]));
    }
    // each staged table's top id (before adoption removes master records: the range reserved covers them all), and
    // how many rows the tables derived from them get: the staging file answers
    const tops = new Map<string, number>();
    const count = (text: string) => Number((staging.prepare(text).pluck().get() as number | null) ?? 0);
    for (const t of STAGED) tops.set(t.name, count(`SELECT max(id) FROM ${q(t.name)}`));
    tops.set('invoice_lines', count('SELECT count(*) FROM sales_lines WHERE invoice IS NOT NULL'));
    for (const t of ['findings', 'import_rejects']) tops.set(t, count(`SELECT count(*) FROM ${q(t)}`));

    // 2. natural keys against the committed rows: first without the lock (the whole staged set: seconds at 1M
    // lines), then under it only against the rows committed since (every other writer takes its ids from the
    // sequences under the write lock, one at a time, and merges are one at a time: a row committed after the
    // first look has an id above the highest seen then). There the id ranges are reserved: the sequences move
    // past them, so every row written from then on by anyone else has an id above this merge's ranges.
    const seen = (await run(`SELECT ${['sales_orders', ...ADOPTED].map((t) => `(SELECT COALESCE(max(id), 0) FROM ${q(t)}) AS ${q(t)}`).join(', ')}`))
      .rows[0] as Record<string, string | number>;
    const after = new Map(Object.entries(seen).map(([t, v]) => [t, Number(v)]));
    // under the lock only the few orders committed since are looked up among the staged ones (by this index)
    if (!opts.force) await run('CREATE INDEX ON stg_sales_orders (order_no)');
    const clash = async (since?: Map<string, number>) => {
      if (opts.force) return;
      const row = (
        await run(
          since
            ? `SELECT o.order_no FROM sales_orders o WHERE o.id > $1 AND o.voided_at IS NULL
               AND EXISTS (SELECT 1 FROM stg_sales_orders s WHERE s.order_no = o.order_no) ORDER BY o.id LIMIT 1`
            : `SELECT s.order_no FROM stg_sales_orders s
               WHERE EXISTS (SELECT 1 FROM sales_orders o WHERE o.order_no = s.order_no AND o.voided_at IS NULL) LIMIT 1`,
          since ? [since.get('sales_orders')] : [],
        )
      ).rows[0] as { order_no: string } | undefined;
      if (row) throw new MergeConflict(row.order_no);
    };
    await clash();
    const adopted = new Map<string, Map<number, number>>(ADOPTED.map((t) => [t, new Map()]));
    await adoptExisting(run, adopted);
    const offset = new Map<string, number>();
    const reservedTop = new Map<string, number>();
    await locked('reserve (natural keys since, id ranges)', () =>
      lock.hold(async () => {
        await clash(after);
        await adoptExisting(run, adopted, after);
        for (const t of STAGED) {
          const off = Number(((await db.get(sql`SELECT ${dialect.idHighWater(t.name)} AS off`)) as { off: number }).off);
          offset.set(t.name, off);
          reservedTop.set(t.name, off + tops.get(t.name)!);
          if (tops.get(t.name)! > 0) await run(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, [q(t.name), off + tops.get(t.name)!]);
        }
      }),
    );
    await run('SET LOCAL lock_timeout = 0');
    // a first load with the database to itself: the big tables' secondary indexes built after their rows (pg-rebuild.ts)
    const highWater = async (table: string) => Number(((await db.get(sql`SELECT ${dialect.idHighWater(table)} AS off`)) as { off: number }).off);
    const plan = [];
    for (const table of LEDGER_IMPORT_TABLES) plan.push({ table, newRows: tops.get(table)!, existing: offset.get(table) ?? (await highWater(table)) });
    const dropped = await dropIndexesWhenAlone(run, engine.ownSessions(), plan);

    // 3. every row, each table's ids offset into its reserved range; nobody sees them before the COMMIT
    const importId = await createImportRow(ctx, values, 'done');
    // Where the database lets this role skip the per-row foreign-key triggers (a DBA's GRANT SET ON PARAMETER
    // session_replication_role: README "PostgreSQL runbook"), they are skipped for the inserts and every
    // reference is checked set-wise afterwards (checkReferences); else PostgreSQL checks each row.
    const setWise =
      !readEnv().GSP_IMPORT_MERGE_FK && (await run("SELECT has_parameter_privilege('session_replication_role', 'SET') AS ok")).rows[0].ok === true;
    if (setWise) await run('SET LOCAL session_replication_role = replica');
    const now = ctx.clock.now().toISOString();
    const params = [now, ctx.actor.id, importId];
    const records: Record<string, number> = {};
    const to = (col: string, target: string) => `CASE WHEN ${col} < 0 THEN -${col} + ${offset.get(target)} ELSE ${col} END`;
    // a staged reference (negative) made final: the record it was adopted for, else its id in the reserved range
    const ref = (target: string): Cell => {
      const off = offset.get(target)!;
      const adopt = adopted.get(target);
      return (v) => (v === null || v === undefined ? '\\N' : (v as number) < 0 ? String(adopt?.get(-(v as number)) ?? -(v as number) + off) : String(v));
    };
    const actor = ctx.actor.id ?? '\\N';
    const stamps = `\t1\t${now}\t${actor}\t${now}\t${actor}\t${importId}`;
    for (const t of STAGED) {
      const isRef = (c: string) => t.refs?.[c] !== undefined && STAGED_BY_NAME.has(t.refs[c]);
      if (VIA_TEMP.has(t.name)) {
        const map = (c: string) => (isRef(c) ? to(q(c), t.refs![c]) : q(c));
        const r = await run(
          `INSERT INTO ${q(t.name)} (id, ${[...STAMP, ...t.cols].map(q).join(', ')})
           SELECT id + ${offset.get(t.name)}, 1, $1, $2, $1, $2, $3, ${t.cols.map(map).join(', ')} FROM ${q(`stg_${t.name}`)} ORDER BY id`,
          params,
        );
        records[t.name] = r.rowCount ?? 0;
        continue;
      }
      const off = offset.get(t.name)!;
      const cells = [(v: unknown) => String((v as number) + off), ...t.cols.map((c) => (isRef(c) ? ref(t.refs![c]) : cellOf(t.name, c)))];
      records[t.name] = await copyIn(
        t.name,
        ['id', ...t.cols, ...STAMP],
        copyLines(rowsOf(`SELECT ${['id', ...t.cols].map(q).join(', ')} FROM ${q(t.name)} ORDER BY id`), cells, stamps),
      );
    }
    // 4. an invoice line per staged sales line that names an invoice (invoice_lines are not staged)
    records.invoice_lines = await copyIn(
      'invoice_lines',
      ['invoice', 'product', 'quantity', 'amount', ...STAMP],
      copyLines(
        rowsOf('SELECT invoice, product, quantity, amount FROM sales_lines WHERE invoice IS NOT NULL ORDER BY id'),
        [ref('invoices'), ref('products'), PLAIN, PLAIN],
        stamps,
      ),
    );
    // 5. findings with their context from the staged record and order (joined in the staging file); rejected rows
    records.findings = await copyIn(
      'findings',
      [
        'rule',
        'severity',
        'resource',
        'record_id',
        'row',
        'fields',
        'message',
        'detail',
        'customer',
        'salesperson',
        'product',
        'batch',
        'record_date',
        'import',
        'status',
        ...STAMP,
      ],
      copyLines(
        rowsOf(
          `SELECT f.rule, f.severity, f.resource,
                  CASE f.resource WHEN 'sales_lines' THEN -f.record_id + ? WHEN 'outbound_slips' THEN -f.record_id + ? END,
                  f."row", f.fields, f.message, f.detail, o.customer, o.salesperson, l.product, l.batch,
                  substr(CASE f.resource WHEN 'sales_lines' THEN o.sale_date ELSE s.outbound_date END, 1, 10)
           FROM findings AS f
           LEFT JOIN sales_lines AS l ON f.resource = 'sales_lines' AND l.id = -f.record_id
           LEFT JOIN outbound_slips AS s ON f.resource = 'outbound_slips' AND s.id = -f.record_id
           LEFT JOIN sales_orders AS o ON o.id = -COALESCE(l."order", s."order")
           ORDER BY f.id`,
          offset.get('sales_lines'),
          offset.get('outbound_slips'),
        ),
        [PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, ref('customers'), ref('salespeople'), ref('products'), ref('batches'), PLAIN],
        `\t${importId}\topen${stamps}`,
      ),
    );
    records.import_rejects = await copyIn(
      'import_rejects',
      ['row', 'raw', 'errors', 'import', ...STAMP],
      copyLines(rowsOf('SELECT "row", raw, errors FROM import_rejects ORDER BY id'), [PLAIN, PLAIN, PLAIN], `\t${importId}${stamps}`),
    );
    // what the staged join could not fill (none today)
    for (const text of FINDING_CONTEXT_UPDATES('AND f."import" = $1')) await run(text, [importId]);
    if (setWise) {
      if (pgMergeHooks.afterRows) await pgMergeHooks.afterRows();
      const ranges = new Map(STAGED.map((t) => [t.name, { from: offset.get(t.name)!, to: reservedTop.get(t.name)! }]));
      await checkReferences(run, importId, LEDGER_IMPORT_TABLES, ranges);
      await run('SET LOCAL session_replication_role = origin');
    }
    const t0 = performance.now();
    await rebuildIndexes(run, dropped);
    if (timing && dropped.length)
      process.stderr.write(`[import]   merge indexes rebuilt (${dropped.length}, the database to itself): ${(performance.now() - t0).toFixed(0)} ms\n`);
    if (pgMergeHooks.beforeFinish) await pgMergeHooks.beforeFinish();

    // 6. under the write lock until the COMMIT (short): what other writers committed meanwhile — all of it above
    // the reserved ranges — checked as above (an order number taken refuses the merge; a master record
    // created meanwhile is adopted: this merge's rows pointed at it, its own copy removed); the counts of
    // what it wrote; one audit row at the chain's tail.
    await locked('finish (natural keys since, counts, audit)', async () => {
      await lock.take();
      await clash(reservedTop);
      for (const [table, n] of Object.entries(await adoptMerged(run, importId, reservedTop))) records[table] -= n;
      const counted = { ...records, imports: 1 };
      await run(`UPDATE row_counts AS c SET live = c.live + d.n FROM unnest($1::text[], $2::bigint[]) AS d(tbl, n) WHERE c.tbl = d.tbl`, [
        Object.keys(counted),
        Object.values(counted),
      ]);
      await run("SET LOCAL gsp.counts_by_caller = 'off'");
      const audited = { id: importId, ...values, status: 'done', records, ...(opts.auditExtra ?? {}) };
      await writeAudit(ctx, 'create', 'imports', importId, null, audited, opts.reason ?? null);
    });
    return { importId, records };
  }, MERGE_LOCK_WAIT_MS);
  if (timing)
    process.stderr.write(
      `[import] writer-blocking time: max ${held.maxMs.toFixed(0)} ms, total ${held.totalMs.toFixed(0)} ms in ${held.transactions} transactions (PostgreSQL: the passages of its one transaction that hold the write lock, waiting for it included)\n`,
    );
  return { ...result, lock: held };
}

/** A server process's CPU ms so far (/proc, 10 ms ticks), NaN when not readable (another machine). */
function backendCpu(pid: number): () => number {
  return () => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return Number.NaN;
    }
  };
}

type Run = (text: string, params?: unknown[]) => Promise<pg.QueryResult>;

/**
 * Every foreign key of the tables the merge wrote, checked over the import's rows at once — what the per-row
 * triggers would have done, in one pass per reference: each distinct value must name a row of its parent, and
 * the parent rows outside the merge's reserved id ranges get a KEY SHARE lock, as the trigger takes (a DELETE or key
 * change of them waits for this COMMIT; the import's own rows nobody else can see). A reference to nothing
 * refuses the merge (foreign_key_violation, as the trigger would).
 */
async function checkReferences(run: Run, importId: number, tables: readonly string[], ranges: Map<string, { from: number; to: number }>): Promise<void> {
  const fks = (
    await run(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) AND cardinality(c.conkey) = 1 ORDER BY 1`,
      [tables],
    )
  ).rows as Array<{ name: string; child: string; col: string; parent: string; pcol: string }>;
  // whether the merge's rows fill a parent's reserved range: then every value inside it names a row (ids are unique)
  const full = new Map<string, boolean>();
  const filled = async (parent: string, own: { from: number; to: number }) => {
    if (!full.has(parent))
      full.set(
        parent,
        own.to > own.from &&
          Number((await run(`SELECT count(*) AS n FROM ${parent} WHERE id > $1 AND id <= $2`, [own.from, own.to])).rows[0].n) === own.to - own.from,
      );
    return full.get(parent)!;
  };
  for (const fk of fks) {
    // the parent's rows this merge wrote: its reserved id range (none for a table it does not write)
    const own = ranges.get(fk.parent.replace(/"/g, '')) ?? { from: 0, to: 0 };
    const [v, pv] = [q(fk.col), q(fk.pcol)];
    // a full range: only the values outside it are gathered (locked and counted), the rest need no look-up
    const ownFull = fk.pcol === 'id' && (await filled(fk.parent, own));
    const ownMissing = ownFull ? '0' : `(SELECT count(*) FROM r LEFT JOIN ${fk.parent} p ON p.${pv} = r.v WHERE r.v > $2 AND r.v <= $3 AND p.${pv} IS NULL)`;
    const r = (
      await run(
        `WITH r AS MATERIALIZED (SELECT DISTINCT c.${v} AS v FROM ${fk.child} c WHERE c.import_id = $1 AND c.${v} IS NOT NULL${ownFull ? ` AND NOT (c.${v} > $2 AND c.${v} <= $3)` : ''}),
              theirs AS (SELECT p.${pv} FROM ${fk.parent} p WHERE p.${pv} IN (SELECT v FROM r WHERE NOT (v > $2 AND v <= $3)) FOR KEY SHARE OF p)
         SELECT (SELECT count(*) FROM r WHERE NOT (v > $2 AND v <= $3)) - (SELECT count(*) FROM theirs)
                + ${ownMissing} AS missing`,
        [importId, own.from, own.to],
      )
    ).rows[0] as { missing: number | string };
    if (Number(r.missing) === 0) continue;
    const example = (
      await run(`SELECT min(c.${v}) AS v FROM ${fk.child} c WHERE c.import_id = $1 AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE p.${pv} = c.${v})`, [
        importId,
      ])
    ).rows[0].v;
    throw Object.assign(
      new Error(
        `insert or update on table "${fk.child}" violates foreign key constraint "${fk.name}": ${fk.col} = ${String(example)} is not present in "${fk.parent}"`,
      ),
      { code: '23503' },
    );
  }
}

/** A live master record other than `s` (staged or merged) with `where`'s natural key; with `since`, only those above it. */
const live = (table: string, where: string, since?: Map<string, number>) =>
  `(SELECT m.id FROM ${table} m WHERE ${where} AND m.voided_at IS NULL${since ? ` AND m.id > ${since.get(table)}` : ''} ORDER BY m.id LIMIT 1)`;
/** Each master's natural key as ledger-merge.ts adoptExisting matches it, `s` being the staged (or merged) record. */
const NATURAL_KEY: Record<string, (since?: Map<string, number>) => string> = {
  customers: (since) =>
    `COALESCE(CASE WHEN s.credit_code <> '' THEN ${live('customers', 'm.credit_code = s.credit_code', since)} END, ${live('customers', 'm.name = s.name', since)})`,
  products: (since) => `CASE WHEN s.approval_no <> '' THEN ${live('products', 'm.approval_no = s.approval_no AND m.spec IS NOT DISTINCT FROM s.spec', since)}
          ELSE ${live('products', 'm.generic_name = s.generic_name AND m.spec IS NOT DISTINCT FROM s.spec', since)} END`,
  batches: (since) => `CASE WHEN s.product > 0 THEN ${live('batches', 'm.product = s.product AND m.batch_no = s.batch_no', since)} END`,
  salespeople: (since) => live('salespeople', 'm.name = s.name', since),
};
/** Where each staged master is referred to (staged tables, negative ids). */
const STAGED_REFS: Record<string, Array<[string, string]>> = {
  customers: [
    ['sales_orders', 'customer'],
    ['sales_lines', 'customer'],
    ['invoices', 'customer'],
  ],
  products: [
    ['batches', 'product'],
    ['sales_lines', 'product'],
  ],
  batches: [['sales_lines', 'batch']],
  salespeople: [['sales_orders', 'salesperson']],
};
/** Where a merged master is referred to by the merge's own rows (invoice lines and findings carry them too). */
const MERGED_REFS: Record<string, Array<[string, string]>> = {
  customers: [...STAGED_REFS.customers, ['findings', 'customer']],
  products: [...STAGED_REFS.products, ['invoice_lines', 'product'], ['findings', 'product']],
  batches: [...STAGED_REFS.batches, ['findings', 'batch']],
  salespeople: [...STAGED_REFS.salespeople, ['findings', 'salesperson']],
};

/**
 * Staged master records whose natural key a live record has meanwhile (created by another import or a user
 * since phase 1): their references point at it and the staged copy is dropped (ledger-merge.ts adoptExisting,
 * the same keys in the same order — batches after products, whose adoption makes their product live).
 * With `since`: only records above those ids (committed since they were seen).
 */
async function adoptExisting(run: Run, adopted: Map<string, Map<number, number>>, since?: Map<string, number>): Promise<void> {
  for (const table of ADOPTED) {
    const found = (await run(`SELECT s.id AS staged, ${NATURAL_KEY[table](since)} AS existing FROM ${q(`stg_${table}`)} s`)).rows.filter(
      (r) => r.existing != null,
    ) as Array<{ staged: number; existing: number }>;
    for (const { staged, existing } of found) {
      // the tables copied straight into their targets map the reference on the way (pgMergeStaging `ref`)
      for (const [t, col] of STAGED_REFS[table])
        if (VIA_TEMP.has(t)) await run(`UPDATE ${q(`stg_${t}`)} SET ${q(col)} = $1 WHERE ${q(col)} = $2`, [existing, -staged]);
      adopted.get(table)!.set(Number(staged), Number(existing));
      await run(`DELETE FROM ${q(`stg_${table}`)} WHERE id = $1`, [staged]);
    }
  }
}

/**
 * The same after the merge's rows are written, under the write lock: a master record committed since the ranges
 * were reserved (ids above them) with the natural key of one this merge wrote — the merge's rows are pointed at
 * it and its own copy deleted (rare: a user or an import created it while the merge ran). Returns how many
 * records of each master table were given up.
 */
async function adoptMerged(run: Run, importId: number, since: Map<string, number>): Promise<Record<string, number>> {
  const given: Record<string, number> = {};
  for (const table of ADOPTED) {
    const found = (
      await run(`SELECT s.id AS merged, ${NATURAL_KEY[table](since)} AS existing FROM ${q(table)} s WHERE s.import_id = $1`, [importId])
    ).rows.filter((r) => r.existing != null) as Array<{ merged: number; existing: number }>;
    for (const { merged, existing } of found) {
      for (const [t, col] of MERGED_REFS[table])
        await run(`UPDATE ${q(t)} SET ${q(col)} = $1 WHERE ${q(col)} = $2 AND ${t === 'findings' ? '"import"' : 'import_id'} = $3`, [
          existing,
          merged,
          importId,
        ]);
      await run(`DELETE FROM ${q(table)} WHERE id = $1`, [merged]);
    }
    given[table] = found.length;
  }
  return given;
}
