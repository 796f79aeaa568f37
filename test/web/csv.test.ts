import { describe, expect, it } from 'vitest';
import { BOM, csvCell, escapeFormula, toCsv } from '../../web/src/generic/csv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and uses CRLF rows', () => {
    const csv = toCsv(['单位名称', '金额'], [['武汉康宁', 12.5]]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(csv).toBe(`${BOM}单位名称,金额\r\n武汉康宁,12.5\r\n`);
  });

  it.each(['=SUM(A1)', '+86 27', '-1+1', '@cmd', '\tx', '\rx'])('escapes the formula-looking text %j', (text) => {
    expect(escapeFormula(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text and numbers alone, negative numbers included', () => {
    expect(escapeFormula('国药准字H13023964')).toBe('国药准字H13023964');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
  });

  it('quotes separators, quotes and line breaks after escaping', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('两行\n文本')).toBe('"两行\n文本"');
  });
});
