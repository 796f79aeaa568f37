/** The signed approvals of GSP's sales processes (first-business, contract, price, outbound review, complaint). */
import { msg } from '../../../schema/messages';
import { badRequest, forbidden } from '../../errors';
import { readSetting } from '../settings';
import type { VerbDef } from './types';

const state = (ctx: Parameters<VerbDef['apply']>[0], detail: string) => badRequest(msg(ctx.lang, 'verb_state', { detail }));

const approveFirstBusiness = (resource: 'customers' | 'products'): VerbDef => ({
  resource, verb: 'approve', meaning: 'approve_first_business', roles: ['qa'], noSelfApproval: true,
  apply: (ctx, row) => {
    if (row.qa_status === 'approved') throw state(ctx, ctx.lang === 'en' ? 'already approved' : '已审核');
    return resource === 'customers'
      ? { qa_status: 'approved', qa_approved_at: ctx.clock.today(), qa_approved_by: ctx.actor.display_name }
      : { qa_status: 'approved' };
  },
});

/** QA refuses a first-business application (the reason is required and signed). */
const rejectFirstBusiness = (resource: 'customers' | 'products'): VerbDef => ({
  resource, verb: 'reject', meaning: 'reject_first_business', roles: ['qa'], noSelfApproval: false, commentRequired: true,
  apply: (ctx, row) => {
    if (row.qa_status === 'rejected') throw state(ctx, ctx.lang === 'en' ? 'already rejected' : '已驳回');
    return { qa_status: 'rejected' };
  },
});

export const APPROVAL_VERBS: VerbDef[] = [
  approveFirstBusiness('customers'),
  approveFirstBusiness('products'),
  rejectFirstBusiness('customers'),
  rejectFirstBusiness('products'),
  {
    resource: 'contracts', verb: 'approve', meaning: 'approve_contract', roles: ['sales_vp', 'gm'], noSelfApproval: true,
    apply: (ctx, row) => {
      if (!['draft', 'pending', 'rejected'].includes(row.status as string)) throw state(ctx, String(row.status));
      // 第五篇 3.3: major contracts are approved by the general manager, others by the sales VP.
      const level = Number(row.amount) >= Number(readSetting(ctx.db, 'majorContractAmount')) ? 'gm' : 'sales_vp';
      if (!ctx.actor.roles.includes(level)) throw forbidden(msg(ctx.lang, 'verb_role', { verb: 'approve', roles: level === 'gm' ? '总经理' : '销售副总' }));
      return { status: 'approved', approved_by: ctx.actor.display_name, approved_role: level, approved_at: ctx.clock.today() };
    },
  },
  {
    resource: 'sales_lines', verb: 'approve-price', meaning: 'approve_price', roles: ['sales_head'], noSelfApproval: true,
    apply: (ctx) => ({ price_approved_by: ctx.actor.display_name }),
  },
  {
    resource: 'outbound_slips', verb: 'review', meaning: 'review_outbound', roles: ['reviewer'], noSelfApproval: true,
    apply: (ctx, row) => {
      if (row.reviewed_by) throw state(ctx, ctx.lang === 'en' ? 'already reviewed' : '已复核');
      // 第五篇 5.3: the double check is done by a second person, never the one who picked the goods.
      if (row.picked_by && row.picked_by === ctx.actor.display_name) throw forbidden(msg(ctx.lang, 'self_approval'));
      return { reviewed_by: ctx.actor.display_name, reviewed_at: ctx.clock.now().toISOString() };
    },
  },
  {
    resource: 'complaints', verb: 'close', meaning: 'close_complaint', roles: ['qa', 'after_sales'], noSelfApproval: false,
    apply: (ctx, row) => {
      if (row.status === 'closed') throw state(ctx, ctx.lang === 'en' ? 'already closed' : '已关闭');
      if (!row.investigation || !row.measures || !row.feedback_at) {
        throw state(ctx, ctx.lang === 'en' ? 'investigation, measures and feedback date are needed first' : '须先填写调查与评估、处理措施和反馈日期');
      }
      return { status: 'closed' };
    },
  },
];
