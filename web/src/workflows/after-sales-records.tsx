/**
 * Issue #14's after-sales records in the console (see ./types.ts): a nonconforming-goods case lists who received
 * the batch, with each notice's steps (the recall's own 受影响客户 tab); a complaint shows its repair route and its
 * numbered replies; an outbound slip its delivery records; a contract its service promises; and the follow-up
 * plans' due dates have a page of their own. The steps themselves are catalogue verbs on each record's page.
 */
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Datagrid, DateField, NumberField, ReferenceManyField, TextField, useLocaleState } from 'react-admin';
import { API_URL, httpClient } from '../providers/http-client';
import type { WorkflowExtension } from './types';
import { affectedCustomersTab } from './recall/AffectedCustomersTab';
import type { Affected } from './recall/api';
import { FollowUpPage } from './after-sales-records/FollowUpPage';
import { RepairRouteTab } from './after-sales-records/RepairRouteTab';

const caseCustomers = async (id: unknown): Promise<Affected> => (await httpClient(`${API_URL}/workflows/nonconformities/${id}/customers`)).json as Affected;

const CaseCustomersTab = affectedCustomersTab({
  queryKey: 'nonconformity-customers',
  load: caseCustomers,
  notices: (kase) =>
    kase.decision === 'recall'
      ? { resource: 'recall_notices', parent: { recall: kase.recall } }
      : kase.decision === 'notice'
        ? { resource: 'nonconformity_notices', parent: { nonconformity: kase.id } }
        : null,
});

/** A record's related list, Chinese labels first. */
const related = (reference: string, target: string, sort: string, columns: [string, string, string, 'text' | 'date' | 'number'][]) => () => {
  const [locale] = useLocaleState();
  return (
    <ReferenceManyField reference={reference} target={target} sort={{ field: sort, order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid={`related-${reference}`}>
        {columns.map(([source, zh, en, kind]) => {
          const label = locale === 'en' ? en : zh;
          return kind === 'date' ? (
            <DateField key={source} source={source} label={label} />
          ) : kind === 'number' ? (
            <NumberField key={source} source={source} label={label} />
          ) : (
            <TextField key={source} source={source} label={label} />
          );
        })}
      </Datagrid>
    </ReferenceManyField>
  );
};

export const afterSalesRecordsWorkflow: WorkflowExtension = {
  showTabs: {
    nonconformities: [{ path: 'customers', label: { zh: '已购客户与通知', en: 'Customers and notices' }, Component: CaseCustomersTab }],
    complaints: [
      { path: 'repair', label: { zh: '维修途径', en: 'Repair route' }, Component: RepairRouteTab },
      {
        path: 'replies',
        label: { zh: '复函', en: 'Replies' },
        Component: related('replies', 'complaint', 'reply_date', [
          ['reply_no', '复函编号', 'Reply no.', 'text'],
          ['reply_date', '复函日期', 'Replied on', 'date'],
          ['subject', '事由', 'Subject', 'text'],
          ['replied_by', '经办人', 'Written by', 'text'],
        ]),
      },
    ],
    outbound_slips: [
      {
        path: 'deliveries',
        label: { zh: '运输记录', en: 'Deliveries' },
        Component: related('deliveries', 'slip', 'departed_at', [
          ['carrier', '承运单位', 'Carrier', 'text'],
          ['vehicle_no', '车牌号', 'Vehicle', 'text'],
          ['driver', '驾驶员', 'Driver', 'text'],
          ['departed_at', '起运时间', 'Departed', 'date'],
          ['arrived_at', '到达时间', 'Arrived', 'date'],
          ['temp_start', '起运温度（℃）', 'Start °C', 'number'],
          ['temp_end', '到达温度（℃）', 'End °C', 'number'],
        ]),
      },
    ],
    contracts: [
      {
        path: 'promises',
        label: { zh: '服务承诺', en: 'Service promises' },
        Component: related('service_promises', 'contract', 'due_date', [
          ['promise', '承诺内容', 'Promise', 'text'],
          ['due_date', '承诺兑现日期', 'Due on', 'date'],
          ['owner', '负责人', 'Owner', 'text'],
          ['fulfilled_at', '兑现日期', 'Fulfilled on', 'date'],
        ]),
      },
    ],
  },
  pages: [
    {
      key: 'workflows/follow-ups',
      path: '/workflows/follow-ups',
      label: { zh: '跟踪服务计划表', en: 'Follow-up schedule' },
      icon: FactCheckIcon,
      area: 'aftersales',
      Page: FollowUpPage,
    },
  ],
};
