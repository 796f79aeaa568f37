/**
 * Reader micro-benchmark: rows/s and peak RSS for reading a generated 1,000,000-row ledger CSV (UTF-8 and GBK)
 * and a 100,000-row XLSX, each with the reader alone and with header mapping + value normalisation on top;
 * the XLSX also through the reader thread the importer uses for big files, and by ExcelJS's streaming reader
 * (rows only) beside ours; plus the `sqlite3 .import` time of the UTF-8 CSV as the baseline of the 1M-row target.
 *
 *   npx tsx bench/readers.ts [--rows 1000000] [--xlsx-rows 100000] [--cases csv-utf8,xlsx,xlsx(exceljs)] [--force]
 *
 * Fixtures are generated once into bench/out/ (git-ignored) from the sample ledgers: every row is a sample
 * row with a fresh order number. Each case runs in its own process so its peak RSS is its own.
 */
import ExcelJS from 'exceljs';
import { typedLedgerCell, writeLedgerXlsx } from './ledger-xlsx';
import { ownPeakRssMb } from './lib';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTable } from '../imports/headers/table';
import { openSpreadsheetFile } from '../imports/readers/open';
import { readInThread } from '../imports/readers/sheet-thread';
import type { Inflater } from '../imports/readers/zip';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'out');
const SAMPLES = process.env.GSP_SAMPLES ?? path.resolve(HERE, '../../shared/samples');

interface Args {
  rows: number;
  xlsxRows: number;
  cases: string[] | null;
  force: boolean;
  child: string | null;
}
function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 1_000_000, xlsxRows: 100_000, cases: null, force: false, child: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--rows') a.rows = Number(argv[++i]);
    else if (k === '--xlsx-rows') a.xlsxRows = Number(argv[++i]);
    else if (k === '--cases') a.cases = argv[++i].split(',');
    else if (k === '--force') a.force = true;
    else if (k === '--child') a.child = argv[++i];
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

// ---------- fixtures ----------

/** The sample's lines as bytes: [header, ...records] (records have no embedded line breaks). */
function sampleLines(file: string): Buffer[] {
  const all = fs.readFileSync(path.join(SAMPLES, file));
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < all.length; i++)
    if (all[i] === 0x0a) {
      lines.push(all.subarray(start, i + 1));
      start = i + 1;
    }
  if (start < all.length) lines.push(Buffer.concat([all.subarray(start), Buffer.from('\n')]));
  return lines;
}

function csvPath(enc: 'utf8' | 'gbk', rows: number) {
  return path.join(OUT, `ledger-${rows}-${enc}.csv`);
}

/** Row i = sample record (i mod 253) with the order number replaced (ASCII, so the same in UTF-8 and GBK). */
function writeCsv(enc: 'utf8' | 'gbk', rows: number, force: boolean): string {
  const file = csvPath(enc, rows);
  if (!force && fs.existsSync(`${file}.done`)) return file;
  const [header, ...records] = sampleLines(enc === 'utf8' ? 'ledger-utf8.csv' : 'ledger-gbk.csv');
  const tails = records.map((r) => r.subarray(r.indexOf(0x2c)));
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header);
  let batch: Buffer[] = [];
  for (let i = 0; i < rows; i++) {
    batch.push(Buffer.from(`XS${String(3_000_000_000 + i)}`), tails[i % tails.length]);
    if (batch.length >= 20_000) {
      fs.writeSync(fd, Buffer.concat(batch));
      batch = [];
    }
  }
  fs.writeSync(fd, Buffer.concat(batch));
  fs.closeSync(fd);
  fs.writeFileSync(`${file}.done`, String(rows));
  return file;
}

/** 100k-row ledger like the sample ledger.xlsx: title row, info row, header on row 3, typed cells, 合计 footer. */
async function writeXlsx(rows: number, force: boolean): Promise<string> {
  const file = path.join(OUT, `ledger-${rows}.xlsx`);
  if (!force && fs.existsSync(`${file}.done`)) return file;
  const { book, source } = await openSpreadsheetFile(path.join(SAMPLES, 'ledger-utf8.csv'));
  const records: unknown[][] = [];
  let header: unknown[] = [];
  for await (const r of await book.sheet().rows()) {
    if (r.row === 1) {
      header = r.cells;
      continue;
    }
    records.push(r.cells.map((c, i) => typedLedgerCell(i, c)));
  }
  await source.close();
  await writeLedgerXlsx(file, header, rows, (i) => {
    const values = [...records[i % records.length]];
    values[0] = `XS${3_000_000_000 + i}`;
    return values;
  });
  fs.writeFileSync(`${file}.done`, String(rows));
  return file;
}

// ---------- measurements (in a child process) ----------

interface Measured {
  case: string;
  rows: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  extra?: string;
}

type Reader = 'ours' | 'thread' | 'exceljs';

/** ExcelJS's streaming WorkbookReader over the same file, every row's values touched (nothing typed or kept). */
async function exceljsRows(file: string): Promise<number> {
  let rows = 0;
  for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' })) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      if ((row.values as unknown[]).length >= 0) rows++;
    }
  }
  return rows;
}

