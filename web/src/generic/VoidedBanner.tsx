/** A voided record stays readable; this makes its state impossible to miss. */
import { Alert, AlertTitle } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { UserName } from './UserName';
import { formatTimestamp } from './format';

export const VoidedBanner = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.voided_at) return null;
  return (
    <Alert severity="error" variant="filled" sx={{ mb: 1 }} data-testid="voided-banner">
      <AlertTitle>{translate('gsp.void.banner')}</AlertTitle>
      {translate('gsp.void.banner_detail', {
        at: formatTimestamp(record.voided_at),
        by: '\u0000',
        reason: record.void_reason ?? '',
      })
        .split('\u0000')
        .flatMap((part: string, i: number) => (i === 0 ? [part] : [<UserName key={i} id={record.voided_by} />, part]))}
    </Alert>
  );
};
