/**
 * Import benchmark: a generated sales ledger as CSV — 100,000 rows and `--lines` rows (1,000,000 by default),
 * UTF-8, and the same size in GBK — and an XLSX of `--lines`/10 rows, each imported with every rule on by the
 * real CLI (`node imports/cli-launcher.mjs … --kind sales-ledger`, what `npm run import` runs) in a child
 * process into a copy of a database holding the sample master data; beside, in the same run, `sqlite3
 * .import` of each UTF-8 CSV into a bare table (the floor of "a CSV into SQLite"), and ExcelJS's streaming
 * reader reading the same XLSX (rows only, nothing stored).
 *
 * Fixture: row i is sample row (i mod 253) of ../shared/samples/ledger-*.csv with its 单据编号 and 发票号
 * suffixed by the cycle (i div 253), so orders keep the sample's shape (≈1.7 lines per order, one invoice
 * per order, planted violations and three unreadable rows per cycle). Written once into bench/out/.
 *
 * Reported per case: wall, CPU, peak RSS, the ratio to `sqlite3 .import`, and the writer-blocking time: the
 * merge's transactions on the main database, each BEGIN IMMEDIATE → COMMIT (how long another writer waits at
 * most: the longest; and all of them summed; readers never wait, WAL). Targets (issue 16): CSV ≤ 6×
 * `sqlite3 .import`; XLSX ≥ 35,000 rows/s; peak RSS < 400 MB; writers blocked ≤ 2 s at a time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedDayClock } from '../server/clock';
import { openDb, writerOf } from '../server/db';
import { SYSTEM_ACTOR } from '../server/services/context';
import { runImport } from '../imports/run/pipeline';
import { OUT_DIR } from './fixture';
import { formatTable, type Bench, type BenchOptions, type BenchResult } from './lib';
import { benchCluster, freshDatabase, serverCpuS, type BenchCluster } from './pg';
import { admin as withClient } from '../test/helpers/pg';
import { typedLedgerCell, writeLedgerXlsx } from './ledger-xlsx';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(process.env.GSP_SHARED ?? path.resolve(ROOT, '../shared'), 'samples');
const AS_OF = '2025-06-30';
export const TARGET_RATIO = 6;
export const TARGET_RSS_MB = 400;
export const TARGET_XLSX_ROWS_PER_S = 35_000;
export const TARGET_LOCK_MS = 2_000;
/** issue #17 item 7: the same import on PostgreSQL within this factor of the SQLite one (wall, same run) */
export const TARGET_PG_RATIO = 1.5;
const SMALL = 100_000;
const MASTER = ['company_licenses', 'customers', 'customer_licenses', 'customer_agents', 'salespeople', 'authorizations', 'products', 'batches', 'contracts'];
const FIXTURE_VERSION = 1;

// ---------- fixture ----------

/** Splits one CSV record (bytes, no line break) on commas outside quotes; ASCII , and " are single bytes in GBK too. */
function splitRecord(line: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x2c && !quoted) {
      out.push(line.subarray(start, i));
      start = i + 1;
    }
  }
  out.push(line.subarray(start));
  return out;
}

function sampleRecords(file: string): { header: Buffer; records: Buffer[][] } {
  const all = fs.readFileSync(path.join(SAMPLES, file));
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i] === 0x0a) {
      lines.push(all.subarray(start, all[i - 1] === 0x0d ? i - 1 : i));
      start = i + 1;
    }
  }
  if (start < all.length) lines.push(all.subarray(start));
  const [header, ...rest] = lines.filter((l) => l.length);
  return { header, records: rest.map(splitRecord) };
}

/** Column indexes of 单据编号 / 销售单号 and 发票号 (the first and 24th columns of both sample CSVs). */
const ORDER_COL = 0;
const INVOICE_COL = 23;
const suffix = (field: Buffer, cycle: number) => (field.length ? Buffer.concat([field, Buffer.from(`-${cycle}`)]) : field);

