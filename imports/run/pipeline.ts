/**
 * One import, from a file on disk to a report (DESIGN.md "Importer"): check the kind, hash the file, open
 * it (format, encoding, sheet, header row, mapping), then either report every row as a duplicate (the same
 * file, by SHA-256, was imported before and --force is not set), or run the ledger pipeline
 * (ledger/index.ts) or the master-data pipeline (master.ts). The CLI and POST /api/imports both call
 * runImport(). Unusable files and arguments throw ImportFileError / ImportUsageError (exit 2, HTTP 400)
 * before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { can } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { imports } from '../../schema/tables';
import { cellText, columnName, type Cell } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { openSpreadsheet, type Spreadsheet } from '../readers/open';
import { fileSource } from '../readers/source';
import { importKinds } from '../headers/kinds';
import { SALES_LEDGER_KIND } from '../headers/ledger-fields';
import { openTable } from '../headers/table';
import type { RunEnv } from './env';
import { emitReport } from './finish';
import { removeStaleStaging, sha256File } from './files';
import { runLedger } from './ledger';
import { runMaster } from './master';
import { imsg } from './messages';
import { positionedSource, Progress } from './progress';
import { readInThread, useReaderThread } from '../readers/sheet-thread';
import type { ImportOptions, ImportResult } from './types';
import type { Lang } from '../../schema/messages';
// every importer (the HTTP route, the CLI, the benchmark) writes master records through the write service
import '../../server/services/write-hooks'; // registers the workflows' write hooks (server/services/hooks.ts)

/** A bad argument (unknown kind, read-only kind): exit 2 / HTTP 400 with `zh` (or `en`). */
export class ImportUsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = 'ImportUsageError';
  }
  text(lang: Lang): string {
    return lang === 'en' ? this.en : this.zh;
  }
}

export function isUsageError(e: unknown): e is ImportFileError | ImportUsageError {
  return e instanceof ImportFileError || e instanceof ImportUsageError;
}

const usage = (key: Parameters<typeof imsg>[1], params: Record<string, string | number> = {}) =>
  new ImportUsageError(imsg('zh', key, params), imsg('en', key, params));

/** Kinds a file can be imported as: every writable registry resource and the legacy ledger. */
export function checkKind(kind: string): void {
  if (!importKinds().includes(kind)) throw usage('unknown_kind', { kind, kinds: importableKinds().join(', ') });
  if (kind !== SALES_LEDGER_KIND && registry.get(kind)!.readOnly) throw usage('read_only_kind', { kind });
}

/** The resource whose create right an import kind needs (sales-ledger: sales orders). */
export function importTarget(kind: string): string {
  return kind === SALES_LEDGER_KIND ? 'sales_orders' : kind;
}

/** Refuses a kind the user's roles may not create (the HTTP route answers 403 before the upload is read). */
export class ImportForbiddenError extends ImportUsageError {}
export function checkMayImport(roles: readonly string[], kind: string): void {
  const target = importTarget(kind);
  if (can(roles, target, 'create')) return;
  const [zh, en] = registry.get(target)!.label;
  throw new ImportForbiddenError(
    imsg('zh', 'kind_forbidden', { target: zh, target_en: en, kind }),
    imsg('en', 'kind_forbidden', { target: zh, target_en: en, kind }),
  );
}

export function importableKinds(): string[] {
  return importKinds().filter((k) => k === SALES_LEDGER_KIND || !registry.get(k)!.readOnly);
}

export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  checkKind(opts.kind);
  checkMayImport(opts.actor.roles, opts.kind);
  const lang = opts.lang ?? 'zh';
  const db = opts.db;
  removeStaleStaging(db);
  let size: number;
  try {
    size = fs.statSync(opts.file).size;
  } catch (e) {
    throw new ImportFileError('unreadable', { detail: `找不到或无法打开文件 ${opts.file}`, detail_en: `cannot open ${opts.file}: ${(e as Error).message}` });
  }
  const source = positionedSource(await fileSource(opts.file));
  let book: Spreadsheet;
  try {
    book = await openSpreadsheet(source, { limits: opts.limits });
    if (useReaderThread(book, size)) book = readInThread(book, opts.file, { limits: opts.limits });
  } catch (e) {
    await source.close();
    throw e;
  }
  const progress = new Progress(opts.onProgress);
  try {
    const sha = await sha256File(opts.file);
    const table = await openTable(book, opts.kind, { sheet: opts.sheet, preset: opts.preset, headerRow: opts.headerRow });
    // a CSV is read front to back from here on (encoding detection read it whole before): bytes are progress
    if (book.format === 'csv') progress.trackBytes(source);
    const fileName = opts.fileName ?? path.basename(opts.file);
    const headers = table.headerCells.map((c, i) => {
      const h = cellText(c).trim();
      return h ? h : columnName(i);
    });
    const dupHeader = new Set(headers.filter((h, i) => headers.indexOf(h) !== i));
    const headerNames = headers.map((h, i) => (dupHeader.has(h) ? `${h} (${columnName(i)})` : h));
    const reason = `导入 ${fileName}`;
    const mappingStored: Record<string, string | null> = { ...table.mapping, ...Object.fromEntries(table.unmapped.map((h) => [h, null])) };
    const env: RunEnv = {
      opts,
      lang,
      book,
      table,
      sha,
      size,
      fileName,
      reason,
      progress,
      ctx: { db, clock: opts.clock, actor: opts.actor, lang },
      head: {
        import: {
          id: null,
          kind: opts.kind,
          file: fileName,
          sha256: sha,
          format: book.format,
          encoding: book.encoding?.name ?? null,
          sheet: table.sheet,
          headerRow: table.headerRow,
          dryRun: !!opts.dryRun,
        },
        mapping: table.mapping,
        unmapped: table.unmapped,
      },
      rawOf(cells: readonly Cell[]) {
        const raw: Record<string, string> = {};
        cells.forEach((c, i) => {
          const t = c == null ? '' : cellText(c);
          if (t !== '') raw[headerNames[i] ?? columnName(i)] = t;
        });
        return raw;
      },
      importRowValues: (counts, storedPath) => ({
        kind: opts.kind,
        file_name: fileName,
        sha256: sha,
        size,
        format: book.format,
        encoding: book.encoding?.name ?? null,
        sheet: table.sheet,
        header_row: table.headerRow,
        mapping: mappingStored,
        counts,
        stored_path: storedPath,
      }),
    };
    if (!opts.force) {
      const earlier = (await db
        .select({ id: imports.id })
        .from(imports)
        .where(and(eq(imports.sha256, sha), eq(imports.kind, opts.kind), eq(imports.status, 'done')))
        .orderBy(desc(imports.id))
        .limit(1)
        .get()) as { id: number } | undefined;
      if (earlier) {
        let rows = 0;
        for await (const _r of table.rows()) progress.rows(++rows);
        await progress.phase('checking', rows);
        const dup = emitReport(env, null, { rows, imported: 0, rejected: 0, duplicates: rows }, [], [], {
          duplicateOf: earlier.id,
          skipped: table.skipped.length ? table.skipped : undefined,
        });
        await progress.phase('done', rows);
        return dup;
      }
    }
    const result = opts.kind === SALES_LEDGER_KIND ? await runLedger(env) : await runMaster(env);
    await progress.phase('done', result.report.counts.rows);
    return result;
  } finally {
    await source.close();
  }
}
