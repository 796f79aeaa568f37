/**
 * Submitting a draft (or a rejected contract, corrected) for approval: refused while a 3.2 term is missing or
 * the customer is not approved; a major contract is the head of sales' to submit (第五篇 3.3.2).
 */
import { msg } from '../../../../schema/messages';
import { badRequest, forbidden } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { contractChecklist } from './checklist';

export async function submitContract(ctx: ServiceContext, row: Row): Promise<Record<string, unknown>> {
  const list = await contractChecklist(ctx.db, row);
  const i = ctx.lang === 'en' ? 'en' : 'zh';
  const missingTerms = list.checks.filter((c) => c.key.startsWith('term:') && c.status === 'fail');
  if (missingTerms.length) {
    throw badRequest(msg(ctx.lang, 'contract_terms_missing', { missing: missingTerms.map((c) => c.label[i]).join(i === 'zh' ? '、' : ', ') }));
  }
  const customer = list.checks.find((c) => c.key === 'customer_approved')!;
  if (customer.status === 'fail') throw badRequest(msg(ctx.lang, 'contract_customer_unapproved', { customer: list.customerName ?? '—' }));
  if (list.level === 'gm' && !ctx.actor.roles.includes('sales_head')) {
    throw forbidden(msg(ctx.lang, 'contract_major_by_head', { amount: list.majorContractAmount }));
  }
  // A resubmission clears the earlier decision.
  return { status: 'pending', approved_by: null, approved_role: null, approved_at: null };
}
