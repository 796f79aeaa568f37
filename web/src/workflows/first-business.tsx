/**
 * The first-business flow's additions to the console (see ./types.ts): the 首营审核 tab of customers and
 * products; and the salesperson-authorisation flow's: the 资质 tab of a salesperson, the office's 签发授权书
 * button and the page of salesperson documents expiring.
 */
import BadgeIcon from '@mui/icons-material/Badge';
import type { WorkflowExtension } from './types';
import { FirstBusinessTab } from './first-business/FirstBusinessTab';
import { QualificationTab } from './authorisation/QualificationTab';
import { IssueLetterButton } from './authorisation/IssueLetterButton';
import { SalespeopleExpiringPage } from './authorisation/SalespeopleExpiringPage';

const firstBusinessTab = { path: 'first-business', label: { zh: '首营审核', en: 'First-business review' }, Component: FirstBusinessTab };

export const firstBusinessWorkflow: WorkflowExtension = {
  showTabs: {
    customers: [firstBusinessTab],
    products: [firstBusinessTab],
    salespeople: [{ path: 'qualification', label: { zh: '资质', en: 'Qualifications' }, Component: QualificationTab }],
  },
  showActions: { salespeople: [IssueLetterButton] },
  pages: [
    {
      key: 'workflows/salespeople-expiring',
      path: '/workflows/salespeople-expiring',
      label: { zh: '销售人员资质到期', en: 'Salesperson documents expiring' },
      icon: BadgeIcon,
      area: 'parties',
      Page: SalespeopleExpiringPage,
    },
  ],
};
