/**
 * Prints what the definitions drive, for one resource: run in the repository and in a copy with one field
 * more (add-field.test.ts). Everything here is derived — no list of fields is written in this file.
 */
import ExcelJS from 'exceljs';
import { getTableColumns } from 'drizzle-orm';
import { buildMeta } from '../../../schema/meta';
import { registry } from '../../../schema/resources';
import { parseRecord } from '../../../schema/validate';
import { getKind, importKinds } from '../../../imports/headers/kinds';
import { LEDGER_FIELDS } from '../../../imports/headers/ledger-fields';
import { templateXlsx } from '../../../imports/report/template';
import { STAGED_BY_NAME } from '../../../imports/run/ledger/staging';

const [resourceName, field, value] = process.argv.slice(2);
const res = registry.get(resourceName)!;
const meta = buildMeta(registry);
const resMeta = meta.resources.find((r) => r.name === resourceName)!;

async function templateHeaders(kind: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  const bytes = (await templateXlsx(kind))!;
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return (wb.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
}

const out = {
  // the table (its migration) and what the API's writes accept
  columns: Object.keys(getTableColumns(res.table)),
  accepted: Object.keys(parseRecord(res, { [field]: value }, { mode: 'update', lang: 'zh' }).values),
  // GET /api/meta: what the screens and the list export (web/src/generic/exporter.ts: every field not writeOnly) are built from
  screen: resMeta.fields.map((f) => f.key),
  exportHeaders: resMeta.fields.filter((f) => !f.writeOnly).map((f) => f.label.zh),
  template: await templateHeaders(resourceName),
  ledgerTemplate: await templateHeaders('sales-ledger'),
  // every import kind's header index: normalised header → field key
  aliases: Object.fromEntries(importKinds().map((k) => [k, Object.fromEntries([...getKind(k)!.index].map(([n, c]) => [n, c[0].key]))])),
  ledger: LEDGER_FIELDS.map((f) => ({ key: f.key, field: `${f.resource}.${f.field}`, names: f.aliases })),
  ledgerMeta: meta.ledger.map((c) => c.key),
  staged: STAGED_BY_NAME.get(resourceName)?.cols ?? null,
};
process.stdout.write(JSON.stringify(out));
