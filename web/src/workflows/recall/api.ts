/** The recall endpoint (server/http/workflows/recall.ts) and the shape it returns. */
import { API_URL, httpClient } from '../../providers/http-client';

import type { Affected } from '../../../../server/services/workflows/recall/customers';

export type { Affected, AffectedCustomer, AffectedTotals } from '../../../../server/services/workflows/recall/customers';

export const getAffected = async (id: unknown): Promise<Affected> => (await httpClient(`${API_URL}/workflows/recalls/${id}/customers`)).json as Affected;
