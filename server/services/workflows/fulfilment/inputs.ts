/** The date a step is recorded for: the one the user gave (a real date, not in the future) or today. */
import { isIsoDate } from '../../../../schema/rules';
import { msg } from '../../../../schema/messages';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';

export function stepDate(ctx: ServiceContext, input: Record<string, unknown>, key: string, label: { zh: string; en: string }): string {
  const value = input[key];
  if (value == null || value === '') return ctx.clock.today();
  if (!isIsoDate(value) || (value as string) > ctx.clock.today()) {
    throw validationError(msg(ctx.lang, 'wf_bad_date', { field: ctx.lang === 'en' ? label.en : label.zh }), {
      [key]: msg(ctx.lang, 'wf_bad_date', { field: '' }),
    });
  }
  return value as string;
}
