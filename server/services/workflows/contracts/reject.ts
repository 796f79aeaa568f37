/** The approver of the contract's level sends it back to the salesperson (reason required, signed). */
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { assertLevel } from './level';

export async function rejectContract(ctx: ServiceContext, row: Row): Promise<Record<string, unknown>> {
  await assertLevel(ctx, row, ctx.lang === 'en' ? 'reject' : '合同驳回');
  return { status: 'rejected' };
}
