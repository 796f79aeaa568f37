/** Side effects that belong to a resource's writes, run inside the same transaction. */
import { eq } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { sessions } from '../../schema/tables';
import type { ServiceContext } from './context';
import type { Row } from './records';

type AfterUpdate = (ctx: ServiceContext, before: Row, after: Row) => void;

const AFTER_UPDATE: Record<string, AfterUpdate> = {
  // A new password, a deactivation or new roles sign the user out everywhere.
  users: (ctx, before, after) => {
    const changed = ['password', 'active', 'roles', 'salesperson', 'voided_at'].some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed) ctx.db.delete(sessions).where(eq(sessions.user, after.id)).run();
  },
};

export function afterUpdate(ctx: ServiceContext, resource: Resource, before: Row, after: Row): void {
  AFTER_UPDATE[resource.name]?.(ctx, before, after);
}
