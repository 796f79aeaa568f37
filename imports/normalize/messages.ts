/** Why a cell could not be normalised, in both languages (the report picks one). */
export interface NormError {
  zh: string;
  en: string;
}
export type NormResult<T> = { value: T } | { error: NormError };

/** A failed normalisation, as the internal ("raw") normalisers return it instead of a value. */
export class Invalid {
  constructor(readonly error: NormError) {}
}

/** raw result → the public `{ value } | { error }` form */
export function wrap<T>(v: T | Invalid): NormResult<T> {
  return v instanceof Invalid ? v : { value: v };
}

const TEXT = {
  not_date: [
    '无法识别的日期：{value}（可用格式如 2024-03-05、2024/3/5、2024.03.05、2024年3月5日、20240305、2026-05）',
    'Unrecognised date: {value} (use e.g. 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日, 20240305, 2026-05)',
  ],
  bad_date: ['日期不存在：{value}', 'No such date: {value}'],
  date_1900_bug: ['Excel 序列号 60 对应不存在的 1900-02-29', 'Excel serial 60 is the non-existent 1900-02-29'],
  not_datetime: ['无法识别的日期时间：{value}', 'Unrecognised date/time: {value}'],
  not_number: ['应为数字：{value}', 'Must be a number: {value}'],
  not_money: ['应为金额（数字，可带 ¥ 和千分位）：{value}', 'Must be an amount (a number, ¥ and thousands separators allowed): {value}'],
  not_integer: ['应为整数：{value}', 'Must be a whole number: {value}'],
  not_bool: ['应为 是/否（也可填 Y/N、√/×、1/0）：{value}', 'Must be yes/no (是/否, Y/N, √/×, 1/0): {value}'],
  not_enum: ['不是允许的取值：{value}（可选：{options}）', 'Not an allowed value: {value} (allowed: {options})'],
  not_in_vocabulary: ['不在经营范围类别中：{value}', 'Not a scope category: {value}'],
  not_text: ['应为文本：{value}', 'Must be text: {value}'],
  excel_error: ['单元格是 Excel 错误值 {value}', 'The cell holds the Excel error {value}'],
  ill_formed_text: [
    '单元格含有无效的 Unicode 字符（孤立的代理项，如 XLSX 的 _xD800_），未导入：{value}',
    'The cell holds ill-formed Unicode (a lone surrogate, e.g. XLSX _xD800_); not imported: {value}',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type NormErrorKey = keyof typeof TEXT;

export function normError(key: NormErrorKey, params: Record<string, string | number> = {}): Invalid {
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
  return new Invalid({ zh: fill(TEXT[key][0]), en: fill(TEXT[key][1]) });
}

/** A value quoted in a message: trimmed and shortened. */
export function shown(v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
