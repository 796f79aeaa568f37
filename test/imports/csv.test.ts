import { describe, expect, it } from 'vitest';
import { openCsv } from '../../imports/readers/csv';
import { detectDelimiter } from '../../schema/files/delimiter';
import { ImportFileError } from '../../schema/files/errors';
import { CORPORA, GB18030_U20000, collect, concat, gbkLines, sample, src, utf16 } from './helpers';

const rowsOf = async (bytes: Uint8Array, opts: Parameters<typeof openCsv>[1] = {}) => {
  const csv = await openCsv(src(bytes), opts);
  return { csv, rows: await collect(csv.rows()) };
};

describe('detectDelimiter', () => {
  it('comma, tab, semicolon; commas inside quotes do not count', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n"1,5"\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n"x,y,z,w";2;3\n')).toBe(';');
    expect(detectDelimiter('单一列\n值\n')).toBe(',');
  });
  it('a title line without delimiters above the header does not decide', () => {
    expect(detectDelimiter('湖北某医药有限公司 销售记录\n单号\t日期\t数量\nA\t2024-01-01\t3\n')).toBe('\t');
  });
});

describe('openCsv', () => {
  it('reads the UTF-8 and GBK sample ledgers to the same cells (apart from the headers and date styles)', async () => {
    const a = await rowsOf(sample('ledger-utf8.csv'));
    const b = await rowsOf(sample('ledger-gbk.csv'));
    expect(a.csv.encoding.name).toBe('utf-8');
    expect(b.csv.encoding.name).toBe('gb18030');
    expect(a.rows).toHaveLength(254);
    expect(b.rows).toHaveLength(254);
    expect(a.rows[1].cells.slice(0, 12)).toEqual(b.rows[1].cells.slice(0, 12));
    expect(a.rows[1].cells[11]).toBe('00464'); // batch numbers stay text
    expect(a.rows[1].cells[7]).toBe('10g(20%,50ml)'); // quoted comma
    expect(a.rows.at(-1)!.row).toBe(254);
  });

  it('Excel "Unicode text": UTF-16 LE with BOM and tabs', async () => {
    const { csv, rows } = await rowsOf(utf16('单据编号\t批号\t数量\r\nXS1\t00123\t5\r\n', 'le'));
    expect(csv.encoding.name).toBe('utf-16le');
    expect(csv.delimiter).toBe('\t');
    expect(rows).toEqual([
      { row: 1, cells: ['单据编号', '批号', '数量'] },
      { row: 2, cells: ['XS1', '00123', '5'] },
    ]);
  });

  it('UTF-16 BE with BOM', async () => {
    const { rows } = await rowsOf(utf16('a\tb\n1\t2\n', 'be'));
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('row numbers are Excel rows: a quoted line break stays in its cell, blank lines still count', async () => {
    const text = '名称,备注\r\n"阿莫西林","第一行\r\n第二行"\r\n\r\n布洛芬,"说""明"""\r\n';
    const { rows } = await rowsOf(concat(text));
    expect(rows).toEqual([
      { row: 1, cells: ['名称', '备注'] },
      { row: 2, cells: ['阿莫西林', '第一行\r\n第二行'] },
      { row: 4, cells: ['布洛芬', '说"明"'] },
    ]);
  });

  it('chunk boundaries anywhere — inside multibyte characters, quotes, CRLF — give the same rows', async () => {
    const text = '单号,名称,规格,批号\r\nXS1,"人血白蛋白,10g","10g(20%,\n50ml)",00123\r\nXS2,𠀀字,"a""b",0\r\n';
    const bytes = concat(text);
    const whole = (await rowsOf(bytes)).rows;
    expect(whole).toHaveLength(3);
    expect(whole[2].cells[1]).toBe('𠀀字');
    for (const chunkBytes of [1, 2, 3, 5, 7, 13]) {
      expect((await rowsOf(bytes, { chunkBytes })).rows).toEqual(whole);
    }
  });

  it('GB18030 streamed in tiny chunks keeps 4-byte characters', async () => {
    const bytes = concat(gbkLines(2), GB18030_U20000, ',"', GB18030_U20000, '\n', GB18030_U20000, '"\n');
    const whole = (await rowsOf(bytes)).rows;
    expect(whole.at(-1)!.cells).toEqual(['𠀀', '𠀀\n𠀀']);
    for (const chunkBytes of [1, 3, 4, 6]) expect((await rowsOf(bytes, { chunkBytes })).rows).toEqual(whole);
  });

  it('semicolon files, CR-only line ends, no final newline', async () => {
    expect((await rowsOf(concat('a;b\r1;2'))).rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('codes stay text (exceljs spec test-issue-991.csv)', async () => {
    const { rows } = await rowsOf(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(`${CORPORA}/exceljs-spec/test-issue-991.csv`))));
    expect(rows.map((r) => r.cells[0])).toEqual(['2019-11-04', '11-04-2019', '2019-11-04T10:17:55', '00210PRG1', '1234-5thisisnotadate']);
  });

  it('an unterminated quote cannot swallow the file: refused once a record passes the limit', async () => {
    const bytes = concat('a,b\n"never closed,', 'x'.repeat(5000), '\n', 'y,z\n'.repeat(2000));
    const err = await rowsOf(bytes, { limits: { maxRecordChars: 4096 }, chunkBytes: 1024 }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.code).toBe('corrupt');
  });

  it('bytes invalid in the detected encoding are an error, not U+FFFD', async () => {
    const bytes = concat('a,b\n', [0xe8, 0x8d], '\n');
    const err = await rowsOf(bytes, { encoding: { name: 'utf-8', bom: false, evidence: 'valid' } }).catch((e) => e);
    expect(err.code).toBe('bad_encoding');
  });
});
