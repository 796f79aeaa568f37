/**
 * The importer over HTTP (DESIGN.md API): upload a CSV/XLSX and run the same pipeline as the CLI, read an
 * import with its report, download its problem rows as XLSX (original cells + 错误原因 + 规则, formulas
 * escaped) or the stored original, and get the import template of any kind.
 *
 *   POST /api/imports                       multipart: file, kind, sheet?, headerRow?, dryRun?, force?, asOf?,
 *                                           mapping? (JSON header → field or null) → { id, report, truncated }
 *                                           (201; 200 for a dry run or an all-duplicate file); with
 *                                           Accept: application/x-ndjson, progress lines first
 *                                           ({ phase, rows, bytes?, totalBytes? }, imports/run/progress.ts)
 *   GET  /api/imports/:id                   the imports record + its report
 *   GET  /api/imports/:id/report.xlsx       the problem rows
 *   GET  /api/imports/:id/file              the stored original
 *   GET  /api/import-templates/:kind.xlsx   the template
 *
 * Mounted before the JSON body limit (server/app.ts): the upload streams to a temp file (multipart-upload.ts,
 * never held in memory) under its own limit, GSP_UPLOAD_MAX_MB (default 200 MB), enforced while it streams:
 * 413 with a zh/en message, the partial file removed, nothing imported. A role may import a kind only if it may create that resource (sales-ledger: sales_orders).
 * Unusable files answer 400 with the reader's message (Chinese, or English for Accept-Language en).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { stream } from 'hono/streaming';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { msg } from '../../schema/messages';
import type { z } from 'zod';
import { IMPORT_FORM } from '../../schema/bodies';
import { can } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { SALES_LEDGER_KIND } from '../../imports/headers/ledger-fields';
import { writeProblemsXlsx } from '../../imports/report/problems-xlsx';
import { templateXlsx } from '../../imports/report/template';
import { listing, totalsOf } from '../../imports/report/totals';
import { reportPath, storedPath } from '../../imports/run/files';
import { imsg } from '../../imports/run/messages';
import { roleList } from '../../imports/run/legacy';
import { checkKind, checkMayImport, ImportForbiddenError, importableKinds, importTarget, isUsageError } from '../../imports/run/pipeline';
import { runImportOffThread } from '../../imports/run/import-thread';
import type { ProgressCallback } from '../../imports/run/progress';
import type { ImportReport } from '../../imports/run/types';
import { REPORT_CAP } from '../../imports/run/types';
import { authorize, checkScope } from '../auth/rbac';
import { asOfClock } from '../clock';
import { uploadLimitBytes, type AppEnv } from '../env';
import { badRequest, forbidden, isDatabaseBusy, isDiskFull, notFound, unauthenticated } from '../errors';
import { withLongBusyWait } from './busy-retry';
import { parseBody } from './body';
import { readRecord, type Row } from '../services/records';
import { ownedTempPrefix, REPORT_PREFIX, UPLOAD_PREFIX } from '../services/leftovers';
import { boundaryOf, receiveMultipart, UploadMalformed, UploadTooLarge, type ReceivedFile } from './multipart-upload';

type C = Context<AppEnv>;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const imports = () => registry.get('imports')!;

const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw unauthenticated(msg(c.get('lang'), 'unauthenticated'));
  await next();
};

/** `attachment; filename*=UTF-8''…` with an ASCII fallback (Chinese file names survive every browser). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The columns of an import record these routes read (schema/tables/system.ts `imports`). */
type ImportRow = Row & {
  kind: string;
  file_name: string;
  format: string | null;
  sheet: string | null;
  header_row: number | null;
  stored_path: string | null;
  mapping: Record<string, string | null> | null;
};

async function importRow(c: C): Promise<ImportRow> {
  const id = Number(c.req.param('id'));
  const lang = c.get('lang');
  if (!Number.isInteger(id) || id <= 0) throw notFound(msg(lang, 'not_found', { resource: 'imports', id: c.req.param('id')! }));
  authorize(c.get('user')!, imports(), 'show', lang);
  const row = await readRecord(c.get('deps').db, imports(), id);
  if (!row) throw notFound(msg(lang, 'not_found', { resource: 'imports', id }));
  // One's own imports only (admin, QA and the auditor see all: rbac.ts IMPORT_READERS): the file, the report, the rejects.
  await checkScope(c.get('deps').db, c.get('user')!, imports(), row, lang, 'show');
  return row as ImportRow;
}

