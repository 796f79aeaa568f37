/**
 * The list screen of any registry resource: columns (sortable where the definition declares it), filters,
 * full-text search, default sort, CSV export (the whole list streamed by the server; selected rows here).
 */
import { useRef } from 'react';
import { BulkExportButton, CreateButton, Datagrid, FilterButton, List, TopToolbar, useCanAccess, useResourceContext } from 'react-admin';
import { BulkVerbButtons } from '../signatures/BulkVerbButtons';
import { useResourceMeta } from '../meta/meta-store';
import { listColumns, voidedRowSx } from './columns';
import { ExportCsvButton } from './ExportCsvButton';
import { exportResource } from './exporter';
import { useListFilters } from './list-filters';
import { LIST_PER_PAGE } from '../boot/list-prefetch';
import { RefTable } from './ref-table';

// CreateButton asks canAccess itself; export is a matrix action of its own (the whole list, streamed by the server).
export const ListActions = ({ canCreate }: { canCreate: boolean }) => {
  const resource = useResourceContext();
  const { canAccess: canExport } = useCanAccess({ resource, action: 'export' });
  return (
    <TopToolbar>
      <FilterButton />
      {canCreate && <CreateButton />}
      {canExport && <ExportCsvButton />}
    </TopToolbar>
  );
};

export const BulkActions = () => (
  <>
    <BulkVerbButtons />
    <BulkExportButton />
  </>
);

export const GenericList = () => {
  const resource = useResourceMeta();
  // When the screen began (bench/web.ts: a list is drawn ≤ 300 ms after both it and its data are there).
  const started = useRef(false);
  if (!started.current) {
    started.current = true;
    performance.mark(`gsp:listScreen:${resource.name}`);
  }
  const filters = useListFilters(resource);
  return (
    <List
      filters={filters}
      sort={{ field: resource.sort[0], order: resource.sort[1] }}
      perPage={LIST_PER_PAGE}
      exporter={exportResource}
      actions={<ListActions canCreate={!resource.readOnly} />}
    >
      <RefTable resource={resource} columns={resource.list}>
        <Datagrid rowClick="show" bulkActionButtons={<BulkActions />} rowSx={voidedRowSx}>
          {listColumns(resource)}
        </Datagrid>
      </RefTable>
    </List>
  );
};
