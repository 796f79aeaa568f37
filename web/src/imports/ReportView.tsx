/**
 * An import report on screen (dry run or done): the counts, the findings per rule over the whole file (the
 * server's exact totals: findings and distinct rows per rule, with the rule's title from /api/meta and an
 * example; the listed findings are capped and say "N of M"), the rejected rows with their reasons, records
 * created pending approval.
 */
import type { ReactNode } from 'react';
import { Alert, Box, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { ruleTitle } from '../qa/rules';
import type { ImportCounts, ImportReport } from './api';
import { kindLabel } from './kinds';
import { findingsPerRule } from './mapping';
import { getMeta } from '../meta/meta-store';
import { scrollFrame } from './ui';

const REJECTED_SHOWN = 50;

const Stat = ({ label, value, color, testId }: { label: string; value: ReactNode; color?: string; testId: string }) => (
  <Paper variant="outlined" sx={{ px: 2, py: 1.5, minWidth: 120, textAlign: 'center' }} data-testid={testId}>
    <Typography variant="h5" sx={{ color, fontWeight: 600 }}>
      {value}
    </Typography>
    <Typography variant="caption" color="text.secondary">
      {label}
    </Typography>
  </Paper>
);

export const CountsView = ({ counts, findings, more }: { counts: ImportCounts; findings: number; more?: boolean }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="import-counts">
      <Stat testId="count-rows" label={translate('gsp.import.preview.rows')} value={counts.rows} />
      <Stat testId="count-imported" label={translate('gsp.import.preview.imported')} value={counts.imported} color="success.main" />
      <Stat
        testId="count-rejected"
        label={translate('gsp.import.preview.rejected')}
        value={counts.rejected}
        color={counts.rejected ? 'error.main' : undefined}
      />
      <Stat testId="count-duplicates" label={translate('gsp.import.preview.duplicates')} value={counts.duplicates} />
      <Stat
        testId="count-findings"
        label={translate('gsp.import.preview.findings')}
        value={more ? `${findings}+` : findings}
        color={findings ? 'warning.main' : undefined}
      />
    </Stack>
  );
};

export const SeverityChip = ({ severity }: { severity: 'error' | 'warning' }) => {
  const translate = useTranslate();
  return <Chip size="small" color={severity === 'error' ? 'error' : 'warning'} label={translate(`gsp.import.preview.${severity}`)} />;
};

export const ReportView = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const rules = findingsPerRule(report);
  const totals = report.totals;
  const findingsTotal = totals?.findings.total ?? report.findings.length;
  // a report without totals can only say that its list was cut
  const unknownMore = !totals && (report.truncated || report.findings.length >= 1000);
  const findingsCut = totals ? totals.findings.listed < totals.findings.total : unknownMore;
  const rejectedListed = Math.min(report.rejected.length, REJECTED_SHOWN);
  const created = Object.entries(report.created ?? {}).filter(([, list]) => list.length);
  return (
    <Stack spacing={3}>
      <CountsView counts={report.counts} findings={findingsTotal} more={unknownMore} />

      <Box>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          {translate('gsp.import.preview.findings_by_rule')}
        </Typography>
        {rules.length ? (
          <>
            {totals && (
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="import-findings-totals">
                {translate('gsp.import.preview.findings_totals', {
                  total: totals.findings.total,
                  rows: totals.findings.rows,
                  error: totals.findings.bySeverity.error,
                  warning: totals.findings.bySeverity.warning,
                })}
              </Typography>
            )}
            <Box sx={scrollFrame}>
              <Table size="small" data-testid="import-findings-by-rule">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('gsp.import.preview.rule')}</TableCell>
                    <TableCell>{translate('gsp.import.preview.title')}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('gsp.import.preview.severity')}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {translate('gsp.import.preview.findings_count')}
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {translate('gsp.import.preview.count')}
                    </TableCell>
                    <TableCell>{translate('gsp.import.preview.example')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rules.map((g) => (
                    <TableRow key={`${g.rule}/${g.severity}`} data-testid={`rule-${g.rule}`}>
                      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{g.rule}</TableCell>
                      <TableCell sx={{ minWidth: 160 }}>{ruleTitle(g.rule, locale)}</TableCell>
                      <TableCell>
                        <SeverityChip severity={g.severity} />
                      </TableCell>
                      <TableCell align="right" data-testid={`rule-${g.rule}-findings`}>
                        {g.findings}
                      </TableCell>
                      <TableCell align="right" data-testid={`rule-${g.rule}-rows`}>
                        {g.rows}
                      </TableCell>
                      <TableCell sx={{ color: 'text.secondary', fontSize: 13 }}>
                        {g.example ? `${translate('gsp.import.preview.row')} ${g.example.row}：${g.example.message}` : '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
            {findingsCut && (
              <Typography variant="caption" color="text.secondary" data-testid="import-findings-listed">
                {totals
                  ? translate('gsp.import.preview.listed', { listed: totals.findings.listed, total: totals.findings.total })
                  : translate('gsp.import.preview.truncated', { count: report.findings.length })}
              </Typography>
            )}
          </>
        ) : (
          <Alert severity="success">{translate('gsp.import.preview.no_findings')}</Alert>
        )}
      </Box>

      <Box>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          {translate('gsp.import.preview.rejected_rows')}
        </Typography>
        {report.rejected.length ? (
          <Box sx={scrollFrame}>
            <Table size="small" data-testid="import-rejected">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 80, whiteSpace: 'nowrap' }}>{translate('gsp.import.preview.row')}</TableCell>
                  <TableCell>{translate('gsp.import.preview.reason')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.rejected.slice(0, REJECTED_SHOWN).map((r) => (
                  <TableRow key={r.row}>
                    <TableCell>{r.row}</TableCell>
                    <TableCell sx={{ color: 'error.main' }}>
                      {r.errors.map((e, i) => (
                        <div key={i}>{e.field ? `${e.field}：${e.message}` : e.message}</div>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        ) : (
          <Alert severity="success">{translate('gsp.import.preview.no_rejected')}</Alert>
        )}
        {report.counts.rejected > rejectedListed && (
          <Typography variant="caption" color="text.secondary">
            {translate('gsp.import.preview.listed_rejected', { listed: rejectedListed, total: report.counts.rejected })}
          </Typography>
        )}
      </Box>

      {created.length > 0 && (
        <Box data-testid="import-created">
          <Typography variant="subtitle1" sx={{ mb: 1 }}>
            {translate('gsp.import.preview.created')}
          </Typography>
          {created.map(([kind, list]) => (
            <Typography key={kind} variant="body2" sx={{ mb: 0.5 }}>
              <b>
                {kindLabel(getMeta(), kind, locale)}（{list.length}）
              </b>
              ：
              {list
                .slice(0, 12)
                .map((c) => c.name)
                .join('、')}
              {list.length > 12 ? ' …' : ''}
            </Typography>
          ))}
        </Box>
      )}
      {report.unmapped.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('gsp.import.preview.unmapped', { columns: report.unmapped.join('、') })}
        </Typography>
      )}
      {!!report.skipped?.length && (
        <Typography variant="body2" color="text.secondary">
          {translate('gsp.import.preview.skipped', { rows: report.skipped.map((s) => s.row).join('、') })}
        </Typography>
      )}
      {report.policy && (
        // the policies the import followed (permissions, error rules, legacy approvals), as the server states them
        <Alert severity="info" data-testid="import-policy">
          {[report.policy.guards, report.policy.errors, report.policy.legacy].map((p) => (
            <Typography key={p} variant="body2">
              {p}
            </Typography>
          ))}
        </Alert>
      )}
    </Stack>
  );
};
