/**
 * The fulfilment flow's part of the plain writes (server/services/hooks.ts): an order is shipped by issuing
 * its outbound slip and completed by the salesperson's receipt confirmation — a plain edit cannot mark goods
 * shipped that never left, nor take a shipped order back. Drafting and confirming stay plain writes (the rules
 * check them either way); the verbs, historical imports and the administrator's corrections are not limited.
 */
import { ORDER_STATUS } from '../../../../schema/enums';
import { msg } from '../../../../schema/messages';
import { forbidden } from '../../../errors';
import type { WriteHooks } from '../../hooks';
import { FREEZE_HOOKS } from './freeze';

const BY_STEP = new Set(['shipped', 'completed']);

const STATUS_HOOKS: Record<string, WriteHooks> = {
  sales_orders: {
    beforeWrite(ctx, values, current, opts) {
      if (opts.historical || opts.verb || ctx.actor.roles.includes('admin') || !('status' in values)) return;
      const before = (current?.status as string | undefined) ?? 'draft';
      const after = values.status as string;
      if (after === before || (!BY_STEP.has(after) && !BY_STEP.has(before))) return;
      const status = BY_STEP.has(after) ? after : before;
      throw forbidden(msg(ctx.lang, 'wf_order_status_by_step', { status: ORDER_STATUS.labels[status as keyof typeof ORDER_STATUS.labels][ctx.lang === 'en' ? 1 : 0] }));
    },
  },
};

/** Both, per resource: the status guard first, then what fulfilment freezes (freeze.ts). */
export const FULFILMENT_HOOKS: Record<string, WriteHooks> = Object.fromEntries(
  [...new Set([...Object.keys(STATUS_HOOKS), ...Object.keys(FREEZE_HOOKS)])].map((name) => {
    const a = STATUS_HOOKS[name] ?? {};
    const b = FREEZE_HOOKS[name] ?? {};
    const hooks: WriteHooks = { ...a, ...b };
    if (a.beforeWrite && b.beforeWrite) hooks.beforeWrite = (...args) => { a.beforeWrite!(...args); b.beforeWrite!(...args); };
    return [name, hooks];
  }),
);
