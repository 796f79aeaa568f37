/** The attachment store's messages: Chinese first, English on request (like schema/messages.ts msg()). */
import type { Lang } from '../../../schema/messages';

const MESSAGES = {
  not_multipart: ['请以 multipart/form-data 上传扫描件（字段 file）', 'Upload the scan as multipart/form-data (field "file")'],
  malformed: ['上传内容不是有效的 multipart 格式（{reason}）', 'The upload is not a valid multipart body ({reason})'],
  no_file: ['请以 multipart 字段 file 上传扫描件', 'Upload the scan as the multipart field "file"'],
  empty_file: ['上传的文件是空的', 'The uploaded file is empty'],
  too_large: ['扫描件超过 {mb} MB 上限，请压缩或分页扫描后再上传', 'The scan is larger than the {mb} MB limit: compress it or scan fewer pages per file'],
  bad_type: [
    '「{name}」不是 PDF、JPEG 或 PNG 文件（按文件内容判断{detected}），已拒收。请上传扫描件的 PDF 或图片',
    '"{name}" is not a PDF, JPEG or PNG file (judged by its content{detected}) and was refused. Upload the scan as a PDF or an image',
  ],
  no_attachments: ['{resource} 不能附加扫描件', '{resource} records cannot carry attachments'],
  bad_kind: ['附件类型无效：{kind}（{resource}可选：{options}）', 'Not an attachment kind of {resource}: {kind} (allowed: {options})'],
  record_voided: ['记录已作废，不能再附加扫描件', 'The record is voided: no scans can be attached to it'],
  bad_replaces: ['要替换的附件 #{id} 不是这条记录的现行附件', 'Attachment #{id} is not a current attachment of this record'],
  file_missing: ['附件 #{id} 的文件不在存储中（{sha}）', 'The file of attachment #{id} is missing from the store ({sha})'],
} as const satisfies Record<string, readonly [string, string]>;

type AttachmentMessage = keyof typeof MESSAGES;

export function amsg(lang: Lang, key: AttachmentMessage, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
