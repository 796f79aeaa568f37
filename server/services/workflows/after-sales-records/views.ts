/**
 * The read views of issue #14's records: the customers a nonconforming-goods case reaches (the recall's own
 * 受影响客户 view over the case's batch and notices), the repair route of a device complaint (the live quality
 * agreements whose suppliers supply its maker's goods), and the follow-up schedule — each plan's due dates as
 * visited / due / overdue, the states of the service points' visit plan, computed by FOLLOW_UP_OVERDUE's own
 * due-date function so the page and the rule never disagree.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { registry } from '../../../../schema/resources';
import { followUpDueDates } from '../../../../schema/rules/after-sales-records';
import { addDays } from '../../../../schema/rules';
import { customers, followUpPlans, nonconformityNotices, products, recallNotices, supplierAgreements, suppliers, visits } from '../../../../schema/tables';
import type { Db } from '../../../db';
import { findRow, type Row } from '../../records';
import type { MonthState, PlanVisit } from '../aftersales/visit-plan';
import { affectedOf, type Affected } from '../recall/customers';

/** GET /api/workflows/nonconformities/:id/customers — the case stands where a recall's view has its recall. */
export async function caseCustomers(db: Db, kase: Row): Promise<Affected> {
  const batch = await findRow(db, registry.get('batches')!, kase.batch as number);
  const scope = { product: (batch?.product ?? kase.product) as number, batches: batch ? [String(batch.batch_no)] : [] };
  const notices =
    kase.decision === 'recall'
      ? await db
          .select()
          .from(recallNotices)
          .where(and(eq(recallNotices.recall, kase.recall as number), isNull(recallNotices.voided_at)))
          .all()
      : await db
          .select()
          .from(nonconformityNotices)
          .where(and(eq(nonconformityNotices.nonconformity, kase.id), isNull(nonconformityNotices.voided_at)))
          .all();
  return { recall: kase, ...(await affectedOf(db, scope, notices as Row[])) };
}

export interface RepairAgreement {
  id: number;
  agreement_no: string;
  supplier: number;
  supplier_name: string;
  contact: string | null;
  valid_to: string;
  valid: boolean;
  covers_devices: boolean;
  repair_terms: string | null;
  after_sales_contact: string | null;
}
/** GET /api/workflows/aftersales/repair-route?product=ID — who repairs it (第三篇 三): valid agreements first. */
export interface RepairRoute {
  product: number;
  generic_name: string;
  manufacturer: string | null;
  device: boolean;
  agreements: RepairAgreement[];
}

export async function repairRoute(db: Db, productId: number, today: string): Promise<RepairRoute | undefined> {
  const p = await db.select().from(products).where(eq(products.id, productId)).get();
  if (!p) return undefined;
  const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, '');
  const rows = (
    await db
      .select({ a: supplierAgreements, name: suppliers.name, contact: suppliers.contact_name, phone: suppliers.contact_phone })
      .from(supplierAgreements)
      .innerJoin(suppliers, eq(suppliers.id, supplierAgreements.supplier))
      .where(isNull(supplierAgreements.voided_at))
      .orderBy(asc(supplierAgreements.valid_to))
      .all()
  ).filter((r) => p.manufacturer && (r.a.manufacturers ?? []).some((m: string) => norm(m) === norm(p.manufacturer)));
  const agreements = rows
    .map(
      (r): RepairAgreement => ({
        id: r.a.id,
        agreement_no: r.a.agreement_no,
        supplier: r.a.supplier,
        supplier_name: r.name,
        contact: [r.contact, r.phone].filter(Boolean).join(' ') || null,
        valid_to: r.a.valid_to,
        valid: r.a.valid_from <= today && r.a.valid_to >= today,
        covers_devices: !!r.a.covers_devices,
        repair_terms: r.a.repair_terms,
        after_sales_contact: r.a.after_sales_contact,
      }),
    )
    .sort((x, y) => Number(y.valid) - Number(x.valid) || y.valid_to.localeCompare(x.valid_to));
  return { product: p.id, generic_name: p.generic_name, manufacturer: p.manufacturer, device: p.kind === 'device', agreements };
}

export interface FollowUpDue {
  due: string;
  state: MonthState;
  visits: PlanVisit[];
}
export interface FollowUpRow {
  plan: number;
  customer: number;
  customer_name: string;
  product: number;
  product_name: string;
  kind: string;
  interval_days: number;
  staff: string;
  next_due: string | null;
  dues: FollowUpDue[];
  overdue: number;
}
/** GET /api/workflows/aftersales/follow-ups */
export interface FollowUpSchedule {
  today: string;
  rows: FollowUpRow[];
  totals: Record<MonthState, number>;
}

export async function followUpSchedule(db: Db, today: string): Promise<FollowUpSchedule> {
  const plans = await db
    .select({ p: followUpPlans, customer_name: customers.name, product_name: products.generic_name })
    .from(followUpPlans)
    .innerJoin(customers, eq(customers.id, followUpPlans.customer))
    .innerJoin(products, eq(products.id, followUpPlans.product))
    .where(isNull(followUpPlans.voided_at))
    .orderBy(asc(customers.name))
    .all();
  const totals: Record<MonthState, number> = { visited: 0, due: 0, overdue: 0 };
  const rows: FollowUpRow[] = [];
  for (const { p, customer_name, product_name } of plans) {
    const seen = await db
      .select()
      .from(visits)
      .where(and(eq(visits.customer, p.customer), eq(visits.product, p.product), isNull(visits.voided_at)))
      .orderBy(asc(visits.visit_date))
      .all();
    // the due dates so far and the next one (the one still due)
    const all = followUpDueDates(p.start_date, p.interval_days, p.end_date, addDays(today, p.interval_days));
    const dues = all.map((due): FollowUpDue => {
      const vs = seen
        .filter((v) => v.visit_date > addDays(due, -p.interval_days) && v.visit_date <= due)
        .map((v) => ({ id: v.id, visit_date: v.visit_date, kind: v.kind, staff: v.staff, on_site: true }));
      const state: MonthState = vs.length ? 'visited' : due >= today ? 'due' : 'overdue';
      totals[state] += 1;
      return { due, state, visits: vs };
    });
    rows.push({
      plan: p.id,
      customer: p.customer,
      customer_name,
      product: p.product,
      product_name,
      kind: p.kind,
      interval_days: p.interval_days,
      staff: p.staff,
      next_due: dues.find((d) => d.state === 'due')?.due ?? null,
      dues,
      overdue: dues.filter((d) => d.state === 'overdue').length,
    });
  }
  return { today, rows, totals };
}
