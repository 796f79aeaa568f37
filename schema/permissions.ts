/**
 * Who may do what: one declarative matrix (role × resource × action), field guards and record scopes.
 * The server enforces it on every route and service (server/auth/rbac.ts); the web app derives what it
 * shows from the same data (react-admin's canAccess), never the other way round.
 */
import type { ROLE } from './enums';
import { stepOwned } from './lifecycle';

export type Role = (typeof ROLE.values)[number];
/** react-admin's action names, so the UI can ask canAccess({ resource, action }) directly. */
export const ACTIONS = ['list', 'show', 'export', 'create', 'edit', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

const READ: Action[] = ['list', 'show', 'export'];
const WRITE: Action[] = [...READ, 'create', 'edit'];
const ALL: Action[] = [...WRITE, 'delete'];
const EDIT: Action[] = [...READ, 'edit'];

type Grants = Record<string, Action[]>;
const SALES_DESK: Grants = {
  customers: WRITE,
  customer_licenses: ALL,
  customer_agents: ALL,
  contracts: ALL,
  sales_orders: ALL,
  sales_lines: ALL,
  outbound_slips: EDIT,
  visits: WRITE,
  complaints: WRITE,
  quality_feedback: WRITE,
  adverse_reactions: WRITE,
  // 第二篇 3.6: the salesperson hands our licence and approval copies to the buyer and records it
  document_deliveries: WRITE,
};

/** `*` is every resource not named; an action missing from a role's grants is denied. */
export const MATRIX: Record<Role, Grants> = {
  admin: { '*': ALL },
  auditor: { '*': READ },
  qa: {
    '*': READ,
    customers: ALL,
    customer_licenses: ALL,
    customer_agents: ALL,
    products: ALL,
    batches: ALL,
    recalls: ALL,
    recall_notices: ALL,
    quality_feedback: ALL,
    complaints: ALL,
    adverse_reactions: ALL,
    visits: WRITE,
    document_deliveries: ALL,
  },
  sales: { '*': READ, ...SALES_DESK },
  sales_head: { '*': READ, ...SALES_DESK, products: EDIT },
  sales_vp: { '*': READ, contracts: EDIT },
  gm: { '*': READ, contracts: EDIT },
  warehouse: { '*': READ, outbound_slips: ALL, recall_notices: EDIT },
  reviewer: { '*': READ, outbound_slips: EDIT },
  // special_checks: 第二篇 3.9 the 开票人员 verifies a special-drug sale (the verify-special step writes it)
  finance: { '*': READ, customers: EDIT, invoices: ALL, invoice_slips: ALL, invoice_lines: ALL, payments: ALL, special_checks: WRITE },
  after_sales: { '*': READ, visits: ALL, complaints: ALL, quality_feedback: ALL, adverse_reactions: ALL, recall_notices: EDIT },
  office: { '*': READ, salespeople: ALL, authorizations: ALL, trainings: ALL, company_licenses: ALL, document_deliveries: ALL },
};
// issue #14's after-sales records (schema/workflows/after-sales-records.ts): who keeps them (every other role
// reads them, as `*` says)
const DESK = { service_promises: WRITE, replies: WRITE, follow_up_plans: WRITE };
for (const [role, grants] of Object.entries({
  qa: { nonconformities: ALL, nonconformity_notices: ALL, suppliers: ALL, supplier_agreements: ALL, replies: ALL, follow_up_plans: ALL },
  sales: DESK,
  sales_head: { ...DESK, service_promises: ALL },
  warehouse: { deliveries: ALL, nonconformity_notices: EDIT },
  after_sales: { replies: ALL, follow_up_plans: ALL, service_promises: EDIT, nonconformity_notices: EDIT },
  office: { suppliers: ALL, supplier_agreements: ALL },
} as Partial<Record<Role, Grants>>))
  Object.assign(MATRIX[role as Role], grants);
// #14 staff and quality records (schema/tables/staff-quality.ts, quality-records.ts): 第二篇 3.3 the sales
// department assesses its salespeople; 第五篇 4.3 a salesperson files prices; 第二篇 3.7 QA approves the
// material sales drafts; 第三篇 九 sales and after-sales report the market; 第二篇 3.13 improvement with QA.
for (const [role, grants] of Object.entries({
  sales: { price_filings: WRITE, market_reports: WRITE, corrective_actions: WRITE },
  sales_head: { salesperson_assessments: ALL, price_filings: WRITE, product_materials: WRITE, market_reports: WRITE, corrective_actions: WRITE },
  sales_vp: { salesperson_assessments: WRITE },
  gm: { salesperson_assessments: WRITE },
  qa: { product_materials: ALL, corrective_actions: ALL },
  after_sales: { market_reports: WRITE, corrective_actions: WRITE },
} as Partial<Record<Role, Grants>>))
  Object.assign(MATRIX[role as Role], grants);

/**
 * Fields only some roles may set or change, even where the role may edit the record: the credit limit is
 * finance's or the head of sales', a batch's quality status QA's. Fields that only a workflow step sets
 * (approvals, reviews, signatures, statuses) are not here: schema/lifecycle.ts declares them step-owned, and
 * no role — admin included — sets them by a plain edit (canSetField says no for every role).
 * Historical imports record approvals made elsewhere and are not limited by these guards.
 */
export const FIELD_GUARDS: Record<string, Record<string, Role[]>> = {
  customers: { credit_limit: ['finance', 'sales_head'] },
  products: { price_cap: ['sales_head', 'qa'], price_min: ['sales_head'], price_max: ['sales_head'] },
  batches: { status: ['qa'] },
};

/**
 * Record scopes: for these roles a resource is limited to the records that belong to the user's own
 * salesperson record, reached through the path given (`order.salesperson` = via the line's order).
 */
export const OWN_SCOPE: Partial<Record<Role, Record<string, string>>> = {
  sales: {
    sales_orders: 'salesperson',
    contracts: 'salesperson',
    sales_lines: 'order.salesperson',
    special_checks: 'order.salesperson',
    outbound_slips: 'order.salesperson',
    price_filings: 'salesperson',
    // a salesperson's own service promises: those of their own contracts
    service_promises: 'contract.salesperson',
  },
};

export function can(roles: readonly string[], resource: string, action: Action): boolean {
  return roles.some((r) => {
    const grants = MATRIX[r as Role];
    return !!grants && (grants[resource] ?? grants['*'] ?? []).includes(action);
  });
}

/**
 * Whether these roles may set `field` of `resource` by a plain write: never a step-owned field (except between
 * its `plain` values, which the write service checks); else admin always may.
 */
export function canSetField(roles: readonly string[], resource: string, field: string): boolean {
  const owned = stepOwned(resource, field);
  if (owned && !owned.plain) return false;
  const allowed = FIELD_GUARDS[resource]?.[field];
  return !allowed || roles.includes('admin') || roles.some((r) => allowed.includes(r as Role));
}

/**
 * The ownership path limiting this user on this resource, or null when a role of theirs is unrestricted.
 * With `action`, only the roles granting that action count, so a second, read-only role (every role reads
 * everything) lifts a salesperson's scope for reads but never for writes. Without it: reads (list or show).
 */
export function ownScope(roles: readonly string[], resource: string, action?: Action): string | null {
  let path: string | null = null;
  for (const r of roles) {
    const grants = action ? can([r], resource, action) : can([r], resource, 'list') || can([r], resource, 'show');
    if (!grants) continue;
    const p = OWN_SCOPE[r as Role]?.[resource];
    if (!p) return null; // some role sees everything
    path = p;
  }
  return path;
}
