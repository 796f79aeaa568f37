/**
 * The list export: every readable field of the registry, headed by its label in the UI language,
 * references by their display text, enums by their label, then CSV (csv.ts) downloaded as a file.
 */
import { downloadCSV, type Exporter } from 'react-admin';
import { findResource, type FieldMeta } from '../meta/meta-store';
import { displayOf, optionLabel, pick } from '../meta/labels';
import { currentLocale } from '../providers/locale';
import { toCsv } from './csv';

type Row = Record<string, unknown>;

function cellText(field: FieldMeta, value: unknown, refs: Record<string, Record<string | number, Row>>, locale: string) {
  if (value === null || value === undefined) return '';
  switch (field.kind) {
    case 'enum':
      return optionLabel(field, value, locale);
    case 'list':
      return (Array.isArray(value) ? value : [value]).map((v) => optionLabel(field, v, locale)).join('、');
    case 'ref': {
      const target = refs[field.key]?.[value as string | number];
      return target ? displayOf(findResource(field.ref!), target) : value;
    }
    case 'bool':
      return value ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

export const exportResource: Exporter = async (records: Row[], fetchRelatedRecords, _dataProvider, resourceName) => {
  const resource = resourceName ? findResource(resourceName) : undefined;
  if (!resource) return;
  const locale = currentLocale();
  const fields = resource.fields.filter((f) => !f.writeOnly);
  const refs: Record<string, Record<string | number, Row>> = {};
  for (const field of fields.filter((f) => f.kind === 'ref')) {
    // A reference the user may not read (403) still exports, as its id.
    refs[field.key] = await fetchRelatedRecords(records, field.key, field.ref!).catch(() => ({}));
  }
  const headers = ['ID', ...fields.map((f) => pick(f.label, locale))];
  const rows = records.map((r) => [r.id, ...fields.map((f) => cellText(f, r[f.key], refs, locale))]);
  downloadCSV(toCsv(headers, rows), `${pick(resource.label, locale)}-${new Date().toISOString().slice(0, 10)}`);
};
