/**
 * QA's review list of findings: filters from the registry (rule with its title, severity, status — open by
 * default —, resource, import, and customer / salesperson / record date once the findings carry them), the
 * rule's source article beside each rule, and bulk acknowledge / waive (signed) for QA.
 */
import { Datagrid, List } from 'react-admin';
import { useResourceMeta } from '../meta/meta-store';
import { listColumns } from '../generic/columns';
import { LIST_BODY } from '../generic/ListBody';
import { exportResource } from '../generic/exporter';
import { useListFilters } from '../generic/list-filters';
import { BULK, ListActions } from '../generic/GenericList';
import { renderSystemField } from '../generic/system-fields';
import { EmptyReview } from './EmptyReview';

interface FindingsListProps {
  /** only findings of these rules (a permanent filter; the rule filter is then left out) */
  rules?: readonly string[];
  /** inside a review page: no title of its own, its state kept under storeKey instead of the URL */
  storeKey?: string;
  /** the status filter's starting value */
  status?: string;
}

export const FindingsList = ({ rules, storeKey, status = 'open' }: FindingsListProps) => {
  const resource = useResourceMeta('findings');
  const filters = useListFilters(resource).filter((f) => !(rules && f.key === 'rule'));
  // The rule column shows the rule's title and source article under its code.
  const columns = listColumns(resource);
  return (
    <List
      resource="findings"
      {...(storeKey && { title: false as const, storeKey, disableSyncWithLocation: true })}
      filter={rules ? { rule: rules.length === 1 ? rules[0] : [...rules] } : undefined}
      filters={filters}
      filterDefaultValues={status ? { status } : undefined}
      sort={{ field: resource.sort[0], order: resource.sort[1] }}
      perPage={25}
      exporter={exportResource}
      actions={<ListActions canCreate={false} />}
      empty={<EmptyReview />}
    >
      <Datagrid rowClick="show" {...BULK} body={LIST_BODY} sx={{ '& .column-message': { minWidth: 280, maxWidth: 420 } }}>
        {columns}
        {renderSystemField('created_at')}
      </Datagrid>
    </List>
  );
};
