/** The office's list of salespeople whose letter, permit or labour contract ends within the warning window (the QA expiry page, narrowed). */
import { useLocaleState } from 'react-admin';
import { ExpiringPage } from '../../qa/ExpiringPage';

export const SALESPERSON_EXPIRY_TARGETS = [
  { resource: 'authorizations', field: 'valid_to' },
  { resource: 'salespeople', field: 'permit_valid_to' },
  { resource: 'salespeople', field: 'contract_end' },
] as const;

export const SalespeopleExpiringPage = () => {
  const [locale] = useLocaleState();
  const en = locale === 'en';
  return (
    <ExpiringPage
      targets={SALESPERSON_EXPIRY_TARGETS}
      title={en ? 'Salesperson documents expiring' : '销售人员资质到期'}
      help={
        en
          ? 'Authorisation letters, sales permits and labour contracts ending within the chosen window, or already ended: renew them before the salesperson sells again.'
          : '在所选天数内到期或已过期的销售人员授权书、上岗证和劳动合同：请在到期前续签、换证或重新签发授权书。'
      }
    />
  );
};
