/**
 * Every real-world file in ../shared/corpora is read or refused cleanly (corpora/README.md): an
 * ImportFileError is fine, any other exception or a hang is not. Each file has its own timeout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../imports/headers/table';
import { normalizeRow } from '../../imports/normalize/row';
import { ImportFileError } from '../../schema/files/errors';
import { openSpreadsheetFile } from '../../imports/readers/open';
import { CORPORA } from './helpers';

const files = fs
  .readdirSync(CORPORA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    fs
      .readdirSync(path.join(CORPORA, d.name))
      .filter((f) => /\.(xlsx|csv)$/i.test(f))
      .map((f) => path.join(d.name, f)),
  );

const KINDS = ['customers', 'sales-ledger', 'products', 'customer_agents'];

type Outcome = { ok: true; sheets: Array<{ name: string; rows: number }> } | { ok: false; code: string; message: string };

async function readAll(file: string): Promise<Outcome> {
  let opened: Awaited<ReturnType<typeof openSpreadsheetFile>> | undefined;
  try {
    opened = await openSpreadsheetFile(path.join(CORPORA, file));
    const sheets = [];
    for (const s of opened.book.sheets) {
      let rows = 0;
      for await (const b of s.batches()) rows += b.length;
      sheets.push({ name: s.name, rows });
    }
    return { ok: true, sheets };
  } catch (e) {
    if (e instanceof ImportFileError) return { ok: false, code: e.code, message: e.zh };
    throw e;
  } finally {
    await opened?.source.close();
  }
}

async function importAs(file: string, kind: string) {
  const { book, source } = await openSpreadsheetFile(path.join(CORPORA, file));
  try {
    const table = await openTable(book, kind);
    const fields = new Map(table.kind.fields.map((f) => [f.key, f]));
    let rows = 0;
    for await (const r of table.rows()) {
      normalizeRow(fields, r.values, { date1904: book.date1904 });
      rows++;
    }
    return { table, rows };
  } finally {
    await source.close();
  }
}

describe('corpora: every file read or refused with one clear reason', () => {
  it('finds the corpora', () => {
    expect(files.length).toBeGreaterThan(70);
  });
  for (const file of files) {
    it(file, { timeout: 30_000 }, async () => {
      const outcome = await readAll(file);
      if (!outcome.ok) {
        expect(outcome.message).not.toMatch(/\n/);
        expect(outcome.message.length).toBeGreaterThan(5);
      }
      for (const kind of KINDS) {
        try {
          await importAs(file, kind);
        } catch (e) {
          expect(e, `${file} as ${kind}`).toBeInstanceOf(ImportFileError);
          if (outcome.ok) expect(['no_header', 'empty']).toContain((e as ImportFileError).code);
        }
      }
    });
  }
});

describe('corpora: specific expectations', () => {
  it('invalid-xml.xlsx and missing-bits.xlsx are refused as damaged', async () => {
    expect(await readAll('exceljs-spec/invalid-xml.xlsx')).toMatchObject({ ok: false, code: 'corrupt' });
    expect(await readAll('exceljs-spec/missing-bits.xlsx')).toMatchObject({ ok: false, code: 'corrupt' });
  });

  for (const f of ['crm_hosptial_templete.xlsx', 'crm_pharmacy_template.xlsx', 'crm_supplier_templete.xlsx']) {
    it(`yiling ${f} as customers: header on row 3 below two group rows, 客户名称 → name`, async () => {
      const { table } = await importAs(`yiling-templates/${f}`, 'customers');
      expect(table.headerRow).toBe(3);
      expect(table.mapping['客户名称']).toBe('name');
      expect(table.unmapped.length).toBeGreaterThan(10);
    });
  }

  it('yiling test.xlsx has no customer columns: no header for customers, but 姓名 for customer_agents', async () => {
    const err = await importAs('yiling-templates/test.xlsx', 'customers').catch((e) => e);
    expect(err.code).toBe('no_header');
    expect(err.zh).toContain('dtinfo');
    const { table } = await importAs('yiling-templates/test.xlsx', 'customer_agents');
    expect(table.headerRow).toBe(3);
    expect(table.mapping['姓名']).toBe('name');
  });

  it('1904 workbooks and dates', async () => {
    const { book, source } = await openSpreadsheetFile(path.join(CORPORA, 'sheetjs-test-files/1904_1904.xlsx'));
    expect(book.date1904).toBe(true);
    const rows = [];
    for await (const r of await book.sheet().rows()) rows.push(r);
    await source.close();
    // the workbook's own TEXT() formula results say what Excel shows
    for (const r of rows) expect(r.cells[1]).toMatchObject({ date: r.cells[2] });
  });

  it('hidden sheets are listed with their state; phonetic guides are not text', async () => {
    const { book, source } = await openSpreadsheetFile(path.join(CORPORA, 'sheetjs-test-files/sheet_visibility.xlsx'));
    expect(book.sheets.map((s) => s.state)).toEqual(['visible', 'hidden', 'veryHidden']);
    await source.close();
    const o = await readAll('sheetjs-test-files/phonetic_text.xlsx');
    expect(o.ok).toBe(true);
  });
});
