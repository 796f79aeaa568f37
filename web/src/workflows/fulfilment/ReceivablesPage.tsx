/**
 * 应收账款账龄: per customer invoiced, paid and outstanding, the outstanding part by days past due
 * (未到期, 1–30, 31–60, 61–90, > 90); a customer's row opens its invoices below.
 */
import { Fragment, useState } from 'react';
import { Box, Button, Card, CardContent, Chip, Collapse, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Title } from 'react-admin';
import { BUCKETS, getAgeing, money } from './api';
import { BUCKET_COLORS, CustomerReceivables } from './CustomerReceivables';
import { T, useText } from './texts';

export const ReceivablesPage = () => {
  const t = useText();
  const [asOf, setAsOf] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const { data } = useQuery({ queryKey: ['fulfilment-ageing', asOf], queryFn: () => getAgeing(asOf || undefined) });
  return (
    <Card sx={{ mt: 1 }}>
      <Title title={t(T.ageingTitle)} />
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
          <Typography variant="h6" sx={{ whiteSpace: 'nowrap' }}>
            {t(T.ageingTitle)}
          </Typography>
          <TextField
            type="date"
            size="small"
            label={t(T.asOf)}
            sx={{ width: 180 }}
            value={asOf || data?.as_of || ''}
            onChange={(e) => setAsOf(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
            inputProps={{ 'data-testid': 'ageing-as-of' }}
          />
        </Stack>
        {data && (
          <Box sx={{ overflowX: 'auto' }}>
            {/* figures and headers on one line; a customer's name may take two (min width ~ 12 characters) */}
            <Table
              size="small"
              data-testid="ageing-table"
              sx={{ '& th, & td': { whiteSpace: 'nowrap' }, '& td.ageing-name': { whiteSpace: 'normal', minWidth: '12em' } }}
            >
              <TableHead>
                <TableRow>
                  <TableCell>{t(T.customer)}</TableCell>
                  <TableCell align="right">{t(T.invoiced)}</TableCell>
                  <TableCell align="right">{t(T.paid)}</TableCell>
                  <TableCell align="right">{t(T.outstanding)}</TableCell>
                  {BUCKETS.map((b) => (
                    <TableCell key={b} align="right">
                      {t(T[b])}
                    </TableCell>
                  ))}
                  <TableCell align="right">{t(T.unallocated)}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                <TableRow sx={{ '& td': { fontWeight: 600 } }}>
                  <TableCell>
                    {t(T.total)}（{data.customers.length}）
                  </TableCell>
                  <TableCell align="right">{money(data.totals.invoiced)}</TableCell>
                  <TableCell align="right">{money(data.totals.paid)}</TableCell>
                  <TableCell align="right">{money(data.totals.outstanding)}</TableCell>
                  {BUCKETS.map((b) => (
                    <TableCell key={b} align="right">
                      {money(data.totals.buckets[b])}
                    </TableCell>
                  ))}
                  <TableCell />
                  <TableCell />
                </TableRow>
                {data.customers.map((c) => (
                  <Fragment key={c.customer}>
                    <TableRow
                      hover
                      onClick={() => setOpen(open === c.customer ? null : c.customer)}
                      sx={{ cursor: 'pointer' }}
                      data-testid={`ageing-row-${c.customer}`}
                    >
                      <TableCell className="ageing-name">{c.name}</TableCell>
                      <TableCell align="right">{money(c.invoiced)}</TableCell>
                      <TableCell align="right">{money(c.paid)}</TableCell>
                      <TableCell align="right">
                        <strong>{money(c.outstanding)}</strong>
                      </TableCell>
                      {BUCKETS.map((b) => (
                        <TableCell key={b} align="right">
                          {c.buckets[b] > 0 ? (
                            <Chip size="small" color={BUCKET_COLORS[b]} variant={b === 'current' ? 'outlined' : 'filled'} label={money(c.buckets[b])} />
                          ) : (
                            ''
                          )}
                        </TableCell>
                      ))}
                      <TableCell align="right">{c.unallocated ? money(c.unallocated) : ''}</TableCell>
                      <TableCell onClick={(e) => e.stopPropagation()}>
                        <Button size="small" component={Link} to={`/customers/${c.customer}/show/receivables`}>
                          {t(T.openCustomer)}
                        </Button>
                      </TableCell>
                    </TableRow>
                    <TableRow>
                      <TableCell colSpan={BUCKETS.length + 6} sx={{ py: 0, borderBottom: open === c.customer ? undefined : 'none' }}>
                        <Collapse in={open === c.customer} unmountOnExit>
                          <Box sx={{ py: 2 }}>
                            <CustomerReceivables customer={c.customer} asOf={asOf || undefined} />
                          </Box>
                        </Collapse>
                      </TableCell>
                    </TableRow>
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
