/**
 * The home page (react-admin `dashboard`): open findings (from /api/system/findings-stats), the QA review
 * lists with their counts (each card opens its list; only lists the user may open), open findings per rule
 * with the rule's source, and findings per month.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Box, Card, CardActionArea, CardContent, CardHeader, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, LinkBase, Loading, Title, useCanAccess, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { pick } from '../meta/labels';
import { getFindingsStats, getRecheckStatus } from '../providers/api';
import { MonthChart } from './MonthChart';
import { useCount } from './ReviewTabs';
import { ruleInfo } from './rules';
import { QA_PAGES } from './qa-pages';
import { getMeta } from '../meta/meta-store';
import { MetaError } from '../layout/MetaError';
import { businessToday } from '../providers/auth-provider';
import { EXPIRY_TARGETS, expiryFilter, expiryWindows } from './expiry';

const findingsLink = (filter: Record<string, unknown>) => `/findings?filter=${encodeURIComponent(JSON.stringify(filter))}`;

const StatCard = ({ label, value, to, color, testId }: { label: string; value: ReactNode; to: string; color?: string; testId: string }) => (
  <Card sx={{ flex: '1 1 180px' }}>
    <CardActionArea component={LinkBase} to={to} data-testid={testId}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" sx={{ color, fontWeight: 600 }} data-testid={`${testId}-value`}>
          {value ?? '…'}
        </Typography>
      </CardContent>
    </CardActionArea>
  </Card>
);

/** One card per review list the user may open, with the number of records waiting in it. */
const ReviewCard = ({ page }: { page: (typeof QA_PAGES)[number] }) => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: page.key, action: 'list' });
  const first = useCount(canAccess && page.count ? page.count.resource : undefined, page.count?.filter);
  const second = useCount(canAccess && page.alsoCount ? page.alsoCount.resource : undefined, page.alsoCount?.filter);
  if (!canAccess || !page.count) return null;
  const count = first == null || (page.alsoCount && second == null) ? undefined : first + (second ?? 0);
  return <StatCard label={translate(page.label)} value={count} to={page.path} color={count ? 'warning.dark' : 'success.main'} testId={`card-${page.key}`} />;
};

/** Documents ending within the first warning window (30 days by default), over every watched kind. */
const ExpiringCard = () => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'qa/expiring', action: 'list' });
  const [asOf, setAsOf] = useState<string>();
  const { data: settings } = useGetList('settings', { pagination: { page: 1, perPage: 100 }, sort: { field: 'key', order: 'ASC' } }, { retry: false });
  const days = expiryWindows(settings)[0];
  useEffect(() => {
    businessToday().then(setAsOf);
  }, []);
  const ready = canAccess && !!asOf;
  // EXPIRY_TARGETS is a constant list: the hooks run in the same order every time.
  const counts = EXPIRY_TARGETS.map(({ resource, field }) =>
    // biome-ignore lint/correctness/useHookAtTopLevel: a constant list, so the same hooks in the same order
    useCount(ready && getMeta()?.resources.some((r) => r.name === resource) ? resource : undefined, asOf ? expiryFilter(field, asOf, days) : undefined),
  );
  if (!canAccess) return null;
  const total = counts.every((n) => n != null) ? counts.reduce((a, b) => a! + b!, 0) : undefined;
  return (
    <StatCard
      label={translate('gsp.dashboard.expiring', { days })}
      value={total}
      to="/qa/expiring"
      color={total ? 'warning.dark' : 'success.main'}
      testId="card-qa/expiring"
    />
  );
};

/** One line on where the rule re-check stands (GET /api/system/recheck; nothing for roles it is not shown to). */
const RecheckLine = () => {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['system', 'recheck'],
    queryFn: getRecheckStatus,
    retry: false,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 5000 : false),
  });
  if (!data) return null;
  const args = { as_of: data.as_of, records: data.records.toLocaleString(), opened: data.opened, resolved: data.resolved };
  return (
    <Typography variant="body2" color="text.secondary" data-testid="recheck-status">
      {data.status === 'running'
        ? translate('gsp.dashboard.recheck_running', { ...args, percent: Math.floor(data.fraction * 100) })
        : translate('gsp.dashboard.recheck_done', { ...args, at: (data.finished_at ?? '').slice(0, 16).replace('T', ' ') })}
    </Typography>
  );
};

