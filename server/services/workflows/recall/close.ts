/** Closing a recall: only when every customer with goods to recall has been notified and has confirmed. */
import { and, eq, isNull } from 'drizzle-orm';
import { msg } from '../../../../schema/messages';
import { customers, recallNotices } from '../../../../schema/tables';
import { badRequest } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';

export async function closeRecall(ctx: ServiceContext, recall: Row): Promise<Record<string, unknown>> {
  const pending = (
    await ctx.db
      .select({
        name: customers.name,
        notified_at: recallNotices.notified_at,
        acknowledged_at: recallNotices.acknowledged_at,
        quantity_sold: recallNotices.quantity_sold,
      })
      .from(recallNotices)
      .innerJoin(customers, eq(customers.id, recallNotices.customer))
      .where(and(eq(recallNotices.recall, recall.id), isNull(recallNotices.voided_at)))
      .all()
  ).filter((n) => (n.quantity_sold ?? 0) > 0 && (!n.notified_at || !n.acknowledged_at));
  if (pending.length) {
    const what = (n: (typeof pending)[number]) =>
      n.notified_at ? (ctx.lang === 'en' ? 'not acknowledged' : '未确认') : ctx.lang === 'en' ? 'not notified' : '未通知';
    const list = pending.map((n) => `${n.name}（${what(n)}）`).join(ctx.lang === 'en' ? ', ' : '、');
    throw badRequest(msg(ctx.lang, 'recall_close_pending', { customers: list }));
  }
  return { status: 'closed' };
}
