/** Read endpoints of issue #14's after-sales records, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import { can } from '../../../schema/permissions';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import type { AppEnv } from '../../env';
import { badRequest, forbidden, notFound } from '../../errors';
import { findRow } from '../../services/records';
import { caseCustomers, followUpSchedule, repairRoute } from '../../services/workflows/after-sales-records/views';

const idOf = (raw: string | undefined, lang: 'zh' | 'en', param: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw badRequest(msg(lang, 'invalid_query', { param }));
  return id;
};

export function afterSalesRecordRoutes(app: Hono<AppEnv>): void {
  // Who received a nonconforming batch and where each one's notice stands (the recall's view, for the case).
  app.get('/nonconformities/:id/customers', async (c) => {
    const user = c.get('user')!;
    const lang = c.get('lang');
    if (!can(user.roles, 'nonconformities', 'show')) throw forbidden(msg(lang, 'forbidden'));
    const id = idOf(c.req.param('id'), lang, 'id');
    const kase = await findRow(c.get('deps').db, registry.get('nonconformities')!, id);
    if (!kase || kase.voided_at) throw notFound(msg(lang, 'not_found', { resource: 'nonconformities', id }));
    return c.json(await caseCustomers(c.get('deps').db, kase));
  });
  // The repair route of a product (a device complaint's): ?product=ID.
  app.get('/aftersales/repair-route', async (c) => {
    const user = c.get('user')!;
    const lang = c.get('lang');
    if (!can(user.roles, 'supplier_agreements', 'list')) throw forbidden(msg(lang, 'forbidden'));
    const id = idOf(c.req.query('product'), lang, 'product');
    const { db, clock } = c.get('deps');
    const route = await repairRoute(db, id, clock.today());
    if (!route) throw notFound(msg(lang, 'not_found', { resource: 'products', id }));
    return c.json(route);
  });
  // Every follow-up plan's due dates: visited, due (the next one) or overdue.
  app.get('/aftersales/follow-ups', async (c) => {
    const user = c.get('user')!;
    const lang = c.get('lang');
    if (!can(user.roles, 'follow_up_plans', 'list') || !can(user.roles, 'visits', 'list')) throw forbidden(msg(lang, 'forbidden'));
    const { db, clock } = c.get('deps');
    return c.json(await followUpSchedule(db, clock.today()));
  });
}
