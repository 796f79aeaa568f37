/**
 * 定点服务单位月度访问计划 (第四篇 二.3): each designated service point × month — visited (linked to the
 * visit), due this month, or overdue (SERVICE_VISIT_MISSING) — with 登记访问 to record the month's visit.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Link,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { Link as RouterLink } from 'react-router-dom';
import { Title, useCanAccess, useLocaleState } from 'react-admin';
import { VISIT_KIND } from '../../../../schema/enums';
import { pick } from '../../meta/labels';
import { getVisitPlan, type PlanRow } from './api';

const T = {
  title: { zh: '定点服务单位月度访问计划', en: 'Service-point visit plan' },
  help: {
    zh: '定点服务单位每月须定期上门服务一次（第四篇 二.3）；电话、函询不计为当月上门服务。',
    en: 'Each designated service point needs an on-site visit every month (第四篇 二.3); calls and letters do not count.',
  },
  months: { zh: '显示月数', en: 'Months shown' },
  point: { zh: '定点服务单位', en: 'Service point' },
  contact: { zh: '联系人', en: 'Contact' },
  overdue: { zh: '逾期月数', en: 'Months missed' },
  record: { zh: '登记访问', en: 'Record visit' },
  none: { zh: '没有定点服务单位（在购货单位上勾选“定点服务单位”）', en: 'No designated service points (tick “service point” on a customer)' },
  states: { visited: { zh: '已访问', en: 'Visited' }, due: { zh: '本月待访', en: 'Due' }, overdue: { zh: '逾期未访', en: 'Overdue' } },
  totals: { zh: '已访问 {v}，本月待访 {d}，逾期 {o}', en: '{v} visited, {d} due, {o} overdue' },
} as const;
/** A plan cell's state, as the follow-up schedule shows it too (FollowUpPage). */
export const COLOR = { visited: 'success', due: 'warning', overdue: 'error' } as const;
export const STATE_LABELS = T.states;

/** Prefilled visit form: react-admin reads `?source=` as the new record's initial values. */
const newVisitLink = (customer: number, date: string) =>
  `/visits/create?source=${encodeURIComponent(JSON.stringify({ customer, visit_date: date, kind: 'scheduled' }))}`;

export const kindLabel = (kind: string, locale: string) => {
  const l = VISIT_KIND.labels[kind as keyof typeof VISIT_KIND.labels];
  return l ? (locale === 'en' ? l[1] : l[0]) : kind;
};

const Row = ({ row, today, canCreate, locale }: { row: PlanRow; today: string; canCreate: boolean; locale: string }) => (
  <TableRow data-testid={`plan-row-${row.customer}`}>
    <TableCell>
      <Link component={RouterLink} to={`/customers/${row.customer}/show`}>
        {row.name}
      </Link>
      <Typography variant="caption" component="div" color="text.secondary">
        {row.region ?? ''}
      </Typography>
    </TableCell>
    <TableCell>
      <Typography variant="caption">
        {row.contact_name ?? ''} {row.contact_phone ?? ''}
      </Typography>
    </TableCell>
    {row.months.map((m) => (
      <TableCell key={m.month} data-testid={`plan-${row.customer}-${m.month}`} data-state={m.state}>
        <Chip size="small" color={COLOR[m.state]} label={pick(T.states[m.state], locale)} />
        {m.visits.map((v) => (
          <Typography key={v.id} variant="caption" component="div">
            <Link component={RouterLink} to={`/visits/${v.id}/show`} data-testid={`plan-visit-${v.id}`}>
              {v.visit_date.slice(5)} {kindLabel(v.kind, locale)}
              {v.on_site ? '' : ' ✗'}
            </Link>
          </Typography>
        ))}
      </TableCell>
    ))}
    <TableCell align="right">{row.overdue}</TableCell>
    <TableCell>
      {canCreate && today && row.months[row.months.length - 1].state !== 'visited' && (
        <Button size="small" component={RouterLink} to={newVisitLink(row.customer, today)} startIcon={<AddIcon />} data-testid={`plan-record-${row.customer}`}>
          {pick(T.record, locale)}
        </Button>
      )}
    </TableCell>
  </TableRow>
);

export const VisitPlanPage = () => {
  const [locale] = useLocaleState();
  const [months, setMonths] = useState(6);
  const { canAccess: canCreate } = useCanAccess({ resource: 'visits', action: 'create' });
  const { data, isPending, error } = useQuery({ queryKey: ['workflows', 'visit-plan', months], queryFn: () => getVisitPlan(months) });
  // The server's business date (its clock may be pinned), so a visit recorded from the plan falls in its month.
  return (
    <Card sx={{ mt: 2 }} data-testid="visit-plan">
      <Title title={pick(T.title, locale)} />
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1 }}>
          <Typography variant="h6">{pick(T.title, locale)}</Typography>
          <TextField select size="small" label={pick(T.months, locale)} value={months} onChange={(e) => setMonths(Number(e.target.value))} sx={{ width: 120 }}>
            {[3, 6, 12].map((n) => (
              <MenuItem key={n} value={n}>
                {n}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {pick(T.help, locale)}
        </Typography>
        {isPending ? (
          <CircularProgress size={24} />
        ) : error ? (
          <Alert severity="error">{(error as Error).message}</Alert>
        ) : data.rows.length === 0 ? (
          <Alert severity="info">{pick(T.none, locale)}</Alert>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Typography variant="body2" sx={{ mb: 1 }} data-testid="visit-plan-totals">
              {pick(T.totals, locale)
                .replace('{v}', String(data.totals.visited))
                .replace('{d}', String(data.totals.due))
                .replace('{o}', String(data.totals.overdue))}
            </Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{pick(T.point, locale)}</TableCell>
                  <TableCell>{pick(T.contact, locale)}</TableCell>
                  {data.months.map((m) => (
                    <TableCell key={m}>{m}</TableCell>
                  ))}
                  <TableCell>{pick(T.overdue, locale)}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.map((r) => (
                  <Row key={r.customer} row={r} today={data.today} canCreate={!!canCreate} locale={locale} />
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
