/** System endpoints beyond CRUD: the audit-chain check and the re-check's progress for the admin screen. */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { sqlOf } from '../db/dialect';
import { msg } from '../../schema/messages';
import type { AppEnv } from '../env';
import { forbidden } from '../errors';
import { verifyAuditChain } from '../services/audit';
import { RECHECK_KINDS } from '../services/rules/recheck-candidates';
import { progressReport } from '../services/rules/recheck-progress';

const VERIFIERS = new Set(['admin', 'auditor', 'qa']);

interface MonthRow {
  month: string;
  opened: number;
  active: number;
  errors: number;
}

/** Every month from the first to the last, the ones without findings as zeros (a gap in the chart is a month). */
export function withEmptyMonths(rows: readonly MonthRow[]): MonthRow[] {
  const valid = rows.filter((r) => /^\d{4}-\d{2}$/.test(r.month));
  if (!valid.length) return [...rows];
  const byMonth = new Map(valid.map((r) => [r.month, r]));
  const out: MonthRow[] = [];
  let [y, m] = valid[0].month.split('-').map(Number);
  const last = valid[valid.length - 1].month;
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byMonth.get(month) ?? { month, opened: 0, active: 0, errors: 0 });
    if (month >= last) break;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

export function systemRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/audit-verify', async (c) => {
    if (!c.get('user')!.roles.some((r) => VERIFIERS.has(r))) throw forbidden(msg(c.get('lang'), 'forbidden'));
    const started = Date.now();
    const result = await verifyAuditChain(c.get('deps').db);
    return c.json({ ...result, intact: result.breaks.length === 0, checked_at: c.get('deps').clock.now().toISOString(), ms: Date.now() - started });
  });
  // Where the rule re-check stands (admin's system screen, QA's dashboard): null before the first one.
  app.get('/recheck', async (c) => {
    if (!c.get('user')!.roles.some((r) => VERIFIERS.has(r))) throw forbidden(msg(c.get('lang'), 'forbidden'));
    return c.json(await progressReport(c.get('deps').db, RECHECK_KINDS));
  });
  // The QA dashboard: open findings per rule, and findings opened / still active per month.
  app.get('/findings-stats', async (c) => {
    const db = c.get('deps').db;
    const n = sqlOf(db).countWhere;
    const byRule = await db.all(sql`SELECT rule, severity, ${n(sql`status = 'open'`)} AS open, ${n(sql`status = 'acknowledged'`)} AS acknowledged,
                       ${n(sql`status = 'waived'`)} AS waived, ${n(sql`status = 'resolved'`)} AS resolved
                FROM findings WHERE voided_at IS NULL GROUP BY rule, severity ORDER BY open DESC, rule`);
    // By the business date of the record (the sale, the outbound…), else when the finding opened.
    const byMonth = await db.all(sql`SELECT substr(COALESCE(record_date, created_at), 1, 7) AS month, COUNT(*) AS opened,
                       ${n(sql`status IN ('open', 'acknowledged')`)} AS active, ${n(sql`severity = 'error'`)} AS errors
                FROM findings WHERE voided_at IS NULL GROUP BY month ORDER BY month`);
    return c.json({ byRule, byMonth: withEmptyMonths(byMonth as MonthRow[]) });
  });
  return app;
}
