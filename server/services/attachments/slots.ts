/**
 * Which scans a record carries: the kinds its resource declares (schema/tables/*: `attachments`), plus
 * `other` on every record; which of them are required for this record now; and the current scans of a
 * record (the newest version of each, superseded ones kept as history).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AttachmentSlot, Resource } from '../../../schema/define';
import type { Lang } from '../../../schema/messages';
import { ATTACHMENT_KIND, attachments } from '../../../schema/tables/attachments';
import type { Db } from '../../db';
import type { Row } from '../records';

const OTHER: AttachmentSlot = { kind: 'other' };

export { isAttachable as attachable } from '../../../schema/tables/attachments';

export function slotsOf(resource: Resource): AttachmentSlot[] {
  return resource.attachments.some((s) => s.kind === 'other') ? [...resource.attachments] : [...resource.attachments, OTHER];
}

export function requiredFor(slot: AttachmentSlot, row: Record<string, unknown>): boolean {
  if (!slot.required) return false;
  if (slot.required === true) return true;
  return Object.entries(slot.required.when).every(([k, v]) => row[k] === v);
}

export const kindLabel = (kind: string, lang: Lang) => ATTACHMENT_KIND.labels[kind as keyof typeof ATTACHMENT_KIND.labels]?.[lang === 'en' ? 1 : 0] ?? kind;

/** Every attachment row of the records (history included), oldest first. */
export async function attachmentRows(db: Db, resource: string, ids: readonly number[], currentOnly = false): Promise<Row[]> {
  if (!ids.length) return [];
  const t = attachments;
  return (await db
    .select()
    .from(t)
    .where(and(eq(t.resource, resource), inArray(t.record_id, [...ids]), isNull(t.voided_at), currentOnly ? isNull(t.superseded_by) : undefined))
    .orderBy(asc(t.record_id), asc(t.id))
    .all()) as Row[];
}
