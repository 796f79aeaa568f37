/**
 * Why a file cannot be imported at all. The CLI prints `zh` (or `en`) on one line and exits 2; the API
 * answers 400 with it. Nothing has been written when one of these is thrown by a reader.
 */
export const FILE_ERROR_CODES = [
  'not_spreadsheet',
  'password_protected',
  'legacy_xls',
  'unsupported_format',
  'zip_bomb',
  'too_large',
  'corrupt',
  'empty',
  'no_header',
  'bad_encoding',
  'no_sheet',
  'unreadable',
] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

type Params = Record<string, string | number>;
const TEXT: Record<FileErrorCode, readonly [zh: string, en: string]> = {
  not_spreadsheet: [
    '文件不是可导入的电子表格（{detail}）。请上传 .xlsx 或 .csv 文件',
    'The file is not a spreadsheet that can be imported ({detail}). Upload an .xlsx or .csv file',
  ],
  password_protected: [
    '文件设置了打开密码（已加密），无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx 再导入',
    'The file is password-protected (encrypted). Remove the password in Excel and save it as .xlsx, then import again',
  ],
  legacy_xls: [
    '不支持旧版 Excel 97-2003 工作簿（.xls）。请在 Excel 中打开后“另存为” Excel 工作簿（.xlsx）再导入',
    'Excel 97-2003 workbooks (.xls) are not supported. Open the file in Excel and save it as an Excel Workbook (.xlsx), then import again',
  ],
  unsupported_format: [
    '不支持该文件格式（{detail}）。请另存为 Excel 工作簿（.xlsx）或 CSV 后再导入',
    'Unsupported file format ({detail}). Save it as an Excel Workbook (.xlsx) or CSV and import again',
  ],
  zip_bomb: [
    '文件解压后过大或压缩比异常（{detail}），疑似压缩炸弹，已拒绝',
    'The file expands to an excessive size or has an abnormal compression ratio ({detail}); refused as a possible zip bomb',
  ],
  too_large: ['文件过大（{size}），超过上限 {limit}。请拆分后分批导入', 'The file is too large ({size}); the limit is {limit}. Split it and import in parts'],
  corrupt: [
    '文件已损坏或格式不正确，无法读取（{detail}）。请在 Excel 中打开并重新另存为 .xlsx 后再导入',
    'The file is damaged or malformed and cannot be read ({detail}). Open it in Excel, save it again as .xlsx and retry',
  ],
  empty: ['文件没有任何数据', 'The file contains no data'],
  no_header: [
    '未找到表头行：{where}前 {rows} 行中没有可识别的列名（例如：{examples}）',
    'No header row found: no recognisable column names (such as {examples}) in the first {rows} rows{where_en}',
  ],
  bad_encoding: [
    '无法识别文件的文字编码（既不是 UTF-8，也不是 GBK/GB18030，第 {row} 行附近有无效字节）。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入',
    'Unrecognised text encoding (neither UTF-8 nor GBK/GB18030; invalid bytes near row {row}). Save it as "CSV UTF-8" or .xlsx and import again',
  ],
  no_sheet: ['工作簿中没有名为“{sheet}”的工作表（现有：{sheets}）', 'The workbook has no sheet named "{sheet}" (sheets: {sheets})'],
  unreadable: ['无法读取文件：{detail}', 'Cannot read the file: {detail}'],
};

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (_m, p) => (p in params ? String(params[p]) : ''));
}

export class ImportFileError extends Error {
  readonly code: FileErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly params: Params;
  /** `detail` is Chinese; `detail_en` (defaults to `detail`) its English version. */
  constructor(code: FileErrorCode, params: Params = {}) {
    const zh = fill(TEXT[code][0], params);
    const en = fill(TEXT[code][1], { where_en: '', ...params, detail: params.detail_en ?? params.detail ?? '' });
    super(zh);
    this.name = 'ImportFileError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.params = params;
  }
  text(lang: 'zh' | 'en'): string {
    return lang === 'en' ? this.en : this.zh;
  }
}

/** 1536 → "1.5 KB", for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ${units[u]}`;
}
