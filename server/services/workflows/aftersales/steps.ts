/** What the after-sales steps change: complaints, quality feedback forms, adverse-reaction reports. */
import { msg } from '../../../../schema/messages';
import { badRequest, validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';

type Input = Record<string, unknown>;
const en = (ctx: ServiceContext) => ctx.lang === 'en';

/** A required text input of the step's dialog. */
export function textInput(ctx: ServiceContext, input: Input, key: string): string {
  const v = typeof input[key] === 'string' ? (input[key] as string).trim() : '';
  if (!v) throw validationError(msg(ctx.lang, 'invalid_input'), { [key]: msg(ctx.lang, 'required') });
  return v;
}

/** An optional date input (today when empty), never in the future nor before `notBefore`. */
export function dateInput(ctx: ServiceContext, input: Input, key: string, notBefore?: unknown): string {
  const v = input[key];
  if (v == null || v === '') return ctx.clock.today();
  const bad = typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || v > ctx.clock.today() || (typeof notBefore === 'string' && v < notBefore);
  if (bad)
    throw validationError(msg(ctx.lang, 'invalid_input'), {
      [key]: msg(ctx.lang, 'not_date') + (typeof notBefore === 'string' ? ` (${notBefore} ~ ${ctx.clock.today()})` : ''),
    });
  return v;
}

export const complaintSteps = {
  investigate: (ctx: ServiceContext, _row: Row, input: Input) => ({ investigation: textInput(ctx, input, 'investigation'), status: 'investigating' }),
  handle: (ctx: ServiceContext, row: Row, input: Input) => {
    if (!row.investigation) throw badRequest(msg(ctx.lang, 'complaint_needs', { fields: en(ctx) ? 'investigation' : '调查与评估' }));
    return { measures: textInput(ctx, input, 'measures'), feedback_at: dateInput(ctx, input, 'feedback_at', row.received_at), status: 'handled' };
  },
  followUp: (ctx: ServiceContext, _row: Row, input: Input) => ({ follow_up: textInput(ctx, input, 'follow_up') }),
  reportQa: (ctx: ServiceContext) => ({ reported_to_qa_at: ctx.clock.today() }),
};

export const feedbackSteps = {
  report: (ctx: ServiceContext) => ({ reported_at: ctx.clock.today(), status: 'reported' }),
  handle: (ctx: ServiceContext, _row: Row, input: Input) => ({
    analysis: textInput(ctx, input, 'analysis'),
    handling: textInput(ctx, input, 'handling'),
    status: 'handled',
  }),
  close: (ctx: ServiceContext, row: Row) => {
    if (!row.analysis || !row.handling) throw badRequest(msg(ctx.lang, 'complaint_needs', { fields: en(ctx) ? 'analysis, handling' : '原因分析、处理意见' }));
    return { status: 'closed' };
  },
};

export const adverseSteps = {
  forward: (ctx: ServiceContext, row: Row, input: Input) => ({ forwarded_to_qa_at: dateInput(ctx, input, 'forwarded_to_qa_at', row.received_at) }),
  reportRegulator: (ctx: ServiceContext, row: Row, input: Input) => {
    if (!row.forwarded_to_qa_at) throw badRequest(msg(ctx.lang, 'adr_not_forwarded_yet'));
    return { reported_at: dateInput(ctx, input, 'reported_at', row.received_at) };
  },
};
