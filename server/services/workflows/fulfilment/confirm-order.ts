/**
 * Confirming a draft order (draft → confirmed): every rule is evaluated on its lines again, now. An error
 * refuses — including a price outside the sales head's range that the head has not approved yet (a draft
 * may carry it, waiting for the approval) — unless QA waived that finding.
 */
import { and, eq } from 'drizzle-orm';
import { evaluate } from '../../../../schema/rules';
import { msg } from '../../../../schema/messages';
import { findings } from '../../../../schema/tables';
import { badRequest } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { createSqlContext, settled } from '../../rules/sql-context';
import { saleLineViews } from '../../rules/views';

export async function waived(ctx: ServiceContext, lineId: number, code: string): Promise<boolean> {
  return !!(await ctx.db
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.resource, 'sales_lines'), eq(findings.record_id, lineId), eq(findings.rule, code), eq(findings.status, 'waived')))
    .get());
}

export async function confirmOrder(ctx: ServiceContext, order: Row): Promise<Record<string, unknown>> {
  const views = await saleLineViews(ctx.db, order.id);
  if (!views.length) throw badRequest(msg(ctx.lang, 'wf_order_no_lines'));
  const rc = await createSqlContext(ctx.db, ctx.clock.today());
  const errors: string[] = [];
  for (const [i, view] of views.entries()) {
    const texts: string[] = [];
    for (const f of await settled(rc, () => evaluate('sales_lines', view, rc)))
      if (f.severity === 'error' && !(await waived(ctx, view.id as number, f.code)))
        texts.push(`[${f.code}] ${ctx.lang === 'en' ? f.message.en : f.message.zh}`);
    if (texts.length) errors.push(`${ctx.lang === 'en' ? `line ${i + 1}` : `第 ${i + 1} 行`}：${texts.join('；')}`);
  }
  // One message (not field errors): the confirmation dialog shows it as it is.
  if (errors.length) throw badRequest(msg(ctx.lang, 'wf_order_refused', { detail: errors.join('；') }));
  return { status: 'confirmed' };
}
