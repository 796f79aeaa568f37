/** The API calls beyond react-admin's CRUD dialect: workflow verbs, signatures and the system endpoints. */
import type { Identifier } from 'ra-core';
import { API_URL, httpClient } from './http-client';

export interface Signature {
  id: number;
  resource: string;
  record_id: number;
  meaning: string;
  signer: number;
  signer_name: string;
  signed_at: string;
  record_hash: string;
  comment: string | null;
  /** the record still hashes to what was signed */
  valid: boolean;
  /** an approval the record no longer has: a change sent it back to review (schema/lifecycle.ts) */
  superseded?: boolean;
}

export interface FindingsStats {
  byRule: { rule: string; severity: 'error' | 'warning'; open: number; acknowledged: number; waived: number; resolved: number }[];
  byMonth: { month: string; opened: number; active: number; errors: number }[];
}

export interface AuditVerifyResult {
  rows: number;
  breaks: { id: number; problem: string }[];
  intact: boolean;
  checked_at: string;
  ms: number;
}

export interface VerbInput {
  password?: string;
  comment?: string;
}

const path = (resource: string) => `${API_URL}/${encodeURIComponent(resource)}`;

export const getSignatures = (resource: string, id: Identifier) =>
  httpClient(`${path(resource)}/${encodeURIComponent(String(id))}/signatures`).then(({ json }) => json as Signature[]);

/** POST /api/:res/:id/:verb, or /api/:res/bulk/:verb with several ids (one password check, a signature each). */
export function runVerb(resource: string, ids: Identifier[], verb: string, input: VerbInput) {
  const single = ids.length === 1;
  const url = single ? `${path(resource)}/${encodeURIComponent(String(ids[0]))}/${verb}` : `${path(resource)}/bulk/${verb}`;
  const body = single ? input : { ...input, ids };
  return httpClient(url, { method: 'POST', body: JSON.stringify(body) }).then(({ json }) => json);
}

export const getFindingsStats = () => httpClient(`${API_URL}/system/findings-stats`).then(({ json }) => json as FindingsStats);

/** GET /api/system/recheck: where the rule re-check stands (server/services/rules/recheck-progress.ts); null before the first. */
export interface RecheckStatus {
  status: 'running' | 'done';
  as_of: string;
  since: string | null;
  last_done: string | null;
  kind: string | null;
  records: number;
  opened: number;
  resolved: number;
  updated_at: string;
  finished_at: string | null;
  fraction: number;
}
export const getRecheckStatus = () => httpClient(`${API_URL}/system/recheck`).then(({ json }) => json as RecheckStatus | null);

export const verifyAudit = () => httpClient(`${API_URL}/system/audit-verify`).then(({ json }) => json as AuditVerifyResult);
