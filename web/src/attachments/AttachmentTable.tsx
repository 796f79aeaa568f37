/**
 * The scans of one record: a row per kind its resource declares (required ones marked, a missing one red),
 * its current file with preview and download, upload or replace (for whoever may edit the record), and the
 * earlier versions a replacement kept.
 */
import { useRef, useState } from 'react';
import {
  Box,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useQueryClient } from '@tanstack/react-query';
import { Button, useLocaleState, useNotify, useRefresh, type Identifier } from 'react-admin';
import { pick } from '../meta/labels';
import { formatMinute } from '../generic/format';
import { ACCEPT, contentUrl, formatSize, uploadAttachment, useRecordAttachments, type AttachmentRow } from './api';
import { T } from './texts';

const Preview = ({ row, onClose }: { row: AttachmentRow; onClose: () => void }) => {
  const [locale] = useLocaleState();
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth data-testid="attachment-preview">
      <DialogTitle>{row.file_name}</DialogTitle>
      <DialogContent sx={{ height: '75vh' }}>
        {row.mime.startsWith('image/') ? (
          <Box component="img" src={contentUrl(row.id)} alt={row.file_name} sx={{ maxWidth: '100%', maxHeight: '100%', display: 'block', mx: 'auto' }} />
        ) : (
          <Box component="iframe" src={contentUrl(row.id)} title={row.file_name} sx={{ width: '100%', height: '100%', border: 0 }} />
        )}
      </DialogContent>
      <DialogActions>
        <Link href={contentUrl(row.id, true)} sx={{ mr: 2 }}>
          {pick(T.download, locale)}
        </Link>
        <Button label={pick(T.close, locale)} onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
};

const UploadButton = ({ resource, id, kind, replaces, testId }: { resource: string; id: Identifier; kind: string; replaces?: number; testId: string }) => {
  const input = useRef<HTMLInputElement>(null);
  const [locale] = useLocaleState();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const send = async (file: File) => {
    setBusy(true);
    try {
      await uploadAttachment(resource, id, kind, file, replaces);
      notify(pick(T.uploaded, locale).replace('{name}', file.name), { type: 'info' });
      // the checklist reads the scans; an approved record may be back in review
      await queryClient.invalidateQueries({ queryKey: ['attachments'] });
      await queryClient.invalidateQueries({ queryKey: ['workflows'] });
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error', autoHideDuration: 12_000 });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void send(file);
        }}
      />
      <Button label={pick(replaces != null ? T.replace : T.upload, locale)} disabled={busy} onClick={() => input.current?.click()} data-testid={testId}>
        <UploadFileIcon />
      </Button>
    </>
  );
};

export const AttachmentTable = ({ resource, id, title, canEdit }: { resource: string; id: Identifier; title: string; canEdit: boolean }) => {
  const [locale] = useLocaleState();
  const { data } = useRecordAttachments(resource, id);
  const [preview, setPreview] = useState<AttachmentRow | null>(null);
  if (!data) return null;
  const current = (kind: string) => data.attachments.filter((a) => a.kind === kind && a.superseded_by == null);
  const history = data.attachments.filter((a) => a.superseded_by != null);
  const testBase = `attachments-${resource}-${id}`;
  return (
    <Box sx={{ mb: 2 }} data-testid={testBase}>
      <Typography variant="subtitle2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 180 }}>{pick(T.kind, locale)}</TableCell>
            <TableCell>{pick(T.file, locale)}</TableCell>
            <TableCell sx={{ width: 140 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {data.slots.map((s) => {
            const files = current(s.kind);
            return (
              <TableRow key={s.kind} data-testid={`${testBase}-${s.kind}`}>
                <TableCell>
                  {pick(s.label, locale)}
                  {s.required && (
                    <Chip size="small" sx={{ ml: 1 }} color={s.present ? 'success' : 'error'} label={pick(s.present ? T.required : T.missing, locale)} />
                  )}
                </TableCell>
                <TableCell>
                  {files.length === 0
                    ? pick(T.none, locale)
                    : files.map((a) => (
                        <Box key={a.id} sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                          <Link component="button" onClick={() => setPreview(a)} data-testid={`attachment-preview-${a.id}`}>
                            {a.file_name}
                          </Link>
                          <Typography variant="caption" color="text.secondary">
                            {formatSize(a.size)} · {formatMinute(a.created_at)} · SHA-256 {a.sha256.slice(0, 12)}…
                          </Typography>
                          <Link href={contentUrl(a.id, true)} data-testid={`attachment-download-${a.id}`}>
                            {pick(T.download, locale)}
                          </Link>
                          {canEdit && <UploadButton resource={resource} id={id} kind={s.kind} replaces={a.id} testId={`attachment-replace-${a.id}`} />}
                        </Box>
                      ))}
                </TableCell>
                <TableCell>{canEdit && <UploadButton resource={resource} id={id} kind={s.kind} testId={`${testBase}-${s.kind}-upload`} />}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {history.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="caption" color="text.secondary">
            {pick(T.history, locale)}
          </Typography>
          {history.map((a) => (
            <Box key={a.id} sx={{ display: 'flex', gap: 1, alignItems: 'center', color: 'text.secondary' }}>
              <Link component="button" onClick={() => setPreview(a)}>
                {a.file_name}
              </Link>
              <Typography variant="caption">
                {pick(T.replacedBy, locale)} {formatMinute(a.superseded_at)} · SHA-256 {a.sha256.slice(0, 12)}…
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {preview && <Preview row={preview} onClose={() => setPreview(null)} />}
    </Box>
  );
};
