/**
 * Import kinds and their fields, from /api/meta (the registry the server imports through, and the ledger's
 * columns derived from it: schema/ledger.ts): the same fields the importer maps headers to
 * (imports/headers/kinds.ts): every writable field of a resource and, for a reference, the natural-key and
 * display fields of its target (`product.approval_no` — 批准文号 in a batches file).
 */
import { can } from '../../../schema/permissions';
import { SALES_LEDGER_KIND } from '../../../schema/ledger';
import { normalizeHeader } from '../../../imports/headers/normalize-header';
import type { FieldMeta, Meta, ResourceMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';

export { SALES_LEDGER_KIND };

/** DOMAIN.md's order for a full migration, then the rest in registry order. */
export const MIGRATION_ORDER = [
  'company_licenses',
  'customers',
  'customer_licenses',
  'customer_agents',
  'salespeople',
  'authorizations',
  'products',
  'batches',
  'contracts',
  SALES_LEDGER_KIND,
];

export interface KindOption {
  kind: string;
  label: { zh: string; en: string };
}

export interface ImportFieldOption {
  key: string;
  label: { zh: string; en: string };
  required: boolean;
}

const LEDGER_LABEL = { zh: '销售台账', en: 'Sales ledger' };

const importable = (f: FieldMeta) => !f.readOnly && !f.writeOnly && f.kind !== 'password' && f.kind !== 'json';

/**
 * Resources a file can be imported as, in registry order: business records with their own menu entry —
 * not read-only ones (findings, audit_log, imports…), not link tables kept inside another record
 * (发票对应出库单, 发票明细: menu false) and not the system's own (用户, 系统设置).
 */
export function importableResources(meta: Meta): ResourceMeta[] {
  return meta.resources.filter((r) => !r.readOnly && r.menu && r.area !== 'system' && r.fields.some(importable));
}

/**
 * Whether these roles may import this kind: create on the resource (the importer writes through the same
 * services); the ledger writes sales orders (and pending customers and products).
 */
export function mayImport(roles: readonly string[], kind: string): boolean {
  return can(roles, kind === SALES_LEDGER_KIND ? 'sales_orders' : kind, 'create');
}

/** Kinds for the select: migration order first, then the rest; only those the roles may import. */
export function kindOptions(meta: Meta, roles: readonly string[]): KindOption[] {
  const resources = importableResources(meta);
  const all: KindOption[] = [...resources.map((r) => ({ kind: r.name, label: r.label })), { kind: SALES_LEDGER_KIND, label: LEDGER_LABEL }];
  const rank = (k: string) => {
    const i = MIGRATION_ORDER.indexOf(k);
    return i < 0 ? MIGRATION_ORDER.length : i;
  };
  return all
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o.kind) - rank(b.o.kind) || a.i - b.i)
    .map(({ o }) => o)
    .filter((o) => mayImport(roles, o.kind));
}

/** Whether the roles may import anything (the 数据导入 menu entry and route). */
export const canImport = (meta: Meta | undefined, roles: readonly string[]) => !!meta && kindOptions(meta, roles).length > 0;

export function kindLabel(meta: Meta | undefined, kind: string, locale: string): string {
  if (kind === SALES_LEDGER_KIND) return pick(LEDGER_LABEL, locale);
  const r = meta?.resources.find((x) => x.name === kind);
  return r ? pick(r.label, locale) : kind;
}

/** The fields a header can be mapped to, in the order of the import template. */
export function kindFields(meta: Meta, kind: string): ImportFieldOption[] {
  if (kind === SALES_LEDGER_KIND) {
    return meta.ledger.map((f) => ({ key: f.key, label: f.label, required: false }));
  }
  const res = meta.resources.find((r) => r.name === kind);
  if (!res) return [];
  const out: ImportFieldOption[] = [];
  for (const f of res.fields) {
    if (!importable(f)) continue;
    out.push({ key: f.key, label: f.label, required: f.required });
    if (f.kind !== 'ref' || !f.ref) continue;
    const target = meta.resources.find((r) => r.name === f.ref);
    if (!target) continue;
    const own = normalizeHeader(f.label.zh);
    for (const tk of new Set([...target.naturalKey.flat(), ...target.display])) {
      const tf = target.fields.find((x) => x.key === tk);
      if (!tf || tf.kind === 'ref' || !importable(tf)) continue;
      // a reference labelled like the target field (单位名称 → customers.name) is that field itself
      if ([tf.label.zh, ...tf.aliases].some((n) => normalizeHeader(n) === own)) continue;
      out.push({
        key: `${f.key}.${tk}`,
        label: { zh: `${f.label.zh}·${tf.label.zh}`, en: `${f.label.en} · ${tf.label.en}` },
        required: false,
      });
    }
  }
  return out;
}
