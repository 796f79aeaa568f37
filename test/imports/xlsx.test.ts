import { describe, expect, it } from 'vitest';
import type { SheetRow } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { openTable } from '../../imports/headers/table';
import { openSpreadsheet } from '../../imports/readers/open';
import { openXlsx } from '../../imports/readers/xlsx';
import { isDateFormat, parseSharedStrings } from '../../schema/files/xlsx-parts';
import { SharedStringsScanner } from '../../schema/files/xlsx-sst';
import { SheetScanner } from '../../schema/files/xlsx-sheet';
import { collect, excelBook, rawXlsx, src, utf16, worksheetXml } from './helpers';

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
const xlsxRows = async (bytes: Uint8Array, sheet?: string | number) => {
  const book = await openXlsx(src(bytes, 'x.xlsx'));
  return collect(book.sheet(sheet).rows());
};

describe('XLSX written by exceljs', () => {
  it('title rows, merged cells, dates, codes, formula results and a 合计 footer come out typed', async () => {
    const bytes = await excelBook((wb) => {
      const ws = wb.addWorksheet('销售记录');
      ws.addRow(['湖北某医药有限公司 药品销售记录']);
      ws.mergeCells('A1:F1');
      ws.addRow(['制表日期：2025-06-30']);
      ws.addRow(['单据编号', '销售日期', '批号', '数量', '单价', '金额']);
      ws.addRow(['XS1', d(2024, 3, 5), '00123', 2, 10.5, { formula: 'D4*E4', result: 21 }]);
      ws.addRow(['XS2', d(2024, 2, 29), 123, 3, 1.25, { formula: 'D5*E5', result: 3.75 }]);
      ws.addRow(['合计', null, null, { formula: 'SUM(D4:D5)', result: 5 }, null, { formula: 'SUM(F4:F5)', result: 24.75 }]);
      const code = ws.getCell('C5');
      code.numFmt = '00000';
      ws.getCell('B4').numFmt = 'yyyy"年"m"月"d"日"';
    });
    const book = await openXlsx(src(bytes, 'x.xlsx'));
    const reader = book.sheet();
    const rows = await collect(reader.rows());
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].cells).toEqual(['湖北某医药有限公司 药品销售记录']);
    expect(rows[3].cells).toEqual(['XS1', { date: '2024-03-05', serial: 45356 }, '00123', 2, 10.5, 21]);
    expect(rows[4].cells).toEqual(['XS2', { date: '2024-02-29', serial: 45351 }, '00123', 3, 1.25, 3.75]);
    expect(rows[5].cells).toEqual(['合计', null, null, 5, null, 24.75]);
    expect(reader.merges).toEqual(['A1:F1']);
  });

  it('1904 date system', async () => {
    const bytes = await excelBook((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('S');
      ws.addRow(['有效期至', d(2026, 5, 31)]);
      ws.addRow(['生产日期', d(1904, 1, 2)]);
    });
    const book = await openXlsx(src(bytes, 'x.xlsx'));
    expect(book.date1904).toBe(true);
    const rows = await collect(book.sheet().rows());
    expect(rows[0].cells[1]).toMatchObject({ date: '2026-05-31' });
    expect(rows[1].cells[1]).toMatchObject({ date: '1904-01-02', serial: 1 });
  });

  it('several sheets: listed with their states, each selectable by name or index', async () => {
    const bytes = await excelBook((wb) => {
      wb.addWorksheet('说明').addRow(['本表用于导入']);
      const h = wb.addWorksheet('隐藏', { state: 'hidden' });
      h.addRow(['secret']);
      wb.addWorksheet('数据').addRows([
        ['单位名称', '单位类型'],
        ['武汉市某医院', '医疗机构'],
      ]);
    });
    const book = await openSpreadsheet(src(bytes, 'x.xlsx'));
    expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
      ['说明', 'visible'],
      ['隐藏', 'hidden'],
      ['数据', 'visible'],
    ]);
    expect((await collect(await book.sheet('数据').rows()))[1].cells).toEqual(['武汉市某医院', '医疗机构']);
    expect((await collect(await book.sheet(1).rows()))[0].cells).toEqual(['secret']);
    expect(await collect(await book.sheet(' 数据 ').rows())).toHaveLength(2);
    const err = (() => {
      try {
        book.sheet('Sheet9');
      } catch (e) {
        return e;
      }
    })() as ImportFileError;
    expect(err.code).toBe('no_sheet');
    expect(err.zh).toContain('说明、隐藏、数据');
  });

  it('without --sheet, the table is the first worksheet whose header maps to the kind; --sheet picks one', async () => {
    const bytes = await excelBook((wb) => {
      wb.addWorksheet('说明').addRows([['填表说明'], ['日期请写成 2024-03-05']]);
      wb.addWorksheet('数据').addRows([
        ['单位名称', '单位类型', '客户名称'],
        ['武汉市某医院', '医疗机构', 'x'],
      ]);
    });
    const book = await openSpreadsheet(src(bytes, 'x.xlsx'));
    const t = await openTable(book, 'customers');
    expect(t.sheet).toBe('数据');
    expect(t.mapping).toEqual({ 单位名称: 'name', 单位类型: 'type' });
    expect(t.unmapped).toEqual(['客户名称']);
    const err = await openTable(book, 'customers', { sheet: '说明' }).catch((e) => e);
    expect(err.code).toBe('no_header');
    expect(err.zh).toContain('工作表“说明”');
  });

  it('booleans, errors, rich text and numbers written by exceljs', async () => {
    const bytes = await excelBook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow([true, false, { error: '#N/A' }, { richText: [{ text: '单位' }, { text: '名称', font: { bold: true } }] }, 1e21, 0.1 + 0.2]);
    });
    const [row] = await xlsxRows(bytes);
    expect(row.cells).toEqual([true, false, { error: '#N/A' }, '单位名称', 1e21, 0.30000000000000004]);
  });
});

