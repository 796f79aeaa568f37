/**
 * The open rule findings about the record itself (not its sales): on a salesperson, a failed assessment
 * (SALESPERSON_ASSESSMENT_FAILED) or social insurance not paid — the flag the head of sales and the office see
 * on the salesperson's page. Rows open the finding for QA's handling.
 */
import { Datagrid, ReferenceManyField, useRecordContext, useResourceContext } from 'react-admin';
import { Box } from '@mui/material';
import { findResource } from '../../meta/meta-store';
import { listColumns } from '../../generic/columns';
import { LIST_BODY } from '../../generic/ListBody';

export const RecordFindingsTab = () => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const findings = findResource('findings');
  if (!record || !findings) return null;
  return (
    <ReferenceManyField
      reference="findings"
      target="record_id"
      filter={{ resource, status: ['open', 'acknowledged'] }}
      sort={{ field: 'id', order: 'DESC' }}
      perPage={25}
    >
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        body={LIST_BODY}
        data-testid="record-findings"
        empty={<Box sx={{ p: 2, color: 'text.secondary' }}>—</Box>}
      >
        {listColumns(findings, ['record_id', 'resource', 'customer', 'record_date'])}
      </Datagrid>
    </ReferenceManyField>
  );
};
