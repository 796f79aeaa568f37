/**
 * Step 2 工作表与表头: the sheet (XLSX), the header row the server found (shown in the file's first rows,
 * editable: click a row or type its number), the format and encoding.
 */
import { Alert, Box, Chip, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { columnName } from '../../../schema/files/cells';
import type { ImportReport } from './api';
import type { Peek } from './peek';
import { scrollFrame } from './ui';

interface SheetStepProps {
  report: ImportReport;
  peek: Peek | null;
  sheet: string | null;
  onSheet: (sheet: string) => void;
  headerRow: number;
  onHeaderRow: (row: number) => void;
  disabled?: boolean;
}

const GRID_ROWS = 15;
const GRID_COLS = 14;

export const SheetStep = ({ report, peek, sheet, onSheet, headerRow, onHeaderRow, disabled }: SheetStepProps) => {
  const translate = useTranslate();
  const detected = report.import.headerRow;
  const isXlsx = report.import.format === 'xlsx';
  const sheets = peek?.sheets.filter((s) => s.name) ?? (report.import.sheet ? [{ name: report.import.sheet, state: 'visible' as const }] : []);
  const rows = peek && (!isXlsx || peek.sheet === sheet) ? peek.rows.slice(0, GRID_ROWS) : [];
  const width = Math.min(GRID_COLS, Math.max(0, ...rows.map((r) => r.cells.length)));
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="import-file-info">
        <Chip label={`${translate('gsp.import.sheet.format')}: ${report.import.format.toUpperCase()}`} />
        {report.import.encoding && (
          <Chip label={`${translate('gsp.import.sheet.encoding')}: ${report.import.encoding.toUpperCase()}`} data-testid="import-encoding" />
        )}
        <Chip label={`${report.import.file}`} variant="outlined" />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {isXlsx ? (
          <TextField
            select
            label={translate('gsp.import.sheet.sheet')}
            value={sheet ?? ''}
            onChange={(e) => onSheet(e.target.value)}
            disabled={disabled || sheets.length < 2}
            sx={{ minWidth: 240 }}
            data-testid="import-sheet"
          >
            {sheets.map((s) => (
              <MenuItem key={s.name} value={s.name}>
                {s.name}
                {s.state !== 'visible' ? ` (${s.state})` : ''}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <TextField label={translate('gsp.import.sheet.sheet')} value={translate('gsp.import.sheet.csv')} disabled sx={{ minWidth: 240 }} />
        )}
        <TextField
          type="number"
          label={translate('gsp.import.sheet.header_row')}
          value={headerRow}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1) onHeaderRow(n);
          }}
          disabled={disabled}
          helperText={translate('gsp.import.sheet.header_row_help', { row: detected })}
          slotProps={{ htmlInput: { min: 1, 'data-testid': 'import-header-row' } }}
          sx={{ maxWidth: 420 }}
        />
      </Stack>
      {rows.length ? (
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {translate('gsp.import.sheet.first_rows', { count: rows.length })}
          </Typography>
          <Box sx={scrollFrame}>
            <Table size="small" data-testid="import-raw-rows">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 110 }} />
                  {Array.from({ length: width }, (_, i) => (
                    <TableCell key={i} sx={{ color: 'text.secondary' }}>
                      {columnName(i)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => {
                  const chosen = r.row === headerRow;
                  return (
                    <TableRow
                      key={r.row}
                      hover
                      selected={chosen}
                      onClick={() => !disabled && onHeaderRow(r.row)}
                      sx={{ cursor: disabled ? 'default' : 'pointer', '& td': chosen ? { fontWeight: 600 } : undefined }}
                      data-testid={`raw-row-${r.row}`}
                    >
                      <TableCell sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}>
                        {r.row}
                        {chosen && <Chip size="small" color="primary" label={translate('gsp.import.sheet.chosen')} sx={{ ml: 1 }} />}
                        {r.row === detected && !chosen && (
                          <Chip size="small" variant="outlined" label={translate('gsp.import.sheet.detected')} sx={{ ml: 1 }} />
                        )}
                      </TableCell>
                      {Array.from({ length: width }, (_, i) => (
                        <TableCell key={i} sx={{ whiteSpace: 'nowrap', maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                          {r.cells[i] ?? ''}
                        </TableCell>
                      ))}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        </Box>
      ) : (
        <Alert severity="info">{translate('gsp.import.sheet.no_peek')}</Alert>
      )}
    </Stack>
  );
};