describe('hand-written sheet XML', () => {
  it('namespace prefixes, inline and rich strings, phonetic runs, entities, _x000D_, missing r, t="d", CDATA', async () => {
    const xml =
      `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>A&amp;B &lt;x&gt; &#x4E2D;&#25991;</x:t></x:is></x:c>` +
      `<x:c t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">漢 </x:t></x:r><x:r><x:t>字</x:t></x:r><x:rPh sb="0" eb="1"><x:t>カン</x:t></x:rPh></x:is></x:c>` +
      `<x:c><x:v>42</x:v></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>` +
      `<x:row><x:c t="d"><x:v>2024-03-05T10:20:00</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c>` +
      `<x:c t="str"><x:f>A1&amp;"x"</x:f><x:v><![CDATA[a<b & c]]></x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>` +
      `<x:row r="9"/>` +
      `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B2:C2"/></x:mergeCells></x:worksheet>`;
    const bytes = rawXlsx({
      sheets: [{ name: 'S', xml }],
      sharedStrings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>line_x000D_break</t></si><si><r><t>富</t></r><r><rPr/><t>文本</t></r><rPh><t>ふ</t></rPh></si></sst>`,
    });
    const book = await openXlsx(src(bytes, 'x.xlsx'));
    const reader = book.sheet();
    const rows = await collect(reader.rows());
    expect(rows).toEqual([
      { row: 2, cells: [null, 'A&B <x> 中文', '漢 字', 42, 'line\rbreak'] },
      { row: 3, cells: [{ date: '2024-03-05', time: '10:20:00', serial: 45356 + (10 * 60 + 20) / 1440 }, { error: '#DIV/0!' }, true, 'a<b & c', '富文本'] },
    ]);
    expect(reader.merges).toEqual(['B2:C2']);
  });

  it('line ends as Excel reads them: a literal CRLF or CR is one LF, a CR written as &#13; or _x000D_ stays', async () => {
    const xml =
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` +
      `<c t="inlineStr"><is><t>a\r\nb\rc</t></is></c><c t="str"><v>d\r\ne&#13;f</v></c><c t="inlineStr"><is><t><![CDATA[g\r\nh]]></t></is></c>` +
      `<c t="s"><v>0</v></c><c t="s"><v>1</v></c></row></sheetData></worksheet>`;
    const bytes = rawXlsx({
      sheets: [{ name: 'S', xml }],
      sharedStrings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>i\r\nj_x000D_k</t></si><si><t><![CDATA[l\rm]]></t></si></sst>`,
    });
    expect(await xlsxRows(bytes)).toEqual([{ row: 1, cells: ['a\nb\nc', 'd\ne\rf', 'g\nh', 'i\nj\rk', 'l\nm'] }]);
  });

  it('dates from built-in and custom number formats, in both date systems; 1900-02-29 stays a number', async () => {
    const sheetData =
      '<row r="1"><c s="1"><v>45356</v></c><c s="2"><v>45356.5</v></c><c s="3"><v>45356</v></c><c s="4"><v>60</v></c><c s="5"><v>1234.5</v></c><c s="6"><v>123</v></c></row>';
    const styles = { xfs: [0, 14, 22, 164, 14, 4, 165], numFmts: { 164: '[$-804]yyyy"年"m"月"d"日";@', 165: '00000' } };
    let rows = await xlsxRows(rawXlsx({ sheets: [{ name: 'S', sheetData }], styles }));
    expect(rows[0].cells).toEqual([
      { date: '2024-03-05', serial: 45356 },
      { date: '2024-03-05', time: '12:00:00', serial: 45356.5 },
      { date: '2024-03-05', serial: 45356 },
      60,
      1234.5,
      '00123',
    ]);
    rows = await xlsxRows(rawXlsx({ sheets: [{ name: 'S', sheetData }], styles, date1904: true }));
    expect(rows[0].cells[0]).toEqual({ date: '2028-03-06', serial: 45356 });
    expect(rows[0].cells[3]).toEqual({ date: '1904-03-01', serial: 60 });
  });

  it('isDateFormat', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy h:mm', 'yyyy"年"m"月"d"日"', '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', '[h]:mm:ss', 'mm:ss.0']) {
      expect(isDateFormat(f), f).toBe(true);
    }
    for (const f of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '0.00E+00', '@', '"¥"#,##0.00', '0.00"元"', '[$€-2] #,##0.00']) {
      expect(isDateFormat(f), f).toBe(false);
    }
  });

  it('the scanner gives the same rows however the XML is cut into chunks', () => {
    const xml = worksheetXml(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>单位&amp;名称</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="1"><v>45356</v></c></row>' +
        '<!-- a comment <row> --><row r="3" spans="1:3"><c r="A3" t="str"><f>"x"</f><v>&lt;v&gt;</v></c><c r="C3"><v>1.5E+3</v></c></row>',
      '<mergeCells><mergeCell ref="A1:B1"/></mergeCells>',
    );
    const run = (pieces: string[]) => {
      const sc = new SheetScanner({ sst: ['共享'], isDate: [false, true], padWidth: [], date1904: false, maxColumns: 100, part: 'p' });
      const rows: SheetRow[] = [];
      pieces.forEach((p, i) => {
        sc.feed(p, i === pieces.length - 1);
        rows.push(...sc.out);
        sc.out = [];
      });
      return { rows, merges: sc.merges };
    };
    const whole = run([xml]);
    expect(whole.rows).toEqual([
      { row: 1, cells: ['单位&名称', '共享', { date: '2024-03-05', serial: 45356 }] },
      { row: 3, cells: ['<v>', null, 1500] },
    ]);
    for (const size of [1, 2, 3, 7, 16, 61]) {
      const pieces: string[] = [];
      for (let i = 0; i < xml.length; i += size) pieces.push(xml.slice(i, i + size));
      expect(run(pieces)).toEqual(whole);
    }
  });

  it('parts written as UTF-16 (with a BOM) are read like UTF-8 ones: the sheet and its shared strings', async () => {
    const sheet = worksheetXml('<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>内联</t></is></c></row>');
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>共享</t></si></sst>`;
    const bytes = rawXlsx({
      sheets: [{ name: 'S', xml: sheet }],
      sharedStrings: ['placeholder'],
      extra: { 'xl/worksheets/sheet1.xml': utf16(sheet, 'le'), 'xl/sharedStrings.xml': utf16(sst, 'be') },
    });
    expect(await xlsxRows(bytes)).toEqual([{ row: 1, cells: ['共享', '内联'] }]);
  });

  it('the shared strings are the same however their XML is cut into chunks', () => {
    const xml =
      `<?xml version="1.0"?>\r\n<x:sst xmlns:x="${'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}" count="5">` +
      `<x:si><x:t>单位&amp;名称 &#x4E2D;</x:t></x:si><x:si/><!-- <si><t>not a string</t></si> -->` +
      `<x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">富 </x:t></x:r><x:r><x:t>文本</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ふ</x:t></x:rPh></x:si>` +
      `<x:si><x:t>a\r\nb_x000D_c<![CDATA[<&>\r]]>d</x:t></x:si><x:si><x:t/></x:si></x:sst>`;
    const whole = parseSharedStrings(xml, 'p');
    expect(whole).toEqual(['单位&名称 中', '', '富 文本', 'a\nb\rc<&>\nd', '']);
    for (const size of [1, 2, 3, 7, 16, 61]) {
      const sc = new SharedStringsScanner('p', Number.POSITIVE_INFINITY);
      for (let i = 0; i < xml.length; i += size) sc.feed(xml.slice(i, i + size), false);
      sc.feed('', true);
      expect(sc.strings, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('a shared-strings table over its limit is refused as a zip bomb, with the part named', async () => {
    const bytes = rawXlsx({
      sheets: [{ name: 'S', sheetData: '<row r="1"><c t="s"><v>0</v></c></row>' }],
      sharedStrings: ['甲'.repeat(100), '乙'.repeat(100)],
    });
    expect(await xlsxRows(bytes)).toEqual([{ row: 1, cells: ['甲'.repeat(100)] }]);
    const err = await collect((await openXlsx(src(bytes, 'x.xlsx'), { limits: { maxSharedStringUnits: 150 } })).sheet().rows()).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.code).toBe('zip_bomb');
    expect(err.zh).toContain('xl/sharedStrings.xml 的共享字符串超过');
    expect(err.en).toContain('the shared strings of xl/sharedStrings.xml exceed');
  });

  it('a long text node is read in one pass; a cell over 1M characters and a huge unterminated tag are refused', () => {
    const sheet = () => new SheetScanner({ sst: null, isDate: [], padWidth: [], date1904: false, maxColumns: 100, part: 'p' });
    const piece = `${'abcdefg'.repeat(256)}&amp;`; // 1,793 characters, 1,797 before decoding
    const feedText = (feed: (t: string) => void, pieces: number) => {
      for (let i = 0; i < pieces; i++) feed(piece);
    };
    const sc = sheet();
    sc.feed('<worksheet><sheetData><row r="1"><c t="str"><v>', false);
    feedText((t) => sc.feed(t, false), 500); // 900k characters in 500 chunks: quadratic when each chunk rescanned the carry
    sc.feed('</v></c></row></sheetData></worksheet>', true);
    expect((sc.out[0].cells[0] as string).length).toBe(500 * 1793);
    const big = sheet();
    big.feed('<worksheet><sheetData><row r="7"><c t="inlineStr"><is><t>', false);
    expect(() => feedText((t) => big.feed(t, false), 1000)).toThrow(/第 7 行有单元格文本超过 1048576 个字符/);
    const tag = sheet();
    tag.feed('<worksheet><sheetData><row r="1"><c r="A1" ', false);
    expect(() => {
      for (let i = 0; i < 64; i++) tag.feed(' x="1"'.repeat(4096), false);
    }).toThrow(/超过 1048576 个字符/);
    const sst = new SharedStringsScanner('p', Number.POSITIVE_INFINITY);
    sst.feed('<sst><si><t>x</t></si><si><t>', false);
    feedText((t) => sst.feed(t, false), 500);
    sst.feed('</t></si></sst>', true);
    expect(sst.strings.map((t) => t.length)).toEqual([1, 500 * 1793]);
    const bigSst = new SharedStringsScanner('p', Number.POSITIVE_INFINITY);
    bigSst.feed('<sst><si><t>', false);
    expect(() => feedText((t) => bigSst.feed(t, false), 1000)).toThrow(/第 1 个共享字符串超过 1048576 个字符/);
  });

  it('damaged sheet XML is a clean ImportFileError: text outside the root, truncation, mismatched tags, missing shared strings', async () => {
    const cases = [
      `<?xml version="1.0"?>\nfoo\n${worksheetXml('<row r="1"><c><v>1</v></c></row>').replace(/^<\?xml[^>]*>\n/, '')}`,
      worksheetXml('<row r="1"><c><v>1</v></c></row>').slice(0, -20),
      worksheetXml('<row r="1"><c><v>1</c></v></row>'),
      worksheetXml('<row r="1"><c t="s"><v>7</v></c></row>'),
    ];
    for (const xml of cases) {
      const err = await xlsxRows(rawXlsx({ sheets: [{ name: 'S', xml }], sharedStrings: ['a'] })).catch((e) => e);
      expect(err, xml).toBeInstanceOf(ImportFileError);
      expect(err.code).toBe('corrupt');
    }
  });

  it('an empty workbook sheet and a self-closing sheetData give no rows', async () => {
    expect(await xlsxRows(rawXlsx({ sheets: [{ name: 'S', xml: worksheetXml('').replace('<sheetData></sheetData>', '<sheetData/>') }] }))).toEqual([]);
  });
});
