/**
 * Scans attached to records (server/services/attachments):
 *
 *   POST /api/attachments/:resource/:id     multipart: file, kind, replaces?, note?, _reason? → 201 the attachment row
 *   GET  /api/attachments/of/:resource/:id  { slots: [{kind, label, required, present}], attachments: [...history] }
 *   GET  /api/attachments/:id/content       the file, inline (preview); ?download=1 as a download
 *
 * Mounted before the JSON body limit (server/app.ts): the upload streams to a temp file through the shared
 * multipart reader (multipart-upload.ts receiveMultipart) under its own limit (GSP_ATTACHMENT_MAX_MB, default
 * 20): over it 413, nothing kept. The type is judged by the file's bytes (415 otherwise). Whoever may edit the
 * record may attach; whoever may read it may read its scans (matrix and own-record scope of the record).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { msg } from '../../schema/messages';
import type { AppEnv } from '../env';
import { badRequest, notFound, ServiceError, unauthenticated } from '../errors';
import { contentDisposition, safeFileName } from '../documents/filename';
import type { ServiceContext } from '../services/context';
import { ownedTempPrefix, UPLOAD_PREFIX } from '../services/leftovers';
import { amsg } from '../services/attachments/messages';
import { addAttachment, readableAttachment, targetRecord } from '../services/attachments/service';
import { attachmentRows, kindLabel, requiredFor, slotsOf } from '../services/attachments/slots';
import { attachmentLimitBytes, attachmentsDir, storedFile } from '../services/attachments/store';
import { boundaryOf, receiveMultipart, UploadMalformed, UploadTooLarge } from './multipart-upload';

type C = Context<AppEnv>;
/** room for the form's text fields and the multipart framing beside the file itself */
const FIELD_ALLOWANCE = 64 * 1024;

const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw unauthenticated(msg(c.get('lang'), 'unauthenticated'));
  await next();
};

function serviceContext(c: C): ServiceContext {
  const { db, clock } = c.get('deps');
  return { db, clock, actor: c.get('user')!, lang: c.get('lang') };
}

const positive = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : null);

export function attachmentRoutes(opts: { maxBytes?: number } = {}) {
  const app = new Hono<AppEnv>();

  app.post('/attachments/:resource/:id', signedIn, async (c) => {
    const ctx = serviceContext(c);
    const lang = ctx.lang;
    const limit = opts.maxBytes ?? attachmentLimitBytes();
    const resource = c.req.param('resource');
    const id = Number(c.req.param('id'));
    // Refused before the body is read: no right to edit the record, or no such record.
    await targetRecord(ctx, resource, id, 'edit');
    const boundary = boundaryOf(c.req.header('content-type'));
    if (!boundary) throw badRequest(amsg(lang, 'not_multipart'));
    const dir = fs.mkdtempSync(ownedTempPrefix(UPLOAD_PREFIX));
    try {
      const length = Number(c.req.header('content-length'));
      let up: Awaited<ReturnType<typeof receiveMultipart>>;
      try {
        up = await receiveMultipart(c.req.raw.body, boundary, {
          dir,
          maxBytes: limit + FIELD_ALLOWANCE,
          contentLength: Number.isFinite(length) ? length : null,
        });
      } catch (e) {
        if (e instanceof UploadTooLarge) {
          c.header('Connection', 'close');
          throw new ServiceError(413, amsg(lang, 'too_large', { mb: Math.round((limit / 1024 / 1024) * 10) / 10 }));
        }
        if (e instanceof UploadMalformed) throw badRequest(amsg(lang, 'malformed', { reason: e.reason }));
        throw e;
      }
      if (up.file?.field !== 'file') throw badRequest(amsg(lang, 'no_file'));
      if (up.file.size > limit) throw new ServiceError(413, amsg(lang, 'too_large', { mb: Math.round((limit / 1024 / 1024) * 10) / 10 }));
      const row = await addAttachment(ctx, {
        resource,
        recordId: id,
        kind: (up.fields.kind ?? '').trim(),
        fileName: up.file.name,
        file: up.file.path,
        size: up.file.size,
        replaces: positive(up.fields.replaces),
        note: up.fields.note ?? null,
        reason: up.fields._reason ?? null,
      });
      return c.json(row, 201);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/attachments/of/:resource/:id', signedIn, async (c) => {
    const ctx = serviceContext(c);
    const { resource, row } = await targetRecord(ctx, c.req.param('resource'), Number(c.req.param('id')), 'show');
    const rows = await attachmentRows(ctx.db, resource.name, [row.id]);
    const current = new Set(rows.filter((a) => a.superseded_by == null).map((a) => String(a.kind)));
    return c.json({
      slots: slotsOf(resource).map((s) => ({
        kind: s.kind,
        label: { zh: kindLabel(s.kind, 'zh'), en: kindLabel(s.kind, 'en') },
        required: requiredFor(s, row),
        present: current.has(s.kind),
        rule: s.rule ?? null,
      })),
      attachments: rows,
    });
  });

  app.get('/attachments/:id/content', signedIn, async (c) => {
    const ctx = serviceContext(c);
    const row = await readableAttachment(ctx, Number(c.req.param('id')));
    const file = storedFile(attachmentsDir(ctx.db), String(row.sha256));
    if (!fs.existsSync(file)) throw notFound(amsg(ctx.lang, 'file_missing', { id: row.id, sha: String(row.sha256) }));
    const download = ['1', 'true'].includes(c.req.query('download') ?? '');
    const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[String(row.mime)] ?? 'bin';
    return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
      headers: {
        'content-type': String(row.mime),
        'content-length': String(fs.statSync(file).size),
        'content-disposition': contentDisposition(
          download ? 'attachment' : 'inline',
          safeFileName(String(row.file_name)) || `attachment-${row.id}.${ext}`,
          `attachment-${row.id}.${ext}`,
        ),
        'x-content-type-options': 'nosniff',
        // the stored bytes never change under this id: a preview may be cached by this browser
        'cache-control': 'private, max-age=3600',
        etag: `"${row.sha256}"`,
      },
    });
  });

  return app;
}
