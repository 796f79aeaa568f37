/**
 * 特药核实: the steps of 第二篇 3.9 / 3.11 for a special-control drug order — the buyer's documents before the
 * sale, the verification record before outbound and invoice, the arrival verification of each slip by
 * storage & transport, and no cash — each with its state and, for whoever may take it, its button.
 */
import type { ReactNode } from 'react';
import { Alert, Box, Chip, List, ListItem, ListItemIcon, ListItemText, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import { useQuery } from '@tanstack/react-query';
import { useGetList, useLocaleState, useRecordContext, useRefresh } from 'react-admin';
import { pick } from '../../meta/labels';
import { getChain } from './api';
import { PanelVerbButton } from './PanelVerbButton';
import { T, useText } from './texts';
import { formatMinute } from '../../generic/format';

type State = 'ok' | 'bad' | 'pending';
const ICONS: Record<State, ReactNode> = {
  ok: <CheckCircleIcon color="success" />,
  bad: <ErrorIcon color="error" />,
  pending: <HourglassEmptyIcon color="warning" />,
};

const Item = ({ state, title, children, testid }: { state: State; title: string; children: ReactNode; testid: string }) => (
  <ListItem alignItems="flex-start" data-testid={testid} data-state={state} divider>
    <ListItemIcon sx={{ mt: 0.5 }}>{ICONS[state]}</ListItemIcon>
    <ListItemText
      primary={title}
      secondary={
        <Box component="span" sx={{ display: 'block' }}>
          {children}
        </Box>
      }
      secondaryTypographyProps={{ component: 'div' }}
    />
  </ListItem>
);

export const SpecialPanel = () => {
  const order = useRecordContext();
  const [locale] = useLocaleState();
  const t = useText();
  const refresh = useRefresh();
  const { data: chain } = useQuery({ queryKey: ['fulfilment-chain', order?.id], queryFn: () => getChain(order!.id as number), enabled: !!order?.id });
  const { data: slips = [] } = useGetList(
    'outbound_slips',
    { filter: { order: order?.id }, pagination: { page: 1, perPage: 20 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: !!order?.id },
  );
  if (!order || !chain) return null;
  const sp = chain.special;
  if (!sp.special)
    return (
      <Alert severity="info" data-testid="special-panel">
        {t(T.notSpecial)}
      </Alert>
    );
  const check = sp.check;
  const cashFlags = [
    sp.cash!.order && t(T.cashOrder),
    sp.cash!.contract && t(T.cashContract),
    ...sp.cash!.payments.map((p) => `${t(T.cashPayment)} ${p.voucher_no ?? ''} ${p.amount}`),
  ].filter(Boolean);
  const yes = (v: unknown, label: { zh: string; en: string }) => (
    <Chip key={label.en} size="small" sx={{ mr: 0.5 }} color={v === false ? 'error' : 'success'} label={`${v === false ? '✗' : '✓'} ${t(label)}`} />
  );

  return (
    <Box data-testid="special-panel">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t(T.specialProducts)}：{sp.products!.map((p) => p.name).join('、')}
      </Typography>
      <List dense disablePadding>
        <Item testid="special-docs" state={sp.docs!.complete ? 'ok' : 'bad'} title={t(T.docsStep)}>
          {sp.docs!.complete ? t(T.docsOk) : `${t(T.docsMissing)}：${sp.docs!.missing.map((m) => pick(m, locale)).join('、')}`}
        </Item>
        <Item testid="special-check" state={check ? (check.complete && check.in_time ? 'ok' : 'bad') : 'pending'} title={t(T.checkStep)}>
          {check ? (
            <>
              <span>
                {t(T.verifiedBy)} {check.verified_by} · {formatMinute(String(check.verified_at))}
                {!check.in_time && ` · ${t(T.checkLate)}`}
              </span>
              <Box sx={{ mt: 0.5 }}>
                {yes(check.contract_obtained, T.contractObtained)}
                {yes(check.identity_verified, T.identityVerified)}
                {yes(check.authenticity_verified, T.authenticityVerified)}
              </Box>
            </>
          ) : (
            <Stack direction="row" spacing={1} alignItems="center" component="span">
              <span>{t(T.checkNone)}</span>
              <PanelVerbButton resource="sales_orders" verb="verify-special" record={order} subject={String(order.order_no)} onDone={refresh} />
            </Stack>
          )}
        </Item>
        <Item
          testid="special-arrival"
          title={t(T.arrivalStep)}
          state={sp.arrival!.length && sp.arrival!.every((a) => a.arrival_verified_at) ? 'ok' : 'pending'}
        >
          {sp.arrival!.length === 0
            ? t(T.arrivalNone)
            : slips.map((s) => (
                <Stack key={s.id} direction="row" spacing={1} alignItems="center" component="span" sx={{ display: 'flex', mt: 0.5 }}>
                  <span>
                    {s.slip_no}（{s.outbound_date}）：
                    {s.arrival_verified_at ? `${s.arrival_verified_at} · ${s.arrival_verified_by ?? ''}` : t(T.arrivalPending)}
                  </span>
                  <PanelVerbButton resource="outbound_slips" verb="verify-arrival" record={s} subject={String(s.slip_no)} onDone={refresh} />
                </Stack>
              ))}
        </Item>
        <Item testid="special-cash" state={cashFlags.length ? 'bad' : 'ok'} title={t(T.cashStep)}>
          {cashFlags.length ? cashFlags.join('；') : t(T.cashOk)}
        </Item>
      </List>
    </Box>
  );
};
