import { describe, expect, it } from 'vitest';
import { BATCH_STATUS, INVOICE_TYPE, SCOPE_CATEGORIES, SPECIAL_CONTROL } from '../../schema/enums';
import {
  excelSerialToDate,
  normalizeCell,
  parseBool,
  parseCode,
  parseDate,
  parseDateTime,
  parseEnum,
  parseInteger,
  parseList,
  parseMoney,
  parseNumber,
  toHalfWidth,
} from '../../imports/normalize';
import type { NormalizableField } from '../../imports/normalize';
import { cellsNormalizer } from '../../imports/normalize/row';

const v = (r: { value: unknown } | { error: unknown }) => ('value' in r ? r.value : r);
const isErr = (r: { value: unknown } | { error: { zh: string; en: string } }) => 'error' in r && !!r.error.zh && !!r.error.en;

describe('dates', () => {
  it('Excel serials, 1900 system, including the phantom 1900-02-29', () => {
    expect(excelSerialToDate(1)).toEqual({ date: '1900-01-01' });
    expect(excelSerialToDate(59)).toEqual({ date: '1900-02-28' });
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(61)).toEqual({ date: '1900-03-01' });
    expect(excelSerialToDate(45356)).toEqual({ date: '2024-03-05' });
    expect(excelSerialToDate(45356.75)).toEqual({ date: '2024-03-05', time: '18:00:00' });
    expect(excelSerialToDate(45356.99999999)).toEqual({ date: '2024-03-06' });
    expect(isErr(parseDate(60) as any)).toBe(true);
    expect(v(parseDate(45356))).toBe('2024-03-05');
  });

  it('1904 system', () => {
    expect(excelSerialToDate(0, true)).toEqual({ date: '1904-01-01' });
    expect(excelSerialToDate(43894, true)).toEqual({ date: '2024-03-05' });
    expect(v(parseDate(43894, { date1904: true }))).toBe('2024-03-05');
  });

  it('every written form of DESIGN.md', () => {
    const cases: Record<string, string> = {
      '2024-03-05': '2024-03-05',
      '2024-3-5': '2024-03-05',
      '2024/3/5': '2024-03-05',
      '2024.03.05': '2024-03-05',
      '2024年3月5日': '2024-03-05',
      '2024年03月05号': '2024-03-05',
      '20240305': '2024-03-05',
      '２０２４－０３－０５': '2024-03-05',
      '2024-03-05 10:20': '2024-03-05',
      ' 2024/03/05T10:20:30 ': '2024-03-05',
      '45356': '2024-03-05',
      '2026-05': '2026-05-31',
      '2024-02': '2024-02-29',
      '2026年5月': '2026-05-31',
      '2026/5': '2026-05-31',
      '202605': '2026-05-31',
      '2026.05': '2026-05-31',
    };
    for (const [text, date] of Object.entries(cases)) expect(v(parseDate(text)), text).toBe(date);
  });

  it('a date cell from XLSX, empty cells, and errors', () => {
    expect(v(parseDate({ date: '2024-03-05', serial: 45356 }))).toBe('2024-03-05');
    expect(v(parseDate(null))).toBeNull();
    expect(v(parseDate('  '))).toBeNull();
    for (const bad of ['2024-02-30', '2024-13-01', '05/03/2024', '明天', '2024-03-05 25:00', { error: '#N/A' }, true]) {
      expect(isErr(parseDate(bad as any) as any), String(bad)).toBe(true);
    }
    expect((parseDate('2024-02-30') as any).error.zh).toBe('日期不存在：2024-02-30');
    expect((parseDate('2023/2/29') as any).error.zh).toBe('日期不存在：2023/2/29');
    expect(v(parseDate('2024/2/29'))).toBe('2024-02-29');
  });

  it('datetimes keep the time with the China offset', () => {
    expect(v(parseDateTime('2024-03-05 10:20'))).toBe('2024-03-05T10:20:00+08:00');
    expect(v(parseDateTime('2024年3月5日 8时5分'))).toBe('2024-03-05T08:05:00+08:00');
    expect(v(parseDateTime('2024-03-05'))).toBe('2024-03-05');
    expect(v(parseDateTime(45356.5))).toBe('2024-03-05T12:00:00+08:00');
  });
});

describe('numbers and money', () => {
  it('money with ¥, separators, 元, full-width digits, parentheses', () => {
    expect(v(parseMoney('¥1,234.50'))).toBe(1234.5);
    expect(v(parseMoney('￥1,234,567.891'))).toBe(1234567.89);
    expect(v(parseMoney('１２３'))).toBe(123);
    expect(v(parseMoney('1,234.5元'))).toBe(1234.5);
    expect(v(parseMoney('(120.00)'))).toBe(-120);
    expect(v(parseMoney('-¥5'))).toBe(-5);
    expect(v(parseMoney(1.005))).toBe(1.01);
    expect(v(parseMoney(381.44))).toBe(381.44);
    expect(isErr(parseMoney('待定') as any)).toBe(true);
    expect(isErr(parseMoney('1,23') as any)).toBe(true);
    expect((parseMoney('待定') as any).error.zh).toContain('待定');
  });
  it('numbers and integers', () => {
    expect(v(parseNumber('1.5E+3'))).toBe(1500);
    expect(v(parseNumber(' 12 '))).toBe(12);
    expect(v(parseInteger('10'))).toBe(10);
    expect(v(parseInteger(12.0000000001))).toBe(12);
    expect(isErr(parseInteger('10.5') as any)).toBe(true);
    expect(isErr(parseNumber('abc') as any)).toBe(true);
    expect(v(parseNumber(''))).toBeNull();
  });
});

