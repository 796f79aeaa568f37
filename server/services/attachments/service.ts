/**
 * Storing a scan on a record: the writer must be allowed to edit the record (matrix, own-record scope), the
 * file is PDF/JPEG/PNG by its content and within the size limit, its bytes go to the content-addressed store,
 * then one transaction writes the attachment row, supersedes the one it replaces (kept, never deleted), writes
 * the audit rows (naming the SHA-256) and returns an approved record to review (./lifecycle.ts).
 * Reading follows the record: whoever may see it sees its scans.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Resource } from '../../../schema/define';
import { msg } from '../../../schema/messages';
import { registry } from '../../../schema/resources';
import { attachments } from '../../../schema/tables/attachments';
import { authorize, checkScope } from '../../auth/rbac';
import { badRequest, notFound, ServiceError } from '../../errors';
import { writeAudit } from '../audit';
import { inTransaction, type ServiceContext } from '../context';
import { findRow, serialize, type Row } from '../records';
import { amsg } from './messages';
import { scanSupersedes } from './lifecycle';
import { attachable, kindLabel, slotsOf } from './slots';
import { attachmentLimitBytes, attachmentsDir, describeContent, putBytes, putFile, readHead, sha256Of, sniff } from './store';

export interface NewAttachment {
  resource: string;
  recordId: number;
  kind: string;
  /** the client's file name (kept for downloads; never used to judge the type) */
  fileName: string;
  /** the received upload on disk (the caller removes it) */
  file: string;
  size: number;
  /** the current attachment this one replaces */
  replaces?: number | null;
  note?: string | null;
  reason?: string | null;
  /** the demo seed: its records are written in their approved states, and a scan does not undo that */
  seed?: boolean;
}

const attachmentResource = () => registry.get('attachments')!;

/** The record a scan is attached to or read from, with the actor's right to `action` it checked. */
export async function targetRecord(ctx: ServiceContext, resourceName: string, id: number, action: 'show' | 'edit'): Promise<{ resource: Resource; row: Row }> {
  const resource = registry.get(resourceName);
  if (!resource) throw notFound(msg(ctx.lang, 'unknown_resource', { resource: resourceName }));
  if (!attachable(resource)) throw badRequest(amsg(ctx.lang, 'no_attachments', { resource: resource.label[ctx.lang === 'en' ? 1 : 0] }));
  authorize(ctx.actor, resource, action, ctx.lang);
  const row = Number.isInteger(id) && id > 0 ? await findRow(ctx.db, resource, id) : undefined;
  if (!row) throw notFound(msg(ctx.lang, 'not_found', { resource: resource.name, id }));
  await checkScope(ctx.db, ctx.actor, resource, row, ctx.lang, action);
  return { resource, row };
}

/** An attachment row the actor may read (its record readable), or 404 / 403. */
export async function readableAttachment(ctx: ServiceContext, id: number): Promise<Row> {
  const row = Number.isInteger(id) && id > 0 ? await findRow(ctx.db, attachmentResource(), id) : undefined;
  if (!row) throw notFound(msg(ctx.lang, 'not_found', { resource: 'attachments', id }));
  await targetRecord(ctx, String(row.resource), Number(row.record_id), 'show');
  return row;
}

/** Refuses what may not be attached before anything is stored: rights, kind, size, content type (by `head`). */
async function checkUpload(ctx: ServiceContext, input: Omit<NewAttachment, 'file'>, head: Uint8Array): Promise<{ resource: Resource; mime: string }> {
  const { resource, row } = await targetRecord(ctx, input.resource, input.recordId, 'edit');
  if (row.voided_at) throw badRequest(amsg(ctx.lang, 'record_voided'));
  const slots = slotsOf(resource);
  if (!slots.some((s) => s.kind === input.kind)) {
    throw badRequest(
      amsg(ctx.lang, 'bad_kind', {
        kind: input.kind || '—',
        resource: resource.label[ctx.lang === 'en' ? 1 : 0],
        options: slots.map((s) => `${s.kind} ${kindLabel(s.kind, ctx.lang)}`).join(ctx.lang === 'en' ? ', ' : '、'),
      }),
    );
  }
  const limit = attachmentLimitBytes();
  if (input.size > limit) throw new ServiceError(413, amsg(ctx.lang, 'too_large', { mb: Math.round((limit / 1024 / 1024) * 10) / 10 }));
  if (input.size === 0) throw badRequest(amsg(ctx.lang, 'empty_file'));
  const mime = sniff(head);
  if (!mime) {
    const seen = describeContent(head);
    throw new ServiceError(
      415,
      amsg(ctx.lang, 'bad_type', {
        name: input.fileName || 'upload',
        detected: seen ? (ctx.lang === 'en' ? `: it is ${seen}` : `：实为 ${seen}`) : '',
      }),
    );
  }
  return { resource, mime };
}

