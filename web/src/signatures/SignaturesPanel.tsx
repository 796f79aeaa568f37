/**
 * The electronic signatures of the record on its show page: signer, time, meaning, comment, and whether the
 * record still is what was signed (✔ valid) or was changed afterwards (✖ broken).
 */
import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { hasSignedVerbs } from '../auth/verbs';
import { findField } from '../meta/meta-store';
import { optionLabel } from '../meta/labels';
import { formatTimestamp } from '../generic/format';
import { useSignatures } from './use-signatures';

export const SignaturesPanel = (_props: { label?: false }) => {
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, error } = useSignatures(resource, record?.id, record?.version);
  if (!record || !hasSignedVerbs(resource)) return null;
  const meaningField = findField('signatures', 'meaning');
  const broken = (data ?? []).filter((s) => !s.valid).length;
  return (
    <Box sx={{ width: '100%', mt: 2 }} data-testid="signatures-panel">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate('gsp.sign.panel')}
      </Typography>
      {error ? (
        <Typography color="error" variant="body2">
          {String((error as Error).message ?? error)}
        </Typography>
      ) : !data?.length ? (
        <Typography color="text.secondary" variant="body2">
          {translate('gsp.sign.none')}
        </Typography>
      ) : (
        <>
          {broken > 0 && (
            <Alert severity="error" sx={{ mb: 1 }} data-testid="signature-broken-alert">
              {translate('gsp.sign.broken_alert', { smart_count: broken })}
            </Alert>
          )}
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('gsp.sign.signer')}</TableCell>
                <TableCell>{translate('gsp.sign.signed_at')}</TableCell>
                <TableCell>{translate('gsp.sign.meaning')}</TableCell>
                <TableCell>{translate('gsp.sign.comment')}</TableCell>
                <TableCell>{translate('gsp.sign.state')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((s) => (
                <TableRow key={s.id} data-testid="signature-row">
                  <TableCell>{s.signer_name}</TableCell>
                  <TableCell>{formatTimestamp(s.signed_at)}</TableCell>
                  <TableCell>{meaningField ? optionLabel(meaningField, s.meaning, locale) : s.meaning}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{s.comment ?? ''}</TableCell>
                  <TableCell>
                    {s.valid ? (
                      <Chip size="small" color="success" label={`✔ ${translate('gsp.sign.valid')}`} data-testid="signature-valid" />
                    ) : s.superseded ? (
                      <Chip size="small" color="warning" label={`⊘ ${translate('gsp.sign.superseded')}`} data-testid="signature-superseded" />
                    ) : (
                      <Chip size="small" color="error" label={`✖ ${translate('gsp.sign.broken')}`} data-testid="signature-broken" />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
};
