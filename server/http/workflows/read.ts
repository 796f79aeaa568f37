/** Loading the record a workflow read endpoint is about, with the same checks as GET /api/:res/:id. */
import type { Context } from 'hono';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import { authorize, checkScope } from '../../auth/rbac';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { findRow, type Row } from '../../services/records';

export async function readShown(c: Context<AppEnv>, resourceName: string): Promise<Row> {
  const resource = registry.get(resourceName)!;
  const user = c.get('user')!;
  const lang = c.get('lang');
  const { db } = c.get('deps');
  authorize(user, resource, 'show', lang);
  const id = Number(c.req.param('id'));
  const row = Number.isInteger(id) && id > 0 ? await findRow(db, resource, id) : undefined;
  if (!row) throw notFound(msg(lang, 'not_found', { resource: resourceName, id: c.req.param('id') ?? '' }));
  await checkScope(db, user, resource, row, lang, 'show');
  return row;
}
