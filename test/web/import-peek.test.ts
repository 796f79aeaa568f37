/** The wizard's first-rows preview, read in the browser: the sample ledgers (GBK, UTF-8, XLSX with title rows). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { decodeHead, peekCsv, peekFile, peekXlsx, zipEntries } from '../../web/src/imports/peek';
import { CORPORA_DIR, SAMPLES_DIR } from '../helpers/shared';

const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, name)));

describe('import preview (browser side)', () => {
  it('reads a GBK ledger as GB18030 and the UTF-8 one as UTF-8', () => {
    const gbk = peekCsv(bytes('ledger-gbk.csv'), true, 5)!;
    const utf8 = peekCsv(bytes('ledger-utf8.csv'), true, 5)!;
    expect(gbk.encoding).toBe('gb18030');
    expect(utf8.encoding).toBe('utf-8');
    expect(gbk.rows[0]).toMatchObject({ row: 1 });
    expect(gbk.rows[0].cells.slice(0, 4)).toEqual(['销售单号', '日期', '出库日期', '客户名称']);
    // the UTF-8 ledger has a BOM, not part of the first header
    expect(utf8.rows[0].cells[0]).toBe('单据编号');
    expect(gbk.rows.map((r) => r.cells.length)).toEqual(utf8.rows.map((r) => r.cells.length));
    expect(gbk.rows).toHaveLength(5);
    // quoted commas stay in their cell
    expect(gbk.rows[1].cells[7]).toBe('10g(20%,50ml)');
  });

  it('keeps only complete lines of a file cut in the middle of a character', () => {
    const all = bytes('ledger-gbk.csv');
    const cut = all.subarray(0, 1001);
    const p = peekCsv(cut, false, 100)!;
    const whole = peekCsv(all, true, 100)!;
    expect(p.rows.length).toBeGreaterThan(2);
    expect(p.rows).toEqual(whole.rows.slice(0, p.rows.length));
  });

  it('recognises BOMs and BOM-less UTF-16', () => {
    expect(decodeHead(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))?.encoding).toBe('utf-8');
    const le = new Uint8Array([...'a,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeHead(le)).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-16le' });
    const tabbed = peekCsv(
      new Uint8Array([0xff, 0xfe, ...[...'名称\t规格\n阿莫西林\t0.25g\n'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]),
      true,
    )!;
    expect(tabbed.rows.map((r) => r.cells)).toEqual([
      ['名称', '规格'],
      ['阿莫西林', '0.25g'],
    ]);
  });

  it('lists the sheets of an XLSX and reads its first rows (title rows above the header)', () => {
    const p = peekXlsx(bytes('ledger.xlsx'), null, 5);
    expect(p.format).toBe('xlsx');
    expect(p.sheets.map((s) => s.name)).toContain('销售记录');
    expect(p.sheet).toBe('销售记录');
    expect(p.rows[0].cells[0]).toContain('药品销售记录');
    const header = p.rows.find((r) => r.cells[0] === '单据编号');
    expect(header?.row).toBe(3);
    expect(p.rows).toHaveLength(5);
  });

  it('reads a chosen sheet of a workbook with several', () => {
    const files = fs.readdirSync(path.join(CORPORA_DIR, 'yiling-templates')).filter((f) => f.endsWith('.xlsx'));
    const many = files
      .map((f) => ({ f, p: peekXlsx(new Uint8Array(fs.readFileSync(path.join(CORPORA_DIR, 'yiling-templates', f))), null, 3) }))
      .find(({ p }) => p.sheets.length > 1);
    expect(many).toBeDefined();
    const second = many!.p.sheets[1].name;
    const p = peekXlsx(new Uint8Array(fs.readFileSync(path.join(CORPORA_DIR, 'yiling-templates', many!.f))), second, 3);
    expect(p.sheet).toBe(second);
  });

  it('reads a minimal workbook with inline and shared strings', () => {
    const zip = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      '_rels/.rels': strToU8(
        '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>批号</t></si><si><r><t>数</t></r><r><t>量</t></r></si></sst>'),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>00123</t></is></c><c r="C3"><v>5</v></c></row></sheetData></worksheet>',
      ),
    });
    expect([...zipEntries(zip).keys()]).toContain('xl/worksheets/sheet1.xml');
    const p = peekXlsx(zip, null);
    expect(p.sheets).toEqual([{ name: '数据', state: 'visible' }]);
    expect(p.rows).toEqual([
      { row: 2, cells: ['批号', '', '数量'] },
      { row: 3, cells: ['00123', '', '5'] },
    ]);
  });

  it('gives no preview (instead of failing) for .xls and broken files', async () => {
    expect(await peekFile(new Blob([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])]))).toBeNull();
    expect(await peekFile(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]))).toBeNull();
    const csv = await peekFile(new Blob([bytes('ledger-utf8.csv')]), { maxRows: 2 });
    expect(csv?.rows).toHaveLength(2);
  });
});
