/** A service promise kept (第五篇 7): how, and when — not in the future. */
import { msg } from '../../../../schema/messages';
import { validationError } from '../../../errors';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { dateInput } from '../aftersales/steps';

export function fulfil(ctx: ServiceContext, _promise: Row, input: Record<string, unknown>) {
  const how = typeof input.fulfilment === 'string' ? input.fulfilment.trim() : '';
  if (!how) throw validationError(msg(ctx.lang, 'invalid_input'), { fulfilment: msg(ctx.lang, 'required') });
  return { fulfilment: how, fulfilled_at: dateInput(ctx, input, 'fulfilled_at') };
}
