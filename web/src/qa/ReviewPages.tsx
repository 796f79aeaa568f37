/** QA's review lists (质量审核): first-business approvals, unreviewed outbound, special drugs, complaints, recalls. */
import { useLocaleState } from 'react-admin';
import { findResource } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { FindingsList } from './FindingsList';
import { ReviewList } from './ReviewList';
import { ReviewPage, type ReviewTab } from './ReviewTabs';
import { COMPLAINT_RULES, OUTBOUND_RULES, RECALL_RULES, SPECIAL_RULES, ruleTitle } from './rules';

const ACTIVE = ['open', 'acknowledged'];

const useLabel = () => {
  const [locale] = useLocaleState();
  const label = (resource: string) => pick(findResource(resource)?.label ?? { zh: resource, en: resource }, locale);
  return Object.assign(label, { locale });
};

const findingsTab = (key: string, rules: readonly string[], locale: string): ReviewTab => ({
  key,
  label: rules.map((code) => ruleTitle(code, locale)).join('、'),
  count: { resource: 'findings', filter: { rule: [...rules], status: ACTIVE } },
  content: <FindingsList rules={rules} storeKey={`qa.${key}`} />,
});

export const FirstBusinessPage = () => {
  const label = useLabel();
  const tabs: ReviewTab[] = ['customers', 'products'].map((resource) => ({
    key: resource,
    label: label(resource),
    count: { resource, filter: { qa_status: 'pending' } },
    content: <ReviewList resource={resource} filter={{ qa_status: 'pending' }} storeKey={`qa.first_business.${resource}`} />,
  }));
  return <ReviewPage title="gsp.qa.first_business.title" help="gsp.qa.first_business.help" tabs={tabs} />;
};

export const OutboundPage = () => {
  const label = useLabel();
  const { locale } = label;
  const tabs: ReviewTab[] = [
    {
      key: 'outbound_slips',
      label: label('outbound_slips'),
      count: { resource: 'outbound_slips', filter: { reviewed_by: null } },
      content: (
        <ReviewList resource="outbound_slips" filter={{ reviewed_by: null }} storeKey="qa.outbound.slips" sort={{ field: 'outbound_date', order: 'DESC' }} />
      ),
    },
    findingsTab('outbound_findings', OUTBOUND_RULES, locale),
  ];
  return <ReviewPage title="gsp.qa.outbound.title" help="gsp.qa.outbound.help" tabs={tabs} />;
};

export const SpecialPage = () => {
  const [locale] = useLocaleState();
  return <ReviewPage title="gsp.qa.special.title" help="gsp.qa.special.help" tabs={[findingsTab('special', SPECIAL_RULES, locale)]} />;
};

export const ComplaintsPage = () => {
  const label = useLabel();
  const { locale } = label;
  const tabs: ReviewTab[] = [
    findingsTab('complaint_findings', COMPLAINT_RULES, locale),
    {
      key: 'complaints',
      label: label('complaints'),
      count: { resource: 'complaints', filter: { status_neq: 'closed' } },
      content: (
        <ReviewList resource="complaints" filter={{ status_neq: 'closed' }} storeKey="qa.complaints.open" sort={{ field: 'received_at', order: 'ASC' }} />
      ),
    },
  ];
  return <ReviewPage title="gsp.qa.complaints.title" help="gsp.qa.complaints.help" tabs={tabs} />;
};

export const RecallsPage = () => {
  const label = useLabel();
  const { locale } = label;
  const tabs: ReviewTab[] = [
    {
      key: 'recall_notices',
      label: label('recall_notices'),
      count: { resource: 'recall_notices', filter: { notified_at: null } },
      content: <ReviewList resource="recall_notices" filter={{ notified_at: null }} storeKey="qa.recalls.notices" />,
    },
    findingsTab('recall_findings', RECALL_RULES, locale),
  ];
  return <ReviewPage title="gsp.qa.recalls.title" help="gsp.qa.recalls.help" tabs={tabs} />;
};
