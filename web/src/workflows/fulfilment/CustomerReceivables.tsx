/** One customer's receivables: totals, ageing buckets, every invoice with its due date and days past due, payments. */
import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useRecordContext } from 'react-admin';
import { BUCKETS, getCustomerReceivables, money, type Bucket } from './api';
import { T, useText } from './texts';

export const BUCKET_COLORS: Record<Bucket, 'default' | 'info' | 'warning' | 'error'> = {
  current: 'default',
  d1_30: 'info',
  d31_60: 'warning',
  d61_90: 'error',
  over_90: 'error',
};

export const CustomerReceivables = ({ customer, asOf }: { customer: number; asOf?: string }) => {
  const t = useText();
  const { data } = useQuery({ queryKey: ['fulfilment-receivables', customer, asOf], queryFn: () => getCustomerReceivables(customer, asOf) });
  if (!data) return null;
  return (
    <Box data-testid="customer-receivables">
      <Stack direction="row" spacing={3} sx={{ mb: 1 }} flexWrap="wrap">
        <Typography variant="body2">
          {t(T.invoiced)}：<strong>{money(data.invoiced)}</strong>
        </Typography>
        <Typography variant="body2">
          {t(T.paid)}：<strong>{money(data.paid)}</strong>
        </Typography>
        <Typography variant="body2">
          {t(T.outstanding)}：<strong data-testid="customer-outstanding">{money(data.outstanding)}</strong>
        </Typography>
        {data.unallocated > 0 && (
          <Typography variant="body2">
            {t(T.unallocated)}：{money(data.unallocated)}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          {t(T.asOf)} {data.as_of}
        </Typography>
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mb: 2 }} flexWrap="wrap">
        {BUCKETS.map((b) => (
          <Chip
            key={b}
            size="small"
            color={data.buckets[b] > 0 ? BUCKET_COLORS[b] : 'default'}
            variant={data.buckets[b] > 0 ? 'filled' : 'outlined'}
            label={`${t(T[b])} ${money(data.buckets[b])}`}
          />
        ))}
      </Stack>
      {data.invoices.length === 0 ? (
        <Alert severity="info">{t(T.noInvoices)}</Alert>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t(T.invoiceNo)}</TableCell>
              <TableCell>{t(T.invoiceDate)}</TableCell>
              <TableCell align="right">{t(T.amount)}</TableCell>
              <TableCell align="right">{t(T.paid)}</TableCell>
              <TableCell align="right">{t(T.outstanding)}</TableCell>
              <TableCell align="right">{t(T.term)}</TableCell>
              <TableCell>{t(T.dueDate)}</TableCell>
              <TableCell align="right">{t(T.daysPastDue)}</TableCell>
              <TableCell>{t(T.bucket)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.invoices.map((i) => (
              <TableRow key={i.id} data-testid={`aged-invoice-${i.invoice_no}`}>
                <TableCell>
                  <Link to={`/invoices/${i.id}/show`}>{i.invoice_no}</Link>
                </TableCell>
                <TableCell>{i.invoice_date}</TableCell>
                <TableCell align="right">{money(i.amount)}</TableCell>
                <TableCell align="right">{money(i.paid)}</TableCell>
                <TableCell align="right">{money(i.outstanding)}</TableCell>
                <TableCell align="right">
                  {i.payment_days}
                  {i.term_known ? '' : '*'}
                </TableCell>
                <TableCell>{i.due_date}</TableCell>
                <TableCell align="right">{i.days_past_due || ''}</TableCell>
                <TableCell>
                  {i.bucket ? (
                    <Chip size="small" color={BUCKET_COLORS[i.bucket]} label={t(T[i.bucket])} />
                  ) : (
                    <Typography variant="caption" color="text.secondary">
                      {t(T.settled)}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {t(T.termNote, { days: data.default_term_days })}
      </Typography>
    </Box>
  );
};

/** The 应收账款 tab of the customer show page. */
export const CustomerReceivablesTab = () => {
  const record = useRecordContext();
  return record ? <CustomerReceivables customer={record.id as number} /> : null;
};
