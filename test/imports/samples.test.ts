/** The shared sample files: the three ledgers read to the same records; the master files map completely. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../imports/headers/table';
import { normalizeRow } from '../../imports/normalize/row';
import { openSpreadsheet } from '../../imports/readers/open';
import { SAMPLES, sample, src } from './helpers';

const expected = JSON.parse(fs.readFileSync(`${SAMPLES}/expected.json`, 'utf8'));

async function ledger(file: string) {
  const book = await openSpreadsheet(src(sample(file), file));
  const table = await openTable(book, 'sales-ledger');
  const normalize = table.normalizer({ date1904: book.date1904 });
  const records: Array<{ row: number; values: Record<string, unknown> }> = [];
  const rejected: number[] = [];
  for await (const r of table.rows()) {
    const n = normalize(r);
    if (n.errors.length) rejected.push(r.row);
    records.push({ row: r.row, values: n.values });
  }
  return { book, table, records, rejected };
}

describe('sample ledgers', () => {
  it('ledger-utf8.csv, ledger-gbk.csv and ledger.xlsx give the same values, row for row', async () => {
    const utf8 = await ledger('ledger-utf8.csv');
    const gbk = await ledger('ledger-gbk.csv');
    const xlsx = await ledger('ledger.xlsx');
    expect(utf8.book.encoding?.name).toBe('utf-8');
    expect(gbk.book.encoding?.name).toBe('gb18030');
    expect(xlsx.book.format).toBe('xlsx');
    for (const [name, l] of Object.entries({ 'ledger-utf8.csv': utf8, 'ledger-gbk.csv': gbk, 'ledger.xlsx': xlsx })) {
      expect(l.records, name).toHaveLength(expected.ledgers[name].dataRows);
      expect(l.rejected, name).toEqual(expected.ledgers[name].rejected);
      expect(l.table.unmapped, name).toEqual([]);
      expect(Object.keys(l.table.mapping), name).toHaveLength(34);
    }
    expect(gbk.records.map((r) => r.values)).toEqual(utf8.records.map((r) => r.values));
    expect(xlsx.records.map((r) => r.values)).toEqual(utf8.records.map((r) => r.values));
  });

  it('ledger.xlsx: header on row 3 under a merged title, 合计 footer skipped, Excel row numbers', async () => {
    const { table, records } = await ledger('ledger.xlsx');
    expect(table.headerRow).toBe(3);
    expect(table.sheet).toBe('销售记录');
    expect(records[0].row).toBe(4);
    expect(records.at(-1)!.row).toBe(256);
    expect(table.skipped).toEqual([{ row: 257, reason: 'footer' }]);
  });

  it('the GBK ledger maps its aliases (销售单号, 客户名称, 销售金额(元) …)', async () => {
    const { table, records } = await ledger('ledger-gbk.csv');
    expect(table.mapping).toMatchObject({
      销售单号: 'order_no',
      客户名称: 'customer',
      药品名称: 'generic_name',
      '销售金额(元)': 'amount',
      结算方式: 'payment_method',
      复核人: 'reviewed_by',
    });
    expect(records[0].values).toMatchObject({
      order_no: 'XS202406292042',
      sale_date: '2024-06-29',
      batch_no: '00464',
      quantity: 6,
      unit_price: 381.44,
      amount: 2288.64,
      invoice_type: 'vat_special',
      payment_method: 'acceptance',
      receipt_confirmed_at: '2024-07-05',
    });
    expect(records[1].values).toMatchObject({ outbound_date: '2024-06-30', expiry_date: '2026-05-11', production_date: '2023-02-22' });
  });
});

describe('sample master files', () => {
  for (const m of expected.master as Array<{ file: string; kind: string; rows: number }>) {
    it(`${m.file} maps every column for ${m.kind} and normalises without errors`, async () => {
      const book = await openSpreadsheet(src(sample(m.file), m.file));
      const table = await openTable(book, m.kind);
      expect(table.unmapped).toEqual([]);
      expect(table.headerRow).toBe(1);
      const fields = new Map(table.kind.fields.map((f) => [f.key, f]));
      let n = 0;
      for await (const r of table.rows()) {
        const { errors } = normalizeRow(fields, r.values);
        expect(errors, `${m.file} row ${r.row}`).toEqual([]);
        n++;
      }
      expect(n).toBe(m.rows);
    });
  }
});
