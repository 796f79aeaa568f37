/**
 * The composition of the write service's hooks: every workflow's per-resource hooks, registered on import.
 * Imported (for this effect) by each entry point that writes — the app, the first start, the demo seed, the
 * importer's pipeline — never by write.ts, whose callers these hooks are (see hooks.ts).
 */
import { USER_HOOKS } from '../auth/password-change';
import { registerWriteHooks } from './hooks';
import { SETTINGS_HOOKS } from './settings-hooks';
import { AFTERSALES_HOOKS } from './workflows/aftersales/hooks';
import { AUTHORISATION_HOOKS } from './workflows/authorisation/hooks';
import { FULFILMENT_HOOKS } from './workflows/fulfilment/hooks';
import { RECALL_HOOKS } from './workflows/recall/hooks';
import { DELIVERY_HOOKS } from './deliveries/hooks';
import { AFTERSALES_RECORD_HOOKS } from './workflows/after-sales-records/hooks';
import { STAFF_QUALITY_HOOKS } from './workflows/staff-quality/hooks';
import type { WriteHooks } from './hooks';

/** One workflow's hooks per resource: a second set for the same resource would silently replace the first. */
function compose(...sets: Record<string, WriteHooks>[]): Record<string, WriteHooks> {
  const all: Record<string, WriteHooks> = {};
  for (const set of sets) {
    for (const [resource, hooks] of Object.entries(set)) {
      if (all[resource]) throw new Error(`write hooks for ${resource} declared by two workflows: merge them`);
      all[resource] = hooks;
    }
  }
  return all;
}

registerWriteHooks(
  compose(
    RECALL_HOOKS,
    AFTERSALES_HOOKS,
    AUTHORISATION_HOOKS,
    FULFILMENT_HOOKS,
    SETTINGS_HOOKS,
    USER_HOOKS,
    DELIVERY_HOOKS,
    AFTERSALES_RECORD_HOOKS,
    STAFF_QUALITY_HOOKS,
  ),
);