export function writeCsv(enc: 'utf8' | 'gbk', rows: number, force: boolean, log: (s: string) => void): string {
  const file = path.join(OUT_DIR, `import-ledger-${rows}-${enc}.csv`);
  if (!force && fs.readFileSync(`${file}.done`, { flag: 'a+' }).toString() === `${FIXTURE_VERSION}:${rows}`) return file;
  log(`  writing ${path.basename(file)}…`);
  const { header, records } = sampleRecords(enc === 'utf8' ? 'ledger-utf8.csv' : 'ledger-gbk.csv');
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, Buffer.concat([header, Buffer.from('\n')]));
  const comma = Buffer.from(',');
  const nl = Buffer.from('\n');
  let batch: Buffer[] = [];
  for (let i = 0; i < rows; i++) {
    const cycle = Math.floor(i / records.length);
    const fields = [...records[i % records.length]];
    fields[ORDER_COL] = suffix(fields[ORDER_COL], cycle);
    fields[INVOICE_COL] = suffix(fields[INVOICE_COL], cycle);
    fields.forEach((f, j) => {
      if (j) batch.push(comma);
      batch.push(f);
    });
    batch.push(nl);
    if (batch.length >= 100_000) {
      fs.writeSync(fd, Buffer.concat(batch));
      batch = [];
    }
  }
  fs.writeSync(fd, Buffer.concat(batch));
  fs.closeSync(fd);
  fs.writeFileSync(`${file}.done`, `${FIXTURE_VERSION}:${rows}`);
  return file;
}

/** Like the sample ledger.xlsx: title row, info row, header on row 3, typed dates and numbers, 合计 footer. */
async function writeXlsx(rows: number, force: boolean, log: (s: string) => void): Promise<string> {
  const file = path.join(OUT_DIR, `import-ledger-${rows}.xlsx`);
  if (!force && fs.readFileSync(`${file}.done`, { flag: 'a+' }).toString() === `${FIXTURE_VERSION}:${rows}`) return file;
  log(`  writing ${path.basename(file)}…`);
  const { header, records } = sampleRecords('ledger-utf8.csv');
  const text = (b: Buffer) => {
    const s = b.toString('utf8');
    return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
  };
  await writeLedgerXlsx(
    file,
    splitRecord(header).map((h) => text(h).replace(/^\uFEFF/, '')),
    rows,
    (i) => {
      const cycle = Math.floor(i / records.length);
      return records[i % records.length].map((b, c) => {
        const s = text(b);
        return s && (c === ORDER_COL || c === INVOICE_COL) ? `${s}-${cycle}` : typedLedgerCell(c, s);
      });
    },
  );
  fs.writeFileSync(`${file}.done`, `${FIXTURE_VERSION}:${rows}`);
  return file;
}

/** The sample master data, imported once (through the importer) into bench/out/import-master.db. */
export async function masterDb(force: boolean): Promise<string> {
  const file = path.join(OUT_DIR, 'import-master.db');
  if (!force && fs.existsSync(`${file}.done`)) return file;
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
  const db = openDb(file);
  for (const kind of MASTER) {
    await runImport({ db, file: path.join(SAMPLES, `${kind}.csv`), kind, clock: fixedDayClock(AS_OF), actor: SYSTEM_ACTOR });
  }
  writerOf(db).pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  fs.writeFileSync(`${file}.done`, '1');
  return file;
}

// ---------- measurements ----------

interface Measured {
  case: string;
  rows: number;
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  counts: string;
  phases: string[];
  /** the merge's transactions: the longest hold of the write lock, all of them summed, how many */
  lock: { maxMs: number; totalMs: number; transactions: number };
  /** PostgreSQL: the CPU seconds its server processes spent meanwhile (null: not readable) */
  serverCpuS?: number | null;
}

/** The import into PostgreSQL: a database of the cluster with the master data, and the cluster (its server's CPU). */
interface PgTarget {
  url: string;
  cluster: BenchCluster;
}

