/**
 * The blocks re-checked at every step after confirmation (schema/workflows/fulfilment.ts
 * RECHECKED_AT_EVERY_STEP): the order's lines are evaluated as if sold on the step's date — the batch's
 * status and recalls, the buyer's approval, licences and storage review as they stand then. An error
 * refuses the step, naming the line, the rule and the batch or buyer; a QA waiver of that finding counts.
 */
import { evaluate } from '../../../../schema/rules';
import { msg } from '../../../../schema/messages';
import { RECHECKED_AT_EVERY_STEP } from '../../../../schema/workflows/fulfilment';
import { badRequest } from '../../../errors';
import type { ServiceContext } from '../../context';
import { createSqlContext, settled } from '../../rules/sql-context';
import { saleLineViews } from '../../rules/views';
import { waived } from './confirm-order';

const CODES = new Set<string>(RECHECKED_AT_EVERY_STEP);

/** What blocks the step on this order as of `date` (empty when nothing does). */
export async function stepBlocks(ctx: ServiceContext, orderId: number, date: string): Promise<string[]> {
  const rc = await createSqlContext(ctx.db, date);
  const out: string[] = [];
  for (const [i, view] of (await saleLineViews(ctx.db, orderId)).entries()) {
    const texts: string[] = [];
    for (const f of await settled(rc, () => evaluate('sales_lines', { ...view, sale_date: date }, rc)))
      if (f.severity === 'error' && CODES.has(f.code) && !(await waived(ctx, view.id as number, f.code)))
        texts.push(`[${f.code}] ${ctx.lang === 'en' ? f.message.en : f.message.zh}`);
    if (texts.length) out.push(ctx.lang === 'en' ? `line ${i + 1}: ${texts.join('; ')}` : `第 ${i + 1} 行：${texts.join('；')}`);
  }
  return out;
}

export async function requireNoBlocks(ctx: ServiceContext, orderId: number, date: string, step: { zh: string; en: string }): Promise<void> {
  const blocks = await stepBlocks(ctx, orderId, date);
  if (blocks.length)
    throw badRequest(msg(ctx.lang, 'wf_step_blocked', { step: ctx.lang === 'en' ? step.en : step.zh, detail: blocks.join(ctx.lang === 'en' ? '; ' : '；') }));
}

export const STEPS = {
  outbound: { zh: '开具出库单', en: 'Issuing the outbound slip' },
  pick: { zh: '拣货', en: 'Picking' },
  review: { zh: '出库复核', en: 'The outbound review' },
  invoice: { zh: '开票', en: 'Invoicing' },
} as const;

/** The chain panel's warning: what would refuse the order's next step (issue, pick, review, invoice) today. */
export async function nextStepBlocks(ctx: ServiceContext, order: Record<string, unknown>, next: string | undefined): Promise<string[]> {
  // at 'received' the invoice is still ahead (finance may invoice before the receipt is confirmed)
  if (order.voided_at || !next || !['issued', 'picked', 'reviewed', 'received', 'invoiced'].includes(next)) return [];
  return stepBlocks(ctx, order.id as number, ctx.clock.today());
}
