/** A child resource (registry `parent`) listed on its parent's show page, with a button to add one. */
import { CreateButton, Datagrid, Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
import { Box } from '@mui/material';
import { findResource } from '../meta/meta-store';
import { listColumns } from './columns';
import { LIST_BODY } from './ListBody';

export const ChildTable = ({ resource, target }: { resource: string; target: string; label?: false }) => {
  const parent = useRecordContext();
  const child = findResource(resource);
  if (!child || !parent) return null;
  return (
    <Box sx={{ width: '100%' }}>
      {!child.readOnly && !parent.voided_at && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <CreateButton resource={resource} state={{ record: { [target]: parent.id } }} />
        </Box>
      )}
      <ReferenceManyField reference={resource} target={target} sort={{ field: child.sort[0], order: child.sort[1] }} perPage={25} pagination={<Pagination />}>
        <Datagrid rowClick="show" bulkActionButtons={false} body={LIST_BODY} empty={<Box sx={{ p: 2, color: 'text.secondary' }}>—</Box>}>
          {listColumns(child, [target])}
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};
