/**
 * Documents the legacy system shipped or invoiced (a sales-ledger import's orders, and the slips, lines and
 * checks of such an order) are records of the past: no workflow verb of ours runs on them, and no plain
 * write continues them (schema/legacy.ts).
 * Master records carrying legacy facts (a customer the old system approved) are not documents: QA still
 * approves them through our verbs.
 */
import type { Resource } from '../../../schema/define';
import type { LegacyFacts } from '../../../schema/legacy';
import { registry } from '../../../schema/resources';
import type { Db } from '../../db';
import { msg } from '../../../schema/messages';
import { badRequest } from '../../errors';
import type { ServiceContext } from '../context';
import { findRow, type Row } from '../records';

const facts = (row: Row | undefined): LegacyFacts | null => {
  const f = row?.legacy_facts;
  if (!f) return null;
  return (typeof f === 'string' ? JSON.parse(f) : f) as LegacyFacts;
};

/** The legacy state of the record (or of the order it belongs to), or null when it is ours. */
export async function legacyDocument(db: Db, resource: Resource, row: Row): Promise<{ file: string; row: number; state: string } | null> {
  let f = facts(row);
  if (!f?.state && resource.fields.order?.ref === 'sales_orders' && row.order != null)
    f = facts(await findRow(db, registry.get('sales_orders')!, row.order as number));
  return f?.state ? { file: f.file, row: f.rows[0] ?? 0, state: f.state } : null;
}

/**
 * A plain write on a legacy document (or a new record hung on one, a line added to a legacy order) is
 * refused like a verb: the old system's documents are not continued here. The administrator may correct.
 */
export async function refuseLegacyDocument(ctx: ServiceContext, resource: Resource, row: Record<string, unknown>): Promise<void> {
  if (ctx.actor.roles.includes('admin')) return;
  if (!row.legacy_facts && !(resource.fields.order?.ref === 'sales_orders' && row.order != null)) return;
  const legacy = await legacyDocument(ctx.db, resource, row as Row);
  if (legacy) throw badRequest(msg(ctx.lang, 'legacy_document', legacy));
}
