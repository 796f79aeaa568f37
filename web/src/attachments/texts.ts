/** The attachment screens' words, zh first. */
export const T = {
  tab: { zh: '扫描件', en: 'Scans' },
  thisRecord: { zh: '本记录', en: 'This record' },
  kind: { zh: '附件类型', en: 'Kind' },
  required: { zh: '必需', en: 'Required' },
  file: { zh: '现行文件', en: 'Current file' },
  missing: { zh: '缺少（必需）', en: 'Missing (required)' },
  none: { zh: '无', en: 'None' },
  upload: { zh: '上传', en: 'Upload' },
  replace: { zh: '替换', en: 'Replace' },
  preview: { zh: '预览', en: 'Preview' },
  download: { zh: '下载', en: 'Download' },
  history: { zh: '历史版本', en: 'Earlier versions' },
  replacedBy: { zh: '已被替换', en: 'Replaced' },
  uploaded: { zh: '已上传：{name}', en: 'Uploaded: {name}' },
  close: { zh: '关闭', en: 'Close' },
  hint: {
    zh: 'PDF、JPEG 或 PNG（按文件内容判断）；扫描件存档后不可修改，替换时保留历史版本。已审核的购货单位或品种上传新扫描件将退回待审核。',
    en: 'PDF, JPEG or PNG (judged by content); a stored scan never changes and a replacement keeps the old version. A new scan on an approved customer or product sends it back to review.',
  },
  deliveryList: { zh: '资料交付清单', en: 'Documents provided' },
} as const;
