/**
 * react-admin's canAccess answered from schema/permissions.ts (the matrix the server enforces), so what the
 * console shows follows the server's rules and never the other way round. Pure: the auth provider passes
 * the signed-in user's roles. Besides resource × action it answers:
 *  - fields: `{ resource: 'customers.qa_status', action: 'write' }` → the field guards;
 *  - workflow verbs: `{ resource: 'customers', action: 'approve' }` → the verb's signer roles (verbs.ts);
 *  - the console's own pages (dashboard, QA review lists, audit-chain check): PAGES below.
 * What the fulfilment chain makes or voids only by its steps (MADE_BY_STEP) gets no generic button.
 */
import { ACTIONS, can, canSetField, type Action } from '../../../schema/permissions';
import { MADE_BY_STEP } from '../../../schema/workflows/fulfilment';
import { findVerbSpec } from './verbs';
import { WORKFLOW_PAGE_ACCESS } from '../workflows/page-access';

export interface AccessQuery {
  resource?: string;
  action: string;
  record?: Record<string, unknown>;
}

export interface AccessOptions {
  /** registry resources that take no writes through the API at all (findings, audit_log...) */
  isReadOnly?: (resource: string) => boolean;
}

/** Roles allowed to run GET /api/system/audit-verify (server/http/system-routes.ts). */
export const AUDIT_VERIFIERS = ['admin', 'auditor', 'qa'];

/**
 * The console's pages that are no registry resource: who may open them. A review list may be opened by
 * whoever may list the records it shows.
 */
export const PAGES: Record<string, (roles: readonly string[]) => boolean> = {
  dashboard: () => true,
  'qa/findings': (roles) => can(roles, 'findings', 'list'),
  'qa/expiring': (roles) => can(roles, 'customer_licenses', 'list') || can(roles, 'authorizations', 'list'),
  'qa/first-business': (roles) => can(roles, 'customers', 'list') || can(roles, 'products', 'list'),
  'qa/outbound': (roles) => can(roles, 'outbound_slips', 'list'),
  'qa/special': (roles) => can(roles, 'findings', 'list'),
  'qa/complaints': (roles) => can(roles, 'findings', 'list'),
  'qa/recalls': (roles) => can(roles, 'recall_notices', 'list') || can(roles, 'findings', 'list'),
  'audit-verify': (roles) => roles.some((r) => AUDIT_VERIFIERS.includes(r)),
  ...WORKFLOW_PAGE_ACCESS,
};

/**
 * Account administration: the matrix lets every role *read* users (names in audit trails resolve through
 * it), but only those who may manage accounts get the screen. TODO(server): give the matrix a users entry
 * per role instead, and resolve names for everyone else without listing accounts.
 */
const MANAGED_ONLY = new Set(['users']);

const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);
/** react-admin action names that are not the matrix's own. */
const ALIASES: Record<string, Action> = { read: 'show', clone: 'create', write: 'edit' };

export function canAccessFor(roles: readonly string[], query: AccessQuery, opts: AccessOptions = {}): boolean {
  const { resource, action } = query;
  if (!resource) return false;
  if (resource in PAGES) return PAGES[resource](roles);

  const dot = resource.indexOf('.');
  if (dot > 0) {
    // A field: reading follows the record; writing also needs the field guard.
    const res = resource.slice(0, dot);
    const field = resource.slice(dot + 1);
    if (action === 'read' || action === 'show' || action === 'list') return can(roles, res, 'show');
    const writeAction: Action = action === 'create' ? 'create' : 'edit';
    return canAccessFor(roles, { resource: res, action: writeAction }, opts) && canSetField(roles, res, field);
  }

  const verb = findVerbSpec(resource, action);
  if (verb) return verb.roles.some((r) => roles.includes(r));

  const matrixAction = isAction(action) ? action : ALIASES[action];
  if (!matrixAction) return false;
  if (matrixAction !== 'list' && matrixAction !== 'show' && matrixAction !== 'export' && opts.isReadOnly?.(resource)) return false;
  if (MANAGED_ONLY.has(resource) && !can(roles, resource, 'edit')) return false;
  // made or voided only by a step of the chain (the server refuses the generic write): no button for it
  if (MADE_BY_STEP[resource]?.[matrixAction as 'create' | 'edit' | 'delete']) return false;
  return can(roles, resource, matrixAction);
}

/** Whether these roles may set this field in a form (the server refuses any change otherwise). */
export const canWriteField = (roles: readonly string[], resource: string, field: string) => canSetField(roles, resource, field);
