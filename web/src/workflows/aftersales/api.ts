/** The after-sales endpoint (server/http/workflows/aftersales.ts) and the shape it returns. */
import { API_URL, httpClient } from '../../providers/http-client';

import type { VisitPlan } from '../../../../server/services/workflows/aftersales/visit-plan';

export type { PlanRow, VisitPlan } from '../../../../server/services/workflows/aftersales/visit-plan';

export const getVisitPlan = async (months: number): Promise<VisitPlan> =>
  (await httpClient(`${API_URL}/workflows/aftersales/visit-plan?months=${months}`)).json as VisitPlan;
