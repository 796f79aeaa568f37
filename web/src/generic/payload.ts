/**
 * What a form may send: the registry's writable fields plus `version` (optimistic locking), with embedded
 * child lists (sales_orders.sales_lines) cleaned the same way. Server-filled, system and display-only keys
 * are dropped so a stale copy of them can never be written back; so are step-owned fields (schema/lifecycle.ts:
 * only their workflow step writes them), except those a form may still move between plain values.
 */
import { stepOwned } from '../../../schema/lifecycle';
import { findResource, type ResourceMeta } from '../meta/meta-store';

type Data = Record<string, unknown>;

/** The optional "why" of an update, sent along and recorded in the audit row (not a field of the record). */
export const CHANGE_REASON = '_reason';

function clean(resource: ResourceMeta, data: Data, keep: string[]): Data {
  const out: Data = {};
  for (const key of keep) if (data[key] !== undefined) out[key] = data[key];
  for (const field of resource.fields) {
    if (field.readOnly || !(field.key in data)) continue;
    const owned = stepOwned(resource.name, field.key);
    if (owned && !owned.plain) continue;
    const value = data[field.key];
    // An empty password on edit means "unchanged".
    if (field.kind === 'password' && (value === '' || value == null)) continue;
    out[field.key] = value === '' ? null : value;
  }
  // Only inline children (an order's lines) travel with their parent; others have their own endpoints.
  for (const child of resource.children.filter((c) => c.inline)) {
    const lines = data[child.resource];
    const childMeta = findResource(child.resource);
    if (!Array.isArray(lines) || !childMeta) continue;
    out[child.resource] = lines.map((line: Data) => {
      const cleaned = clean(childMeta, line ?? {}, ['id', 'version']);
      delete cleaned[child.field]; // the parent is implied by the URL
      return cleaned;
    });
  }
  return out;
}

export function toPayload(resourceName: string, data: Data, mode: 'create' | 'update'): Data {
  const resource = findResource(resourceName);
  if (!resource) return data;
  const payload = clean(resource, data, mode === 'update' ? ['version'] : []);
  const reason = typeof data[CHANGE_REASON] === 'string' ? (data[CHANGE_REASON] as string).trim() : '';
  if (reason) payload[CHANGE_REASON] = reason;
  return payload;
}
