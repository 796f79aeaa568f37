/** Files that must be refused cleanly (ImportFileError → exit 2 / HTTP 400), never crash or hang. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../imports/readers/errors';
import { openSpreadsheet } from '../../imports/readers/open';
import type { ReaderLimits } from '../../imports/readers/limits';
import type { Inflater } from '../../imports/readers/zip';
import { concat, oleFile, rawXlsx, sample, src, worksheetXml } from './helpers';

async function refusal(bytes: Uint8Array, name = 'upload.xlsx', limits?: Partial<ReaderLimits>, inflater?: Inflater): Promise<ImportFileError> {
  try {
    const book = await openSpreadsheet(src(bytes, name), { limits, inflater });
    for (const s of book.sheets) for await (const _ of s.batches()) { /* read everything */ }
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/** Rewrites the uncompressed size of `name` in its local header and central directory entry. */
function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  const at = (o: number) => nameBytes.every((b, i) => out[o + i] === b);
  for (let i = 0; i + 4 < out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50 && at(i + 30)) dv.setUint32(i + 22, size, true);
    if (sig === 0x02014b50 && at(i + 46)) dv.setUint32(i + 24, size, true);
  }
  return out;
}

const bigSheet = (rows: number) => worksheetXml('<row><c><v>1</v></c></row>'.repeat(rows));

