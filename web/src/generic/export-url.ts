/** Where the whole-list CSV export is (server/crud/export-csv.ts): the list's filter and sort, the UI language. */
import { API_URL } from '../providers/http-client';

export function exportUrl(resource: string, filter: Record<string, unknown>, sort: { field: string; order: string }, lang: string): string {
  const params = new URLSearchParams({ filter: JSON.stringify(filter), sort: JSON.stringify([sort.field, sort.order]), lang });
  return `${API_URL}/${resource}/export.csv?${params}`;
}
