/**
 * The columns an import kind accepts, with every header alias: a registry resource's fields (Chinese label,
 * the aliases after `/`, the English label and key), plus, for each reference field, the natural-key and
 * display fields of the record it points to (`product.approval_no` for 批准文号 in a batches file;
 * aliases of the target field that *is* the reference's own label map to the reference itself:
 * 客户名称 → customer). Or `sales-ledger`: DOMAIN.md's ledger table, derived from the same definitions
 * (schema/ledger.ts, ledger-fields.ts).
 */
import type { FieldKind, FieldSpec, Resource } from '../../schema/define';
import type { EnumDef } from '../../schema/enums';
import { isCodeField } from '../../schema/ledger';
import { getResource, registry } from '../../schema/resources';
import { LEDGER_FIELDS, SALES_LEDGER_KIND } from './ledger-fields';
import { normalizeHeader } from './normalize-header';

export interface ImportField {
  /** field key ('name'), reference sub-key ('product.approval_no') or ledger key */
  key: string;
  /** template header (Chinese) and English label */
  label: string;
  labelEn: string;
  kind: FieldKind;
  enum?: EnumDef;
  vocabulary?: readonly string[];
  /** identifier kept as text (batch numbers, codes) */
  code?: boolean;
  required: boolean;
  /** for a reference sub-key: the reference field and the target's field */
  refOf?: { field: string; target: string; targetField: string };
  /** every accepted header, ranked: 0 label, 1 alias, 2 English, 3 via a referenced record */
  names: ReadonlyArray<{ name: string; rank: number }>;
}

export interface KindInfo {
  kind: string;
  label: string;
  fields: readonly ImportField[];
  /** normalised header → candidate fields, best rank first */
  index: ReadonlyMap<string, ReadonlyArray<{ key: string; rank: number }>>;
}

function importable(spec: FieldSpec): boolean {
  return !spec.readOnly && !spec.derive && !spec.writeOnly && spec.kind !== 'password' && spec.kind !== 'json';
}

function fieldOf(key: string, spec: FieldSpec): ImportField {
  const names = [
    { name: spec.label[0], rank: 0 },
    ...spec.aliases.map((name) => ({ name, rank: 1 })),
    { name: spec.label[1], rank: 2 },
    { name: key, rank: 2 },
  ];
  return {
    key,
    label: spec.label[0],
    labelEn: spec.label[1],
    kind: spec.kind,
    enum: spec.enum,
    vocabulary: spec.vocabulary,
    code: isCodeField(key, spec),
    required: spec.required,
    names,
  };
}

function resourceFields(res: Resource): ImportField[] {
  const out: ImportField[] = [];
  for (const [key, spec] of Object.entries(res.fields)) {
    if (!importable(spec)) continue;
    const f = fieldOf(key, spec);
    out.push(f);
    if (spec.kind !== 'ref' || !spec.ref) continue;
    const target = getResource(spec.ref);
    if (!target) continue;
    const targetKeys = [...new Set([...target.naturalKey.flat(), ...target.display])];
    const own = normalizeHeader(spec.label[0]);
    const extra: Array<{ name: string; rank: number }> = [];
    for (const tk of targetKeys) {
      const ts = target.fields[tk];
      if (!ts || ts.kind === 'ref' || !importable(ts)) continue;
      const tnames = [ts.label[0], ...ts.aliases];
      if (tnames.some((n) => normalizeHeader(n) === own)) {
        // the reference is labelled like this target field (单位名称 → customers.name): its aliases are the reference's
        for (const n of tnames) extra.push({ name: n, rank: 3 });
        continue;
      }
      const sub = fieldOf(`${key}.${tk}`, ts);
      sub.required = false;
      sub.refOf = { field: key, target: target.name, targetField: tk };
      sub.names = tnames.map((name) => ({ name, rank: 3 }));
      out.push(sub);
    }
    f.names = [...f.names, ...extra];
  }
  return out;
}

function ledgerFields(): ImportField[] {
  return LEDGER_FIELDS.map((lf) => ({
    key: lf.key,
    label: lf.aliases[0],
    labelEn: lf.en,
    kind: lf.kind,
    enum: lf.enum,
    vocabulary: lf.vocabulary,
    code: lf.code,
    required: false,
    names: [...lf.aliases.map((name, i) => ({ name, rank: i === 0 ? 0 : 1 })), { name: lf.en, rank: 2 }, { name: lf.key, rank: 2 }],
  }));
}

const cache = new Map<string, KindInfo>();

/** The kinds the importer accepts: every registry resource name, and 'sales-ledger'. */
export function importKinds(): string[] {
  return [...registry.keys(), SALES_LEDGER_KIND];
}

/** Fields and header index of an import kind; undefined for an unknown kind. */
export function getKind(kind: string): KindInfo | undefined {
  const hit = cache.get(kind);
  if (hit) return hit;
  let label: string;
  let fields: ImportField[];
  if (kind === SALES_LEDGER_KIND) {
    label = '销售记录（旧台账）';
    fields = ledgerFields();
  } else {
    const res = getResource(kind);
    if (!res) return undefined;
    label = res.label[0];
    fields = resourceFields(res);
  }
  const index = new Map<string, Array<{ key: string; rank: number }>>();
  for (const f of fields) {
    for (const { name, rank } of f.names) {
      const n = normalizeHeader(name);
      if (!n) continue;
      const list = index.get(n) ?? [];
      const prev = list.find((x) => x.key === f.key);
      if (prev) prev.rank = Math.min(prev.rank, rank);
      else list.push({ key: f.key, rank });
      index.set(n, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => a.rank - b.rank);
  const info: KindInfo = { kind, label, fields, index };
  cache.set(kind, info);
  return info;
}
