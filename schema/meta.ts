/** The shape GET /api/meta serves: the registry with column kinds, enum values and required flags. */
import { AREAS, AREA_LABELS, type Area, type FieldKind, type Resource } from './define';
import { ROLE, SCOPE_CATEGORIES } from './enums';
import { ledgerColumns } from './ledger';
import { CATALOGUE, type RuleMeta } from './rules';
import { ATTACHMENT_KIND, isAttachable } from './tables/attachments';

export interface I18nLabel {
  zh: string;
  en: string;
}
export interface EnumOption {
  id: string;
  zh: string;
  en: string;
}
export interface FieldMeta {
  key: string;
  kind: FieldKind;
  label: I18nLabel;
  aliases: string[];
  required: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  /** left empty on entry, numbered by the server */
  autoNumber?: boolean;
  ref?: string;
  options?: EnumOption[];
  vocabulary?: readonly string[];
  check?: string;
  default?: string | number | boolean;
}
export interface ResourceMeta {
  name: string;
  label: I18nLabel;
  area: Area;
  fields: FieldMeta[];
  list: string[];
  filters: string[];
  search: string[];
  display: string[];
  naturalKey: string[][];
  sort: [string, 'ASC' | 'DESC'];
  /** the columns the list may sort by besides id (schema/define.ts `sortable`): the others' headers do not sort */
  sortable: string[];
  readOnly: boolean;
  menu: boolean;
  parent?: { resource: string; field: string; inline?: boolean };
  children: { resource: string; field: string; inline: boolean }[];
  /** the scans a record carries (absent: the resource takes none); `other` is always offered */
  attachments?: AttachmentSlotMeta[];
}
export interface AttachmentSlotMeta {
  kind: string;
  label: I18nLabel;
  /** always, never, or when the record's fields equal these values */
  required: boolean | { when: Record<string, unknown> };
  rule?: string;
}
/** A column of the flat sales ledger (schema/ledger.ts): the field it lands in, its names from that field's definition. */
export interface LedgerColumnMeta {
  key: string;
  resource: string;
  field: string;
  kind: FieldKind;
  /** template header and English label */
  label: I18nLabel;
  /** every accepted Chinese header, the template header first */
  aliases: readonly string[];
}
export interface Meta {
  areas: { key: Area; label: I18nLabel }[];
  resources: ResourceMeta[];
  roles: EnumOption[];
  scopeCategories: readonly string[];
  /** the GSP rule catalogue (RULES.md): code, severity, source article, title */
  rules: readonly RuleMeta[];
  /** the sales-ledger import's columns */
  ledger: LedgerColumnMeta[];
}

const label = ([zh, en]: readonly [string, string]): I18nLabel => ({ zh, en });

export function buildMeta(registry: ReadonlyMap<string, Resource>): Meta {
  const all = [...registry.values()];
  return {
    areas: AREAS.map((key) => ({ key, label: label(AREA_LABELS[key]) })),
    roles: ROLE.values.map((id) => ({ id, ...label(ROLE.labels[id]) })),
    scopeCategories: SCOPE_CATEGORIES,
    rules: CATALOGUE,
    ledger: ledgerColumns(registry).map((c) => ({
      key: c.key,
      resource: c.resource,
      field: c.field,
      kind: c.kind,
      label: label(c.label),
      aliases: c.names,
    })),
    resources: all.map((r) => ({
      name: r.name,
      label: label(r.label),
      area: r.area,
      fields: Object.entries(r.fields).map(([key, fs]) => ({
        key,
        kind: fs.kind,
        label: label(fs.label),
        aliases: fs.aliases,
        required: fs.required,
        readOnly: !!fs.readOnly,
        writeOnly: !!fs.writeOnly,
        ...(fs.autoNumber && { autoNumber: true }),
        ...(fs.ref && { ref: fs.ref }),
        ...(fs.enum && { options: fs.enum.values.map((id) => ({ id, ...label(fs.enum!.labels[id]) })) }),
        ...(fs.vocabulary && { vocabulary: fs.vocabulary }),
        ...(fs.check && { check: fs.check }),
        ...(fs.default !== undefined && { default: fs.default }),
      })),
      list: r.list,
      filters: r.filters,
      search: r.search,
      display: r.display,
      naturalKey: r.naturalKey,
      sort: r.sort,
      sortable: r.sortable,
      readOnly: r.readOnly,
      menu: r.menu,
      ...(r.parent && { parent: r.parent }),
      children: all.filter((c) => c.parent?.resource === r.name).map((c) => ({ resource: c.name, field: c.parent!.field, inline: !!c.parent!.inline })),
      ...(isAttachable(r) && {
        attachments: [...r.attachments, ...(r.attachments.some((s) => s.kind === 'other') ? [] : [{ kind: 'other' }])].map((s) => ({
          kind: s.kind,
          label: label(ATTACHMENT_KIND.labels[s.kind as keyof typeof ATTACHMENT_KIND.labels] ?? [s.kind, s.kind]),
          required: s.required ?? false,
          ...(s.rule && { rule: s.rule }),
        })),
      }),
    })),
  };
}