export async function addAttachment(ctx: ServiceContext, input: NewAttachment): Promise<Row> {
  const { mime } = await checkUpload(ctx, input, readHead(input.file));
  const sha = await sha256Of(input.file);
  // Stored before the row: a failed transaction leaves at most an unreferenced file under its own hash.
  putFile(attachmentsDir(ctx.db), input.file, sha);
  return recordAttachment(ctx, input, sha, mime);
}

/** The same for bytes in memory, synchronously (the demo seed writes its placeholder scans this way). */
export async function addAttachmentBytes(ctx: ServiceContext, input: Omit<NewAttachment, 'file' | 'size'>, bytes: Buffer): Promise<Row> {
  const { mime } = await checkUpload(ctx, { ...input, size: bytes.length }, bytes.subarray(0, 1024));
  const sha = createHash('sha256').update(bytes).digest('hex');
  putBytes(attachmentsDir(ctx.db), bytes, sha);
  return recordAttachment(ctx, { ...input, size: bytes.length }, sha, mime);
}

/** The row, the superseded one, the audit rows and the lifecycle, in one transaction. */
async function recordAttachment(ctx: ServiceContext, input: Omit<NewAttachment, 'file'>, sha: string, mime: string): Promise<Row> {
  const res = attachmentResource();
  return inTransaction(ctx, async (tx) => {
    const { resource, row: record } = await targetRecord(tx, input.resource, input.recordId, 'edit');
    if (record.voided_at) throw badRequest(amsg(ctx.lang, 'record_voided'));
    let old: Row | undefined;
    if (input.replaces != null) {
      old = await findRow(tx.db, res, input.replaces);
      if (!old || old.resource !== input.resource || old.record_id !== input.recordId || old.superseded_by != null || old.voided_at) {
        throw badRequest(amsg(ctx.lang, 'bad_replaces', { id: input.replaces }));
      }
    }
    const now = ctx.clock.now().toISOString();
    const stamp = { created_at: now, created_by: ctx.actor.id, updated_at: now, updated_by: ctx.actor.id };
    const row = (await tx.db
      .insert(attachments)
      .values({
        resource: input.resource,
        record_id: input.recordId,
        kind: input.kind as never,
        file_name: input.fileName || 'upload',
        mime,
        size: input.size,
        sha256: sha,
        note: input.note?.trim() || null,
        supersedes: old?.id ?? null,
        ...stamp,
      })
      .returning()
      .get()) as Row;
    const what = `${kindLabel(input.kind, 'zh')}（SHA-256 ${sha}）`;
    await writeAudit(tx, 'create', 'attachments', row.id, null, serialize(res, row), input.reason?.trim() || `上传扫描件 ${what}`);
    if (old) {
      const after = (await tx.db
        .update(attachments)
        .set({ superseded_by: row.id, superseded_at: now, updated_at: now, updated_by: ctx.actor.id, version: (old.version ?? 1) + 1 })
        .where(eq(attachments.id, old.id))
        .returning()
        .get()) as Row;
      await writeAudit(tx, 'update', 'attachments', old.id, serialize(res, old), serialize(res, after), `被附件 #${row.id} 替换：${what}`);
    }
    const label = `${resource.label[ctx.lang === 'en' ? 1 : 0]}·${kindLabel(input.kind, ctx.lang)}`;
    if (!input.seed) await scanSupersedes(tx, resource, record, label);
    return serialize(res, (await findRow(tx.db, res, row.id))!);
  });
}
