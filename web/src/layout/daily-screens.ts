/**
 * Each role's daily screens: shown first in the side menu, in a group of their own (常用), so the work of a
 * day needs no scrolling at 900 px. Keys are menu item keys: a resource name, a console page key
 * (qa/…, workflows/…, audit-verify) or an import entry (data-import, import-history). An entry the role
 * may not open is left out by the menu as everywhere else. A recall's notices are kept on its page (and in
 * the 售后 group), so after-sales' daily list stays within 900 px with its #14 records.
 */
export const DAILY_SCREENS: Readonly<Record<string, readonly string[]>> = {
  admin: ['users', 'settings', 'data-import', 'import-history', 'audit-verify'],
  sales: ['sales_orders', 'customers', 'contracts', 'visits', 'workflows/visit-plan', 'workflows/receivables'],
  sales_head: ['sales_orders', 'contracts', 'customers', 'workflows/receivables', 'salespeople', 'price_filings'],
  sales_vp: ['contracts', 'sales_orders', 'workflows/receivables', 'customers', 'market_reports'],
  gm: ['contracts', 'sales_orders', 'workflows/receivables', 'qa/findings', 'market_reports'],
  qa: ['dashboard', 'qa/findings', 'qa/first-business', 'qa/expiring', 'qa/special', 'qa/outbound', 'qa/complaints', 'qa/recalls', 'nonconformities'],
  warehouse: ['outbound_slips', 'special_checks', 'sales_orders', 'deliveries'],
  reviewer: ['outbound_slips', 'special_checks', 'qa/outbound'],
  finance: ['invoices', 'workflows/invoice', 'payments', 'workflows/receivables'],
  after_sales: ['complaints', 'quality_feedback', 'adverse_reactions', 'recalls', 'visits', 'replies', 'workflows/follow-ups', 'corrective_actions'],
  office: ['company_licenses', 'salespeople', 'authorizations', 'trainings', 'workflows/salespeople-expiring'],
  auditor: ['audit_log', 'signatures', 'qa/findings', 'audit-verify'],
};

/** The daily screens of a user with these roles, in the order of the roles' lists, without repeats. */
export function dailyScreens(roles: readonly string[]): string[] {
  return [...new Set(roles.flatMap((r) => DAILY_SCREENS[r] ?? []))];
}
