/**
 * Import benchmark: a generated 1,000,000-row sales ledger as CSV (UTF-8 and GBK) and a 100,000-row XLSX
 * (`--lines N`: N CSV rows, N/10 XLSX rows), each imported with every rule on by the real CLI
 * (`node imports/cli-launcher.mjs … --kind sales-ledger`, what `npm run import` runs) in a child process into a copy of a database holding the
 * sample master data; next to `sqlite3 .import` of the same UTF-8 CSV into a bare table, in the same run.
 *
 * Fixture: row i is sample row (i mod 253) of ../shared/samples/ledger-*.csv with its 单据编号 and 发票号
 * suffixed by the cycle (i div 253), so orders keep the sample's shape (≈1.7 lines per order, one invoice
 * per order, planted violations and three unreadable rows per cycle). Written once into bench/out/.
 *
 * Targets (issue): 1M-row CSV within 4× the sqlite3 .import time; peak RSS (the child's max RSS) under
 * 400 MB; XLSX at least 25,000 rows/s.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedDayClock } from '../server/clock';
import { openDb } from '../server/db';
import { SYSTEM_ACTOR } from '../server/services/context';
import { runImport } from '../imports/run/pipeline';
import { OUT_DIR } from './fixture';
import { formatTable, type Bench, type BenchOptions, type BenchResult } from './lib';
import { typedLedgerCell, writeLedgerXlsx } from './ledger-xlsx';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(process.env.GSP_SHARED ?? path.resolve(ROOT, '../shared'), 'samples');
const AS_OF = '2025-06-30';
export const TARGET_RATIO = 4;
export const TARGET_RSS_MB = 400;
export const TARGET_XLSX_ROWS_PER_S = 25_000;
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
    else if (c === 0x2c && !quoted) { out.push(line.subarray(start, i)); start = i + 1; }
  }
  out.push(line.subarray(start));
  return out;
}

function sampleRecords(file: string): { header: Buffer; records: Buffer[][] } {
  const all = fs.readFileSync(path.join(SAMPLES, file));
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i] === 0x0a) { lines.push(all.subarray(start, all[i - 1] === 0x0d ? i - 1 : i)); start = i + 1; }
  }
  if (start < all.length) lines.push(all.subarray(start));
  const [header, ...rest] = lines.filter((l) => l.length);
  return { header, records: rest.map(splitRecord) };
}

/** Column indexes of 单据编号 / 销售单号 and 发票号 (the first and 24th columns of both sample CSVs). */
const ORDER_COL = 0;
const INVOICE_COL = 23;
const suffix = (field: Buffer, cycle: number) => (field.length ? Buffer.concat([field, Buffer.from(`-${cycle}`)]) : field);

function writeCsv(enc: 'utf8' | 'gbk', rows: number, force: boolean, log: (s: string) => void): string {
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
    fields.forEach((f, j) => { if (j) batch.push(comma); batch.push(f); });
    batch.push(nl);
    if (batch.length >= 100_000) { fs.writeSync(fd, Buffer.concat(batch)); batch = []; }
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
  await writeLedgerXlsx(file, splitRecord(header).map((h) => text(h).replace(/^\uFEFF/, '')), rows, (i) => {
    const cycle = Math.floor(i / records.length);
    return records[i % records.length].map((b, c) => {
      const s = text(b);
      return s && (c === ORDER_COL || c === INVOICE_COL) ? `${s}-${cycle}` : typedLedgerCell(c, s);
    });
  });
  fs.writeFileSync(`${file}.done`, `${FIXTURE_VERSION}:${rows}`);
  return file;
}

/** The sample master data, imported once (through the importer) into bench/out/import-master.db. */
async function masterDb(force: boolean): Promise<string> {
  const file = path.join(OUT_DIR, 'import-master.db');
  if (!force && fs.existsSync(`${file}.done`)) return file;
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
  const db = openDb(file);
  for (const kind of MASTER) {
    await runImport({ db, file: path.join(SAMPLES, `${kind}.csv`), kind, clock: fixedDayClock(AS_OF), actor: SYSTEM_ACTOR });
  }
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
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
}

