/**
 * The export of selected rows (BulkExportButton): every readable field of the registry, headed by its label
 * in the UI language, references by their display text, enums by their label, as CSV (schema/csv.ts). A whole
 * list is exported by the server, streamed (ExportCsvButton.tsx), with the same columns and cells.
 */
import { downloadCSV, type Exporter } from 'react-admin';
import { displayText, exportCell, toCsv } from '../../../schema/csv';
import { findResource } from '../meta/meta-store';
import { optionLabel, pick } from '../meta/labels';
import { currentLocale } from '../providers/locale';

type Row = Record<string, unknown>;

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
  const rows = records.map((r) => [
    r.id,
    ...fields.map((f) =>
      exportCell(f.kind, r[f.key], {
        lang: locale === 'en' ? 'en' : 'zh',
        option: (v) => optionLabel(f, v, locale),
        reference: (v) => displayText(findResource(f.ref!)?.display ?? [], refs[f.key]?.[v as string | number], v),
      }),
    ),
  ]);
  downloadCSV(toCsv(headers, rows), `${pick(resource.label, locale)}-${new Date().toISOString().slice(0, 10)}`);
};
