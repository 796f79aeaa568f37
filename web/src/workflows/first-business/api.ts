/** The read endpoints of the 首营, authorisation and contract flows (server/http/workflows/first-business.ts, contracts.ts). */
import { useQuery } from '@tanstack/react-query';
import type { Identifier } from 'react-admin';
import { API_URL, httpClient } from '../../providers/http-client';

export interface I18n {
  zh: string;
  en: string;
}
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'na';
export interface Check {
  key: string;
  label: I18n;
  status: CheckStatus;
  blocking: boolean;
  detail: I18n;
  source: string;
  fields: string[];
}
export interface Checklist {
  resource: string;
  id: number;
  asOf: string;
  qa_status: string | null;
  ready: boolean;
  checks: Check[];
}

/** GET /api/workflows/<path>, refetched when `version` (the record's) changes. */
export function useWorkflowRead<T>(path: string, id: Identifier | undefined, version: unknown) {
  return useQuery({
    queryKey: ['workflows', path, String(id), version],
    queryFn: () => httpClient(`${API_URL}/workflows/${path}`).then(({ json }) => json as T),
    enabled: id != null,
    retry: false,
  });
}
