/** Who may open each workflow page (keys of the WorkflowPage entries): the matrix the server enforces. */
import { can } from '../../../schema/permissions';

type Access = (roles: readonly string[]) => boolean;

export const WORKFLOW_PAGE_ACCESS: Record<string, Access> = {
  // e.g. 'workflows/receivables': (roles) => can(roles, 'payments', 'list'),
};

void can;
