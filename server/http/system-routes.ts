/** System endpoints beyond CRUD: the audit-chain check for the admin screen. */
import { Hono } from 'hono';
import { msg } from '../../schema/messages';
import type { AppEnv } from '../env';
import { forbidden } from '../errors';
import { verifyAuditChain } from '../services/audit';

const VERIFIERS = new Set(['admin', 'auditor', 'qa']);

export function systemRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/audit-verify', (c) => {
    if (!c.get('user')!.roles.some((r) => VERIFIERS.has(r))) throw forbidden(msg(c.get('lang'), 'forbidden'));
    const started = Date.now();
    const result = verifyAuditChain(c.get('deps').db);
    return c.json({ ...result, intact: result.breaks.length === 0, checked_at: c.get('deps').clock.now().toISOString(), ms: Date.now() - started });
  });
  return app;
}
