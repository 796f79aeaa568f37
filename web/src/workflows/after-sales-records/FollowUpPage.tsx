/**
 * 跟踪服务计划 (第一篇 3 用药效果跟踪, 第四篇 二.4 特殊产品跟踪服务): each plan's due dates — visited (the visit of
 * that customer and product, linked), due (the next one) or overdue (FOLLOW_UP_OVERDUE) — in the visit plan's
 * states and colours, with 登记跟踪 opening a visit prefilled with the customer and product.
 */
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
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { Link as RouterLink } from 'react-router-dom';
import { Title, useCanAccess, useLocaleState } from 'react-admin';
import { FOLLOW_UP_KIND } from '../../../../schema/enums';
import { pick } from '../../meta/labels';
import { getFollowUps, type FollowUpRow } from '../aftersales/api';
import { COLOR, STATE_LABELS } from '../aftersales/VisitPlanPage';

const T = {
  title: { zh: '跟踪服务计划', en: 'Follow-up plans' },
  help: {
    zh: '按计划跟踪顾客用药效果和特殊产品使用情况（第一篇 3、第四篇 二.4）：每个到期日前的间隔内须有该客户、该品种的顾客访问记录。',
    en: 'Follow up the effect of the medication and the special products as planned (第一篇 3, 第四篇 二.4): each due date needs a visit of that customer and product in the interval before it.',
  },
  customer: { zh: '单位名称', en: 'Customer' },
  product: { zh: '品种', en: 'Product' },
  kind: { zh: '跟踪类别', en: 'Kind' },
  every: { zh: '间隔', en: 'Every' },
  days: { zh: '天', en: 'days' },
  dues: { zh: '到期日', en: 'Due dates' },
  overdue: { zh: '逾期次数', en: 'Missed' },
  record: { zh: '登记跟踪', en: 'Record follow-up' },
  none: { zh: '还没有跟踪服务计划（在“跟踪服务计划”中新建）', en: 'No follow-up plans yet (create one under Follow-up plans)' },
  totals: { zh: '已跟踪 {v}，待跟踪 {d}，逾期 {o}', en: '{v} done, {d} due, {o} overdue' },
} as const;

const newVisitLink = (row: FollowUpRow, date: string) =>
  `/visits/create?source=${encodeURIComponent(JSON.stringify({ customer: row.customer, product: row.product, visit_date: date, kind: 'phone' }))}`;

export const FollowUpPage = () => {
  const [locale] = useLocaleState();
  const { canAccess: canCreate } = useCanAccess({ resource: 'visits', action: 'create' });
  const { data, isPending, error } = useQuery({ queryKey: ['workflows', 'follow-ups'], queryFn: getFollowUps });
  return (
    <Card sx={{ mt: 2 }} data-testid="follow-up-plan">
      <Title title={pick(T.title, locale)} />
      <CardContent>
        <Typography variant="h6">{pick(T.title, locale)}</Typography>
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
            <Typography variant="body2" sx={{ mb: 1 }} data-testid="follow-up-totals">
              {pick(T.totals, locale)
                .replace('{v}', String(data.totals.visited))
                .replace('{d}', String(data.totals.due))
                .replace('{o}', String(data.totals.overdue))}
            </Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  {[T.customer, T.product, T.kind, T.every, T.dues, T.overdue].map((h) => (
                    <TableCell key={h.en}>{pick(h, locale)}</TableCell>
                  ))}
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.map((r) => {
                  const kind = FOLLOW_UP_KIND.labels[r.kind as keyof typeof FOLLOW_UP_KIND.labels];
                  return (
                    <TableRow key={r.plan} data-testid={`follow-up-${r.plan}`}>
                      <TableCell>
                        <Link component={RouterLink} to={`/follow_up_plans/${r.plan}/show`}>
                          {r.customer_name}
                        </Link>
                      </TableCell>
                      <TableCell>{r.product_name}</TableCell>
                      <TableCell>{kind ? (locale === 'en' ? kind[1] : kind[0]) : r.kind}</TableCell>
                      <TableCell>
                        {r.interval_days} {pick(T.days, locale)}
                      </TableCell>
                      <TableCell>
                        {r.dues.slice(-6).map((d) => (
                          <Chip
                            key={d.due}
                            size="small"
                            sx={{ mr: 0.5, mb: 0.5 }}
                            color={COLOR[d.state]}
                            data-state={d.state}
                            label={`${d.due.slice(5)} ${pick(STATE_LABELS[d.state], locale)}`}
                          />
                        ))}
                      </TableCell>
                      <TableCell align="right">{r.overdue}</TableCell>
                      <TableCell>
                        {canCreate && (
                          <Button
                            size="small"
                            component={RouterLink}
                            to={newVisitLink(r, data.today)}
                            startIcon={<AddIcon />}
                            data-testid={`follow-up-record-${r.plan}`}
                          >
                            {pick(T.record, locale)}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
