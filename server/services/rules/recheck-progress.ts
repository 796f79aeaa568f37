/**
 * Where the re-check stands, in one row of `rule_recheck`, written in the same transaction as each batch's
 * findings: a restarted server continues after the last committed batch. The tables are the job's own state
 * (no resource, no API but GET /api/system/recheck), created by the migrations of both engines
 * (drizzle/0019_recheck_tables.sql, drizzle-pg/0003_recheck_tables.sql).
 */
import { RECORD_KINDS, RULES, isTimeDriven, type RuleSettings } from '../../../schema/rules';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { sqlOf } from '../../db/dialect';

export const RECHECK_STATUS = ['running', 'done'] as const;

export interface RecheckProgress {
  status: (typeof RECHECK_STATUS)[number];
  /** the business date the running (or last) re-check evaluates as of */
  as_of: string;
  /** the as-of of the re-check completed before it: the window's lower end; null = a full re-check */
  since: string | null;
  /** the as-of of the last completed re-check (what the next one starts from) */
  last_done: string | null;
  /** thresholds and time-driven rules the last completed re-check ran with (changed: the next is full) */
  fingerprint: string;
  /** the step being worked through (a record kind, or 'dependents') and the last id done (an order id for sales) */
  kind: string | null;
  /** the queue of master records (rule_recheck_pending) up to this id is this run's to work through */
  pending_upto: number;
  last_id: number;
  records: number;
  opened: number;
  resolved: number;
  batches: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  /** time spent inside batches (ms), without the pauses between them */
  work_ms: number;
}

/** Master records whose sales lines a master-data edit did not all re-check (targets.ts), by what they are. */
export const DEPENDENTS_BY = ['customer', 'salesperson', 'contract', 'product', 'batch'] as const;
export type DependentsBy = (typeof DEPENDENTS_BY)[number];

/** Queues master records for the next re-check (in the caller's transaction). */
export async function queueDependents(db: Db, by: DependentsBy, refIds: readonly number[]): Promise<void> {
  const now = sqlOf(db).nowIso();
  for (const id of refIds) await db.run(sql`INSERT INTO rule_recheck_pending ("by", ref_id, queued_at) VALUES (${by}, ${id}, ${now}) ON CONFLICT DO NOTHING`);
}

/** The newest queued entry: a run takes the queue up to it. */
export async function pendingUpto(db: Db): Promise<number> {
  return ((await db.get(sql`SELECT max(id) AS n FROM rule_recheck_pending`)) as { n: number | null } | undefined)?.n ?? 0;
}

/** Done with the queue as it stood when the run began: entries queued since wait for the next run. */
export async function clearDependents(db: Db, upto: number): Promise<void> {
  await db.run(sql`DELETE FROM rule_recheck_pending WHERE id <= ${upto}`);
}

/** The progress row; undefined before the first re-check. */
export async function readProgress(db: Db): Promise<RecheckProgress | undefined> {
  return (await db.get(sql`SELECT * FROM rule_recheck WHERE id = 1`)) as RecheckProgress | undefined;
}

export async function writeProgress(db: Db, p: RecheckProgress): Promise<void> {
  // (a row read back carries its id: the one row's id is 1, given here)
  const cols = (Object.keys(p) as (keyof RecheckProgress)[]).filter((c) => (c as string) !== 'id');
  await db.run(
    sql`INSERT INTO rule_recheck (id, ${sql.raw(cols.join(', '))}) VALUES (1, ${sql.join(
      cols.map((c) => sql`${p[c]}`),
      sql`, `,
    )}) ON CONFLICT (id) DO UPDATE SET ${sql.raw(cols.map((c) => `${c} = excluded.${c}`).join(', '))}`,
  );
}

/** What decides the step dates: the deadline settings and which rules are time-driven. */
export function fingerprintOf(s: RuleSettings): string {
  const { receiptConfirmDays, specialArrivalDays, complaintDays, recallNoticeDays, adrDays, feedbackDays } = s;
  return JSON.stringify({
    v: 1,
    receiptConfirmDays,
    specialArrivalDays,
    complaintDays,
    recallNoticeDays,
    adrDays,
    feedbackDays,
    rules: RULES.filter(isTimeDriven)
      .map((r) => `${r.appliesTo}:${r.code}`)
      .sort(),
  });
}

/** For the admin screen: the progress row and how far through the tables it is (by id, 0–1). */
export async function progressReport(db: Db, kinds: readonly string[]): Promise<(RecheckProgress & { fraction: number }) | null> {
  const p = await readProgress(db);
  if (!p) return null;
  if (p.status === 'done') return { ...p, fraction: 1 };
  const tableOf = (k: string) => (k === 'sales_lines' || k === 'dependents' ? 'sales_orders' : k);
  const max: number[] = [];
  for (const k of kinds)
    max.push(
      (RECORD_KINDS as readonly string[]).includes(k) || k === 'dependents'
        ? (((await db.get(sql`SELECT max(id) AS n FROM ${sql.identifier(tableOf(k))}`)) as { n: number | null } | undefined)?.n ?? 0)
        : 0,
    );
  const total = max.reduce((a, b) => a + b, 0);
  const at = kinds.indexOf(p.kind ?? '');
  const done = at < 0 ? 0 : max.slice(0, at).reduce((a, b) => a + b, 0) + Math.min(p.last_id, max[at]);
  return { ...p, fraction: total ? Math.min(1, done / total) : 0 };
}
