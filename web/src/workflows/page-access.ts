/** Who may open each workflow page (keys of the WorkflowPage entries): the matrix the server enforces. */
import { can } from '../../../schema/permissions';

type Access = (roles: readonly string[]) => boolean;

export const WORKFLOW_PAGE_ACCESS: Record<string, Access> = {
  // e.g. 'workflows/receivables': (roles) => can(roles, 'payments', 'list'),
  // authorisation: the office's list of salespeople whose letter, permit or labour contract is ending
  'workflows/salespeople-expiring': (roles) => can(roles, 'authorizations', 'list') && can(roles, 'salespeople', 'list'),
  // after-sales: the visit plan reads the service points and their visits
  'workflows/visit-plan': (roles) => can(roles, 'customers', 'list') && can(roles, 'visits', 'list'),
  // after-sales (issue #14): the follow-up plans' due dates read the plans and their visits
  'workflows/follow-ups': (roles) => can(roles, 'follow_up_plans', 'list') && can(roles, 'visits', 'list'),
  // fulfilment: the ageing reads invoices and payments; issuing an invoice writes invoices and their slip links
  'workflows/receivables': (roles) => can(roles, 'invoices', 'list') && can(roles, 'payments', 'list'),
  'workflows/invoice': (roles) => can(roles, 'invoices', 'create') && can(roles, 'invoice_slips', 'create') && can(roles, 'invoice_lines', 'create'),
};

void can;
