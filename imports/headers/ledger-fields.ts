/**
 * The flat legacy sales ledger's columns (import kind `sales-ledger`) as the importer reads them: derived
 * from the definitions of the fields they land in (schema/ledger.ts), so a ledger and an import of that
 * resource accept the same headers. `aliases[0]` is the column's template header.
 */
import type { FieldKind } from '../../schema/define';
import type { EnumDef } from '../../schema/enums';
import { ledgerColumns, ledgerFieldsOf, SALES_LEDGER_KIND, type LedgerColumn } from '../../schema/ledger';
import { registry } from '../../schema/resources';

export { SALES_LEDGER_KIND };

export interface LedgerField {
  key: string;
  aliases: readonly string[];
  en: string;
  kind: FieldKind;
  enum?: EnumDef;
  vocabulary?: readonly string[];
  code?: boolean;
  /** the resource and field the column lands in */
  resource: string;
  field: string;
}

const fromColumn = (c: LedgerColumn): LedgerField => ({
  key: c.key,
  aliases: c.names,
  en: c.label[1],
  kind: c.kind,
  enum: c.enum,
  vocabulary: c.vocabulary,
  code: c.code,
  resource: c.resource,
  field: c.field,
});

const COLUMNS: readonly LedgerColumn[] = ledgerColumns(registry);
export const LEDGER_FIELDS: readonly LedgerField[] = COLUMNS.map(fromColumn);

/** The fields a ledger column gives a record of `resource` (a pending product or batch), with the column key. */
export function ledgerFieldsFor(resource: string): Array<{ key: string; field: string }> {
  return ledgerFieldsOf(COLUMNS, resource);
}
