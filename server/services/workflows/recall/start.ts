/**
 * Starting a recall (creating it open, or changing its batches while open): in the caller's transaction,
 * one notice per customer who received the batches (quantity_sold derived by the notice's own hook), the
 * quantities of existing notices brought up to date, and the batches set to recalled so a sale is refused.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { registry } from '../../../../schema/resources';
import { batches, recallNotices } from '../../../../schema/tables';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { applyChanges, createRecord, updateRecord } from '../../write';
import { coveredBatchIds, scopeOf, soldByCustomer } from './affected';

export async function startRecall(ctx: ServiceContext, recall: Row): Promise<void> {
  const reason = ctx.lang === 'en' ? `Recall ${recall.recall_no} started` : `启动召回 ${recall.recall_no}`;
  const scope = scopeOf(recall);
  const noticeRes = registry.get('recall_notices')!;
  const existing = new Map(
    (
      (await ctx.db
        .select()
        .from(recallNotices)
        .where(and(eq(recallNotices.recall, recall.id), isNull(recallNotices.voided_at)))
        .all()) as Row[]
    ).map((n) => [n.customer as number, n]),
  );
  const sold = await soldByCustomer(ctx.db, scope);
  for (const s of sold) {
    const notice = existing.get(s.customer);
    if (!notice) await createRecord(ctx, noticeRes, { recall: recall.id, customer: s.customer }, { reason });
    else if (notice.quantity_sold !== s.quantity) await applyChanges(ctx, noticeRes, notice, { quantity_sold: s.quantity }, { reason });
  }
  // A customer no longer covered (a batch taken off the list) keeps its notice, with nothing sold to recall.
  const covered = new Set(sold.map((s) => s.customer));
  for (const [customer, notice] of existing) {
    if (!covered.has(customer) && notice.quantity_sold !== 0) await applyChanges(ctx, noticeRes, notice, { quantity_sold: 0 }, { reason });
  }
  const batchRes = registry.get('batches')!;
  for (const id of await coveredBatchIds(ctx.db, scope)) {
    const b = (await ctx.db.select({ status: batches.status }).from(batches).where(eq(batches.id, id)).get()) as { status: string };
    if (b.status !== 'recalled') await updateRecord(ctx, batchRes, id, { status: 'recalled' }, { reason });
  }
}
