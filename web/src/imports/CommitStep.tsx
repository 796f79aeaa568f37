/**
 * Step 5 导入: the commit's live progress (upload; then the server's phases 读取 → 检查 → 写入 → 完成 with the
 * rows and, for CSV, the bytes it has read; an indeterminate bar while it checks and writes), then the result: counts, findings, links to the report, the
 * problem rows and the stored file.
 */
import { Alert, AlertTitle, Box, Button, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import ListAltIcon from '@mui/icons-material/ListAlt';
import RuleIcon from '@mui/icons-material/Rule';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';
import { formatSize, type ImportProgress, type ImportReport, type ServerPhase } from './api';
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

export type CommitStage = 'upload' | ServerPhase | 'working';

/**
 * The bar: the upload's share; then, while the server reads, the bytes it has read of the file (CSV) or the
 * rows read of the dry run's count; checking and merging (one transaction) are indeterminate; done is full.
 * A server that streams nothing leaves the bar indeterminate ("working").
 */
export function progressValue(p: ImportProgress, total: number): { value: number | null; stage: CommitStage } {
  if (p.upload !== undefined && p.upload < 1) return { value: Math.round(p.upload * 100), stage: 'upload' };
  const phase = p.phase ?? (p.rows === undefined ? undefined : total > 0 && p.rows >= total ? 'merging' : 'reading');
  if (!phase) return { value: null, stage: 'working' };
  if (phase === 'done') return { value: 100, stage: 'done' };
  if (phase !== 'reading') return { value: null, stage: phase };
  if (p.bytes !== undefined && p.totalBytes) return { value: Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)), stage: 'reading' };
  if (p.rows !== undefined && total > 0) return { value: Math.min(100, Math.floor((p.rows / total) * 100)), stage: 'reading' };
  return { value: null, stage: 'reading' };
}

const STAGES: readonly ServerPhase[] = ['reading', 'checking', 'merging', 'done'];

export const CommitStep = ({ running, progress, total, result, error }: CommitStepProps) => {
  const translate = useTranslate();
  const { value, stage } = progressValue(progress, total);
  if (running) {
    const at = STAGES.indexOf(stage as ServerPhase);
    const bytes = progress.bytes !== undefined && progress.totalBytes ? `${formatSize(progress.bytes)} / ${formatSize(progress.totalBytes)}` : '';
    return (
      <Box data-testid="import-progress" data-stage={stage} data-rows={progress.rows ?? ''} sx={{ py: 2 }}>
        <Stack direction="row" spacing={1} sx={{ mb: 1.5 }} data-testid="import-phases">
          {STAGES.map((s, i) => (
            <Chip
              key={s}
              size="small"
              label={translate(`gsp.import.commit.phase.${s}`)}
              color={i < at ? 'success' : i === at ? 'primary' : 'default'}
              variant={i === at ? 'filled' : 'outlined'}
            />
          ))}
        </Stack>
        <Typography variant="body1" sx={{ mb: 1 }} data-testid="import-progress-text">
          {stage === 'upload'
            ? translate('gsp.import.commit.uploading', { percent: value })
            : stage === 'reading' && progress.rows !== undefined
              ? translate(total > 0 ? 'gsp.import.commit.processing' : 'gsp.import.commit.processing_rows', { rows: progress.rows, total })
              : stage === 'checking'
                ? translate('gsp.import.commit.checking', { rows: progress.rows ?? 0 })
                : stage === 'merging'
                  ? translate('gsp.import.commit.merging', { rows: progress.rows ?? 0 })
                  : translate('gsp.import.commit.processing_indeterminate')}
          {stage === 'reading' && bytes && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
              （{bytes}）
            </Typography>
          )}
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
  const problems = result.counts.rejected > 0 || (result.totals?.findings.total ?? result.findings.length) > 0;
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
        <Button component={Link} to={HISTORY_PATH} startIcon={<ListAltIcon />}>
          {translate('gsp.import.links.records')}
        </Button>
        {id != null && result.findings.length > 0 && (
          <Button component={Link} to={`/findings?filter=${encodeURIComponent(JSON.stringify({ import: id }))}`} startIcon={<RuleIcon />}>
            {translate('gsp.import.links.findings')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
};
