/**
 * The rule views of issue #14's after-sales records (schema/rules/after-sales-records.ts), built from the
 * database: a nonconforming-goods case with its notices; a delivery with the coldest storage of its slip's
 * goods; an outbound slip with its deliveries; a follow-up plan with the visits of its customer and product.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { RecordKind, RecordViews } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import { type Db, engineOf } from '../../db';
import { sqlFor } from '../../db/dialect';
import { liveRowsIn } from './bulk-rows';

type Row = Record<string, any>;
const one = async (db: Db, table: any, id: number) =>
  (await db
    .select()
    .from(table)
    .where(and(eq(table.id, id), isNull(table.voided_at)))
    .get()) as Row | undefined;
const live = async (db: Db, table: any, column: string, id: unknown) =>
  id == null
    ? []
    : ((await db
        .select()
        .from(table)
        .where(and(eq(table[column], id as number), isNull(table.voided_at)))
        .all()) as Row[]);

/** The coldest storage condition among the goods of a slip's order: 'frozen', 'cold', or null (no cold chain). */
export async function slipColdStorage(db: Db, slipId: unknown): Promise<'cold' | 'frozen' | null> {
  if (slipId == null) return null;
  const rows = (
    (await db.all(sql`SELECT DISTINCT p.storage FROM outbound_slips s JOIN sales_lines l ON l."order" = s."order" AND l.voided_at IS NULL
    JOIN products p ON p.id = l.product WHERE s.id = ${slipId} AND p.storage IN ('cold', 'frozen')`)) as { storage: string }[]
  ).map((r) => r.storage);
  return rows.includes('frozen') ? 'frozen' : rows.includes('cold') ? 'cold' : null;
}

/** slipColdStorage for many slips at once (one query): the slips with cold-chain goods, by id. */
async function slipsColdStorage(db: Db, slipIds: readonly number[]): Promise<Map<number, 'cold' | 'frozen'>> {
  const out = new Map<number, 'cold' | 'frozen'>();
  if (!slipIds.length) return out;
  const rows = (await db.all(sql`SELECT DISTINCT s.id, p.storage FROM outbound_slips s JOIN sales_lines l ON l."order" = s."order" AND l.voided_at IS NULL
    JOIN products p ON p.id = l.product WHERE ${sqlFor(engineOf(db).dialect).inList(sql`s.id`, slipIds)} AND p.storage IN ('cold', 'frozen')`)) as {
    id: number;
    storage: 'cold' | 'frozen';
  }[];
  for (const r of rows) if (out.get(r.id) !== 'frozen') out.set(r.id, r.storage);
  return out;
}

/** The views of many slips or deliveries at once (a rule pass over a batch): the same as their builders below, one query per table. */
export async function afterSalesViewsOf(db: Db, kind: RecordKind, ids: readonly number[]): Promise<Map<number, unknown> | undefined> {
  const out = new Map<number, unknown>();
  if (kind === 'outbound_slips') {
    const deliveries = await liveRowsIn(db, t.deliveries, 'slip', ids);
    for (const s of await liveRowsIn(db, t.outboundSlips, 'id', ids)) out.set(s.id, { ...s, deliveries: deliveries.filter((d) => d.slip === s.id) });
    return out;
  }
  if (kind === 'deliveries') {
    const rows = await liveRowsIn(db, t.deliveries, 'id', ids);
    const cold = await slipsColdStorage(db, [...new Set(rows.map((d) => d.slip).filter((x): x is number => x != null))]);
    for (const d of rows) {
      const storage = (d.slip != null && cold.get(d.slip)) || null;
      out.set(d.id, { ...d, cold_chain: storage !== null, storage } satisfies RecordViews['deliveries']);
    }
    return out;
  }
  return undefined;
}

type Builder = (db: Db, id: number) => unknown | Promise<unknown>;

export const AFTERSALES_RECORD_VIEWS: Partial<Record<RecordKind, Builder>> = {
  nonconformities: async (db, id) => {
    const c = await one(db, t.nonconformities, id);
    return c && ({ ...c, notices: await live(db, t.nonconformityNotices, 'nonconformity', id) } satisfies RecordViews['nonconformities']);
  },
  deliveries: async (db, id) => {
    const d = await one(db, t.deliveries, id);
    if (!d) return undefined;
    const storage = await slipColdStorage(db, d.slip);
    return { ...d, cold_chain: storage !== null, storage } satisfies RecordViews['deliveries'];
  },
  outbound_slips: async (db, id) => {
    const s = await one(db, t.outboundSlips, id);
    return s && { ...s, deliveries: await live(db, t.deliveries, 'slip', id) };
  },
  follow_up_plans: async (db, id) => {
    const p = await one(db, t.followUpPlans, id);
    if (!p) return undefined;
    const visits =
      p.customer == null || p.product == null
        ? []
        : await db
            .select({ visit_date: t.visits.visit_date })
            .from(t.visits)
            .where(and(eq(t.visits.customer, p.customer), eq(t.visits.product, p.product), isNull(t.visits.voided_at)))
            .all();
    return { ...p, visits } satisfies RecordViews['follow_up_plans'];
  },
  service_promises: (db, id) => one(db, t.servicePromises, id),
  supplier_agreements: (db, id) => one(db, t.supplierAgreements, id),
};

/** The records whose rules read a write of these resources (server/services/rules/targets.ts). */
export async function afterSalesRecordTargets(db: Db, resource: string, row: Row): Promise<{ kind: RecordKind; id: number; own: boolean }[] | undefined> {
  switch (resource) {
    case 'nonconformities':
    case 'service_promises':
    case 'follow_up_plans':
    case 'supplier_agreements':
      return [{ kind: resource, id: row.id, own: true }];
    case 'nonconformity_notices':
      return [{ kind: 'nonconformities', id: row.nonconformity, own: false }];
    // a delivery is judged itself, and its slip's receipt reads it (COLD_CHAIN_DELIVERY_UNRECORDED)
    case 'deliveries':
      return [
        { kind: 'deliveries', id: row.id, own: true },
        { kind: 'outbound_slips', id: row.slip, own: false },
      ];
    // a visit of a customer and product meets the follow-up plans of that pair
    case 'visits':
      return row.product == null
        ? []
        : (
            await db
              .select({ id: t.followUpPlans.id })
              .from(t.followUpPlans)
              .where(and(eq(t.followUpPlans.customer, row.customer), eq(t.followUpPlans.product, row.product), isNull(t.followUpPlans.voided_at)))
              .all()
          ).map((p) => ({ kind: 'follow_up_plans' as const, id: p.id, own: false }));
    default:
      return undefined;
  }
}
