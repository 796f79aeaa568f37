/**
 * The printed documents (issue #6, flow 8), mounted under /api/workflows:
 *   GET documents/:doc/:id            the document as printable HTML (A4, print button)
 *   GET documents/:doc/:id/pdf        the same rendered to PDF by headless Chromium (503 without it)
 *   GET documents/customer-file/:id   a customer's complete file for an inspection (ZIP of PDFs)
 *   GET documents/fonts/:file, documents/print.js   the web font subsets and the print button's script
 * A document is readable exactly when its record is (server/documents/access.ts).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import { msg } from '../../../schema/messages';
import { ownScope } from '../../../schema/permissions';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { readableRecord } from '../../documents/access';
import { documentByKey } from '../../documents/catalogue';
import { loadCompany } from '../../documents/company';
import { customerFilePlan, indexPage } from '../../documents/customer-file';
import { contentDisposition, safeFileName } from '../../documents/filename';
import { fontFile } from '../../documents/fonts';
import { documentPage, PRINT_SCRIPT } from '../../documents/layout';
import { ensurePdfRenderer, PdfTimeout, PdfUnavailable, renderPdf, renderTimeoutMs } from '../../documents/pdf';
import type { DocContext, DocumentTemplate } from '../../documents/types';
import { zipStream } from '../../documents/zip';

type C = Context<AppEnv>;
const BASE = '/api/workflows/documents';

async function docContext(c: C): Promise<DocContext> {
  const { db, clock } = c.get('deps');
  const today = clock.today();
  return { db, actor: c.get('user')!, lang: c.get('lang'), today, now: clock.now().toISOString(), company: await loadCompany(db, today) };
}

function templateOf(c: C): DocumentTemplate {
  const doc = documentByKey.get(c.req.param('doc')!);
  if (!doc) throw notFound(msg(c.get('lang'), 'unknown_document', { doc: c.req.param('doc')! }));
  return doc;
}

/** The document's HTML page and download name, read with the user's rights. */
async function build(c: C) {
  const template = templateOf(c);
  const ctx = await docContext(c);
  const row = await readableRecord(ctx.db, ctx.actor, ctx.lang, template.resource, c.req.param('id')!);
  const query = c.req.query();
  const data = await template.gather(ctx, row, query);
  const search = new URLSearchParams(query).toString();
  const page = documentPage(await template.render(data, ctx), {
    title: template.fileName(data),
    landscape: template.landscape,
    pdfUrl: `${BASE}/${template.key}/${row.id}/pdf${search ? `?${search}` : ''}`,
    voided: row.voided_at ? String(row.void_reason ?? '') : undefined,
  });
  return { template, row, page, name: template.fileName(data) };
}

/** PDF failures the user can act on: no browser (enable it or print from the browser), or too slow. */
function pdfFailure(c: C, err: unknown): Response {
  if (err instanceof PdfUnavailable) return c.json({ message: msg(c.get('lang'), 'pdf_unavailable') }, 503);
  if (err instanceof PdfTimeout) return c.json({ message: msg(c.get('lang'), 'pdf_timeout', { seconds: Math.round(renderTimeoutMs() / 1000) }) }, 503);
  throw err;
}

export function documentsRoutes(app: Hono<AppEnv>): void {
  app.get('/documents/fonts/:file', (c) => {
    const file = fontFile(c.req.param('file'));
    if (!file) throw notFound(msg(c.get('lang'), 'not_found', { resource: 'font', id: c.req.param('file') }));
    c.header('Content-Type', 'font/woff2');
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    return c.body(Readable.toWeb(fs.createReadStream(file)) as ReadableStream);
  });

  app.get('/documents/print.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(PRINT_SCRIPT);
  });

  app.get('/documents/customer-file/:id', async (c) => {
    const ctx = await docContext(c);
    const customer = await readableRecord(ctx.db, ctx.actor, ctx.lang, 'customers', c.req.param('id'));
    try {
      await ensurePdfRenderer();
    } catch (err) {
      return pdfFailure(c, err);
    }
    const sections = await customerFilePlan(ctx, customer);
    const scoped = ownScope(ctx.actor.roles, 'sales_orders') != null;
    const stream = zipStream(
      new Date(ctx.now),
      async (zip) => {
        await zip.add('00-目录.pdf', await renderPdf(documentPage(indexPage(ctx, customer, sections, scoped), { title: '目录' })));
        for (const s of sections) {
          await zip.add(`${s.name}.pdf`, await renderPdf(documentPage(await s.body(), { title: s.title, landscape: s.landscape }), { landscape: s.landscape }));
          // the scans themselves, as stored (one at a time: each is at most the upload limit)
          for (const f of s.files ?? []) await zip.add(`${s.name}/${f.name}`, new Uint8Array(await fs.promises.readFile(f.file)));
        }
      },
      (err) => console.error('customer file', err),
    );
    c.header('Content-Type', 'application/zip');
    c.header(
      'Content-Disposition',
      contentDisposition(
        'attachment',
        `购货者完整档案-${safeFileName(String(customer.name))}-${ctx.today}.zip`,
        `customer-file-${customer.id}-${ctx.today}.zip`,
      ),
    );
    return c.body(stream);
  });

  app.get('/documents/:doc/:id', async (c) => {
    const { page } = await build(c);
    c.header('Content-Type', 'text/html; charset=utf-8');
    return c.body(page);
  });

  app.get('/documents/:doc/:id/pdf', async (c) => {
    const { template, row, page, name } = await build(c);
    let pdf: Buffer;
    try {
      pdf = await renderPdf(page, { landscape: template.landscape });
    } catch (err) {
      return pdfFailure(c, err);
    }
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', contentDisposition('attachment', `${name}.pdf`, `${template.key}-${row.id}.pdf`));
    return c.body(new Uint8Array(pdf));
  });
}
