/** The after-sales endpoint (server/http/workflows/aftersales.ts) and the shape it returns. */
import { API_URL, httpClient } from '../../providers/http-client';

import type { VisitPlan } from '../../../../server/services/workflows/aftersales/visit-plan';

export type { PlanRow, VisitPlan } from '../../../../server/services/workflows/aftersales/visit-plan';

export const getVisitPlan = async (months: number): Promise<VisitPlan> =>
  (await httpClient(`${API_URL}/workflows/aftersales/visit-plan?months=${months}`)).json as VisitPlan;

import type { FollowUpSchedule, RepairRoute } from '../../../../server/services/workflows/after-sales-records/views';

export type { FollowUpRow, FollowUpSchedule, RepairRoute } from '../../../../server/services/workflows/after-sales-records/views';

export const getFollowUps = async (): Promise<FollowUpSchedule> => (await httpClient(`${API_URL}/workflows/aftersales/follow-ups`)).json as FollowUpSchedule;
export const getRepairRoute = async (product: unknown): Promise<RepairRoute> =>
  (await httpClient(`${API_URL}/workflows/aftersales/repair-route?product=${product}`)).json as RepairRoute;