export const Dashboard = () => (getMeta() ? <DashboardContent /> : <MetaError />);

const DashboardContent = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending, error } = useQuery({ queryKey: ['system', 'findings-stats'], queryFn: getFindingsStats, retry: false });
  const byRule = data?.byRule ?? [];
  const sum = (pick: (r: (typeof byRule)[number]) => number) => byRule.reduce((n, r) => n + (Number(pick(r)) || 0), 0);
  const open = sum((r) => r.open);
  const openErrors = sum((r) => (r.severity === 'error' ? r.open : 0));
  const acknowledged = sum((r) => r.acknowledged);
  const rows = byRule.filter((r) => r.open || r.acknowledged);
  return (
    <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="dashboard">
      <Title title={translate('gsp.dashboard.title')} />
      {error ? <Typography color="error">{String((error as Error).message ?? error)}</Typography> : null}
      <RecheckLine />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <StatCard
          label={translate('gsp.dashboard.open')}
          value={isPending ? undefined : open}
          to={findingsLink({ status: 'open' })}
          color="error.main"
          testId="stat-open"
        />
        <StatCard
          label={translate('gsp.dashboard.open_errors')}
          value={isPending ? undefined : openErrors}
          to={findingsLink({ status: 'open', severity: 'error' })}
          color="error.dark"
          testId="stat-open-errors"
        />
        <StatCard
          label={translate('gsp.dashboard.open_warnings')}
          value={isPending ? undefined : open - openErrors}
          to={findingsLink({ status: 'open', severity: 'warning' })}
          color="warning.dark"
          testId="stat-open-warnings"
        />
        <StatCard
          label={translate('gsp.dashboard.acknowledged')}
          value={isPending ? undefined : acknowledged}
          to={findingsLink({ status: 'acknowledged' })}
          color="info.main"
          testId="stat-acknowledged"
        />
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <ExpiringCard />
        {QA_PAGES.map((page) => (
          <ReviewCard key={page.key} page={page} />
        ))}
      </Box>
      <Card>
        <CardHeader title={translate('gsp.dashboard.per_month')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
        <CardContent sx={{ pt: 0 }}>{data && <MonthChart months={data.byMonth} />}</CardContent>
      </Card>
      <Card>
        <CardHeader title={translate('gsp.dashboard.per_rule')} slotProps={{ title: { variant: 'subtitle1', fontWeight: 600 } }} />
        <CardContent sx={{ pt: 0 }}>
          {isPending ? (
            <Loading />
          ) : rows.length === 0 ? (
            <Typography color="text.secondary">{translate('gsp.dashboard.no_open')}</Typography>
          ) : (
            <Table size="small" data-testid="rule-table">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('gsp.qa.rule')}</TableCell>
                  <TableCell>{translate('gsp.dashboard.col_title')}</TableCell>
                  <TableCell>{translate('gsp.dashboard.col_severity')}</TableCell>
                  <TableCell>{translate('gsp.qa.source')}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {translate('gsp.dashboard.col_open')}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {translate('gsp.dashboard.col_acknowledged')}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {translate('gsp.dashboard.col_closed')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => {
                  const info = ruleInfo(r.rule);
                  return (
                    <TableRow key={`${r.rule}-${r.severity}`} hover data-testid={`rule-row-${r.rule}`}>
                      <TableCell>
                        <Link to={findingsLink({ rule: r.rule, status: 'open' })} sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
                          {r.rule}
                        </Link>
                      </TableCell>
                      <TableCell>{info ? pick(info.title, locale) : ''}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          variant="outlined"
                          color={r.severity === 'error' ? 'error' : 'warning'}
                          label={translate(r.severity === 'error' ? 'gsp.dashboard.error' : 'gsp.dashboard.warning')}
                          sx={{ height: 20 }}
                        />
                      </TableCell>
                      <TableCell>{info?.source ?? ''}</TableCell>
                      <TableCell align="right" sx={{ fontWeight: 600 }} data-testid={`rule-open-${r.rule}`}>
                        {r.open}
                      </TableCell>
                      <TableCell align="right">{r.acknowledged}</TableCell>
                      <TableCell align="right" sx={{ color: 'text.secondary' }}>
                        {(Number(r.waived) || 0) + (Number(r.resolved) || 0)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
