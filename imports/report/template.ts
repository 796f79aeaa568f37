/**
 * The import template of a kind (DOMAIN.md "Import files of a resource"): one column per field, headed by
 * its Chinese label — a reference by the target's natural key (单位名称; 通用名称 + 批准文号 + 规格 …) — and
 * a second sheet 说明 listing, per column, the other accepted headers, whether it is required and the
 * allowed values. `sales-ledger`: DOMAIN.md's ledger columns.
 */
import ExcelJS from 'exceljs';
import { getKind, type ImportField } from '../headers/kinds';

function allowed(f: ImportField): string {
  if (f.enum) return f.enum.values.map((k) => f.enum!.labels[k][0]).join('、');
  if (f.vocabulary) return f.vocabulary.join('、');
  switch (f.kind) {
    case 'bool':
      return '是 / 否';
    case 'date':
      return '日期，如 2024-03-05';
    case 'datetime':
      return '日期或日期时间';
    case 'money':
      return '金额（数字）';
    case 'number':
    case 'int':
      return '数字';
    case 'list':
      return '多个值用、分隔';
    default:
      return '';
  }
}

/** The template workbook as bytes; undefined for an unknown kind. */
export async function templateXlsx(kind: string): Promise<Buffer | undefined> {
  const info = getKind(kind);
  if (!info) return undefined;
  const wb = new ExcelJS.Workbook();
  // Excel forbids * ? : \ / [ ] in sheet names (顾客访问/售后服务记录): full-width twins keep the label readable
  const ws = wb.addWorksheet(info.label.replace(/[*?:\\/[\]]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).slice(0, 31));
  const header = ws.addRow(info.fields.map((f) => f.label));
  header.font = { bold: true };
  info.fields.forEach((f, i) => {
    ws.getColumn(i + 1).width = Math.max(10, f.label.length * 2 + 4);
    if (f.code) ws.getColumn(i + 1).numFmt = '@'; // identifiers stay text (batch 00123)
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('说明');
  help.addRow(['列名', '英文', '必填', '也可写作', '取值']).font = { bold: true };
  for (const f of info.fields) {
    const others = f.names.map((n) => n.name).filter((n) => n !== f.label && n !== f.labelEn && n !== f.key);
    help.addRow([f.label, f.labelEn, f.required ? '是' : '', others.join('、'), allowed(f)]);
  }
  [16, 24, 6, 40, 60].forEach((w, i) => (help.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
