/**
 * Our XLSX reader against an independent one, cell by cell: every .xlsx in ../shared/corpora and
 * ../shared/samples, and a generated ledger shaped like the import bench's, read by imports/readers (the
 * importer's only read path) and by exceljs's workbook reader. Each cell must agree, or differ in one of the
 * ways listed in EXCELJS_DEVIATES — where Excel shows what we read and exceljs is wrong — and every listed
 * way must still occur somewhere, so the list cannot outlive the deviation it excuses.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLedgerXlsx } from '../../bench/ledger-xlsx';
import { type Cell, columnName, isDateCell } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { openSpreadsheetFile } from '../../imports/readers/open';
import { CORPORA, SAMPLES } from './helpers';

const DAY_MS = 86_400_000;

/** exceljs's view of a cell: its value in our model, or the serial of a date; LOST when it kept no cached formula value. */
type Theirs = { value: Cell; serial?: number; numFmt: string } | { lost: true };

function theirValue(v: ExcelJS.CellValue, date1904: boolean, numFmt: string): Theirs {
  if (v === null || v === undefined) return { value: null, numFmt };
  if (typeof v === 'string') return { value: v === '' ? null : v, numFmt };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v, numFmt };
  if (v instanceof Date) return { value: null, serial: (v.getTime() - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / DAY_MS, numFmt };
  const o = v as unknown as Record<string, unknown>;
  if ('error' in o) return { value: { error: String(o.error) }, numFmt };
  if ('richText' in o) {
    const t = (o.richText as Array<{ text: string }>).map((r) => r.text).join('');
    return { value: t === '' ? null : t, numFmt };
  }
  if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? theirValue(o.result as ExcelJS.CellValue, date1904, numFmt) : { lost: true };
  if ('text' in o) return theirValue(o.text as ExcelJS.CellValue, date1904, numFmt); // hyperlink
  throw new Error(`unexpected exceljs value ${JSON.stringify(o)}`);
}

type Sheets = Map<string, Map<number, Map<number, Theirs>>>;

async function readWithExcelJs(file: string): Promise<Sheets> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const date1904 = Boolean(wb.properties?.date1904);
  const out: Sheets = new Map();
  for (const ws of wb.worksheets) {
    const rows = new Map<number, Map<number, Theirs>>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells = new Map<number, Theirs>();
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs repeats a merged range's value in every cell of it; the file holds it in the first only
        if (cell.type !== ExcelJS.ValueType.Merge) cells.set(c - 1, theirValue(cell.value, date1904, cell.numFmt ?? ''));
      });
      rows.set(r, cells);
    });
    out.set(ws.name, rows);
  }
  return out;
}

async function readWithOurs(file: string): Promise<{ sheets: Map<string, Map<number, Cell[]>>; date1904: boolean }> {
  const { book, source } = await openSpreadsheetFile(file);
  try {
    const sheets = new Map<string, Map<number, Cell[]>>();
    for (const s of book.sheets) {
      if (s.kind !== 'worksheet') continue;
      const rows = new Map<number, Cell[]>();
      for await (const r of await s.rows()) rows.set(r.row, r.cells);
      sheets.set(s.name, rows);
    }
    return { sheets, date1904: book.date1904 };
  } finally {
    await source.close();
  }
}

/** The ways exceljs reads a cell differently from Excel, each with a test for "this pair differs that way". */
const EXCELJS_DEVIATES: Record<string, (ours: Cell, theirs: Theirs, date1904: boolean) => boolean> = {
  // exceljs keeps no cached value for a formula whose result is 0, FALSE or empty, or an inline string
  'formula result dropped': (_ours, theirs) => 'lost' in theirs,
  // a date format on a serial Excel cannot show as a date (a time of day alone, a negative number) stays a number
  'no date for a serial below day 1': (ours, t, d1904) => typeof ours === 'number' && ours < (d1904 ? 0 : 1) && 'serial' in t && t.serial !== undefined,
  // exceljs knows lower-case date codes only; Excel (and LibreOffice, which wrote these) take "YYYY", "D", "H" too
  'upper-case date codes': (ours, t) =>
    isDateCell(ours) && 'value' in t && typeof t.value === 'number' && ours.serial === t.value && /[YMDHS]/.test(t.numFmt) && !/[ymdhs]/.test(t.numFmt),
  // exceljs takes elapsed-time codes ([h], [mm], [ss]) for numbers; we read every time format as a date-time
  'elapsed-time codes': (ours, t) =>
    isDateCell(ours) && 'value' in t && typeof t.value === 'number' && ours.serial === t.value && /^\[[hms]+\]/i.test(t.numFmt),
  // exceljs reads a t="d" cell's ISO date-time as a number (its year)
  'ISO date cells (t="d")': (ours, t) => isDateCell(ours) && 'serial' in t && t.serial !== undefined && t.serial === Number.parseInt(ours.date, 10),
};

