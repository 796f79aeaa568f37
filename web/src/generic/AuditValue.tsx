/** One value of an audit snapshot as a person reads it: labels for enums, names for references. */
import { useGetManyAggregate, useLocaleState, useTranslate } from 'react-admin';
import type { FieldMeta } from '../meta/meta-store';
import { findResource } from '../meta/meta-store';
import { displayOf, optionLabel } from '../meta/labels';

const RefText = ({ reference, id }: { reference: string; id: string | number }) => {
  const { data } = useGetManyAggregate(reference, { ids: [id] }, { retry: false });
  return <>{data?.[0] ? displayOf(findResource(reference), data[0]) : `#${id}`}</>;
};

export const AuditValue = ({ field, value }: { field?: FieldMeta; value: unknown }) => {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  if (value === null || value === undefined || value === '') return <span style={{ color: '#999' }}>—</span>;
  switch (field?.kind) {
    case 'enum':
      return <>{optionLabel(field, value, locale)}</>;
    case 'list':
      return <>{(Array.isArray(value) ? value : [value]).map((v) => optionLabel(field, v, locale)).join('、')}</>;
    case 'bool':
      return <>{translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</>;
    case 'ref':
      return typeof value === 'object' ? JSON.stringify(value) : <RefText reference={field.ref!} id={value as number} />;
    case 'money':
      return <>{typeof value === 'number' ? `¥${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : String(value)}</>;
    default:
      return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
  }
};
