/** The approver of the contract's level sends it back to the salesperson (reason required, signed). */
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { assertLevel } from './level';

export function rejectContract(ctx: ServiceContext, row: Row): Record<string, unknown> {
  assertLevel(ctx, row, ctx.lang === 'en' ? 'reject' : '合同驳回');
  return { status: 'rejected' };
}
