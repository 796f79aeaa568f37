/** The XLSX ledger fixture both import benchmarks write: shaped like the sample ledger.xlsx. */
import ExcelJS from 'exceljs';

/** Columns of the sample ledger that hold dates and numbers (0-based). */
const DATE_COLS = new Set([1, 2, 12, 13, 22]);
const NUM_COLS = new Set([15, 16, 17]);
const AMOUNT_COL = 17;

/** A ledger cell as Excel would store it: dates as dates, quantities and prices as numbers, the rest text. */
export function typedLedgerCell(column: number, value: unknown): unknown {
  if (value === null || value === '') return null;
  const s = String(value);
  if (DATE_COLS.has(column) && /^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const [y, m, d] = s.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (NUM_COLS.has(column) && Number.isFinite(Number(s))) return Number(s);
  return value;
}

/** Title row, info row, the header on row 3, `rows` typed rows from `rowAt`, and a 合计 footer. */
export async function writeLedgerXlsx(file: string, header: unknown[], rows: number, rowAt: (i: number) => unknown[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('销售记录');
  ws.addRow(['湖北某医药有限公司 药品销售记录']).commit();
  ws.addRow(['制表日期：2025-06-30', null, null, '金额单位：元']).commit();
  ws.addRow(header).commit();
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const values = rowAt(i);
    if (typeof values[AMOUNT_COL] === 'number') total += values[AMOUNT_COL] as number;
    const row = ws.addRow(values);
    for (const c of DATE_COLS) if (values[c] instanceof Date) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.addRow(['合计', ...new Array(AMOUNT_COL - 1).fill(null), Math.round(total * 100) / 100]).commit();
  ws.commit();
  await wb.commit();
}
