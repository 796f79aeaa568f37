/**
 * Fields whose registry kind says too little: audit_log and findings store another resource's *name* and a
 * record id; they read better as that resource's label and a link to the record.
 */
import type { ComponentType, MouseEvent } from 'react';
import { Link, SelectInput, useFieldValue, useLocaleState, useRecordContext } from 'react-admin';
import type { KindFieldProps } from '../generic/kind-props';
import { findResource, getMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { FindingFieldsField, FindingStatusChip, RuleField, RuleFilter, SeverityChip } from '../qa/finding-fields';
import { settingLabel, settingName, settingText } from './settings/setting-value';

const ResourceNameField = ({ source }: KindFieldProps) => {
  const value = useFieldValue({ source });
  const [locale] = useLocaleState();
  const target = typeof value === 'string' ? findResource(value) : undefined;
  return <span>{target ? pick(target.label, locale) : ((value as string) ?? '')}</span>;
};

const RecordLinkField = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  if (!record || record[source] == null) return null;
  const target = findResource(record.resource);
  if (!target) return <span>{record[source]}</span>;
  return (
    <Link to={`/${target.name}/${record[source]}/show`} onClick={(e: MouseEvent) => e.stopPropagation()}>
      #{record[source]}
    </Link>
  );
};

const ResourceFilter = ({ source, label, alwaysOn: _a }: { source: string; label?: string; alwaysOn?: boolean }) => {
  const [locale] = useLocaleState();
  const choices = (getMeta()?.resources ?? []).map((r) => ({ id: r.name, name: pick(r.label, locale) }));
  return <SelectInput source={source} label={label} choices={choices} sx={{ minWidth: 180 }} />;
};

const SettingValueField = ({ source }: KindFieldProps) => {
  const value = useFieldValue({ source });
  return <span>{settingText(value)}</span>;
};

/** A setting by its declared name (证照到期预警天数), not its camelCase key. */
const SettingKeyField = ({ source }: KindFieldProps) => {
  const value = useFieldValue({ source });
  const [locale] = useLocaleState();
  return <span>{settingName(value, locale)}</span>;
};

/** A known threshold's description in the UI language. */
const SettingDescriptionField = ({ source }: KindFieldProps) => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  return <span>{settingLabel(record?.key, locale) ?? (record?.[source] as string) ?? ''}</span>;
};

export interface FieldOverride {
  Field?: ComponentType<KindFieldProps>;
  Filter?: ComponentType<{ source: string; label?: string; alwaysOn?: boolean }>;
}

const resourceName: FieldOverride = { Field: ResourceNameField, Filter: ResourceFilter };
const recordLink: FieldOverride = { Field: RecordLinkField };

export const FIELD_OVERRIDES: Record<string, FieldOverride> = {
  'audit_log.resource': resourceName,
  'audit_log.record_id': recordLink,
  'findings.resource': resourceName,
  'findings.record_id': recordLink,
  'findings.rule': { Field: RuleField, Filter: RuleFilter },
  'findings.severity': { Field: SeverityChip },
  'findings.status': { Field: FindingStatusChip },
  'findings.fields': { Field: FindingFieldsField },
  'signatures.resource': resourceName,
  'signatures.record_id': recordLink,
  'settings.key': { Field: SettingKeyField },
  'settings.value': { Field: SettingValueField },
  'settings.description': { Field: SettingDescriptionField },
};

export const fieldOverride = (resource: string, key: string): FieldOverride | undefined => FIELD_OVERRIDES[`${resource}.${key}`];
