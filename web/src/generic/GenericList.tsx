/**
 * The list screen of any registry resource: columns (sortable where the definition declares it), filters,
 * full-text search, default sort, CSV export (the whole list streamed by the server; selected rows here).
 */
import { useMemo, useRef } from 'react';
import {
  BulkActionsToolbar,
  BulkExportButton,
  CreateButton,
  Datagrid,
  FilterButton,
  List,
  Pagination,
  TopToolbar,
  useCanAccess,
  useFilterContext,
  useListContext,
  useResourceContext,
} from 'react-admin';
import { BulkVerbButtons } from '../signatures/BulkVerbButtons';
import { useResourceMeta } from '../meta/meta-store';
import { listColumns } from './columns';
import { ExportCsvButton } from './ExportCsvButton';
import { exportResource } from './exporter';
import { useListFilters } from './list-filters';
import { LIST_PER_PAGE } from '../boot/list-prefetch';
import { LIST_BODY } from './ListBody';
import { useAfterFirstPaint } from './after-paint';

// CreateButton asks canAccess itself; export is a matrix action of its own (the whole list, streamed by the server).
// The filter button once the list has its filters (a generic list adds them after its first paint).
export const ListActions = ({ canCreate }: { canCreate: boolean }) => {
  const resource = useResourceContext();
  const { canAccess: canExport } = useCanAccess({ resource, action: 'export' });
  const filters = useFilterContext();
  return (
    <TopToolbar>
      {filters && <FilterButton />}
      {canCreate && <CreateButton />}
      {canExport && <ExportCsvButton />}
    </TopToolbar>
  );
};

// Nothing selected: react-admin's bulk toolbar is folded away (height 0) but still drew its buttons and their
// sign dialogs for every list; they are drawn once a row is selected.
const BulkActions = () => {
  const { selectedIds } = useListContext();
  if (!selectedIds?.length) return null;
  return (
    <>
      <BulkVerbButtons />
      <BulkExportButton />
    </>
  );
};

/**
 * The bulk toolbar itself (an absolutely placed bar over the table's header: no space of its own) is drawn
 * once a row is selected: folded away, it still cost the list's first render a toolbar, a button, a label and
 * the select-all button with their styles.
 */
const SelectionToolbar = () => {
  const { selectedIds } = useListContext();
  if (!selectedIds?.length) return null;
  return (
    <BulkActionsToolbar>
      <BulkActions />
    </BulkActionsToolbar>
  );
};
/** A list table's bulk actions: `<Datagrid {...BULK}>` */
export const BULK = { bulkActionButtons: <BulkActions />, bulkActionsToolbar: <SelectionToolbar /> };

const PAGINATION = <Pagination />;

export const GenericList = () => {
  const resource = useResourceMeta();
  // When the screen began (bench/web.ts: a list is drawn ≤ 300 ms after both it and its data are there).
  const started = useRef(false);
  if (!started.current) {
    started.current = true;
    performance.mark(`gsp:listScreen:${resource.name}`);
  }
  const filters = useListFilters(resource);
  // The filter bar comes in the frame after the rows (after-paint.ts).
  const showFilters = useAfterFirstPaint();
  // The same props on the second render: react-admin's table body and rows are memoised on them (new column
  // elements would draw every cell again).
  const { sort, actions, table } = useMemo(
    () => ({
      sort: { field: resource.sort[0], order: resource.sort[1] },
      actions: <ListActions canCreate={!resource.readOnly} />,
      table: (
        <Datagrid rowClick="show" {...BULK} body={LIST_BODY}>
          {listColumns(resource)}
        </Datagrid>
      ),
    }),
    [resource],
  );
  return (
    <List
      filters={showFilters ? filters : undefined}
      // the pagination (below the rows, with its page-size select) comes with the filter bar
      pagination={showFilters ? PAGINATION : false}
      sort={sort}
      perPage={LIST_PER_PAGE}
      exporter={exportResource}
      actions={actions}
    >
      {table}
    </List>
  );
};
