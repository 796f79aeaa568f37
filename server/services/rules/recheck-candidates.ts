/**
 * Which records the re-check must evaluate to move from the last completed as-of (`since`) to `asOf`: those
 * whose time-driven findings (schema/rules: `periodic` / `timeDriven`) can differ between the two days.
 * A time-driven rule's result is a step function of as-of; each query below selects the records with a
 * step (a "change date") in the window. Every query is a superset of the exact set — evaluating a record
 * whose result does not change costs time, never correctness — so dates are compared with a day's slack:
 * SQLite reads `…T20:00Z` as its UTC day while the rules read it as the China day after (schema/rules/dates.ts).
 * Without `since` (first run, as-of moved back, thresholds changed) the full re-check: every live record of
 * each kind, but for sales only those a time-driven rule can fire on or has fired on (see `full` below).
 *
 * The step dates, per rule (N = the rule's setting, in days; a deadline is missed from deadline + 1):
 * - RECEIPT_UNCONFIRMED / SPECIAL_ARRIVAL_UNCONFIRMED: outbound_date + N + 1, while not confirmed / verified;
 * - PAYMENT_OVERDUE: invoice_date + the shortest contract term + 1, and each payment's paid_at;
 * - COMPLAINT_OVERDUE: received_at + N + 1; ADR_NOT_FORWARDED, QUALITY_FEEDBACK_UNHANDLED and
 *   RECALL_NOT_NOTIFIED: start + N + 1 while not done;
 * - SERVICE_VISIT_MISSING: the first day of each month;
 * - NONCONFORMING_SOLD_NOT_NOTIFIED: found_at + N + 1 while open; SERVICE_PROMISE_OVERDUE: due_date + 1 while not
 *   fulfilled; FOLLOW_UP_OVERDUE: every due date of a plan active in the window; SUPPLIER_AGREEMENT_EXPIRED: valid_to + 1;
 * - CORRECTIVE_ACTION_OVERDUE: due_date + 1 while not completed;
 * - DATE_INCONSISTENT: each date of the sale (sale, outbound, receipt, invoice) — and while a date is still
 *   after as-of the message names as-of, so every sale with a date from `since` on is a candidate;
 * - a sale without a readable sale date: every sales-line rule reads as-of instead (schema/rules/rule.ts
 *   `parts`), so such an order's lines are evaluated with every rule, on every run.
 */
import { rulesFor, type RecordKind, type RuleSettings } from '../../../schema/rules';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { type Db, engineOf } from '../../db';
import { sqlFor } from '../../db/dialect';
import type { Dialect } from '../../db/engine';

export interface RecheckWindow {
  /** the as-of of the last completed re-check; null: evaluate everything */
  since: string | null;
  asOf: string;
  /** the 'dependents' step takes the queue up to this id */
  pendingUpto?: number;
}

/** One page of candidates: `ids` in ascending order (order ids for sales_lines); `allRules` ⊆ ids. */
export interface CandidatePage {
  ids: number[];
  allRules: Set<number>;
}

/**
 * The date SQL of one engine as text (the conditions below are SQL text with named parameters): the helpers of
 * server/db/dialect.ts rendered with their constants inlined, so both engines read a date as SQLite's date() does.
 */
interface Text {
  /** the calendar day of a stored date or timestamp as SQLite reads it (NULL when unreadable) */
  day(col: string): string;
  /** `day` (a day expression) plus `days` days */
  addDays(day: string, days: string): string;
  /** no done-date the rules would read (schema/rules/dates.ts dateOf): NULL, empty or unreadable */
  notDone(col: string): string;
  /** a step at `date(col) + days` lies in the window (with a day's slack below) */
  stepIn(col: string, days: string): string;
  onOrAfterSince(col: string): string;
  /** a boolean column is set (SQLite 1/0) */
  isTrue(col: string): string;
  readonly yes: string;
  readonly no: string;
}

function textFor(dialect: Dialect): Text {
  const d = sqlFor(dialect);
  const renderer = dialect === 'postgres' ? new PgDialect() : new SQLiteSyncDialect();
  const text = (q: SQL) => renderer.sqlToQuery(q.inlineParams()).sql;
  const x: Text = {
    day: (col) => text(d.day(sql.raw(col))),
    addDays: (day, days) => text(d.addDays(sql.raw(day), sql.raw(days))),
    notDone: (col) => `(${x.day(col)} IS NULL OR (length(trim(${col})) > 10 AND substr(trim(${col}), 11, 1) NOT IN (' ', 'T')))`,
    stepIn: (col, days) => `${x.addDays(x.day(col), days)} BETWEEN :since AND :asOf`,
    onOrAfterSince: (col) => `${x.day(col)} >= :since`,
    isTrue: (col) => (dialect === 'postgres' ? col : `${col} = 1`),
    yes: dialect === 'postgres' ? 'TRUE' : '1',
    no: dialect === 'postgres' ? 'FALSE' : '0',
  };
  return x;
}
const TEXT = { sqlite: textFor('sqlite'), postgres: textFor('postgres') };

