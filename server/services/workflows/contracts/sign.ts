/** Recording that an approved contract was signed with the customer (第五篇 3.3: approval comes first). */
import { msg } from '../../../../schema/messages';
import { isValidDate } from '../../../../schema/validate';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';

export function signContract(ctx: ServiceContext, row: Row, input: Record<string, unknown>): Record<string, unknown> {
  const today = ctx.clock.today();
  const given = typeof input.signed_at === 'string' && input.signed_at.trim() ? input.signed_at.trim() : today;
  const approved = (row.approved_at as string | null) ?? given;
  if (!isValidDate(given) || given > today || given < approved) {
    throw validationError(msg(ctx.lang, 'invalid_input'), { signed_at: msg(ctx.lang, 'contract_sign_date', { date: given, approved, today }) });
  }
  return { status: 'signed', signed_at: given };
}
