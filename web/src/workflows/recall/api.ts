/** The recall endpoint (server/http/workflows/recall.ts) and the shape it returns. */
import { API_URL, httpClient } from '../../providers/http-client';

export interface Contact { name: string; role: string | null; phone: string | null }
export interface AffectedCustomer {
  customer: number;
  customer_name: string;
  quantity_sold: number;
  lines: number;
  last_sale: string | null;
  contacts: Contact[];
  notice: {
    id: number; version: number; quantity_sold: number | null; notified_at: string | null; method: string | null;
    acknowledged_at: string | null; quantity_returned: number | null;
  } | null;
  state: 'no_notice' | 'not_notified' | 'notified' | 'acknowledged';
}
export interface Affected {
  recall: Record<string, unknown> & { id: number; status: string };
  customers: AffectedCustomer[];
  totals: { customers: number; quantity_sold: number; quantity_returned: number; not_notified: number; not_acknowledged: number };
}

export const getAffected = async (id: unknown): Promise<Affected> =>
  (await httpClient(`${API_URL}/workflows/recalls/${id}/customers`)).json as Affected;
