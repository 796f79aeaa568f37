/**
 * A record's audit trail (GET /api/audit_log filtered by resource and record id): who, when, what action,
 * why, and for each entry the changed fields as "label: old → new".
 */
import { Box, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Loading, useLocaleState, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { findField, findResource } from '../meta/meta-store';
import { displayOf, optionLabel, pick } from '../meta/labels';
import { auditChanges, snapshot, type AuditRow } from './audit-diff';
import { useAuditTrail } from './use-audit-trail';
import { AuditValue } from './AuditValue';
import { UserName } from './UserName';
import { formatTimestamp } from './format';

const ACTION_COLOR: Record<string, 'success' | 'info' | 'error' | 'default'> = { create: 'success', update: 'info', void: 'error' };

export const HistoryPanel = (_props: { label?: false }) => {
  const record = useRecordContext();
  const resourceName = useResourceContext()!;
  const translate = useTranslate();
  const { rows, isPending, error } = useAuditTrail(resourceName, record);
  if (isPending) return <Loading />;
  if (error) return <Typography color="error">{String((error as Error).message ?? error)}</Typography>;
  if (!rows?.length) return <Typography color="text.secondary">{translate('gsp.history.empty')}</Typography>;
  return (
    <Stack spacing={1.5} data-testid="history-panel" sx={{ width: '100%' }}>
      {rows.map((row) => (
        <HistoryEntry key={row.id} row={row} own={row.resource === resourceName} />
      ))}
    </Stack>
  );
};

const HistoryEntry = ({ row, own }: { row: AuditRow; own: boolean }) => {
  const resourceName = row.resource;
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const resource = findResource(resourceName);
  const actionField = findField('audit_log', 'action');
  // On a parent's page, a child entry need not repeat which parent it belongs to.
  const changes = auditChanges(resource, row, !own && resource?.parent ? [resource.parent.field] : []);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={`history-${row.action}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Chip size="small" color={ACTION_COLOR[row.action] ?? 'default'} label={actionField ? optionLabel(actionField, row.action, locale) : row.action} />
        {!own && resource && (
          // A child record's entry (an order line): say which one.
          <Chip
            size="small"
            variant="outlined"
            label={`${pick(resource.label, locale)} ${displayOf(resource, { id: row.record_id, ...snapshot(row.after ?? row.before) })}`}
          />
        )}
        <Typography variant="body2">
          <strong>
            <UserName id={row.actor} />
          </strong>{' '}
          · {formatTimestamp(row.at)}
        </Typography>
        {row.reason && (
          <Typography variant="body2" color="text.secondary">
            {translate('gsp.history.reason', { reason: row.reason })}
          </Typography>
        )}
      </Box>
      {changes.length === 0 ? (
        row.action === 'update' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('gsp.history.no_changes')}
          </Typography>
        )
      ) : (
        <Table size="small" sx={{ mt: 1, tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '25%' }}>{translate('gsp.history.field')}</TableCell>
              {row.action !== 'create' && <TableCell>{translate('gsp.history.before')}</TableCell>}
              <TableCell>{translate('gsp.history.after')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map((c) => (
              <TableRow key={c.key}>
                <TableCell>{c.field ? pick(c.field.label, locale) : translate(`resources.${resourceName}.fields.${c.key}`, { _: c.key })}</TableCell>
                {row.action !== 'create' && (
                  <TableCell sx={{ color: 'error.main', textDecoration: 'line-through' }}>
                    <AuditValue field={c.field} value={c.before} />
                  </TableCell>
                )}
                <TableCell sx={{ color: 'success.main' }}>
                  <AuditValue field={c.field} value={c.after} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
};
