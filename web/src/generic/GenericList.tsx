/** The list screen of any registry resource: columns, filters, full-text search, default sort, CSV export. */
import {
  BulkExportButton, CreateButton, Datagrid, ExportButton, FilterButton, List, TopToolbar,
} from 'react-admin';
import { useResourceMeta } from '../meta/meta-store';
import { listColumns, voidedRowSx } from './columns';
import { exportResource } from './exporter';
import { useListFilters } from './list-filters';

const EXPORT_LIMIT = 10000;

const ListActions = ({ canCreate }: { canCreate: boolean }) => (
  <TopToolbar>
    <FilterButton />
    {canCreate && <CreateButton />}
    <ExportButton maxResults={EXPORT_LIMIT} />
  </TopToolbar>
);

export const GenericList = () => {
  const resource = useResourceMeta();
  const filters = useListFilters(resource);
  return (
    <List
      filters={filters}
      sort={{ field: resource.sort[0], order: resource.sort[1] }}
      perPage={25}
      exporter={exportResource}
      actions={<ListActions canCreate={!resource.readOnly} />}
    >
      <Datagrid rowClick="show" bulkActionButtons={<BulkExportButton />} rowSx={voidedRowSx}>
        {listColumns(resource)}
      </Datagrid>
    </List>
  );
};
