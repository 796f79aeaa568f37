/**
 * A recall voided (entered by mistake, or withdrawn by the manufacturer) no longer blocks its batches — but
 * nobody has checked them either: each batch it had set to recalled, and that no other open recall covers,
 * goes to 待验/暂停 (quarantined) for QA to release or reject. It is never made saleable automatically.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { registry } from '../../../../schema/resources';
import { batches, recalls } from '../../../../schema/tables';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { applyChanges } from '../../write';
import { coveredBatchIds, scopeOf } from './affected';

export async function releaseBatches(ctx: ServiceContext, voided: Row): Promise<void> {
  const others = (
    (await ctx.db
      .select()
      .from(recalls)
      .where(and(eq(recalls.status, 'open'), isNull(recalls.voided_at)))
      .all()) as Row[]
  ).filter((r) => r.id !== voided.id);
  const stillCovered = new Set<number>();
  for (const r of others) for (const id of await coveredBatchIds(ctx.db, scopeOf(r))) stillCovered.add(id);
  const batchRes = registry.get('batches')!;
  for (const id of await coveredBatchIds(ctx.db, scopeOf(voided))) {
    const batch = (await ctx.db.select().from(batches).where(eq(batches.id, id)).get()) as Row;
    if (batch.status !== 'recalled' || stillCovered.has(id)) continue;
    await applyChanges(ctx, batchRes, batch, { status: 'quarantined' }, { reason: `召回 ${voided.recall_no} 已作废：批次转待验，由质管部复核放行` });
  }
}
