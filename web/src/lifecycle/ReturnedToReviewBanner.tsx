/**
 * A record a change sent back to review (schema/lifecycle.ts) says so on its show page, with why: its open
 * APPROVAL_SUPERSEDED findings (what changed after which approval), until the approval is given again.
 */
import { Alert, AlertTitle } from '@mui/material';
import { useGetList, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { hasReview } from './hints';

export const ReturnedToReviewBanner = () => {
  const record = useRecordContext();
  const resource = useResourceContext()!;
  const translate = useTranslate();
  const enabled = !!record?.id && hasReview(resource);
  const { data } = useGetList(
    'findings',
    {
      filter: { resource, record_id: record?.id, rule: 'APPROVAL_SUPERSEDED', status: 'open' },
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'DESC' },
    },
    { enabled },
  );
  if (!enabled || !data?.length) return null;
  return (
    <Alert severity="warning" sx={{ mb: 1 }} data-testid="returned-to-review">
      <AlertTitle>{translate('gsp.review.returned')}</AlertTitle>
      {translate('gsp.review.returned_detail')}
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {data.map((f) => (
          <li key={f.id}>{String(f.message)}</li>
        ))}
      </ul>
    </Alert>
  );
};
