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

registerWriteHooks({
  ...RECALL_HOOKS, ...AFTERSALES_HOOKS, ...AUTHORISATION_HOOKS, ...FULFILMENT_HOOKS, ...SETTINGS_HOOKS, ...USER_HOOKS,
});
