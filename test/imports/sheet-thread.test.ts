/**
 * A big XLSX is read by a worker thread (imports/readers/sheet-thread.ts). The thread must give exactly the
 * rows the inline reader gives — dates, numbers, codes, errors, every sheet — and fail the same clean way
 * on a damaged sheet; and a whole ledger import through it must report what the inline import reports.
 * Real files on disk, a real worker (booted through tsx from the sources, as the server does).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportFileError } from '../../schema/files/errors';
import { openSpreadsheetFile } from '../../imports/readers/open';
import { readInThread, useReaderThread } from '../../imports/readers/sheet-thread';
import type { SheetRow } from '../../schema/files/cells';
import { excelBook, rawXlsx, worksheetXml } from './helpers';
import { EXPECTED, importFile, masterDbFile, sample, tempDb } from './pipeline-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-sheet-thread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

async function rowsOf(file: string, threaded: boolean, sheet?: string | number): Promise<SheetRow[]> {
  const { book, source } = await openSpreadsheetFile(file);
  try {
    const b = threaded ? readInThread(book, file) : book;
    const out: SheetRow[] = [];
    for await (const batch of b.sheet(sheet).batches()) out.push(...batch);
    return out;
  } finally {
    await source.close();
  }
}

describe('XLSX reader thread', () => {
  it('gives the rows the inline reader gives, for every sheet (dates, codes, numbers, booleans, errors, text)', async () => {
    const file = write(
      'book.xlsx',
      await excelBook((wb) => {
        wb.addWorksheet('说明').addRow(['本表用于导入']);
        const s = wb.addWorksheet('数据');
        s.addRow(['销售日期', '批号', '数量', '单价', '是否特药', '备注']);
        for (let i = 0; i < 2500; i++) {
          s.addRow([new Date(Date.UTC(2024, 0, 1 + (i % 300))), `00${i}`, i, i / 7, i % 2 === 0, i % 97 === 0 ? { error: '#N/A' } : `第${i}行`]);
        }
        s.getColumn(1).numFmt = 'yyyy-mm-dd';
      }),
    );
    for (const sheet of [undefined, 0, '数据']) {
      const inline = await rowsOf(file, false, sheet);
      const threaded = await rowsOf(file, true, sheet);
      expect(threaded).toEqual(inline);
    }
    const rows = await rowsOf(file, true, '数据');
    expect(rows).toHaveLength(2501);
    expect(rows[1].cells[0]).toMatchObject({ date: '2024-01-01' });
    expect(rows[1].cells[1]).toBe('000');
    expect(rows[98].cells[5]).toEqual({ error: '#N/A' });
  });

  it('a damaged sheet fails with the same ImportFileError as inline', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join('');
    const file = write('damaged.xlsx', rawXlsx({ sheets: [{ name: 'S', xml: worksheetXml(`${rows}<row r="3001"><c><v>1</c></v></row>`) }] }));
    const inline = await rowsOf(file, false).catch((e) => e);
    const threaded = await rowsOf(file, true).catch((e) => e);
    expect(threaded).toBeInstanceOf(ImportFileError);
    expect(threaded.code).toBe('corrupt');
    expect(threaded.zh).toBe(inline.zh);
  });

  it('stopping early ends the thread (no hang) and only big XLSX files use it', async () => {
    const file = write(
      'many.xlsx',
      rawXlsx({ sheets: [{ name: 'S', sheetData: Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join('') }] }),
    );
    const { book, source } = await openSpreadsheetFile(file);
    try {
      for await (const batch of readInThread(book, file).sheet().batches()) {
        expect(batch[0].row).toBe(1);
        break;
      }
      expect(useReaderThread(book, 64 * 1024 * 1024)).toBe(true);
      expect(useReaderThread(book, 64 * 1024)).toBe(false);
    } finally {
      await source.close();
    }
    const csv = await openSpreadsheetFile(sample('ledger-utf8.csv'));
    expect(useReaderThread(csv.book, 64 * 1024 * 1024)).toBe(false);
    await csv.source.close();
  });

  it('a file that needs more memory than the thread may use is refused cleanly; the process lives on', { timeout: 60_000 }, async () => {
    // 200k shared strings: ≈ 13 MB of heap to hold them, an 8 MB heap cannot
    const strings = Array.from({ length: 200_000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789');
    const file = write('many-strings.xlsx', rawXlsx({ sheets: [{ name: 'S', sheetData: '<row r="1"><c t="s"><v>0</v></c></row>' }], sharedStrings: strings }));
    const read = async (heapMb?: number) => {
      const { book, source } = await openSpreadsheetFile(file);
      try {
        const out: SheetRow[] = [];
        for await (const b of readInThread(book, file, { heapMb }).sheet().batches()) out.push(...b);
        return out;
      } finally {
        await source.close();
      }
    };
    const err = await read(8).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.code).toBe('zip_bomb');
    expect(err.zh).toContain('读取时所需内存超过 8 MB');
    expect(err.en).toContain('reading it needs more than 8 MB of memory');
    expect(await read()).toEqual([{ row: 1, cells: [strings[0]] }]);
  });

  it('a ledger import through the thread reports exactly what the inline import reports', async () => {
    const reports = [];
    for (const forced of ['0', '1']) {
      process.env.GSP_IMPORT_READER_THREAD = forced;
      const t = tempDb(await masterDbFile());
      try {
        const r = await importFile(t.db, sample('ledger.xlsx'), 'sales-ledger');
        reports.push({ ...r.report, import: { ...r.report.import, id: null } });
      } finally {
        delete process.env.GSP_IMPORT_READER_THREAD;
        t.close();
      }
    }
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[1].counts.rows).toBe(EXPECTED.ledgers['ledger.xlsx'].dataRows);
    expect(reports[1].findings.length).toBeGreaterThan(0);
  });
});
