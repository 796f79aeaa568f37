/**
 * The credit review (第五篇 2.2, 2.3): the salesperson rates the customer's ability to pay; the credit limit is
 * set by finance or the head of sales (the field guard on credit_limit), so a salesperson's review leaves
 * it to them and the checklist shows it as awaiting finance.
 */
import { FIELD_GUARDS, type Role } from '../../../../schema/permissions';
import { msg } from '../../../../schema/messages';
import { PAYMENT_RATINGS } from '../../../../schema/workflows/first-business';
import { forbidden, validationError } from '../../../errors';
import type { ServiceContext } from '../../context';

export function creditReview(ctx: ServiceContext, input: Record<string, unknown>): Record<string, unknown> {
  const rating = typeof input.payment_rating === 'string' ? input.payment_rating.trim() : '';
  if (!PAYMENT_RATINGS.some((r) => r.id === rating)) {
    throw validationError(msg(ctx.lang, 'invalid_input'), {
      payment_rating: msg(ctx.lang, rating ? 'not_enum' : 'required', { value: rating, options: PAYMENT_RATINGS.map((r) => r.id).join('、') }),
    });
  }
  const changes: Record<string, unknown> = { payment_rating: rating, credit_reviewed_at: ctx.clock.today() };
  const raw = input.credit_limit;
  if (raw !== undefined && raw !== null && raw !== '') {
    const limit = Number(raw);
    if (!Number.isFinite(limit) || limit < 0) throw validationError(msg(ctx.lang, 'invalid_input'), { credit_limit: msg(ctx.lang, 'not_number') });
    // The guard's roles themselves (not admin's correction right: the verb is a review, not a correction).
    if (!ctx.actor.roles.some((r) => FIELD_GUARDS.customers.credit_limit.includes(r as Role))) {
      throw forbidden(msg(ctx.lang, 'credit_limit_role'));
    }
    changes.credit_limit = Math.round(limit * 100) / 100;
  }
  return changes;
}
