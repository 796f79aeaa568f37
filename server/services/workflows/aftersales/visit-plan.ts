/**
 * The monthly visit plan of the designated service points (定点服务单位, 第四篇 二.3): per service point and
 * month, visited (the on-site visits, linked), due (the current month, not yet visited) or overdue (a past
 * month without an on-site visit — what SERVICE_VISIT_MISSING flags). Phone calls and letters are listed
 * but do not count as the month's visit, exactly as the rule counts them.
 */
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { ON_SITE_VISIT_KINDS } from '../../../../schema/rules/aftersales';
import { customers, visits } from '../../../../schema/tables';
import type { Db } from '../../../db';

export type MonthState = 'visited' | 'due' | 'overdue';
export interface PlanVisit {
  id: number;
  visit_date: string;
  kind: string;
  staff: string;
  on_site: boolean;
}
export interface PlanRow {
  customer: number;
  name: string;
  region: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  months: { month: string; state: MonthState; visits: PlanVisit[] }[];
  overdue: number;
}

/** The `count` months ending with `last` (YYYY-MM), oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** GET /api/workflows/aftersales/visit-plan (the web reads this type too) */
export interface VisitPlan {
  /** the server's business date: a visit recorded from the plan is dated with it */
  today: string;
  months: string[];
  current: string;
  rows: PlanRow[];
  totals: Record<MonthState, number>;
}

export async function visitPlan(db: Db, today: string, count = 6): Promise<VisitPlan> {
  const current = today.slice(0, 7);
  const months = monthsEnding(current, count);
  const points = (await db
    .select()
    .from(customers)
    .where(and(eq(customers.service_point, true), isNull(customers.voided_at)))
    .orderBy(asc(customers.name))
    .all()) as {
    id: number;
    name: string;
    region: string | null;
    contact_name: string | null;
    contact_phone: string | null;
  }[];
  const ids = points.map((p) => p.id);
  const found = ids.length
    ? ((await db
        .select()
        .from(visits)
        .where(and(inArray(visits.customer, ids), isNull(visits.voided_at), gte(visits.visit_date, `${months[0]}-01`), lte(visits.visit_date, `${current}-31`)))
        .orderBy(asc(visits.visit_date))
        .all()) as { id: number; customer: number; visit_date: string; kind: string; staff: string }[])
    : [];
  const onSite = new Set<string>(ON_SITE_VISIT_KINDS);
  const totals: Record<MonthState, number> = { visited: 0, due: 0, overdue: 0 };
  const rows = points.map((p): PlanRow => {
    const mine = found.filter((v) => v.customer === p.id);
    const cells = months.map((month) => {
      const vs = mine
        .filter((v) => v.visit_date.startsWith(month))
        .map((v) => ({ id: v.id, visit_date: v.visit_date, kind: v.kind, staff: v.staff, on_site: onSite.has(v.kind) }));
      const state: MonthState = vs.some((v) => v.on_site) ? 'visited' : month === current ? 'due' : 'overdue';
      totals[state] += 1;
      return { month, state, visits: vs };
    });
    return {
      customer: p.id,
      name: p.name,
      region: p.region,
      contact_name: p.contact_name,
      contact_phone: p.contact_phone,
      months: cells,
      overdue: cells.filter((c) => c.state === 'overdue').length,
    };
  });
  return { today, months, current, rows, totals };
}