function importChild(name: string, file: string, master: string, pg?: PgTarget): Measured {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-import-bench-'));
  const db = path.join(dir, 'gsp.db');
  if (!pg) fs.copyFileSync(master, db);
  const report = path.join(dir, 'report.json');
  try {
    const c0 = pg ? serverCpuS(pg.cluster) : null;
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'imports/cli-launcher.mjs'), file, '--kind', 'sales-ledger', ...(pg ? [] : ['--db', db]), '--report', report, '--as-of', AS_OF],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, GSP_IMPORT_STATS: '1', GSP_IMPORT_TIMING: '1', ...(pg ? { DATABASE_URL: pg.url, GSP_DATA_DIR: dir } : {}) },
        maxBuffer: 1 << 24,
      },
    );
    const wallS = (performance.now() - t0) / 1000;
    const c1 = pg ? serverCpuS(pg.cluster) : null;
    if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr.slice(-2000)}`);
    const stats = JSON.parse(/GSP_IMPORT_STATS (\{.*\})/.exec(r.stderr)![1]) as { maxRssKb: number; userMs: number; sysMs: number };
    const head = fs.readFileSync(report, 'utf8').slice(0, 4000);
    const counts = /"counts": (\{[^}]*\})/.exec(head)?.[1] ?? '';
    const c = JSON.parse(counts || '{}');
    return {
      case: name,
      rows: c.rows ?? 0,
      wallS,
      cpuS: (stats.userMs + stats.sysMs) / 1000,
      peakRssMb: stats.maxRssKb / 1024,
      counts: `${c.imported} imported, ${c.rejected} rejected`,
      phases: r.stderr
        .split('\n')
        .filter((l) => l.startsWith('[import]'))
        .map((l) => l.replace('[import] ', '')),
      lock: lockOf(r.stderr),
      serverCpuS: c0 === null || c1 === null ? null : c1 - c0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI's `writer-blocking time` line (server/services/bulk/ledger-merge.ts). */
function lockOf(stderr: string): Measured['lock'] {
  const m = /\[import\] writer-blocking time: max (\d+) ms, total (\d+) ms in (\d+) transactions/.exec(stderr);
  return m ? { maxMs: Number(m[1]), totalMs: Number(m[2]), transactions: Number(m[3]) } : { maxMs: NaN, totalMs: NaN, transactions: 0 };
}

/**
 * A fresh database of the cluster holding the sample master data (the SQLite master file's rows copied in,
 * as test/imports/pg-fixtures.ts does), ANALYZEd; dropped by the returned function.
 */
async function pgMaster(cluster: BenchCluster, master: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { url, drop } = await freshDatabase(cluster.url, `gsp_bench_import_${process.pid}`);
  const { copySqliteToPg } = await import('../test/imports/pg-fixtures');
  await withClient(url, async (c) => {
    await copySqliteToPg(master, c); // the live-row counts recounted after its trigger-less copy
    await c.query('VACUUM ANALYZE');
  });
  return { url, drop };
}

function sqliteImport(file: string): number | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-sqlite-bench-'));
  try {
    const t0 = performance.now();
    const r = spawnSync('sqlite3', [path.join(dir, 'bare.db')], { input: `.mode csv\n.import '${file}' ledger\n`, encoding: 'utf8' });
    if (r.error || r.status !== 0) return null;
    return (performance.now() - t0) / 1000;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** ExcelJS's streaming reader over the same file, every row's values touched, in a process of its own: rows/s. */
function exceljsRead(file: string): { rows: number; wallS: number } | null {
  const script = `const ExcelJS = require('exceljs');
    (async () => {
      let rows = 0, cells = 0;
      const t0 = performance.now();
      for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(${JSON.stringify(file)}, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' })) {
        for await (const row of ws) { rows++; cells += row.values.length; }
      }
      console.log(JSON.stringify({ rows, cells, ms: performance.now() - t0 }));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) return null;
  const o = JSON.parse(r.stdout) as { rows: number; ms: number };
  return { rows: o.rows, wallS: o.ms / 1000 };
}

