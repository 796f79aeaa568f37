/**
 * What kind of file an upload is, from its bytes (the file name is only a hint): an XLSX is a zip, a legacy
 * .xls or an encrypted workbook is an OLE compound file, a CSV is text. Everything else is refused with the
 * reason, before any parsing.
 */
import { classifyOle, hasOleSignature } from './cfb';
import { sniffUtf16 } from '../../schema/files/text-encoding';
import { isZip } from '../../schema/files/zip-directory';
import { sniffBom } from './encoding';
import { ImportFileError, formatBytes } from '../../schema/files/errors';
import type { ReaderLimits } from './limits';
import type { ByteSource } from './source';

export type FileFormat = 'xlsx' | 'csv';

const startsWith = (head: Uint8Array, sig: number[] | string, at = 0) => {
  const bytes = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
  return bytes.every((b, i) => head[at + i] === b);
};

/** Magic numbers of things people upload by mistake, with a Chinese/English name for the message. */
const FOREIGN: Array<{ sig: number[] | string; zh: string; en: string }> = [
  { sig: '%PDF', zh: 'PDF 文档', en: 'a PDF document' },
  { sig: [0x89, 0x50, 0x4e, 0x47], zh: 'PNG 图片', en: 'a PNG image' },
  { sig: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { sig: 'GIF8', zh: 'GIF 图片', en: 'a GIF image' },
  { sig: 'Rar!', zh: 'RAR 压缩包', en: 'a RAR archive' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], zh: '7z 压缩包', en: 'a 7z archive' },
  { sig: [0x1f, 0x8b], zh: 'gzip 压缩文件', en: 'a gzip file' },
  { sig: 'SQLite format 3', zh: 'SQLite 数据库', en: 'an SQLite database' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], zh: '可执行程序', en: 'an executable' },
];

/** Markup that spreadsheet-like exports often really are (many Chinese systems save HTML as “.xls”). */
function sniffMarkup(text: string): ImportFileError | null {
  const t = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (t.startsWith('<?xml') && t.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return new ImportFileError('unsupported_format', { detail: 'Excel 2003 XML 表格', detail_en: 'Excel 2003 XML spreadsheet' });
  }
  if (/^<(!doctype html|html|table|head|body|meta)\b/.test(t) || t.startsWith('mime-version:')) {
    return new ImportFileError('unsupported_format', {
      detail: '网页（HTML）格式，常见于系统导出的“.xls”文件',
      detail_en: 'a web page (HTML), as many systems export as “.xls”',
    });
  }
  if (t.startsWith('{\\rtf')) return new ImportFileError('unsupported_format', { detail: 'RTF 文档', detail_en: 'an RTF document' });
  return null;
}

/** Too many control bytes for text in any of our encodings. */
function looksBinary(head: Uint8Array): boolean {
  let ctrl = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) ctrl++;
  }
  return ctrl > head.length * 0.01 + 2;
}

export function checkSize(size: number, limits: ReaderLimits): void {
  if (size > limits.maxFileBytes) {
    throw new ImportFileError('too_large', { size: formatBytes(size), limit: formatBytes(limits.maxFileBytes) });
  }
  if (size === 0) throw new ImportFileError('empty');
}

/**
 * 'xlsx' (a zip: the XLSX reader checks that it really is a workbook) or 'csv' (text); otherwise throws the
 * ImportFileError that explains why the file cannot be used.
 */
export async function detectFormat(src: ByteSource, limits: ReaderLimits): Promise<FileFormat> {
  checkSize(src.size, limits);
  const head = await src.read(0, 4096);
  if (isZip(head)) return 'xlsx';
  if (hasOleSignature(head)) {
    const { kind } = await classifyOle(src);
    if (kind === 'encrypted_ooxml') throw new ImportFileError('password_protected');
    if (kind === 'xls') throw new ImportFileError('legacy_xls');
    throw new ImportFileError('not_spreadsheet', {
      detail: 'Office 97-2003 文档（如 .doc），不是工作簿',
      detail_en: 'an Office 97-2003 document (e.g. .doc), not a workbook',
    });
  }
  for (const f of FOREIGN) {
    if (startsWith(head, f.sig)) throw new ImportFileError('not_spreadsheet', { detail: f.zh, detail_en: f.en });
  }
  const bom = sniffBom(head);
  const utf16 = bom?.name.startsWith('utf-16') ? bom : bom ? null : sniffUtf16(head);
  const text = utf16 ? new TextDecoder(utf16.name).decode(head.subarray(0, head.length - (head.length % 2))) : new TextDecoder('latin1').decode(head);
  const markup = sniffMarkup(text);
  if (markup) throw markup;
  if (!utf16 && looksBinary(head)) {
    throw new ImportFileError('not_spreadsheet', { detail: '二进制文件，不是文本或工作簿', detail_en: 'a binary file, neither text nor a workbook' });
  }
  return 'csv';
}
