/** The contracts flow's additions to the console (see ./types.ts): the 条款审核 panel of a contract. */
import type { WorkflowExtension } from './types';
import { TermsPanel } from './contracts/TermsPanel';

export const contractsWorkflow: WorkflowExtension = {
  showTabs: { contracts: [{ path: 'terms', label: { zh: '条款审核', en: 'Terms checklist' }, Component: TermsPanel }] },
};
