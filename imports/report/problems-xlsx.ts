/**
 * The problem rows of an import as an XLSX the user fixes in Excel and imports again: 原行号 (the row's
 * number in the original file) first, the original header row, then every rejected row and every row with
 * a finding, with its original cells, plus 错误原因 (what is wrong, field by field) and 规则 (the rule
 * codes). The header is frozen, columns have widths, and the cells a rejection or a finding names are
 * coloured (red: rejected or an error; yellow: a warning). 原行号, 错误原因 and 规则 match no field, so
 * the fixed file imports again as it is. Text that Excel would read as a formula (= + - @, tab, CR first)
 * is escaped with a leading apostrophe. Written with exceljs's streaming writer.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { cellText, isDateCell, isErrorCell, type Cell } from '../../schema/files/cells';
import { openSpreadsheetFile } from '../readers/open';
import { openTable } from '../headers/table';
import type { ImportReport, ReportFinding, ReportReject } from '../run/types';

const FORMULA_START = /^[=+\-@\t\r]/;
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export const ROW_HEADER = '原行号';
export const REASON_HEADER = '错误原因';
export const RULE_HEADER = '规则';

const FILL = {
  error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  warning: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
} as const;

/** Excel column width of a header: CJK characters count double; between 8 and 40. */
const widthOf = (text: string) => Math.min(40, Math.max(8, [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2));

function cellValue(c: Cell | undefined): string | number | boolean | null {
  if (c == null) return null;
  if (typeof c === 'number' || typeof c === 'boolean') return c;
  if (typeof c === 'string') return escapeFormula(c);
  if (isDateCell(c) || isErrorCell(c)) return escapeFormula(cellText(c));
  return escapeFormula(String(c));
}

interface Problem {
  reasons: string[];
  rules: string[];
  /** header text → the worst severity naming that cell (a rejection counts as an error) */
  cells: Map<string, 'error' | 'warning'>;
}

export function problemRows(findings: Iterable<ReportFinding>, rejected: Iterable<ReportReject>): Map<number, Problem> {
  const m = new Map<number, Problem>();
  const at = (row: number) => {
    let p = m.get(row);
    if (!p) m.set(row, (p = { reasons: [], rules: [], cells: new Map() }));
    return p;
  };
  const mark = (p: Problem, header: string, severity: 'error' | 'warning') => {
    if (p.cells.get(header) !== 'error') p.cells.set(header, severity);
  };
  for (const r of rejected) {
    for (const e of r.errors) {
      const p = at(r.row);
      p.reasons.push(e.field ? `${e.field}：${e.message}` : e.message);
      if (e.field) mark(p, e.field, 'error');
    }
  }
  for (const f of findings) {
    const p = at(f.row);
    p.reasons.push(`[${f.rule}] ${f.message}`);
    if (!p.rules.includes(f.rule)) p.rules.push(f.rule);
    for (const header of f.fields ?? []) mark(p, header, f.severity);
  }
  return m;
}

export interface ProblemsOptions {
  /** the original file */
  file: string;
  kind: string;
  sheet?: string;
  /** the report, or the path of its JSON file */
  report: ImportReport | string;
  out: string | Writable;
  /** the header mapping the import used (imports.mapping: header → field or null) */
  preset?: Record<string, string | null>;
  /** the header row the import used */
  headerRow?: number;
}

/** Writes the problem-rows workbook; returns how many rows it holds. */
export async function writeProblemsXlsx(opts: ProblemsOptions): Promise<number> {
  const report: ImportReport = typeof opts.report === 'string' ? JSON.parse(fs.readFileSync(opts.report, 'utf8')) : opts.report;
  const problems = problemRows(report.findings ?? [], report.rejected ?? []);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter(
    typeof opts.out === 'string'
      ? { filename: opts.out, useSharedStrings: false, useStyles: true }
      : { stream: opts.out, useSharedStrings: false, useStyles: true },
  );
  const ws = wb.addWorksheet('问题行', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const { book, source } = await openSpreadsheetFile(opts.file);
  let n = 0;
  try {
    const table = await openTable(book, opts.kind, { sheet: opts.sheet ?? undefined, preset: opts.preset, headerRow: opts.headerRow });
    const width = table.headerCells.length;
    const headers = table.headerCells.map((c) => (c == null ? '' : cellText(c).trim()));
    // column 1 is 原行号, the file's columns follow from column 2, then 错误原因 and 规则
    ws.columns = [{ width: 8 }, ...headers.map((h) => ({ width: widthOf(h) })), { width: 80 }, { width: 24 }];
    const header = ws.addRow([ROW_HEADER, ...table.headerCells.map((c) => cellValue(c)), REASON_HEADER, RULE_HEADER]);
    header.font = { bold: true };
    header.commit();
    const columnOf = new Map(headers.map((h, i) => [h, i + 2]));
    for await (const r of table.rows()) {
      const p = problems.get(r.row);
      if (!p) continue;
      const cells: Array<string | number | boolean | null> = [];
      for (let i = 0; i < width; i++) cells.push(cellValue(r.cells[i]));
      const row = ws.addRow([r.row, ...cells, escapeFormula(p.reasons.join('\n')), p.rules.join('、')]);
      row.getCell(width + 2).alignment = { wrapText: true, vertical: 'top' };
      for (const [name, severity] of p.cells) {
        const col = columnOf.get(name.trim());
        if (col) row.getCell(col).fill = FILL[severity];
      }
      row.commit();
      n++;
    }
  } finally {
    await source.close();
  }
  ws.commit();
  await wb.commit();
  return n;
}
