/** 销售记录清单 of a customer for a date range: pick the dates, then print (new tab) or download the PDF. */
import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import ListAltIcon from '@mui/icons-material/ListAlt';
import { Button, useLocaleState, useRecordContext } from 'react-admin';
import { pick } from '../../meta/labels';
import { useDownload } from './DocumentButtons';
import { documentUrl, pdfUrl } from './download';
import { T } from './texts';

const KEY = 'customer-sales-record';
const isoToday = () => new Date().toLocaleDateString('en-CA');

export const SalesListButton = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(() => `${isoToday().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(isoToday);
  const { busy, run } = useDownload();
  if (!record) return null;
  const bad = !from || !to || to < from;
  const query = { from, to };
  return (
    <>
      <Button label={pick(T.salesList, locale)} onClick={() => setOpen(true)} data-testid="doc-sales-list" sx={{ ml: 1 }}>
        <ListAltIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} data-testid="doc-sales-list-dialog">
        <DialogTitle>{pick(T.salesListTitle, locale)}</DialogTitle>
        <DialogContent>
          <Stack direction="row" spacing={2} sx={{ pt: 1 }}>
            <TextField
              type="date"
              label={pick(T.from, locale)}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'doc-sales-list-from' } }}
            />
            <TextField
              type="date"
              label={pick(T.to, locale)}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              error={bad}
              helperText={bad ? pick(T.badRange, locale) : ' '}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'doc-sales-list-to' } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label={pick(T.cancel, locale)} onClick={() => setOpen(false)} />
          <Button
            label={pick(busy ? T.preparing : T.pdf, locale)}
            disabled={bad || busy}
            data-testid="doc-sales-list-pdf"
            onClick={() => run(pdfUrl(KEY, record.id, query), `${KEY}-${record.id}.pdf`)}
          />
          <Button
            label={pick(T.print, locale)}
            variant="contained"
            disabled={bad}
            data-testid="doc-sales-list-open"
            onClick={() => {
              window.open(documentUrl(KEY, record.id, query), '_blank', 'noopener');
              setOpen(false);
            }}
          />
        </DialogActions>
      </Dialog>
    </>
  );
};
