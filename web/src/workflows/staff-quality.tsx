/**
 * The #14 staff and quality records on the pages of the records they belong to: a complaint's, feedback
 * form's and visit's corrective actions (改进措施, opened by the 提出改进措施 verb or added here), a product's
 * information material by edition, a salesperson's assessments and the open findings about them (a failed
 * assessment, social insurance). Their steps are catalogue verbs
 * (schema/workflows/staff-quality.ts), offered on each record's page.
 */
import { ChildTable } from '../generic/ChildTable';
import { RecordFindingsTab } from './staff-quality/RecordFindingsTab';
import type { WorkflowExtension, WorkflowTab } from './types';

const related = (path: string, zh: string, en: string, resource: string, target: string): WorkflowTab => ({
  path,
  label: { zh, en },
  // biome-ignore lint/correctness/noComponentHookFactories: called once per tab when the extension is declared, not in a render
  Component: () => <ChildTable resource={resource} target={target} />,
});
const actions = (target: string) => related('corrective-actions', '改进措施', 'Corrective actions', 'corrective_actions', target);

export const staffQualityWorkflow: WorkflowExtension = {
  showTabs: {
    complaints: [actions('complaint')],
    quality_feedback: [actions('quality_feedback')],
    visits: [actions('visit')],
    products: [related('materials', '产品介绍资料', 'Information material', 'product_materials', 'product')],
    salespeople: [
      related('assessments', '考核记录', 'Assessments', 'salesperson_assessments', 'salesperson'),
      { path: 'flags', label: { zh: '人员提示', en: 'Flags' }, Component: RecordFindingsTab },
    ],
  },
};
