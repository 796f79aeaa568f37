/**
 * Side effects that belong to a resource's writes, run inside the same transaction. The workflows' hooks call
 * the write service back (a recall's start writes batches), so write.ts cannot import them: they are
 * registered here once by the composition (write-hooks.ts, imported by every entry point that writes) and a
 * write before that fails loudly instead of silently skipping a workflow's guards.
 */
import { eq } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { sessions } from '../../schema/tables';
import type { ServiceContext } from './context';
import type { Row } from './records';

type AfterUpdate = (ctx: ServiceContext, before: Row, after: Row) => Promise<void>;

const AFTER_UPDATE: Record<string, AfterUpdate> = {
  // A new password, a deactivation or new roles sign the user out everywhere.
  users: async (ctx, before, after) => {
    const changed = ['password', 'active', 'roles', 'salesperson', 'voided_at'].some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed) await ctx.db.delete(sessions).where(eq(sessions.user, after.id)).run();
  },
};

export async function afterUpdate(ctx: ServiceContext, resource: Resource, before: Row, after: Row): Promise<void> {
  await AFTER_UPDATE[resource.name]?.(ctx, before, after);
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
  fillInput?(ctx: ServiceContext, input: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>>;
  beforeWrite?(
    ctx: ServiceContext,
    values: Record<string, unknown>,
    current: Row | undefined,
    opts: { historical?: boolean; verb?: boolean },
  ): void | Promise<void>;
  afterWrite?(ctx: ServiceContext, before: Row | undefined, after: Row): void | Promise<void>;
  /** runs before a live record is voided (the generic route, a child left out of its parent, or a step with `verb`); throws to refuse */
  beforeVoid?(ctx: ServiceContext, current: Row, opts: { historical?: boolean; verb?: boolean; parentVoided?: boolean }): void | Promise<void>;
  /** runs after a live record was voided, before the records that read it are re-checked */
  afterVoid?(ctx: ServiceContext, voided: Row): void | Promise<void>;
}

let registered: Readonly<Record<string, WriteHooks>> | undefined;

/** Fills the registry (write-hooks.ts does, once); a second call with other hooks is a wiring mistake. */
export function registerWriteHooks(hooks: Record<string, WriteHooks>): void {
  if (registered && registered !== hooks) throw new Error('write hooks registered twice with different hooks');
  registered = hooks;
}

export function writeHooks(resource: Resource): WriteHooks | undefined {
  if (!registered) throw new Error('write hooks not registered: import server/services/write-hooks.ts in the entry point');
  return registered[resource.name];
}