async function measure(name: string, file: string, withTable: boolean, inflater?: Inflater, reader: Reader = 'ours'): Promise<Measured> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (reader === 'exceljs') {
    const rows = await exceljsRows(file);
    const cpu = process.cpuUsage(c0);
    return {
      case: name,
      rows,
      wallMs: performance.now() - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: ownPeakRssMb(),
      extra: 'exceljs streaming WorkbookReader, rows only',
    };
  }
  const opened = await openSpreadsheetFile(file, { inflater });
  const source = opened.source;
  // the reader thread, as the importer reads a big XLSX; cpu s then counts both threads
  const book = reader === 'thread' ? readInThread(opened.book, file, { inflater }) : opened.book;
  let rows = 0;
  let rejected = 0;
  let extra = book.encoding ? `encoding ${book.encoding.name}` : `xlsx, inflate: ${inflater ?? 'zlib'}${reader === 'thread' ? ', reader thread' : ''}`;
  if (withTable) {
    const table = await openTable(book, 'sales-ledger');
    const normalize = table.normalizer({ date1904: book.date1904 });
    for await (const r of table.rows()) {
      if (normalize(r).errors.length) rejected++;
      rows++;
    }
    extra += `, header row ${table.headerRow}, ${Object.keys(table.mapping).length} columns mapped, ${rejected} rows with errors`;
  } else {
    for await (const b of book.sheet().batches()) rows += b.length;
  }
  await source.close();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { case: name, rows, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: ownPeakRssMb(), extra };
}

function sqliteImport(file: string): { wallMs: number } | null {
  const db = path.join(OUT, 'sqlite-import.db');
  fs.rmSync(db, { force: true });
  const t0 = performance.now();
  const r = spawnSync('sqlite3', [db], { input: `.mode csv\n.import '${file}' ledger\n`, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  fs.rmSync(db, { force: true });
  if (r.error || r.status !== 0) return null;
  return { wallMs };
}

// ---------- main ----------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(OUT, { recursive: true });
  const files = {
    utf8: () => csvPath('utf8', args.rows),
    gbk: () => csvPath('gbk', args.rows),
    xlsx: () => path.join(OUT, `ledger-${args.xlsxRows}.xlsx`),
  };
  const CASES: Record<string, { file: () => string; table: boolean; inflater?: Inflater; reader?: Reader }> = {
    'csv-utf8': { file: files.utf8, table: false },
    'csv-utf8+table': { file: files.utf8, table: true },
    'csv-gbk': { file: files.gbk, table: false },
    'csv-gbk+table': { file: files.gbk, table: true },
    xlsx: { file: files.xlsx, table: false },
    'xlsx+table': { file: files.xlsx, table: true },
    'xlsx(fflate)': { file: files.xlsx, table: false, inflater: 'fflate' },
    'xlsx(thread)': { file: files.xlsx, table: false, reader: 'thread' },
    'xlsx(exceljs)': { file: files.xlsx, table: false, reader: 'exceljs' },
  };
  if (args.child) {
    const c = CASES[args.child];
    process.stdout.write(JSON.stringify(await measure(args.child, c.file(), c.table, c.inflater, c.reader)));
    return;
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log('fixtures…');
  writeCsv('utf8', args.rows, args.force);
  writeCsv('gbk', args.rows, args.force);
  await writeXlsx(args.xlsxRows, args.force);
  for (const f of [files.utf8(), files.gbk(), files.xlsx()]) log(`  ${path.basename(f)}: ${(fs.statSync(f).size / 1048576).toFixed(1)} MB`);

  const results: Measured[] = [];
  for (const name of args.cases ?? Object.keys(CASES)) {
    log(`running ${name}…`);
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', name, '--rows', String(args.rows), '--xlsx-rows', String(args.xlsxRows)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    results.push(JSON.parse(r.stdout));
  }
  log('sqlite3 .import baseline…');
  const base = sqliteImport(files.utf8());

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const table = [
    ['case', 'rows', 'wall s', 'rows/s (wall)', 'cpu s', 'rows/s (cpu)', 'peak RSS MB', 'notes'],
    ...results.map((r) => [
      r.case,
      fmt(r.rows),
      (r.wallMs / 1000).toFixed(2),
      fmt(r.rows / (r.wallMs / 1000)),
      (r.cpuMs / 1000).toFixed(2),
      fmt(r.rows / (r.cpuMs / 1000)),
      r.peakRssMb.toFixed(0),
      r.extra ?? '',
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) console.log(row.map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  if (base) {
    console.log(
      `\nsqlite3 .import of ${path.basename(files.utf8())}: ${(base.wallMs / 1000).toFixed(2)} s wall → the 4× budget for the whole 1M-row import is ${((4 * base.wallMs) / 1000).toFixed(1)} s`,
    );
  } else console.log('\nsqlite3 CLI not available: no .import baseline');
  console.log(
    `load average at the end: ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
