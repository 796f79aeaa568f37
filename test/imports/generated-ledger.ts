/**
 * Generated sales ledgers built from sample rows (ledger-utf8.csv rows 4, 19 and 23 — lines without quoted
 * cells), each data row under its own order and invoice number `XT000000`… (row n of the file has `XT<n-2>`).
 */
import fs from 'node:fs';
import { sample } from './pipeline-fixtures';

const lines = fs
  .readFileSync(sample('ledger-utf8.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split(/\r?\n/);
export const LEDGER_HEADER = lines[0];
/** the sample's own rows: 4 = a buyer not approved, 19 = a price above the cap, 23 = outbound before the sale */
export const SAMPLE_ROW = { 4: lines[3], 19: lines[18], 23: lines[22] } as const;
/** row 4 without its quantity: rejected */
export const REJECTED_ROW = lines[3].replace(/,17,20\.55,349\.35,/, ',,20.55,349.35,');

export const orderNo = (i: number) => `XT${String(i).padStart(6, '0')}`;

/** Writes `rows` data rows; `pick(i)` gives the sample line of data row i. Returns the file's size. */
export function writeLedger(file: string, rows: number, pick: (i: number) => string): number {
  const out = [LEDGER_HEADER];
  for (let i = 0; i < rows; i++) {
    const cells = pick(i).split(',');
    cells[0] = orderNo(i);
    cells[23] = String(70_000_000 + i); // 发票号
    out.push(cells.join(','));
  }
  fs.writeFileSync(file, `${out.join('\n')}\n`);
  return fs.statSync(file).size;
}