describe('booleans, enums, lists', () => {
  it('booleans', () => {
    for (const y of ['是', 'Y', 'yes', 'TRUE', '√', '✓', '1', 1, true, '有']) expect(v(parseBool(y as any)), String(y)).toBe(true);
    for (const n of ['否', 'n', 'No', 'false', '×', 'x', '0', 0, false, '无']) expect(v(parseBool(n as any)), String(n)).toBe(false);
    expect(v(parseBool(null))).toBeNull();
    expect(isErr(parseBool('也许') as any)).toBe(true);
  });
  it('enums by Chinese label, English key or English label; each part of 待验/暂停', () => {
    expect(v(parseEnum('增值税专用发票', INVOICE_TYPE))).toBe('vat_special');
    expect(v(parseEnum('vat_ordinary', INVOICE_TYPE))).toBe('vat_ordinary');
    expect(v(parseEnum('VAT special invoice', INVOICE_TYPE))).toBe('vat_special');
    expect(v(parseEnum('暂停', BATCH_STATUS))).toBe('quarantined');
    expect(v(parseEnum('待验/暂停', BATCH_STATUS))).toBe('quarantined');
    const e = parseEnum('收据', INVOICE_TYPE) as any;
    expect(e.error.zh).toBe('不是允许的取值：收据（可选：增值税专用发票、增值税普通发票）');
  });
  it('lists split on 、，,;；/ and keep vocabulary items that contain a slash', () => {
    expect(v(parseList('湖北省、湖南省，河南省;江西省/ 安徽省'))).toEqual(['湖北省', '湖南省', '河南省', '江西省', '安徽省']);
    expect(v(parseList('中成药、蛋白同化制剂/肽类激素；第二类医疗器械', { vocabulary: SCOPE_CATEGORIES }))).toEqual([
      '中成药',
      '蛋白同化制剂/肽类激素',
      '第二类医疗器械',
    ]);
    expect((parseList('中成药、保健品', { vocabulary: SCOPE_CATEGORIES }) as any).error.zh).toBe('不在经营范围类别中：保健品');
    expect(v(parseList('含麻黄碱类复方制剂、codeine', { enum: SPECIAL_CONTROL }))).toEqual(['ephedrine', 'codeine']);
    expect(v(parseList(null))).toEqual([]);
  });
});

describe('codes and text', () => {
  it('codes stay text: leading zeros, numbers without .0 or exponent, full-width alphanumerics', () => {
    expect(v(parseCode('00123'))).toBe('00123');
    expect(v(parseCode(123))).toBe('123');
    expect(v(parseCode(202455239))).toBe('202455239');
    expect(v(parseCode(1.2345e21))).toBe('1234500000000000000000');
    expect(v(parseCode(123456789012345680000))).toBe('123456789012345680000');
    expect(v(parseCode('国药准字Ｈ２００２２８９１'))).toBe('国药准字H20022891');
    expect(v(parseCode(' 00210PRG1 '))).toBe('00210PRG1');
  });
  it('names keep their full-width punctuation', () => {
    expect(v(normalizeCell({ kind: 'text' }, ' 湖北（武汉）医药有限公司 '))).toBe('湖北（武汉）医药有限公司');
    expect(toHalfWidth('ＡＢＣ　１２３（）')).toBe('ABC 123()');
  });
  it('normalizeCell dispatches on the field kind', () => {
    expect(v(normalizeCell({ kind: 'date' }, '2024/3/5'))).toBe('2024-03-05');
    expect(v(normalizeCell({ kind: 'money' }, '¥12'))).toBe(12);
    expect(v(normalizeCell({ kind: 'bool' }, '是'))).toBe(true);
    expect(v(normalizeCell({ kind: 'enum', enum: INVOICE_TYPE }, '增值税普通发票'))).toBe('vat_ordinary');
    expect(v(normalizeCell({ kind: 'text', code: true }, 123))).toBe('123');
    expect(v(normalizeCell({ kind: 'ref' }, '某医院'))).toBe('某医院');
  });
});

describe('a row normaliser (compiled once per import)', () => {
  const fields = new Map<string, NormalizableField>([
    ['batch', { kind: 'text', code: true }],
    ['quantity', { kind: 'number' }],
    ['sale_date', { kind: 'date' }],
    ['buyer', { kind: 'text' }],
  ]);
  const cols = [
    { field: 'batch', index: 0 },
    { field: null, index: 1 },
    { field: 'quantity', index: 2 },
    { field: 'sale_date', index: 3 },
    { field: 'buyer', index: 4 },
  ];
  const n = cellsNormalizer(fields, cols);

  it('a row without errors: every mapped field, in column order, as normalised (00123 kept, empty as null, full width made half)', () => {
    const r = n(['００１２３', 'x', '12', '2024/6/29', '']);
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({ batch: '00123', quantity: 12, sale_date: '2024-06-29', buyer: null });
    expect(Object.keys(r.values)).toEqual(['batch', 'quantity', 'sale_date', 'buyer']);
  });

  it('a row with errors: the bad fields left out and listed, the others kept, in column order', () => {
    const r = n(['00123', null, 'abc', 'not a date', '张三\ud800']);
    expect(r.values).toEqual({ batch: '00123' });
    expect(r.errors.map((e) => e.field)).toEqual(['quantity', 'sale_date', 'buyer']);
    expect(r.errors.every((e) => e.zh && e.en)).toBe(true);
  });
});
