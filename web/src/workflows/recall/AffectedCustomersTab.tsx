/**
 * 受影响客户: every customer who received the recalled batches (shipped: on a reviewed outbound slip), how
 * much, whom to call, and where their notice stands — with the notice's steps (登记通知 / 客户确认 / 退回数量)
 * in the row. Orders of the batches that have not left (drafts, confirmed, slip not reviewed) are listed
 * apart as 未发货: nobody received them, and the recall blocks their next step.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Box, Chip, CircularProgress, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { RecordContextProvider, ResourceContextProvider, useLocaleState, useRecordContext } from 'react-admin';
import { AGENT_ROLE, NOTICE_METHOD } from '../../../../schema/enums';
import { pick } from '../../meta/labels';
import { VerbButtons } from '../../signatures/VerbButtons';
import { getAffected, type Affected, type AffectedCustomer, type AffectedTotals } from './api';

const T = {
  customer: { zh: '购货单位', en: 'Customer' },
  sold: { zh: '销售数量', en: 'Quantity sold' },
  lines: { zh: '销售笔数', en: 'Sales lines' },
  last: { zh: '最近销售', en: 'Last sale' },
  contacts: { zh: '联系人', en: 'Contacts' },
  state: { zh: '通知状态', en: 'Notice' },
  returned: { zh: '退回数量', en: 'Returned' },
  actions: { zh: '操作', en: 'Actions' },
  contact: { zh: '联系人', en: 'Contact' },
  none: { zh: '没有客户收到过这些批号（无已复核出库）', en: 'No customer received these batches (no reviewed outbound)' },
  notShipped: { zh: '未发货（草稿或未复核出库，不计入已售）', en: 'Not shipped (drafts or outbound not reviewed; not counted as received)' },
  orders: { zh: '订单', en: 'Orders' },
  quantity: { zh: '数量', en: 'Quantity' },
  summary: {
    zh: (t: AffectedTotals) =>
      `共 ${t.customers} 家客户，已发货 ${t.quantity_sold}，已退回 ${t.quantity_returned}；未通知 ${t.not_notified} 家，未确认 ${t.not_acknowledged} 家${t.not_shipped_quantity ? `；另有未发货 ${t.not_shipped_quantity}` : ''}`,
    en: (t: AffectedTotals) =>
      `${t.customers} customers, ${t.quantity_sold} shipped, ${t.quantity_returned} returned; ${t.not_notified} not notified, ${t.not_acknowledged} not acknowledged${t.not_shipped_quantity ? `; ${t.not_shipped_quantity} more not shipped` : ''}`,
  },
  states: {
    no_notice: { zh: '未建通知', en: 'No notice' },
    not_notified: { zh: '未通知', en: 'Not notified' },
    notified: { zh: '已通知，待确认', en: 'Notified' },
    acknowledged: { zh: '客户已确认', en: 'Acknowledged' },
  },
} as const;

const COLORS = { no_notice: 'error', not_notified: 'error', notified: 'warning', acknowledged: 'success' } as const;

const roleLabel = (role: string | null, locale: string) => {
  if (!role || role === 'contact') return pick(T.contact, locale);
  const l = AGENT_ROLE.labels[role as keyof typeof AGENT_ROLE.labels];
  return l ? (locale === 'en' ? l[1] : l[0]) : role;
};

const StateCell = ({ c, locale }: { c: AffectedCustomer; locale: string }) => {
  const n = c.notice;
  const method = n?.method ? NOTICE_METHOD.labels[n.method as keyof typeof NOTICE_METHOD.labels] : null;
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      <Chip size="small" color={COLORS[c.state]} label={pick(T.states[c.state], locale)} data-testid={`notice-state-${c.customer}`} />
      {n?.notified_at && (
        <Typography variant="caption">
          {n.notified_at} {method ? (locale === 'en' ? method[1] : method[0]) : ''}
        </Typography>
      )}
      {n?.acknowledged_at && <Typography variant="caption">✓ {n.acknowledged_at}</Typography>}
    </Stack>
  );
};

/**
 * The tab for a record whose notices reach the customers who received a batch: a recall, or a nonconforming-goods
 * case (after-sales-records). `load` reads its view; `notices` names the notices' resource and their parent field.
 */
