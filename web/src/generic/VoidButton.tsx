/**
 * GSP records are voided, never erased: this replaces react-admin's delete button. It asks for the reason
 * (mandatory, written to the audit log) and calls dataProvider.delete with it, pessimistically.
 */
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import {
  Button as RaButton,
  useCanAccess,
  useDelete,
  useGetRecordRepresentation,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useTranslate,
} from 'react-admin';
import { findResource } from '../meta/meta-store';
import { pick } from '../meta/labels';

export const VoidButton = () => {
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const represent = useGetRecordRepresentation(resource);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [deleteOne, { isPending }] = useDelete();
  const meta = findResource(resource);
  const { canAccess } = useCanAccess({ resource, action: 'delete', record });
  if (!record || record.voided_at || meta?.readOnly || !canAccess) return null;

  const submit = () =>
    deleteOne(
      resource,
      { id: record.id, previousData: record, meta: { reason: reason.trim() } },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          setReason('');
          notify('gsp.void.done', { type: 'info' });
          refresh();
        },
        onError: (error: unknown) => notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' }),
      },
    );

  return (
    <>
      <RaButton color="error" label="gsp.void.action" onClick={() => setOpen(true)}>
        <BlockIcon />
      </RaButton>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>
          {translate('gsp.void.title', { name: meta ? pick(meta.label, locale) : resource })} {String(represent(record) ?? '')}
        </DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            required
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            name="void_reason"
            label={translate('gsp.void.reason')}
            helperText={translate('gsp.void.reason_help')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={isPending}>
            {translate('ra.action.cancel')}
          </Button>
          <Button color="error" variant="contained" onClick={submit} disabled={isPending || !reason.trim()}>
            {translate('gsp.void.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