type Sql = (w: RecheckWindow, s: RuleSettings, x: Text) => string;

const timeDrivenCodes = (kind: RecordKind) =>
  rulesFor(kind, { timeDriven: true })
    .map((r) => `'${r.code}'`)
    .join(', ');

/** A sale with a date from `since` on (DATE_INCONSISTENT's steps and as-of in its message), or without a sale date. */
const saleWindow = (x: Text) => `${x.notDone('r.sale_date')} OR ${x.onOrAfterSince('r.sale_date')}
      OR EXISTS (SELECT 1 FROM outbound_slips o WHERE o."order" = r.id AND o.voided_at IS NULL
        AND (${x.onOrAfterSince('o.outbound_date')} OR ${x.onOrAfterSince('o.receipt_confirmed_at')}
          OR EXISTS (SELECT 1 FROM invoice_slips l JOIN invoices i ON i.id = l.invoice AND i.voided_at IS NULL
            WHERE l.slip = o.id AND l.voided_at IS NULL AND ${x.onOrAfterSince('i.invoice_date')})))`;

/** The incremental condition per kind, over the kind's table aliased `r`; absent: the kind has no time-driven rule. */
const WINDOW: Partial<Record<RecordKind, { table: string; where: Sql; full?: Sql }>> = {
  outbound_slips: {
    table: 'outbound_slips',
    where: (_w, s, x) => `(${x.notDone('r.receipt_confirmed_at')} AND ${x.stepIn('r.outbound_date', String(s.receiptConfirmDays + 1))})
      OR (${x.notDone('r.arrival_verified_at')} AND ${x.stepIn('r.outbound_date', String(s.specialArrivalDays + 1))})`,
  },
  invoices: {
    table: 'invoices',
    where: (_w, _s, x) => `${x.stepIn(
      'r.invoice_date',
      `1 + (SELECT MIN(c.payment_days) FROM invoice_slips l
        JOIN outbound_slips o ON o.id = l.slip AND o.voided_at IS NULL
        JOIN sales_orders so ON so.id = o."order" AND so.voided_at IS NULL
        JOIN contracts c ON c.id = so.contract AND c.voided_at IS NULL
        WHERE l.invoice = r.id AND l.voided_at IS NULL)`,
    )}
      OR EXISTS (SELECT 1 FROM payments p WHERE p.invoice = r.id AND p.voided_at IS NULL AND ${x.day('p.paid_at')} BETWEEN :since AND :asOf)`,
  },
  complaints: { table: 'complaints', where: (_w, s, x) => x.stepIn('r.received_at', String(s.complaintDays + 1)) },
  recall_notices: {
    table: 'recall_notices',
    where: (_w, s, x) => `${x.notDone('r.notified_at')} AND EXISTS (SELECT 1 FROM recalls x WHERE x.id = r.recall AND x.voided_at IS NULL
      AND ${x.stepIn('x.started_at', String(s.recallNoticeDays + 1))})`,
  },
  adverse_reactions: {
    table: 'adverse_reactions',
    where: (_w, s, x) => `${x.notDone('r.forwarded_to_qa_at')} AND ${x.stepIn('r.received_at', String(s.adrDays + 1))}`,
  },
  quality_feedback: {
    table: 'quality_feedback',
    where: (_w, s, x) => `${x.notDone('r.reported_at')} AND ${x.stepIn('r.created_at', String(s.feedbackDays + 1))}`,
  },
  corrective_actions: {
    table: 'corrective_actions',
    where: (_w, _s, x) => `${x.notDone('r.completed_at')} AND ${x.stepIn('r.due_date', '1')}`,
  },
  customers: {
    table: 'customers',
    where: (w, _s, x) => (w.since!.slice(0, 7) === w.asOf.slice(0, 7) ? x.no : x.isTrue('r.service_point')),
  },
  // issue #14's after-sales records: a case undecided or a notice not sent after found_at + N; a promise not kept by
  // its due date; each due date of an active follow-up plan; a quality agreement's end of validity
  nonconformities: {
    table: 'nonconformities',
    where: (_w, s, x) => `r.status = 'open' AND ${x.stepIn('r.found_at', String(s.recallNoticeDays + 1))}`,
  },
  service_promises: { table: 'service_promises', where: (_w, _s, x) => `${x.notDone('r.fulfilled_at')} AND ${x.stepIn('r.due_date', '1')}` },
  follow_up_plans: {
    table: 'follow_up_plans',
    where: (_w, _s, x) => `${x.day('r.start_date')} <= :asOf AND (${x.notDone('r.end_date')} OR ${x.addDays(x.day('r.end_date'), '1')} >= :since)`,
  },
  supplier_agreements: { table: 'supplier_agreements', where: (_w, _s, x) => x.stepIn('r.valid_to', '1') },
  // per order: its lines are evaluated together (one view per order)
  sales_lines: {
    table: 'sales_orders',
    where: (_w, _s, x) => saleWindow(x),
    // Full: the orders DATE_INCONSISTENT can fire on as of the day (a date from as-of on; `since` is set to
    // as-of) and those with a line holding an active time-driven finding (it may resolve). Every other dated
    // sale has no time-driven finding and none can open: a million-line ledger is not read line by line.
    // (lines by order, then each line's findings by (resource, record_id): as a join SQLite scans all of them)
    full: (_w, _s, x) => `${saleWindow(x)} OR EXISTS (SELECT 1 FROM sales_lines l WHERE l."order" = r.id AND EXISTS (SELECT 1 FROM findings f
      WHERE f.resource = 'sales_lines' AND f.record_id = l.id AND f.status IN ('open', 'acknowledged', 'waived') AND f.rule IN (${timeDrivenCodes('sales_lines')})))`,
  },
};

