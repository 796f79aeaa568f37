/**
 * The sales order's chain as a stepper (order → confirmed → slip issued → picked → reviewed → receipt
 * confirmed → invoiced → paid) with who and when from the records, the lines waiting for the sales head's
 * price approval, and the next step's button for whoever may take it.
 */
import { Alert, Box, Button, Chip, Stack, Step, StepLabel, Stepper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useGetList, useLocaleState, useRecordContext, useRefresh } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useRoles } from '../../auth/use-roles';
import { pick } from '../../meta/labels';
import { getChain, money, type StepKey } from './api';
import { PanelVerbButton } from './PanelVerbButton';
import { T, useText } from './texts';
import { formatMinute } from '../../generic/format';

const STEP_LABELS: Record<StepKey, { zh: string; en: string }> = {
  ordered: { zh: '开单', en: 'Ordered' },
  confirmed: { zh: '确认订单', en: 'Confirmed' },
  issued: { zh: '开具出库单', en: 'Slip issued' },
  picked: { zh: '拣货', en: 'Picked' },
  reviewed: { zh: '出库复核', en: 'Reviewed' },
  received: { zh: '收货确认', en: 'Receipt confirmed' },
  invoiced: { zh: '开票', en: 'Invoiced' },
  paid: { zh: '回款', en: 'Paid' },
};
/** A date as it is; a timestamp (UTC) in the business time zone. */
const when = (v?: string | null) => {
  if (!v) return '';
  if (!v.includes('T')) return v;
  return formatMinute(v);
};

export const OrderChain = () => {
  const order = useRecordContext();
  const [locale] = useLocaleState();
  const t = useText();
  const roles = useRoles();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const { data: chain } = useQuery({ queryKey: ['fulfilment-chain', order?.id], queryFn: () => getChain(order!.id as number), enabled: !!order?.id });
  const { data: slips = [] } = useGetList(
    'outbound_slips',
    { filter: { order: order?.id }, pagination: { page: 1, perPage: 20 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: !!order?.id },
  );
  if (!order || !chain) return null;
  const lines = (order.sales_lines ?? []) as (Record<string, unknown> & { id: number })[];
  const canInvoice = roles.includes('finance') || roles.includes('admin');
  const uninvoiced = chain.steps.find((s) => s.key === 'invoiced')?.done === false && chain.steps.find((s) => s.key === 'reviewed')?.done;

  return (
    <Box sx={{ py: 1 }} data-testid="order-chain">
      <Stepper activeStep={chain.current} alternativeLabel sx={{ mb: 3 }}>
        {chain.steps.map((s) => (
          <Step key={s.key} completed={s.done} data-testid={`chain-step-${s.key}`} data-done={String(s.done)}>
            <StepLabel
              optional={
                <Typography variant="caption" color="text.secondary" component="div" sx={{ textAlign: 'center' }}>
                  {s.who && <div>{s.who}</div>}
                  {s.when && <div>{when(s.when)}</div>}
                  {s.detail && <div>{s.detail}</div>}
                </Typography>
              }
            >
              {pick(STEP_LABELS[s.key], locale)}
            </StepLabel>
          </Step>
        ))}
      </Stepper>

      {chain.blocks.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="chain-blocks">
          <Typography variant="subtitle2">{t(T.blocked)}</Typography>
          {chain.blocks.map((b) => (
            <Typography key={b} variant="body2">
              {b}
            </Typography>
          ))}
        </Alert>
      )}
      {chain.slips.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="chain-frozen">
          {t(T.frozen)}
        </Alert>
      )}

      {chain.prices.length > 0 && (
        <Alert severity={chain.prices.every((p) => p.approved_by) ? 'success' : 'warning'} sx={{ mb: 2 }} data-testid="price-approvals">
          <Typography variant="subtitle2">{t(T.priceTitle)}</Typography>
          {chain.prices.map((p) => {
            const line = lines.find((l) => l.id === p.line);
            return (
              <Stack key={p.line} direction="row" spacing={1} alignItems="center" sx={{ mt: 0.5 }}>
                <Typography variant="body2">
                  {p.product}：{t(T.unitPrice)} {money(p.unit_price)}（{t(T.range)} {p.price_min ?? '—'} ~ {p.price_max ?? '—'}）
                  {p.approved_by ? ` · ${t(T.approvedBy)} ${p.approved_by}` : ` · ${t(T.awaitingHead)}`}
                </Typography>
                {!p.approved_by && line && <PanelVerbButton resource="sales_lines" verb="approve-price" record={line} subject={p.product} onDone={refresh} />}
              </Stack>
            );
          })}
        </Alert>
      )}

      {slips.length > 0 && (
        <Table size="small" sx={{ mb: 2 }} data-testid="chain-slips">
          <TableHead>
            <TableRow>
              <TableCell>{t(T.slipNo)}</TableCell>
              <TableCell>{t(T.outboundDate)}</TableCell>
              <TableCell>{t(T.issuedBy)}</TableCell>
              <TableCell>{t(T.pickedBy)}</TableCell>
              <TableCell>{t(T.reviewedBy)}</TableCell>
              <TableCell>{t(T.receipt)}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {slips.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  <Link to={`/outbound_slips/${s.id}/show`}>{s.slip_no}</Link>
                </TableCell>
                <TableCell>{s.outbound_date}</TableCell>
                <TableCell>{s.issued_by}</TableCell>
                <TableCell>{s.picked_by}</TableCell>
                <TableCell>
                  {s.reviewed_by}
                  {s.reviewed_at ? ` · ${when(s.reviewed_at)}` : ''}
                </TableCell>
                <TableCell>{s.receipt_confirmed_at}</TableCell>
                <TableCell align="right">
                  <Stack direction="row" spacing={1} justifyContent="flex-end">
                    {['pick', 'review', 'confirm-receipt'].map((v) => (
                      <PanelVerbButton key={v} resource="outbound_slips" verb={v} record={s} subject={String(s.slip_no)} onDone={refresh} />
                    ))}
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Stack direction="row" spacing={1} flexWrap="wrap" alignItems="center">
        {chain.invoices.map((i) => {
          const paid = chain.payments.filter((p) => p.invoice === i.id).reduce((s, p) => s + p.amount, 0);
          const open = Math.round((i.amount - paid) * 100) / 100;
          return (
            <Stack key={i.id} direction="row" spacing={1} alignItems="center">
              <Chip onClick={() => navigate(`/invoices/${i.id}/show`)} clickable label={`${t(T.invoice)} ${i.invoice_no} · ${money(i.amount)}`} />
              {open > 0 && canInvoice && (
                <Button
                  size="small"
                  variant="outlined"
                  data-testid={`record-payment-${i.invoice_no}`}
                  onClick={() =>
                    navigate('/payments/create', { state: { record: { customer: order.customer, invoice: i.id, amount: open, method: 'transfer' } } })
                  }
                >
                  {t(T.recordPayment)}
                </Button>
              )}
            </Stack>
          );
        })}
        {uninvoiced && canInvoice && (
          <Button
            variant="contained"
            size="small"
            data-testid="issue-invoice"
            onClick={() =>
              navigate(
                `/workflows/invoice?customer=${order.customer}&slips=${slips
                  .filter((s) => s.reviewed_by)
                  .map((s) => s.id)
                  .join(',')}`,
              )
            }
          >
            {t(T.issueInvoice)}
          </Button>
        )}
      </Stack>
    </Box>
  );
};
