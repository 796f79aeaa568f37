/** Read endpoints of the aftersales flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import { can } from '../../../schema/permissions';
import { msg } from '../../../schema/messages';
import type { AppEnv } from '../../env';
import { badRequest, forbidden } from '../../errors';
import { visitPlan } from '../../services/workflows/aftersales/visit-plan';

export function aftersalesRoutes(app: Hono<AppEnv>): void {
  // The service points' monthly visit plan: ?months=N (1–24, default 6) ending with the current month.
  app.get('/aftersales/visit-plan', async (c) => {
    const user = c.get('user')!;
    const lang = c.get('lang');
    if (!can(user.roles, 'customers', 'list') || !can(user.roles, 'visits', 'list')) throw forbidden(msg(lang, 'forbidden'));
    const raw = c.req.query('months');
    const months = raw === undefined ? 6 : Number(raw);
    if (!Number.isInteger(months) || months < 1 || months > 24) throw badRequest(msg(lang, 'invalid_query', { param: 'months' }));
    const { db, clock } = c.get('deps');
    return c.json(await visitPlan(db, clock.today(), months));
  });
}