/**
 * The orders with a line that depends on a queued master record (a master-data edit re-checked only its
 * most recent lines: services/rules/targets.ts): every rule on all their lines, whatever the date.
 */
const dependentsOf = (by: string) => `SELECT ref_id FROM rule_recheck_pending WHERE "by" = '${by}' AND id <= :upto`;
const DEPENDENTS = `r.customer IN (${dependentsOf('customer')}) OR r.salesperson IN (${dependentsOf('salesperson')})
  OR r.contract IN (${dependentsOf('contract')})
  OR EXISTS (SELECT 1 FROM sales_lines l WHERE l."order" = r.id AND l.voided_at IS NULL
    AND (l.product IN (${dependentsOf('product')}) OR l.batch IN (${dependentsOf('batch')})))`;

/** The steps of a re-check, in order: each record kind with time-driven rules, then the queued dependents. */
export const RECHECK_KINDS = [...Object.keys(WINDOW), 'dependents'] as const as readonly (RecordKind | 'dependents')[];

/** The record kind a step evaluates. */
export const kindOf = (step: RecordKind | 'dependents'): RecordKind => (step === 'dependents' ? 'sales_lines' : step);

/** SQL text with `:name` parameters as a query for either engine (each name bound from `params`). */
function named(text: string, params: Record<string, unknown>): SQL {
  const parts = text.split(/(?<!:):([a-zA-Z]+)\b/); // not a PostgreSQL cast (::int)
  return sql.join(parts.map((p, i) => (i % 2 ? sql`${params[p]}` : sql.raw(p))));
}

/** The next page of candidates of a step after id `after`. */
export async function candidatePage(
  db: Db,
  kind: RecordKind | 'dependents',
  w: RecheckWindow,
  s: RuleSettings,
  after: number,
  limit: number,
): Promise<CandidatePage> {
  if (kind === 'dependents') {
    if (!w.pendingUpto) return { ids: [], allRules: new Set() };
    const text = `SELECT r.id AS id FROM sales_orders r WHERE r.id > :after AND r.voided_at IS NULL AND (${DEPENDENTS}) ORDER BY r.id LIMIT :limit`;
    const ids = ((await db.all(named(text, { after, limit, upto: w.pendingUpto }))) as { id: number }[]).map((r) => r.id);
    return { ids, allRules: new Set(ids) };
  }
  const spec = WINDOW[kind];
  if (!spec) return { ids: [], allRules: new Set() };
  const x = TEXT[engineOf(db).dialect];
  const where = `(${w.since === null ? (spec.full?.(w, s, x) ?? x.yes) : spec.where(w, s, x)})`;
  const undated = kind === 'sales_lines' ? `, ${x.notDone('r.sale_date')} AS undated` : ', 0 AS undated';
  const text = `SELECT r.id AS id${undated} FROM ${spec.table} r WHERE r.id > :after AND r.voided_at IS NULL AND ${where} ORDER BY r.id LIMIT :limit`;
  const params: Record<string, unknown> = { after, limit };
  if (text.includes(':since')) params.since = w.since ?? w.asOf;
  if (text.includes(':asOf')) params.asOf = w.asOf;
  const rows = (await db.all(named(text, params))) as { id: number; undated: number | boolean }[];
  return { ids: rows.map((r) => r.id), allRules: new Set(rows.filter((r) => r.undated).map((r) => r.id)) };
}
