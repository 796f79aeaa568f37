/** Read endpoints of the recall flow beyond CRUD, mounted under /api/workflows (server/http/workflow-routes.ts). */
import type { Hono } from 'hono';
import { can } from '../../../schema/permissions';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import type { AppEnv } from '../../env';
import { badRequest, forbidden, notFound } from '../../errors';
import { findRow } from '../../services/records';
import { affectedCustomers } from '../../services/workflows/recall/customers';

export function recallRoutes(app: Hono<AppEnv>): void {
  // The customers a recall reaches: quantities, contacts and the state of each notice.
  app.get('/recalls/:id/customers', async (c) => {
    const user = c.get('user')!;
    const lang = c.get('lang');
    if (!can(user.roles, 'recalls', 'show') || !can(user.roles, 'recall_notices', 'list')) throw forbidden(msg(lang, 'forbidden'));
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0) throw badRequest(msg(lang, 'invalid_query', { param: 'id' }));
    const recall = await findRow(c.get('deps').db, registry.get('recalls')!, id);
    if (!recall || recall.voided_at) throw notFound(msg(lang, 'not_found', { resource: 'recalls', id }));
    return c.json(await affectedCustomers(c.get('deps').db, recall));
  });
}