export const importBench: Bench = {
  name: 'import',
  description:
    'sales-ledger import (all rules) of a generated CSV at 100k and 1M rows (UTF-8; GBK at 1M) beside sqlite3 .import, and a 100k-row XLSX beside ExcelJS; the writer-blocking time of each merge; the UTF-8 CSVs again into PostgreSQL when a cluster is at hand (bench/pg.ts)',
  async run(opts: BenchOptions): Promise<BenchResult> {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const rows = opts.lines;
    const xlsxRows = Math.max(1000, Math.round(rows / 10));
    opts.log('fixtures…');
    const sizes = rows > SMALL ? [SMALL, rows] : [rows];
    const want = (key: string) => !opts.cases || opts.cases.includes(key);
    // the UTF-8 CSV of each size is the .import floor of its size (and of the GBK case)
    const utf8 = new Map(sizes.map((n) => [n, writeCsv('utf8', n, opts.force, opts.log)]));
    const cases: Array<{ name: string; file: string; rows: number }> = [
      ...(want('csv-utf8') ? sizes.map((n) => ({ name: `csv-utf8 ${n / 1000}k`, file: utf8.get(n)!, rows: n })) : []),
      ...(want('csv-gbk') ? [{ name: `csv-gbk ${rows / 1000}k`, file: writeCsv('gbk', rows, opts.force, opts.log), rows }] : []),
      ...(want('xlsx') ? [{ name: `xlsx ${xlsxRows / 1000}k`, file: await writeXlsx(xlsxRows, opts.force, opts.log), rows: xlsxRows }] : []),
    ];
    const master = await masterDb(opts.force);
    const load0 = os.loadavg();
    // the launcher (re)builds the CLI bundle when its sources changed: once here, outside the timed runs
    spawnSync(process.execPath, [path.join(ROOT, 'imports/cli-launcher.mjs'), '--help'], { cwd: ROOT });
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const table = [['case', 'rows', 'wall s', 'rows/s', 'cpu s', 'peak RSS MB', 'writer-blocking max / total s (tx)', 'floor', 'vs floor', 'result']];
    const notes: string[] = [];
    let pass = true;
    const baseOf = new Map<number, number | null>();
    const measured = new Map<string, Measured>();
    for (const c of cases) {
      let floor: string;
      let base: number | null = null;
      const xlsx = c.name.startsWith('xlsx');
      // the floor first, in the same run: sqlite3 .import of the UTF-8 CSV of that size; ExcelJS reading the XLSX
      if (xlsx) {
        opts.log(`exceljs reading ${path.basename(c.file)}…`);
        const e = exceljsRead(c.file);
        floor = e ? `exceljs ${fmt(e.rows / e.wallS)} rows/s` : 'exceljs failed';
        if (e) notes.push(`exceljs (streaming WorkbookReader, rows only) read ${fmt(e.rows)} rows of ${path.basename(c.file)} in ${e.wallS.toFixed(2)} s`);
      } else {
        if (!baseOf.has(c.rows)) {
          opts.log(`sqlite3 .import of ${path.basename(utf8.get(c.rows) ?? c.file)}…`);
          const b = sqliteImport(utf8.get(c.rows) ?? c.file);
          baseOf.set(c.rows, b);
          notes.push(
            b !== null
              ? `sqlite3 .import of ${path.basename(utf8.get(c.rows) ?? c.file)} into a bare table: ${b.toFixed(2)} s wall`
              : 'sqlite3 CLI not available: no .import baseline (apt-get install -y sqlite3)',
          );
        }
        base = baseOf.get(c.rows)!;
        floor = base !== null ? `.import ${base.toFixed(2)} s` : '—';
      }
      opts.log(`importing ${c.name} (${path.basename(c.file)}, ${(fs.statSync(c.file).size / 1048576).toFixed(0)} MB)…`);
      const r = importChild(c.name, c.file, master);
      const vs = base ? r.wallS / base : null;
      const lockOk = Number.isFinite(r.lock.maxMs) && r.lock.maxMs <= TARGET_LOCK_MS;
      const ok = r.peakRssMb < TARGET_RSS_MB && lockOk && (xlsx ? r.rows / r.wallS >= TARGET_XLSX_ROWS_PER_S : vs !== null && vs <= TARGET_RATIO);
      pass &&= ok;
      table.push([
        c.name,
        fmt(r.rows),
        r.wallS.toFixed(1),
        fmt(r.rows / r.wallS),
        r.cpuS.toFixed(1),
        r.peakRssMb.toFixed(0),
        Number.isFinite(r.lock.maxMs) ? `${(r.lock.maxMs / 1000).toFixed(2)} / ${(r.lock.totalMs / 1000).toFixed(1)} (${r.lock.transactions})` : '—',
        floor,
        vs ? `${vs.toFixed(1)}×` : '—',
        ok ? 'PASS' : 'FAIL',
      ]);
      notes.push(`${r.case}: ${r.counts}; ${r.phases.join('; ')}`);
      measured.set(c.name, r);
    }
    // PostgreSQL beside SQLite (issue #17 item 7): the same UTF-8 CSVs into a database with the same master data
    const cluster = want('pg') && process.env.GSP_BENCH_ENGINES?.split(',').includes('postgres') !== false ? await benchCluster(opts.log) : null;
    if (want('pg') && !cluster) notes.push('PostgreSQL: not measured (no cluster: set GSP_BENCH_PG or install Debian postgresql)');
    for (const n of cluster ? sizes : []) {
      const name = `csv-utf8 ${n / 1000}k`;
      const lite = measured.get(name);
      opts.log(`importing ${name} into PostgreSQL…`);
      const target = await pgMaster(cluster!, master);
      let r: Measured;
      try {
        r = importChild(`${name} postgres`, utf8.get(n)!, master, { url: target.url, cluster: cluster! });
      } finally {
        await target.drop();
      }
      const vs = lite ? r.wallS / lite.wallS : null;
      const ok = vs !== null && vs <= TARGET_PG_RATIO && r.peakRssMb < TARGET_RSS_MB && Number.isFinite(r.lock.maxMs) && r.lock.maxMs <= TARGET_LOCK_MS;
      pass &&= ok;
      const server = r.serverCpuS ?? NaN;
      table.push([
        r.case,
        fmt(r.rows),
        r.wallS.toFixed(1),
        fmt(r.rows / r.wallS),
        Number.isFinite(server) ? `${r.cpuS.toFixed(1)} + ${server.toFixed(1)} server` : r.cpuS.toFixed(1),
        r.peakRssMb.toFixed(0),
        Number.isFinite(r.lock.maxMs) ? `${(r.lock.maxMs / 1000).toFixed(2)} / ${(r.lock.totalMs / 1000).toFixed(1)} (${r.lock.transactions})` : '—',
        lite ? `SQLite ${lite.wallS.toFixed(1)} s` : '— (run csv-utf8 too)',
        vs ? `${vs.toFixed(2)}×` : '—',
        ok ? 'PASS' : 'FAIL',
      ]);
      notes.push(
        `${r.case}: ${r.counts}; CPU: the CLI ${r.cpuS.toFixed(1)} s + PostgreSQL's server processes ${Number.isFinite(server) ? `${server.toFixed(1)} s` : '? (GSP_BENCH_PG_DATA unset)'}${lite ? ` (SQLite: ${lite.cpuS.toFixed(1)} s, all in the CLI)` : ''}; ${r.phases.join('; ')}`,
      );
    }
    notes.unshift(
      `targets: CSV ≤ ${TARGET_RATIO}× sqlite3 .import of the same CSV; on PostgreSQL ≤ ${TARGET_PG_RATIO}× the SQLite import of the same CSV (wall, same run); XLSX ≥ ${fmt(TARGET_XLSX_ROWS_PER_S)} rows/s; peak RSS < ${TARGET_RSS_MB} MB; writer-blocking ≤ ${TARGET_LOCK_MS / 1000} s at a time (each merge transaction, BEGIN IMMEDIATE → COMMIT: another writer waits at most the longest; readers not at all); wall times include the CLI's start-up (the compiled bundle)`,
    );
    notes.push(
      `load average at the start: ${load0.map((x) => x.toFixed(1)).join(' ')}; at the end: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (nproc ${os.availableParallelism()})`,
    );
    if (!opts.cases) opts.log(formatTable(table));
    return { name: 'import', table, pass, notes };
  },
};

// `npx tsx bench/import.ts [--lines N] [--force] [--cases csv-utf8,xlsx]` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const get = (k: string) => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  importBench
    .run({
      lines: Number(get('--lines') ?? 1_000_000),
      n: 0,
      warmup: 0,
      budget: 0,
      force: argv.includes('--force'),
      cases: get('--cases')?.split(','),
      log: (s) => process.stderr.write(`${s}\n`),
    })
    .then(
      (r) => {
        console.log(`${r.notes.join('\n')}\n== ${r.name}: ${r.pass ? 'PASS' : 'FAIL'}\n${formatTable(r.table)}`);
        process.exitCode = r.pass ? 0 : 1;
      },
      (e) => {
        console.error(e);
        process.exit(2);
      },
    );
}
