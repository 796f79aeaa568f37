/**
 * The scans in a customer's inspection pack (下载完整档案): the customer's own, then each licence's and each
 * agent's, in record order, every version (a replaced scan is kept and marked so). The section's PDF lists them
 * with their SHA-256; the files themselves go into the ZIP beside it, numbered in the same order.
 */
import { registry } from '../../schema/resources';
import type { Row } from '../services/records';
import { attachmentRows, kindLabel } from '../services/attachments/slots';
import { attachmentsDir, storedFile } from '../services/attachments/store';
import { safeFileName } from './filename';
import { dateTime, text } from './format';
import { html, type SafeHtml } from './html';
import { listTable } from './parts';
import type { DocContext } from './types';

export interface PackFile {
  name: string;
  file: string;
  row: Row;
  owner: string;
}

const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** `records`: resource → the ids whose scans belong in the pack, in the pack's order. */
export async function packFiles(ctx: DocContext, records: [resource: string, rows: Row[], name: (r: Row) => string][]): Promise<PackFile[]> {
  const dir = attachmentsDir(ctx.db);
  const out: Omit<PackFile, 'name'>[] = [];
  for (const [resource, rows, name] of records) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of await attachmentRows(
      ctx.db,
      resource,
      rows.map((r) => r.id),
    )) {
      out.push({
        file: storedFile(dir, String(a.sha256)),
        row: a,
        owner: `${registry.get(resource)?.label[0] ?? resource} ${name(byId.get(Number(a.record_id))!)}`,
      });
    }
  }
  return out.map((p, i) => {
    const base = String(p.row.file_name).replace(/\.[^.]*$/, '');
    const old = p.row.superseded_by != null ? '-已替换' : '';
    return {
      ...p,
      name: `${String(i + 1).padStart(2, '0')}-${safeFileName(`${p.owner}-${kindLabel(String(p.row.kind), 'zh')}${old}-${base}`)}.${EXT[String(p.row.mime)] ?? 'bin'}`,
    };
  });
}

export function packFilesTable(files: PackFile[]): SafeHtml {
  return listTable(
    [
      { head: '文件', cell: (f: PackFile) => f.name },
      { head: '所属记录', cell: (f) => f.owner },
      { head: '附件类型', cell: (f) => kindLabel(String(f.row.kind), 'zh') },
      { head: '上传时间', cell: (f) => dateTime(f.row.created_at), nowrap: true },
      { head: '状态', cell: (f) => (f.row.superseded_by != null ? html`<span class="warn">已被 #${String(f.row.superseded_by)} 替换</span>` : '现行') },
      { head: 'SHA-256', cell: (f) => html`<span style="font-size:7pt;word-break:break-all">${text(f.row.sha256)}</span>` },
    ],
    files,
    { empty: '无扫描件' },
  );
}
