/** System endpoints beyond CRUD: the audit-chain check and the re-check's progress for the admin screen. */
import { Hono } from 'hono';
import { msg } from '../../schema/messages';
import type { AppEnv } from '../env';
import { forbidden } from '../errors';
import { verifyAuditChain } from '../services/audit';
import { RECHECK_KINDS } from '../services/rules/recheck-candidates';
import { progressReport } from '../services/rules/recheck-progress';

const VERIFIERS = new Set(['admin', 'auditor', 'qa']);

export function systemRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/audit-verify', (c) => {
    if (!c.get('user')!.roles.some((r) => VERIFIERS.has(r))) throw forbidden(msg(c.get('lang'), 'forbidden'));
    const started = Date.now();
    const result = verifyAuditChain(c.get('deps').db);
    return c.json({ ...result, intact: result.breaks.length === 0, checked_at: c.get('deps').clock.now().toISOString(), ms: Date.now() - started });
  });
  // Where the rule re-check stands (admin's system screen, QA's dashboard): null before the first one.
  app.get('/recheck', (c) => {
    if (!c.get('user')!.roles.some((r) => VERIFIERS.has(r))) throw forbidden(msg(c.get('lang'), 'forbidden'));
    return c.json(progressReport(c.get('deps').db, RECHECK_KINDS));
  });
  // The QA dashboard: open findings per rule, and findings opened / still active per month.
  app.get('/findings-stats', (c) => {
    const db = c.get('deps').db;
    const byRule = db.$client
      .prepare(`SELECT rule, severity, SUM(status = 'open') AS open, SUM(status = 'acknowledged') AS acknowledged,
                       SUM(status = 'waived') AS waived, SUM(status = 'resolved') AS resolved
                FROM findings WHERE voided_at IS NULL GROUP BY rule, severity ORDER BY open DESC, rule`)
      .all();
    const byMonth = db.$client
      // By the business date of the record (the sale, the outbound…), else when the finding opened.
      .prepare(`SELECT substr(COALESCE(record_date, created_at), 1, 7) AS month, COUNT(*) AS opened,
                       SUM(status IN ('open', 'acknowledged')) AS active, SUM(severity = 'error') AS errors
                FROM findings WHERE voided_at IS NULL GROUP BY month ORDER BY month`)
      .all();
    return c.json({ byRule, byMonth });
  });
  return app;
}
