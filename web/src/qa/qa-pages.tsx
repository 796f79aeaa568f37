/**
 * The 质量审核 (QA) menu group: the dashboard and the review lists, each a page key of auth/access.ts PAGES
 * (who may open it), a route, a label, an icon and — for the dashboard cards — what to count.
 */
import type { ComponentType } from 'react';
import type { SvgIconComponent } from '@mui/icons-material';
import DashboardIcon from '@mui/icons-material/Dashboard';
import RuleIcon from '@mui/icons-material/Rule';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import CampaignIcon from '@mui/icons-material/Campaign';
import { ComplaintsPage, FirstBusinessPage, OutboundPage, RecallsPage, SpecialPage } from './ReviewPages';
import { ExpiringPage } from './ExpiringPage';
import { COMPLAINT_RULES, SPECIAL_RULES } from './rules';

export interface QaPage {
  key: string;
  path: string;
  label: string;
  icon: SvgIconComponent;
  /** a custom route's page; absent for the dashboard and the findings resource */
  Page?: ComponentType;
  count?: { resource: string; filter: Record<string, unknown> };
  /** a second list on the same page, added to the count */
  alsoCount?: { resource: string; filter: Record<string, unknown> };
}

const ACTIVE = ['open', 'acknowledged'];

export const QA_PAGES: QaPage[] = [
  { key: 'dashboard', path: '/', label: 'gsp.dashboard.title', icon: DashboardIcon },
  // Counted on the dashboard by the findings statistics themselves.
  { key: 'qa/findings', path: '/findings', label: 'gsp.qa.findings.title', icon: RuleIcon },
  { key: 'qa/expiring', path: '/qa/expiring', label: 'gsp.qa.expiring.title', icon: EventBusyIcon, Page: ExpiringPage },
  {
    key: 'qa/first-business',
    path: '/qa/first-business',
    label: 'gsp.qa.first_business.title',
    icon: HowToRegIcon,
    Page: FirstBusinessPage,
    count: { resource: 'customers', filter: { qa_status: 'pending' } },
    alsoCount: { resource: 'products', filter: { qa_status: 'pending' } },
  },
  {
    key: 'qa/outbound',
    path: '/qa/outbound',
    label: 'gsp.qa.outbound.title',
    icon: FactCheckIcon,
    Page: OutboundPage,
    count: { resource: 'outbound_slips', filter: { reviewed_by: null } },
  },
  {
    key: 'qa/special',
    path: '/qa/special',
    label: 'gsp.qa.special.title',
    icon: VerifiedUserIcon,
    Page: SpecialPage,
    count: { resource: 'findings', filter: { rule: [...SPECIAL_RULES], status: ACTIVE } },
  },
  {
    key: 'qa/complaints',
    path: '/qa/complaints',
    label: 'gsp.qa.complaints.title',
    icon: ReportProblemIcon,
    Page: ComplaintsPage,
    count: { resource: 'findings', filter: { rule: [...COMPLAINT_RULES], status: ACTIVE } },
  },
  {
    key: 'qa/recalls',
    path: '/qa/recalls',
    label: 'gsp.qa.recalls.title',
    icon: CampaignIcon,
    Page: RecallsPage,
    count: { resource: 'recall_notices', filter: { notified_at: null } },
  },
];
