/**
 * The after-sales flow's additions to the console (see ./types.ts): the service points' monthly visit plan,
 * and a product's complaints archive (投诉档案). The complaint, feedback and adverse-reaction steps are
 * catalogue verbs (schema/workflows/aftersales.ts), offered on each record's page.
 */
import EventNoteIcon from '@mui/icons-material/EventNote';
import type { WorkflowExtension } from './types';
import { ProductComplaintsTab } from './aftersales/ProductComplaintsTab';
import { VisitPlanPage } from './aftersales/VisitPlanPage';

export const aftersalesWorkflow: WorkflowExtension = {
  showTabs: {
    products: [{ path: 'complaints', label: { zh: '投诉档案', en: 'Complaints archive' }, Component: ProductComplaintsTab }],
  },
  pages: [
    {
      key: 'workflows/visit-plan',
      path: '/workflows/visit-plan',
      label: { zh: '月度访问计划', en: 'Visit plan' },
      icon: EventNoteIcon,
      area: 'aftersales',
      Page: VisitPlanPage,
    },
  ],
};
