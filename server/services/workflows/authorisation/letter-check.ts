/**
 * What the office may not issue (第二篇 3.6.4): a letter without the company seal and the legal
 * representative's seal, or one whose term ends before it starts. Live writes only: a historical import
 * keeps what was on paper and the rule SALESPERSON_UNAUTHORIZED flags an unsealed letter instead.
 */
import { msg } from '../../../../schema/messages';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';

export function checkLetter(ctx: ServiceContext, letter: Record<string, unknown>): void {
  const errors: Record<string, string> = {};
  if (letter.sealed !== true) errors.sealed = msg(ctx.lang, 'letter_unsealed');
  const from = letter.valid_from as string | null | undefined;
  const to = letter.valid_to as string | null | undefined;
  if (from && to && to < from) errors.valid_to = msg(ctx.lang, 'letter_dates', { from, to });
  if (Object.keys(errors).length) throw validationError(Object.values(errors).join('；'), errors);
}