/** The stored report, with findings and rejected rows capped for a response (its totals say "N of M"). */
function storedReport(c: C, id: number): (ImportReport & { truncated?: boolean }) | null {
  const file = reportPath(c.get('deps').db, id);
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ImportReport & { truncated?: boolean };
  const totals = report.totals ?? totalsOf(report.findings, report.rejected); // reports stored before totals existed
  if (report.findings.length > REPORT_CAP || report.rejected.length > REPORT_CAP) {
    report.truncated = true;
    report.findings = report.findings.slice(0, REPORT_CAP);
    report.rejected = report.rejected.slice(0, REPORT_CAP);
  }
  report.totals = listing(totals, report.findings.length, report.rejected.length);
  return report;
}

export function importRoutes(opts: { maxUploadBytes?: number } = {}) {
  const app = new Hono<AppEnv>();
  const maxSize = opts.maxUploadBytes ?? uploadLimitBytes();

  app.post('/imports', signedIn, async (c) => {
    const lang = c.get('lang');
    const user = c.get('user')!;
    const { db, clock } = c.get('deps');
    // A role that may import nothing is refused before its upload is read.
    if (!importableKinds().some((k) => can(user.roles, importTarget(k), 'create'))) {
      throw forbidden(imsg(lang, 'import_nothing', { roles: roleList(user.roles, lang) }));
    }
    const boundary = boundaryOf(c.req.header('content-type'));
    if (!boundary) throw badRequest(lang === 'en' ? 'Upload the file as multipart/form-data (field "file")' : '请以 multipart/form-data 上传文件（字段 file）');
    // The upload streams to a temp file (never held in memory); the importer gets its path.
    const dir = fs.mkdtempSync(ownedTempPrefix(UPLOAD_PREFIX)); // named by pid: removed at start after a crash (leftovers.ts);
    let form: z.output<typeof IMPORT_FORM>;
    let file: ReceivedFile;
    let kind: string;
    let preset: Record<string, string | null> | undefined;
    let tmp: string;
    try {
      const length = Number(c.req.header('content-length'));
      let up: Awaited<ReturnType<typeof receiveMultipart>>;
      try {
        up = await receiveMultipart(c.req.raw.body, boundary, { dir, maxBytes: maxSize, contentLength: Number.isFinite(length) ? length : null });
      } catch (e) {
        if (e instanceof UploadTooLarge) {
          fs.rmSync(dir, { recursive: true, force: true });
          c.header('Connection', 'close'); // the rest of the body is not read
          return c.json({ message: imsg(lang, 'upload_too_large', { mb: Math.round((maxSize / 1024 / 1024) * 10) / 10 }) }, 413);
        }
        if (e instanceof UploadMalformed)
          throw badRequest(lang === 'en' ? `The upload is not a valid multipart body (${e.reason})` : `上传内容不是有效的 multipart 格式（${e.reason}）`);
        throw e;
      }
      form = parseBody(IMPORT_FORM, up.fields, lang);
      if (up.file?.field !== 'file') throw badRequest(lang === 'en' ? 'Upload the file as the multipart field "file"' : '请以 multipart 字段 file 上传文件');
      file = up.file;
      kind = form.kind;
      try {
        checkKind(kind);
      } catch (e) {
        if (isUsageError(e)) throw badRequest(e.text(lang));
        throw e;
      }
      try {
        checkMayImport(user.roles, kind);
      } catch (e) {
        if (e instanceof ImportForbiddenError) throw forbidden(e.text(lang));
        throw e;
      }
      preset = form.mapping;
      tmp = path.join(dir, path.basename(file.name || 'upload').replace(/[^\p{L}\p{N}._-]/gu, '_') || 'upload');
      if (tmp !== file.path) fs.renameSync(file.path, tmp);
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const { headerRow, asOf } = form; // asOf: for the time-based rules only; timestamps stay real
    const run = (onProgress?: ProgressCallback) =>
      withLongBusyWait(db, () =>
        runImportOffThread({
          db,
          file: tmp,
          fileName: file.name || 'upload',
          kind,
          clock: asOf ? asOfClock(clock, asOf) : clock,
          actor: user,
          lang,
          dryRun: form.dryRun,
          force: form.force,
          sheet: form.sheet,
          headerRow,
          preset,
          onProgress,
        }),
      );
    const answer = (r: Awaited<ReturnType<typeof run>>) => ({ id: r.importId, report: r.report, truncated: r.truncated });
    // A client that accepts NDJSON gets progress lines while the file runs ({"phase", "rows", "bytes"?,
    // "totalBytes"?}: imports/run/progress.ts), then the answer.
    if (/application\/x-ndjson/i.test(c.req.header('accept') ?? '')) {
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
      return stream(c, async (out) => {
        try {
          const r = await run((p) => out.write(`${JSON.stringify(p)}\n`).then(() => undefined));
          await out.write(`${JSON.stringify(answer(r))}\n`);
        } catch (e) {
          // the same answers as the app's error handler: a usage error, the database busy elsewhere, or internal
          const busy = isDatabaseBusy(e);
          const full = isDiskFull(e);
          const message = isUsageError(e) ? e.text(lang) : msg(lang, busy ? 'db_busy' : full ? 'disk_full' : 'internal');
          if (!isUsageError(e) && !busy) console.error(e);
          await out.write(`${JSON.stringify({ message, status: isUsageError(e) ? 400 : busy ? 503 : full ? 507 : 500 })}\n`);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
    try {
      const r = await run();
      return c.json(answer(r), r.importId != null ? 201 : 200);
    } catch (e) {
      if (isUsageError(e)) throw badRequest(e.text(lang));
      throw e;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/imports/:id', signedIn, async (c) => {
    const row = await importRow(c);
    return c.json({ ...row, report: storedReport(c, row.id) });
  });

  app.get('/imports/:id/file', signedIn, async (c) => {
    const row = await importRow(c);
    const file = row.stored_path ? storedPath(c.get('deps').db, row.stored_path) : null;
    if (!file || !fs.existsSync(file)) throw notFound(msg(c.get('lang'), 'not_found', { resource: 'imports/file', id: row.id }));
    const type = row.format === 'xlsx' ? XLSX_TYPE : 'text/csv';
    return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
      headers: {
        'content-type': type,
        'content-disposition': disposition(row.file_name),
        'content-length': String(fs.statSync(file).size),
        'cache-control': 'no-store',
      },
    });
  });

  app.get('/imports/:id/report.xlsx', signedIn, async (c) => {
    const row = await importRow(c);
    const db = c.get('deps').db;
    const file = row.stored_path ? storedPath(db, row.stored_path) : null;
    const report = reportPath(db, row.id);
    if (!file || !fs.existsSync(file) || !fs.existsSync(report))
      throw notFound(msg(c.get('lang'), 'not_found', { resource: 'imports/report.xlsx', id: row.id }));
    const dir = fs.mkdtempSync(ownedTempPrefix(REPORT_PREFIX));
    try {
      const out = path.join(dir, 'report.xlsx');
      await writeProblemsXlsx({
        file,
        kind: row.kind,
        sheet: row.sheet ?? undefined,
        report,
        out,
        preset: row.mapping ?? undefined,
        headerRow: row.header_row ?? undefined,
      });
      const bytes = fs.readFileSync(out);
      const base = String(row.file_name).replace(/\.[^.]+$/, '');
      return new Response(new Uint8Array(bytes), {
        headers: { 'content-type': XLSX_TYPE, 'content-disposition': disposition(`${base}-问题行.xlsx`), 'cache-control': 'no-store' },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  app.get('/import-templates/:file', signedIn, async (c) => {
    const name = c.req.param('file');
    const kind = name.replace(/\.xlsx$/i, '');
    try {
      checkKind(kind);
    } catch {
      throw notFound(msg(c.get('lang'), 'unknown_resource', { resource: kind }));
    }
    const bytes = (await templateXlsx(kind))!;
    const label = kind === SALES_LEDGER_KIND ? '销售记录' : registry.get(kind)!.label[0];
    return new Response(new Uint8Array(bytes), {
      headers: { 'content-type': XLSX_TYPE, 'content-disposition': disposition(`${label}导入模板.xlsx`), 'cache-control': 'no-store' },
    });
  });

  return app;
}
