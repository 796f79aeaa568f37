/** A user id (created_by, audit actor...) shown as the user's display name; the id when users are not readable. */
import { useGetManyAggregate, useTranslate } from 'react-admin';

export const UserName = ({ id }: { id: number | string | null | undefined }) => {
  const translate = useTranslate();
  // Aggregated: a history of 50 rows by 3 people costs one request, not 50.
  const { data } = useGetManyAggregate('users', { ids: id == null ? [] : [id] }, { enabled: id != null, retry: false });
  if (id == null) return <>{translate('gsp.history.unknown_actor')}</>;
  const user = data?.[0];
  return <>{user?.display_name || user?.username || `#${id}`}</>;
};
