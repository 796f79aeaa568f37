/** 签发授权书 on a salesperson's page: the office opens a new letter for them (the server checks seal and term). */
import { CreateButton, useCanAccess, useLocaleState, useRecordContext } from 'react-admin';

export const IssueLetterButton = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  const { canAccess } = useCanAccess({ resource: 'authorizations', action: 'create' });
  if (!record || record.voided_at || !canAccess) return null;
  return (
    <CreateButton
      resource="authorizations"
      label={locale === 'en' ? 'Issue letter' : '签发授权书'}
      state={{ record: { salesperson: record.id, sealed: true } }}
      data-testid="issue-letter"
    />
  );
};
