/**
 * The recall flow's additions to the console (see ./types.ts): the 受影响客户 tab of a recall — who received
 * the batches, quantities, contacts, each notice's state and steps. The recall starts when QA saves it.
 */
import type { WorkflowExtension } from './types';
import { AffectedCustomersTab } from './recall/AffectedCustomersTab';

export const recallWorkflow: WorkflowExtension = {
  showTabs: {
    recalls: [{ path: 'customers', label: { zh: '受影响客户', en: 'Affected customers' }, Component: AffectedCustomersTab }],
  },
};
