/** The after-sales endpoint (server/http/workflows/aftersales.ts) and the shape it returns. */
import { API_URL, httpClient } from '../../providers/http-client';

export type MonthState = 'visited' | 'due' | 'overdue';
export interface PlanVisit { id: number; visit_date: string; kind: string; staff: string; on_site: boolean }
export interface PlanRow {
  customer: number; name: string; region: string | null; contact_name: string | null; contact_phone: string | null;
  months: { month: string; state: MonthState; visits: PlanVisit[] }[];
  overdue: number;
}
export interface VisitPlan {
  /** the server's business date: a visit recorded from the plan is dated with it */
  today: string;
  months: string[]; current: string; rows: PlanRow[]; totals: Record<MonthState, number> }

export const getVisitPlan = async (months: number): Promise<VisitPlan> =>
  (await httpClient(`${API_URL}/workflows/aftersales/visit-plan?months=${months}`)).json as VisitPlan;
