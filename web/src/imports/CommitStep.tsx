/**
 * Step 5 导入: the commit's live progress (upload, then the rows the server has read when it streams them,
 * else an indeterminate bar while it works), then the result: counts, findings, links to the report, the
 * problem rows and the stored file.
 */
import { Alert, AlertTitle, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import ListAltIcon from '@mui/icons-material/ListAlt';
import RuleIcon from '@mui/icons-material/Rule';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';
import type { ImportProgress, ImportReport } from './api';
import { ImportLinks } from './ImportLinks';
import { ReportView } from './ReportView';
import { HISTORY_PATH } from './paths';

interface CommitStepProps {
  running: boolean;
  progress: ImportProgress;
  /** rows of the dry run: the denominator of the server's progress */
  total: number;
  result: ImportReport | null;
  error: string | null;
}

/**
 * The bar: the upload's share, then the rows the server has read out of the dry run's count, then (all read,
 * the records being written in one transaction, or a server that reports nothing) indeterminate.
 */
export function progressValue(p: ImportProgress, total: number): { value: number | null; phase: 'upload' | 'rows' | 'merging' | 'working' } {
  if (p.upload !== undefined && p.upload < 1) return { value: Math.round(p.upload * 100), phase: 'upload' };
  if (p.rows !== undefined && total > 0) {
    return p.rows >= total ? { value: null, phase: 'merging' } : { value: Math.round((p.rows / total) * 100), phase: 'rows' };
  }
  return { value: null, phase: 'working' };
}

export const CommitStep = ({ running, progress, total, result, error }: CommitStepProps) => {
  const translate = useTranslate();
  const { value, phase } = progressValue(progress, total);
  if (running) {
    return (
      <Box data-testid="import-progress" sx={{ py: 2 }}>
        <Typography variant="body1" sx={{ mb: 1 }}>
          {phase === 'upload'
            ? translate('gsp.import.commit.uploading', { percent: value })
            : phase === 'rows'
              ? translate('gsp.import.commit.processing', { rows: progress.rows, total })
              : phase === 'merging'
                ? translate('gsp.import.commit.merging', { rows: progress.rows })
                : translate('gsp.import.commit.processing_indeterminate')}
        </Typography>
        <LinearProgress variant={value === null ? 'indeterminate' : 'determinate'} value={value ?? undefined} sx={{ height: 10, borderRadius: 5 }} />
      </Box>
    );
  }
  if (error) {
    return (
      <Alert severity="error" data-testid="import-error">
        <AlertTitle>{translate('gsp.import.commit.failed')}</AlertTitle>
        {error}
      </Alert>
    );
  }
  if (!result) return null;
  const id = result.import.id;
  const problems = result.counts.rejected > 0 || result.findings.length > 0;
  return (
    <Stack spacing={3} data-testid="import-result">
      <Alert severity={id != null ? 'success' : 'info'} data-testid="import-done">
        <AlertTitle>{id != null ? translate('gsp.import.commit.done', { id }) : translate('gsp.import.commit.done_duplicates')}</AlertTitle>
        {result.import.file}
      </Alert>
      <LinearProgress variant="determinate" value={100} sx={{ height: 10, borderRadius: 5 }} />
      {id != null && <ImportLinks id={id} problems={problems} />}
      <ReportView report={result} />
      <Stack direction="row" spacing={1}>
        <Button component={Link} to={HISTORY_PATH} startIcon={<ListAltIcon />}>{translate('gsp.import.links.records')}</Button>
        {id != null && result.findings.length > 0 && (
          <Button component={Link} to={`/findings?filter=${encodeURIComponent(JSON.stringify({ import: id }))}`} startIcon={<RuleIcon />}>
            {translate('gsp.import.links.findings')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
};
