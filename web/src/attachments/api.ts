/** The attachment routes (server/http/attachment-routes.ts) as the console calls them. */
import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import type { I18nLabel } from '../meta/meta-store';
import { API_URL, httpClient } from '../providers/http-client';

export interface AttachmentRow {
  id: number;
  resource: string;
  record_id: number;
  kind: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  note: string | null;
  supersedes: number | null;
  superseded_by: number | null;
  superseded_at: string | null;
  created_at: string;
  created_by: number | null;
}
export interface SlotState {
  kind: string;
  label: I18nLabel;
  required: boolean;
  present: boolean;
  rule: string | null;
}
export interface RecordAttachments {
  slots: SlotState[];
  attachments: AttachmentRow[];
}

export const contentUrl = (id: number, download = false) => `${API_URL}/attachments/${id}/content${download ? '?download=1' : ''}`;

export function useRecordAttachments(resource: string, id: Identifier | undefined) {
  return useQuery({
    queryKey: ['attachments', resource, String(id)],
    queryFn: () => httpClient(`${API_URL}/attachments/of/${resource}/${id}`).then(({ json }) => json as RecordAttachments),
    enabled: id != null,
    retry: false,
  });
}

/** POST the file; the server judges its type by content and answers 201 or a zh/en message. */
export function uploadAttachment(resource: string, id: Identifier, kind: string, file: File, replaces?: number) {
  const body = new FormData();
  body.set('kind', kind);
  if (replaces != null) body.set('replaces', String(replaces));
  body.set('file', file, file.name);
  return httpClient(`${API_URL}/attachments/${resource}/${id}`, { method: 'POST', body }).then(({ json }) => json as AttachmentRow);
}

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
