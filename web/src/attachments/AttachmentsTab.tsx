/**
 * The 扫描件 tab of every record that carries scans: its own, then those of its child records that declare
 * kinds (a customer's licences and agents), so QA completes a customer's file from the customer's page.
 */
import { Alert, Box } from '@mui/material';
import { useCanAccess, useGetList, useLocaleState, useRecordContext, useResourceContext, type RaRecord } from 'react-admin';
import { findResource } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { AttachmentTable } from './AttachmentTable';
import { T } from './texts';

const display = (resource: string, r: RaRecord) =>
  (findResource(resource)?.display ?? [])
    .map((k) => r[k])
    .filter((v) => v != null && v !== '')
    .join(' ') || `#${r.id}`;

const ChildScans = ({ resource, field, parentId }: { resource: string; field: string; parentId: RaRecord['id'] }) => {
  const [locale] = useLocaleState();
  const { canAccess: canEdit } = useCanAccess({ resource, action: 'edit' });
  const meta = findResource(resource);
  const { data } = useGetList(resource, { filter: { [field]: parentId }, pagination: { page: 1, perPage: 100 }, sort: { field: 'id', order: 'ASC' } });
  if (!meta || !data) return null;
  return (
    <>
      {data.map((r) => (
        <AttachmentTable key={r.id} resource={resource} id={r.id} canEdit={!!canEdit} title={`${pick(meta.label, locale)} · ${display(resource, r)}`} />
      ))}
    </>
  );
};

export const AttachmentsTab = () => {
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const [locale] = useLocaleState();
  const { canAccess: canEdit } = useCanAccess({ resource, action: 'edit' });
  const meta = findResource(resource);
  if (!record || !meta) return null;
  const children = meta.children.filter((c) => findResource(c.resource)?.attachments?.some((s) => s.kind !== 'other'));
  return (
    <Box sx={{ width: '100%' }} data-testid="attachments-tab">
      <Alert severity="info" sx={{ mb: 1 }}>
        {pick(T.hint, locale)}
      </Alert>
      <AttachmentTable
        resource={resource}
        id={record.id}
        canEdit={!!canEdit && !record.voided_at}
        title={`${pick(meta.label, locale)} · ${pick(T.thisRecord, locale)}`}
      />
      {children.map((c) => (
        <ChildScans key={c.resource} resource={c.resource} field={c.field} parentId={record.id} />
      ))}
    </Box>
  );
};