function importChild(name: string, file: string, master: string): Measured {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-import-bench-'));
  const db = path.join(dir, 'gsp.db');
  fs.copyFileSync(master, db);
  const report = path.join(dir, 'report.json');
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'imports/cli-launcher.mjs'), file, '--kind', 'sales-ledger', '--db', db, '--report', report, '--as-of', AS_OF], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, GSP_IMPORT_STATS: '1', GSP_IMPORT_TIMING: '1' }, maxBuffer: 1 << 24,
    });
    const wallS = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr.slice(-2000)}`);
    const stats = JSON.parse(/GSP_IMPORT_STATS (\{.*\})/.exec(r.stderr)![1]) as { maxRssKb: number; userMs: number; sysMs: number };
    const head = fs.readFileSync(report, 'utf8').slice(0, 4000);
    const counts = /"counts": (\{[^}]*\})/.exec(head)?.[1] ?? '';
    const c = JSON.parse(counts || '{}');
    return {
      case: name, rows: c.rows ?? 0, wallS, cpuS: (stats.userMs + stats.sysMs) / 1000, peakRssMb: stats.maxRssKb / 1024,
      counts: `${c.imported} imported, ${c.rejected} rejected`,
      phases: r.stderr.split('\n').filter((l) => l.startsWith('[import]')).map((l) => l.replace('[import] ', '')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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

export const importBench: Bench = {
  name: 'import',
  description: 'sales-ledger import (all rules) of a generated 1M-row CSV (UTF-8, GBK) and a 100k-row XLSX vs sqlite3 .import',
  async run(opts: BenchOptions): Promise<BenchResult> {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const rows = opts.lines;
    const xlsxRows = Math.max(1000, Math.round(rows / 10));
    opts.log('fixtures…');
    const files = {
      'csv-utf8': writeCsv('utf8', rows, opts.force, opts.log),
      'csv-gbk': writeCsv('gbk', rows, opts.force, opts.log),
      xlsx: await writeXlsx(xlsxRows, opts.force, opts.log),
    };
    const master = await masterDb(opts.force);
    const results: Measured[] = [];
    let base: number | null = null;
    // the launcher (re)builds the CLI bundle when its sources changed: once here, outside the timed runs
    spawnSync(process.execPath, [path.join(ROOT, 'imports/cli-launcher.mjs'), '--help'], { cwd: ROOT });
    for (const name of ['csv-utf8', 'csv-gbk', 'xlsx'] as const) {
      if (opts.cases && !opts.cases.includes(name)) continue;
      if (name === 'csv-utf8' || (name === 'csv-gbk' && base === null)) {
        opts.log('sqlite3 .import baseline…');
        base = sqliteImport(files['csv-utf8']);
      }
      opts.log(`importing ${name} (${path.basename(files[name])}, ${(fs.statSync(files[name]).size / 1048576).toFixed(0)} MB)…`);
      results.push(importChild(name, files[name], master));
    }
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    let pass = true;
    const table = [['case', 'rows', 'wall s', 'rows/s', 'cpu s', 'peak RSS MB', 'vs sqlite3', 'result']];
    for (const r of results) {
      const ratio = base && r.case !== 'xlsx' ? r.wallS / base : null;
      const ok = r.peakRssMb < TARGET_RSS_MB
        && (r.case === 'xlsx' ? r.rows / r.wallS >= TARGET_XLSX_ROWS_PER_S : ratio !== null && ratio <= TARGET_RATIO);
      pass &&= ok;
      table.push([r.case, fmt(r.rows), r.wallS.toFixed(1), fmt(r.rows / r.wallS), r.cpuS.toFixed(1), r.peakRssMb.toFixed(0), ratio ? `${ratio.toFixed(1)}×` : '—', ok ? 'PASS' : 'FAIL']);
    }
    const notes = [
      base !== null ? `sqlite3 .import of ${path.basename(files['csv-utf8'])} into a bare table: ${base.toFixed(1)} s wall (target: import ≤ ${TARGET_RATIO}× = ${(TARGET_RATIO * base).toFixed(1)} s)` : 'sqlite3 CLI not available: no .import baseline (apt-get install -y sqlite3)',
      `targets: peak RSS < ${TARGET_RSS_MB} MB; XLSX ≥ ${fmt(TARGET_XLSX_ROWS_PER_S)} rows/s; wall times include the CLI's start-up (the compiled bundle; a rebuild when sources changed happens once, before the timed runs)`,
      ...results.flatMap((r) => [`${r.case}: ${r.counts}; ${r.phases.join('; ')}`]),
      `load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (nproc ${os.availableParallelism()})`,
    ];
    if (!opts.cases) opts.log(formatTable(table));
    return { name: 'import', table, pass, notes };
  },
};

// `npx tsx bench/import.ts [--lines N] [--force] [--cases csv-utf8,xlsx]` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const get = (k: string) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
  importBench.run({
    lines: Number(get('--lines') ?? 1_000_000), n: 0, warmup: 0, budget: 0, force: argv.includes('--force'),
    cases: get('--cases')?.split(','), log: (s) => process.stderr.write(`${s}\n`),
  }).then((r) => {
    console.log(`${r.notes.join('\n')}\n== ${r.name}: ${r.pass ? 'PASS' : 'FAIL'}\n${formatTable(r.table)}`);
    process.exitCode = r.pass ? 0 : 1;
  }, (e) => { console.error(e); process.exit(2); });
}
