/**
 * A document is readable exactly when the record it prints is: the role may `show` the resource, the
 * record exists (voided ones too, like GET /api/:res/:id) and lies inside a salesperson's own records.
 */
import { msg, type Lang } from '../../schema/messages';
import { registry } from '../../schema/resources';
import { authorize, checkScope } from '../auth/rbac';
import type { Db } from '../db';
import { notFound } from '../errors';
import type { Actor } from '../services/context';
import { findRow, type Row } from '../services/records';

export async function readableRecord(db: Db, actor: Actor, lang: Lang, resourceName: string, rawId: string): Promise<Row> {
  const resource = registry.get(resourceName)!;
  authorize(actor, resource, 'show', lang);
  const id = Number(rawId);
  const row = Number.isInteger(id) && id > 0 ? await findRow(db, resource, id) : undefined;
  if (!row) throw notFound(msg(lang, 'not_found', { resource: resource.name, id: rawId }));
  await checkScope(db, actor, resource, row, lang, 'show');
  return row;
}
