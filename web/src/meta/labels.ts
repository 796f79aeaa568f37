/** Picking the UI language's side of the registry's {zh, en} labels. */
import type { EnumOption, FieldMeta, I18nLabel, ResourceMeta } from './meta-store';

export const pick = (label: I18nLabel, locale: string) => (locale === 'en' ? label.en : label.zh);

/** Choices for react-admin select inputs and fields: {id, name} in the UI language. */
export const choicesOf = (options: EnumOption[] | undefined, locale: string) => (options ?? []).map((o) => ({ id: o.id, name: locale === 'en' ? o.en : o.zh }));

export const optionLabel = (field: FieldMeta, value: unknown, locale: string) => {
  const option = field.options?.find((o) => o.id === String(value));
  return option ? pick(option, locale) : value == null ? '' : String(value);
};

/** How a record of `resource` reads in a reference (the registry's `display` fields joined with a space). */
export const displayOf = (resource: ResourceMeta | undefined, record: Record<string, unknown> | undefined) => {
  if (!record) return '';
  const keys = resource?.display?.length ? resource.display : ['id'];
  const text = keys
    .filter((k) => record[k] !== null && record[k] !== undefined && record[k] !== '')
    .map((k) => (k === 'id' ? `#${record.id}` : record[k]))
    .join(' ');
  return text || `#${record.id}`;
};
