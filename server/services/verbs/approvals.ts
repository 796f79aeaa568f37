/** The signed approvals of GSP's sales processes (first-business, contract, price, outbound review, complaint). */
import { msg } from '../../../schema/messages';
import { badRequest, forbidden } from '../../errors';
import { assertFirstBusinessReady } from '../workflows/first-business/checklist';
import { assertLevel } from '../workflows/contracts/level';
import { requireNoBlocks, STEPS } from '../workflows/fulfilment/blocks';
import { verb, type VerbDef } from './types';

const state = (ctx: Parameters<VerbDef['apply']>[0], detail: string) => badRequest(msg(ctx.lang, 'verb_state', { detail }));

export const APPROVAL_VERBS: VerbDef[] = [
  // QA approves only while every blocking check of the first-business checklist passes.
  verb('customers', 'approve', async (ctx, row) => {
    await assertFirstBusinessReady(ctx, 'customers', row);
    return { qa_status: 'approved', qa_approved_at: ctx.clock.today(), qa_approved_by: ctx.actor.display_name };
  }),
  verb('products', 'approve', async (ctx, row) => {
    await assertFirstBusinessReady(ctx, 'products', row);
    return { qa_status: 'approved' };
  }),
  // QA refuses a first-business application: the reason is required and signed.
  verb('customers', 'reject', async () => ({ qa_status: 'rejected' })),
  verb('products', 'reject', async () => ({ qa_status: 'rejected' })),
  verb('contracts', 'approve', async (ctx, row) => {
    // 第五篇 3.3: major contracts are approved by the general manager, others by the sales VP.
    const level = await assertLevel(ctx, row, 'approve');
    return { status: 'approved', approved_by: ctx.actor.display_name, approved_role: level, approved_at: ctx.clock.today() };
  }),
  verb('sales_lines', 'approve-price', async (ctx) => ({ price_approved_by: ctx.actor.display_name })),
  verb('outbound_slips', 'review', async (ctx, row) => {
    // 第五篇 5.3: the double check is done by a second person, never the one who picked the goods.
    if (row.picked_by && row.picked_by === ctx.actor.display_name) throw forbidden(msg(ctx.lang, 'self_approval'));
    // The check follows the picking (第五篇 5.2–5.3); only an imported legacy slip without a recorded picker is
    // not refused (the picker is step-owned: a slip entered here gets one only from the pick step).
    if (!row.picked_by && row.import_id == null) throw badRequest(msg(ctx.lang, 'wf_not_picked'));
    await requireNoBlocks(ctx, row.order as number, ctx.clock.today(), STEPS.review);
    return { reviewed_by: ctx.actor.display_name, reviewed_at: ctx.clock.now().toISOString() };
  }),
  verb('complaints', 'close', async (ctx, row) => {
    if (!row.investigation || !row.measures || !row.feedback_at) {
      throw state(ctx, ctx.lang === 'en' ? 'investigation, measures and feedback date are needed first' : '须先填写调查与评估、处理措施和反馈日期');
    }
    // 第三篇 五/七, 第四篇 二.2: the complaint and its handling are reported to QA before it is closed.
    if (!row.reported_to_qa_at) throw badRequest(msg(ctx.lang, 'complaint_not_reported'));
    return { status: 'closed' };
  }),
];