export interface AffectedTabOptions {
  queryKey: string;
  load: (id: unknown) => Promise<Affected>;
  notices: (record: Record<string, unknown>) => { resource: string; parent: Record<string, unknown> } | null;
}

export const affectedCustomersTab = (opts: AffectedTabOptions) => () => {
  const recall = useRecordContext();
  const [locale] = useLocaleState();
  const { data, isPending, error } = useQuery({ queryKey: ['workflows', opts.queryKey, recall?.id], queryFn: () => opts.load(recall!.id), enabled: !!recall });
  if (!recall || isPending) return <CircularProgress size={24} />;
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  const open = data.recall.status === 'open';
  const noticeOf = opts.notices(data.recall);
  return (
    <Box data-testid="recall-customers">
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="recall-customers-summary">
        {(locale === 'en' ? T.summary.en : T.summary.zh)(data.totals)}
      </Typography>
      {data.customers.length === 0 ? (
        <Alert severity="info">{pick(T.none, locale)}</Alert>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {[T.customer, T.sold, T.lines, T.last, T.contacts, T.state, T.returned].map((h) => (
                <TableCell key={h.en}>{pick(h, locale)}</TableCell>
              ))}
              {open && <TableCell>{pick(T.actions, locale)}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {data.customers.map((c) => (
              <TableRow key={c.customer} data-testid={`recall-customer-${c.customer}`}>
                <TableCell>
                  <Link component={RouterLink} to={`/customers/${c.customer}/show`}>
                    {c.customer_name}
                  </Link>
                </TableCell>
                <TableCell data-testid={`recall-qty-${c.customer}`} align="right">
                  {c.quantity_sold}
                </TableCell>
                <TableCell align="right">{c.lines}</TableCell>
                <TableCell>{c.last_sale ?? ''}</TableCell>
                <TableCell>
                  {c.contacts.map((x, i) => (
                    <Typography key={i} variant="caption" component="div">
                      {roleLabel(x.role, locale)} {x.name} {x.phone ?? ''}
                    </Typography>
                  ))}
                </TableCell>
                <TableCell>
                  <StateCell c={c} locale={locale} />
                </TableCell>
                <TableCell align="right">{c.notice?.quantity_returned ?? ''}</TableCell>
                {open && (
                  <TableCell>
                    {c.notice && noticeOf && (
                      <ResourceContextProvider value={noticeOf.resource}>
                        <RecordContextProvider value={{ ...c.notice, ...noticeOf.parent, customer: c.customer }}>
                          <Box data-testid={`notice-actions-${c.customer}`}>
                            <VerbButtons />
                          </Box>
                        </RecordContextProvider>
                      </ResourceContextProvider>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data.not_shipped.length > 0 && (
        <Box sx={{ mt: 2 }} data-testid="recall-not-shipped">
          <Typography variant="subtitle2">{pick(T.notShipped, locale)}</Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                {[T.customer, T.quantity, T.orders].map((h) => (
                  <TableCell key={h.en}>{pick(h, locale)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.not_shipped.map((u) => (
                <TableRow key={u.customer} data-testid={`recall-not-shipped-${u.customer}`}>
                  <TableCell>
                    <Link component={RouterLink} to={`/customers/${u.customer}/show`}>
                      {u.customer_name}
                    </Link>
                  </TableCell>
                  <TableCell align="right">{u.quantity}</TableCell>
                  <TableCell>{u.orders.join(locale === 'en' ? ', ' : '、')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};

export const AffectedCustomersTab = affectedCustomersTab({
  queryKey: 'recall-customers',
  load: getAffected,
  notices: (recall) => ({ resource: 'recall_notices', parent: { recall: recall.id } }),
});
