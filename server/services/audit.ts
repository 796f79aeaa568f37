import { auditLog } from '../../schema/tables';
import type { ServiceContext } from './context';

export type AuditAction = 'create' | 'update' | 'void';

/** Appends one audit row; call it inside the transaction that makes the change, so both land or neither. */
export function writeAudit(
  ctx: ServiceContext,
  action: AuditAction,
  resource: string,
  recordId: number,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  reason?: string | null,
): void {
  ctx.db
    .insert(auditLog)
    .values({ at: ctx.clock.now().toISOString(), actor: ctx.actor.id, action, resource, record_id: recordId, before, after, reason: reason ?? null })
    .run();
}
