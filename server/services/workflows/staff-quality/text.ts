/** Bilingual messages of the staff and quality records (Chinese first; English with the UI in English). */
import { msg } from '../../../../schema/messages';
import { badRequest, validationError } from '../../../errors';
import type { ServiceContext } from '../../context';

export const say = (ctx: ServiceContext, zh: string, en: string): string => (ctx.lang === 'en' ? en : zh);

/** A 400 naming the field (the form shows it there). */
export function fieldError(ctx: ServiceContext, field: string, zh: string, en: string): never {
  throw validationError(msg(ctx.lang, 'invalid_input'), { [field]: say(ctx, zh, en) });
}

export const refuse = (ctx: ServiceContext, zh: string, en: string): never => {
  throw badRequest(say(ctx, zh, en));
};

export { textInput } from '../aftersales/steps';

/** A YYYY-MM-DD date input, future dates allowed (a due date); `fallback` when empty (undefined: required). */
export function dayInput(ctx: ServiceContext, input: Record<string, unknown>, key: string, fallback?: string): string {
  const v = input[key];
  if ((v == null || v === '') && fallback) return fallback;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) {
    throw validationError(msg(ctx.lang, 'invalid_input'), { [key]: v == null || v === '' ? msg(ctx.lang, 'required') : msg(ctx.lang, 'not_date') });
  }
  return v;
}
