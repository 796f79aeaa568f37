/** Side effects that belong to a resource's writes, run inside the same transaction. */
import { eq } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { sessions } from '../../schema/tables';
import type { ServiceContext } from './context';
import type { Row } from './records';
import { AUTHORISATION_HOOKS } from './workflows/authorisation/hooks';
import { RECALL_HOOKS } from './workflows/recall/hooks';
import { AFTERSALES_HOOKS } from './workflows/aftersales/hooks';
import { FULFILMENT_HOOKS } from './workflows/fulfilment/hooks';
import { SETTINGS_HOOKS } from './settings-hooks';
import { USER_HOOKS } from '../auth/password-change';
import { STAFF_QUALITY_HOOKS } from './workflows/staff-quality/hooks';

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

/**
 * What a workflow adds to the plain writes of a resource:
 * - `fillInput` completes the client's input before it is parsed (an automatic number left empty);
 * - `beforeWrite` sets the fields the server derives and checks values across fields (inside the transaction);
 * - `afterWrite` runs after a live (not historical) record and its children were written, before the rules;
 * - `beforeVoid` refuses a void the record's state forbids (a shipped line, an issued invoice);
 * - `afterVoid` undoes what the record's existence caused (a voided recall stops blocking its batches).
 */
export interface WriteHooks {
  fillInput?(ctx: ServiceContext, input: Record<string, unknown>): Record<string, unknown>;
  beforeWrite?(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined, opts: { historical?: boolean; verb?: boolean }): void;
  afterWrite?(ctx: ServiceContext, before: Row | undefined, after: Row): void;
  /** runs before a live record is voided (the generic route, a child left out of its parent, or a step with `verb`); throws to refuse */
  beforeVoid?(ctx: ServiceContext, current: Row, opts: { historical?: boolean; verb?: boolean; parentVoided?: boolean }): void;
  /** runs after a live record was voided, before the records that read it are re-checked */
  afterVoid?(ctx: ServiceContext, voided: Row): void;
}

const WRITE_HOOKS: Record<string, WriteHooks> = { ...RECALL_HOOKS, ...AFTERSALES_HOOKS, ...AUTHORISATION_HOOKS, ...FULFILMENT_HOOKS, ...SETTINGS_HOOKS, ...USER_HOOKS, ...STAFF_QUALITY_HOOKS };

export const writeHooks = (resource: Resource): WriteHooks | undefined => WRITE_HOOKS[resource.name];
