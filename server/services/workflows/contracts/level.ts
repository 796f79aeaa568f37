/** Who approves a contract (第五篇 3.3): the general manager from settings.majorContractAmount on, else the sales VP. */
import { ROLE } from '../../../../schema/enums';
import { msg } from '../../../../schema/messages';
import { requiredApproval } from '../../../../schema/rules/contract';
import type { ContractRow } from '../../../../schema/rules';
import { forbidden } from '../../../errors';
import type { ServiceContext } from '../../context';
import { loadSettings } from '../../settings';
import type { Row } from '../../records';

export async function approvalLevel(ctx: ServiceContext, row: Row): Promise<'gm' | 'sales_vp'> {
  return requiredApproval(row as unknown as ContractRow, await loadSettings(ctx.db));
}

/** The approver (or rejecter) must hold the contract's level: a VP cannot decide a major contract. */
export async function assertLevel(ctx: ServiceContext, row: Row, verb: string): Promise<'gm' | 'sales_vp'> {
  const level = await approvalLevel(ctx, row);
  if (!ctx.actor.roles.includes(level)) {
    throw forbidden(msg(ctx.lang, 'verb_role', { verb, roles: ROLE.labels[level][ctx.lang === 'en' ? 1 : 0] }));
  }
  return level;
}
