/**
 * Turns an audit row's before/after snapshots into field-level changes, in the registry's field order,
 * leaving out the bookkeeping that changes on every write.
 */
import type { FieldMeta, ResourceMeta } from '../meta/meta-store';
import { SYSTEM_FIELDS } from '../../../schema/system-fields';

export interface AuditRow {
  id: number;
  at: string;
  actor: number | null;
  action: string;
  resource: string;
  record_id: number;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface FieldChange {
  key: string;
  field?: FieldMeta;
  before: unknown;
  after: unknown;
}

// the legacy system's facts are content, shown with the rest of a created record
const BOOKKEEPING = new Set<string>(SYSTEM_FIELDS.filter((k) => k !== 'legacy_facts'));

/** Snapshots may arrive as objects or as JSON text, depending on how they were stored. */
export function snapshot(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      return snapshot(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => (isEmpty(a) && isEmpty(b)) || JSON.stringify(a) === JSON.stringify(b);

export function auditChanges(resource: ResourceMeta | undefined, row: Pick<AuditRow, 'before' | 'after'>, omit: string[] = []): FieldChange[] {
  const before = snapshot(row.before);
  const after = snapshot(row.after);
  const fieldOrder = resource?.fields.map((f) => f.key) ?? [];
  const keys = [...new Set([...fieldOrder, ...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => !BOOKKEEPING.has(key) && !omit.includes(key) && (key in before || key in after))
    .filter((key) => !same(before[key], after[key]))
    .filter((key) => !resource?.fields.find((f) => f.key === key)?.writeOnly)
    .map((key) => ({ key, field: resource?.fields.find((f) => f.key === key), before: before[key], after: after[key] }));
}
