/**
 * Step 4 试运行预览: the dry run's report (nothing written), the first data rows as mapped (rows with a
 * rejection or a finding marked), and — when the same file was imported before — the force option.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Stack,
  Table,
  TextField,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { pick } from '../meta/labels';
import type { ImportReport } from './api';
import type { ImportFieldOption } from './kinds';
import { dataRows, rowProblems, sameSheet } from './mapping';
import type { Peek } from './peek';
import { ReportView } from './ReportView';
import { scrollFrame } from './ui';

const FIRST_ROWS = 10;

interface PreviewStepProps {
  report: ImportReport;
  peek: Peek | null;
  fields: ImportFieldOption[];
  force: boolean;
  onForce: (force: boolean) => void;
  mappingIgnored: boolean;
  /** the date time-based rules judge as of, and whether the kind is a ledger (its default is explained) */
  asOf: string;
  ledger: boolean;
  onAsOf: (asOf: string) => void;
  disabled?: boolean;
}

/** 判定基准日: the as-of date of the dry run and the import, with why it defaults to what it does. */
const AsOfField = ({
  asOf,
  ledger,
  latestDate,
  onAsOf,
  disabled,
}: {
  asOf: string;
  ledger: boolean;
  latestDate?: string;
  onAsOf: (d: string) => void;
  disabled?: boolean;
}) => {
  const translate = useTranslate();
  const [value, setValue] = useState(asOf);
  useEffect(() => setValue(asOf), [asOf]);
  return (
    <Alert severity="info" icon={false} data-testid="import-as-of">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <TextField
          type="date"
          size="small"
          label={translate('gsp.import.preview.as_of')}
          value={value}
          disabled={disabled}
          onChange={(e) => setValue(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'import-as-of-input' } }}
        />
        <Button
          size="small"
          variant="outlined"
          disabled={disabled || !value || value === asOf}
          onClick={() => onAsOf(value)}
          sx={{ whiteSpace: 'nowrap' }}
          data-testid="import-as-of-apply"
        >
          {translate('gsp.import.preview.as_of_apply')}
        </Button>
      </Stack>
      <Typography variant="body2">
        {ledger ? translate('gsp.import.preview.as_of_ledger', { date: latestDate ?? asOf }) : translate('gsp.import.preview.as_of_master')}
      </Typography>
    </Alert>
  );
};

export const FirstRows = ({ report, peek, fields }: { report: ImportReport; peek: Peek | null; fields: ImportFieldOption[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const p = sameSheet(report, peek);
  const header = p?.rows.find((r) => r.row === report.import.headerRow)?.cells.map((c) => c.trim());
  const rows = dataRows(p, report.import.headerRow, report.skipped).slice(0, FIRST_ROWS);
  if (!header || !rows.length) return null;
  // mapped columns, in file order
  const cols = header.map((h, index) => ({ index, field: report.mapping[h] })).filter((c): c is { index: number; field: string } => !!c.field);
  const label = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? pick(f.label, locale) : key;
  };
  const problems = rowProblems(report);
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {translate('gsp.import.preview.first_rows', { count: rows.length })}
      </Typography>
      <Box sx={scrollFrame}>
        <Table size="small" data-testid="import-first-rows">
          <TableHead>
            <TableRow>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('gsp.import.preview.row')}</TableCell>
              {cols.map((c) => (
                <TableCell key={c.index} sx={{ whiteSpace: 'nowrap' }}>
                  {label(c.field)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => {
              const pr = problems.get(r.row);
              const bg = pr?.rejected.length ? 'rgba(211,47,47,0.08)' : pr?.rules.length ? 'rgba(237,108,2,0.08)' : undefined;
              const tip = pr ? [...pr.rejected, ...pr.rules].join('\n') : '';
              return (
                <Tooltip key={r.row} title={tip ? <span style={{ whiteSpace: 'pre-line' }}>{tip}</span> : ''} placement="top-start">
                  <TableRow sx={{ bgcolor: bg }}>
                    <TableCell sx={{ color: 'text.secondary' }}>{r.row}</TableCell>
                    {cols.map((c) => (
                      <TableCell key={c.index} sx={{ whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                        {r.cells[c.index] ?? ''}
                      </TableCell>
                    ))}
                  </TableRow>
                </Tooltip>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};

export const PreviewStep = ({ report, peek, fields, force, onForce, mappingIgnored, asOf, ledger, onAsOf, disabled }: PreviewStepProps) => {
  const translate = useTranslate();
  return (
    <Stack spacing={3} data-testid="import-preview">
      <Alert severity="info">{translate('gsp.import.preview.dry_run')}</Alert>
      <AsOfField asOf={asOf} ledger={ledger} latestDate={report.latestDate} onAsOf={onAsOf} disabled={disabled} />
      {mappingIgnored && <Alert severity="warning">{translate('gsp.import.preview.mapping_ignored')}</Alert>}
      {report.duplicateOf != null && (
        <Alert severity="warning" data-testid="import-duplicate">
          {translate('gsp.import.preview.duplicate_file', { id: report.duplicateOf })}
          <Box>
            <FormControlLabel
              control={<Checkbox checked={force} onChange={(e) => onForce(e.target.checked)} disabled={disabled} data-testid="import-force" />}
              label={translate('gsp.import.preview.force')}
            />
          </Box>
        </Alert>
      )}
      <ReportView report={report} />
      <FirstRows report={report} peek={peek} fields={fields} />
    </Stack>
  );
};