function agree(ours: Cell, theirs: Theirs): boolean {
  if ('lost' in theirs) return false;
  if (theirs.serial !== undefined) return isDateCell(ours) && Math.abs(ours.serial - theirs.serial) < 1e-6;
  return JSON.stringify(ours) === JSON.stringify(theirs.value);
}

const xlsxIn = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? xlsxIn(path.join(dir, d.name)) : /\.xlsx$/i.test(d.name) ? [path.join(dir, d.name)] : []));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-xlsx-diff-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const seen = new Map<string, number>();

async function compare(file: string): Promise<string[]> {
  let ours: Awaited<ReturnType<typeof readWithOurs>>;
  try {
    ours = await readWithOurs(file);
  } catch (e) {
    // a file we refuse: it must be one exceljs cannot read either, or one without the parts a workbook needs
    expect(e).toBeInstanceOf(ImportFileError);
    return [`refused: ${(e as ImportFileError).code}`];
  }
  const theirs = await readWithExcelJs(file);
  const diffs: string[] = [];
  for (const [name, theirRows] of theirs) {
    const ourRows = ours.sheets.get(name);
    if (!ourRows) {
      diffs.push(`sheet ${name}: not read by ours`);
      continue;
    }
    for (const r of new Set([...theirRows.keys(), ...ourRows.keys()])) {
      const o = ourRows.get(r) ?? [];
      const t = theirRows.get(r) ?? new Map<number, Theirs>();
      const width = Math.max(o.length, ...[...t.keys()].map((c) => c + 1));
      for (let c = 0; c < width; c++) {
        const ourCell = o[c] ?? null;
        const theirCell = t.get(c) ?? { value: null, numFmt: '' };
        if (agree(ourCell, theirCell)) continue;
        const why = Object.entries(EXCELJS_DEVIATES).find(([, test]) => test(ourCell, theirCell, ours.date1904))?.[0];
        if (why) seen.set(why, (seen.get(why) ?? 0) + 1);
        else diffs.push(`${name}!${columnName(c)}${r}: ours ${JSON.stringify(ourCell)}, exceljs ${JSON.stringify(theirCell)}`);
      }
    }
  }
  return diffs;
}

describe('our XLSX reader reads every workbook as exceljs does, but where exceljs is wrong', () => {
  const files = [...xlsxIn(CORPORA), ...xlsxIn(SAMPLES)];
  it('finds the workbooks', () => {
    expect(files.length).toBeGreaterThan(70);
  });
  for (const file of files) {
    const name = path.relative(path.dirname(CORPORA), file);
    it(name, { timeout: 30_000 }, async () => {
      const diffs = await compare(file);
      // the two files we refuse: XML exceljs refuses too, and a package without xl/workbook.xml
      if (diffs[0]?.startsWith('refused')) expect(name).toMatch(/exceljs-spec\/(invalid-xml|missing-bits)\.xlsx$/);
      else expect(diffs).toEqual([]);
    });
  }

  it('the generated ledger the import bench reads: titles, typed dates and numbers, shared strings, a 合计 footer', async () => {
    const file = path.join(tmp, 'ledger.xlsx');
    const header = ['单据编号', '销售日期', '购货单位', '数量', '单价', '金额'];
    await writeLedgerXlsx(file, header, 2000, (i) => [
      `XS${3_000_000_000 + i}`,
      new Date(Date.UTC(2025, 0, 1 + (i % 365))),
      `单位 ${i % 17} & <公司>\r\n第二行`,
      i % 7,
      1.1 * i,
      i % 11 === 0 ? null : 0.1 + 0.2 * i,
    ]);
    expect(await compare(file)).toEqual([]);
  });

  it('every deviation listed still occurs', () => {
    expect([...seen.keys()].sort()).toEqual(Object.keys(EXCELJS_DEVIATES).sort());
  });
});