describe('refused files', () => {
  it('legacy .xls (OLE with a Workbook stream): save as .xlsx', async () => {
    const e = await refusal(oleFile(['Workbook', 'SummaryInformation']), 'old.xls');
    expect(e.code).toBe('legacy_xls');
    expect(e.zh).toContain('另存为');
    expect(e.zh).toContain('.xlsx');
    expect(e.en).toMatch(/save it as an Excel Workbook \(\.xlsx\)/);
  });

  it('an OLE file whose directory cannot be read is still treated as .xls', async () => {
    const bytes = oleFile([]);
    bytes.fill(0xff, 512, 1536);
    expect((await refusal(bytes, 'x.xls')).code).toBe('legacy_xls');
  });

  it('password-protected workbook (OLE with EncryptionInfo + EncryptedPackage)', async () => {
    const e = await refusal(oleFile(['EncryptionInfo', 'EncryptedPackage', 'DataSpaces']), 'secret.xlsx');
    expect(e.code).toBe('password_protected');
    expect(e.zh).toContain('密码');
  });

  it('a zip entry with the encryption flag', async () => {
    const zip = rawXlsx({ sheets: [{ name: 'S', sheetData: '<row><c><v>1</v></c></row>' }] });
    const dv = new DataView(zip.buffer);
    for (let i = 0; i + 4 < zip.length; i++) {
      const sig = dv.getUint32(i, true);
      if (sig === 0x02014b50) dv.setUint16(i + 8, dv.getUint16(i + 8, true) | 1, true);
    }
    expect((await refusal(zip)).code).toBe('password_protected');
  });

  it('a file over the size limit (configurable)', async () => {
    const e = await refusal(concat('a,b\n', '1,2\n'.repeat(1000)), 'big.csv', { maxFileBytes: 1024 });
    expect(e.code).toBe('too_large');
    expect(e.zh).toContain('1 KB');
  });

  for (const inflater of ['zlib', 'fflate'] as const) {
    describe(`inflating with ${inflater}`, () => {
      it('a corrupt zip: truncated, garbage, damaged data', async () => {
        const good = sample('ledger.xlsx');
        expect((await refusal(good.subarray(0, good.length >> 1), 'x.xlsx', undefined, inflater)).code).toBe('corrupt');
        expect((await refusal(concat([0x50, 0x4b, 0x03, 0x04], new Uint8Array(4000).fill(7)), 'x.xlsx', undefined, inflater)).code).toBe('corrupt');
        const damaged = new Uint8Array(good);
        for (let i = 2000; i < 2400; i++) damaged[i] ^= 0x5a;
        expect((await refusal(damaged, 'x.xlsx', undefined, inflater)).code).toBe('corrupt');
      });

      it('a zip bomb: a sheet declared huge with an absurd compression ratio', async () => {
        const zip = rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(700_000) }] }); // ~18 MB of XML, a few KB compressed
        expect(zip.length).toBeLessThan(200_000);
        const e = await refusal(zip, 'x.xlsx', undefined, inflater);
        expect(e.code).toBe('zip_bomb');
        expect(e.zh).toMatch(/压缩比/);
      });

      it('a zip bomb: a sheet larger than the inflate limit', async () => {
        const zip = rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(100_000) }] });
        expect((await refusal(zip, 'x.xlsx', { maxUncompressedBytes: 1_000_000 }, inflater)).code).toBe('zip_bomb');
      });

      it('a zip bomb that lies about its size is stopped while inflating', async () => {
        const zip = lieAboutSize(rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(400_000) }] }), 'xl/worksheets/sheet1.xml', 5000);
        const e = await refusal(zip, 'x.xlsx', undefined, inflater);
        expect(e.code).toBe('zip_bomb');
        expect(e.zh).toContain('超过声明');
      });

      it('a sheet abandoned half-way (a probe that finds no header) leaves nothing running', async () => {
        const zip = rawXlsx({ sheets: [{ name: 'S', xml: bigSheet(300_000) }] });
        const book = await openSpreadsheet(src(zip, 'x.xlsx'), { inflater });
        for await (const batch of book.sheet().batches()) { expect(batch.length).toBeGreaterThan(0); break; }
        const rows = [];
        for await (const b of book.sheet().batches()) rows.push(b.length);
        expect(rows.reduce((a, b) => a + b, 0)).toBe(300_000);
      });
    });
  }

  it('too many zip entries', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.txt`] = strToU8('x');
    expect((await refusal(zipSync(files), 'x.xlsx', { maxZipEntries: 20 })).code).toBe('zip_bomb');
  });

  it('things that are not spreadsheets say what they are', async () => {
    const cases: Array<[Uint8Array, string, string, RegExp]> = [
      [concat('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'x.pdf', 'not_spreadsheet', /PDF/],
      [concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'x.png', 'not_spreadsheet', /图片/],
      [concat('<html><body><table><tr><td>单号</td></tr></table></body></html>'), '导出.xls', 'unsupported_format', /HTML/],
      [concat('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), 'x.xml', 'unsupported_format', /2003 XML/],
      [zipSync({ 'xl/workbook.bin': strToU8('x'), '[Content_Types].xml': strToU8('<Types/>') }), 'x.xlsb', 'unsupported_format', /xlsb/],
      [zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }), 'x.ods', 'unsupported_format', /ods/],
      [zipSync({ 'word/document.xml': strToU8('<w/>') }), 'x.docx', 'not_spreadsheet', /Word/],
      [zipSync({ 'a.txt': strToU8('hello') }), 'x.zip', 'not_spreadsheet', /zip/],
      [oleFile(['WordDocument']), 'x.doc', 'not_spreadsheet', /Office 97-2003/],
      [concat(new Uint8Array(64).map((_, i) => (i * 37) % 32)), 'x.bin', 'not_spreadsheet', /二进制/],
    ];
    for (const [bytes, name, code, re] of cases) {
      const e = await refusal(bytes, name);
      expect(e.code, name).toBe(code);
      expect(e.zh, name).toMatch(re);
    }
  });

  it('an empty file', async () => {
    expect((await refusal(new Uint8Array(0), 'x.csv')).code).toBe('empty');
  });

  it('an xlsx whose workbook part is missing', async () => {
    const e = await refusal(zipSync({ 'xl/worksheets/sheet1.xml': strToU8(worksheetXml('')) }));
    expect(e.code).toBe('corrupt');
    expect(e.zh).toContain('xl/workbook.xml');
  });
});
