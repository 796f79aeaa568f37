/**
 * Step 3 列映射: every column of the file → a field of the kind, the server's automatic match preselected
 * and marked, editable per column; unmatched columns, required fields without a column and fields chosen
 * twice are listed.
 */
import { Alert, Box, Button, Chip, NativeSelect, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import { useLocaleState, useTranslate } from 'react-admin';
import { pick } from '../meta/labels';
import type { ImportFieldOption } from './kinds';
import { autoChoice, duplicateFields, isChanged, missingRequired, type MappingChoice, type MappingColumn } from './mapping';
import { scrollFrame } from './ui';

interface MappingStepProps {
  columns: MappingColumn[];
  choice: MappingChoice;
  onChoice: (choice: MappingChoice) => void;
  fields: ImportFieldOption[];
  disabled?: boolean;
}

export const MappingStep = ({ columns, choice, onChoice, fields, disabled }: MappingStepProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const label = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? pick(f.label, locale) : key;
  };
  const unmapped = columns.filter((c) => !choice[c.header]).map((c) => c.header);
  const missing = missingRequired(
    fields.filter((f) => f.required).map((f) => f.key),
    choice,
  );
  const dups = duplicateFields(choice);
  const changed = columns.some((c) => isChanged(c, choice));
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {translate('gsp.import.mapping.help')}
      </Typography>
      <Box sx={scrollFrame}>
        <Table size="small" data-testid="import-mapping">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 48 }}>{translate('gsp.import.mapping.column')}</TableCell>
              <TableCell>{translate('gsp.import.mapping.header')}</TableCell>
              <TableCell>{translate('gsp.import.mapping.sample')}</TableCell>
              <TableCell sx={{ minWidth: 300 }}>{translate('gsp.import.mapping.field')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {columns.map((c) => {
              const value = choice[c.header] ?? '';
              const edited = isChanged(c, choice);
              return (
                <TableRow key={c.header} data-testid="mapping-row" data-header={c.header} sx={!value ? { bgcolor: 'action.hover' } : undefined}>
                  <TableCell sx={{ color: 'text.secondary' }}>{c.column}</TableCell>
                  <TableCell sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>{c.header}</TableCell>
                  <TableCell sx={{ color: 'text.secondary', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    {c.samples.join('｜')}
                  </TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <NativeSelect
                        value={value}
                        disabled={disabled}
                        onChange={(e) => onChoice({ ...choice, [c.header]: e.target.value || null })}
                        inputProps={{ 'aria-label': c.header, ...({ 'data-testid': `map-${c.header}` } as object) }}
                        sx={{ minWidth: 200 }}
                      >
                        <option value="">{translate('gsp.import.mapping.ignore')}</option>
                        {fields.map((f) => (
                          <option key={f.key} value={f.key}>
                            {pick(f.label, locale)}
                            {f.required ? ' *' : ''}
                          </option>
                        ))}
                      </NativeSelect>
                      {edited ? (
                        <Chip size="small" color="warning" label={translate('gsp.import.mapping.changed')} data-testid="mapping-changed" />
                      ) : c.auto ? (
                        <Chip size="small" color="success" variant="outlined" label={translate('gsp.import.mapping.auto')} data-testid="mapping-auto" />
                      ) : null}
                    </Stack>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {unmapped.length ? (
        <Alert severity="warning" data-testid="import-unmapped">
          {translate('gsp.import.mapping.unmapped', { columns: unmapped.join('、') })}
        </Alert>
      ) : (
        <Alert severity="success" data-testid="import-all-mapped">
          {translate('gsp.import.mapping.all_mapped')}
        </Alert>
      )}
      {missing.length > 0 && (
        <Alert severity="error" data-testid="import-required-missing">
          {translate('gsp.import.mapping.required_missing', { fields: missing.map(label).join('、') })}
        </Alert>
      )}
      {dups.map((f) => (
        <Alert key={f} severity="warning">
          {translate('gsp.import.mapping.duplicate_field', { field: label(f) })}
        </Alert>
      ))}
      {changed && (
        <Box>
          <Button startIcon={<RestartAltIcon />} onClick={() => onChoice(autoChoice(columns))} disabled={disabled}>
            {translate('gsp.import.mapping.reset')}
          </Button>
        </Box>
      )}
    </Stack>
  );
};
