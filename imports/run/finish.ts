/**
 * The end of every import: store the original file (content-addressed) before the one transaction that
 * writes the imports row and the records, then write the JSON report — beside the stored file (for the
 * API and the problem-rows XLSX) and where the caller asked (--report).
 */
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { imports } from '../../schema/tables';
import { writeReport } from '../report/json';
import type { ServiceContext } from '../../server/services/context';
import type { RunEnv } from './env';
import { reportPath, storeOriginal, storedName } from './files';
import { imsg } from './messages';
import type { ImportRowValues } from '../../server/services/bulk';
import type { Staging } from './ledger/staging';
import type { Counts, ImportResult, ReportFinding, ReportReject, ReportTail } from './types';

export interface Written {
  importId: number;
  records: Record<string, number>;
}

/** Runs `write` (one transaction) with the original stored first; a failed write leaves no stray copy. */
export async function storeAndWrite<T extends Written>(
  env: RunEnv,
  counts: Counts,
  write: (values: ImportRowValues, ctx: ServiceContext) => T | Promise<T>,
): Promise<T> {
  const name = storedName(env.sha, env.fileName, env.book.format);
  const stored = storeOriginal(env.opts.db, env.opts.file, name);
  try {
    return await write(env.importRowValues(counts, stored.rel), env.ctx);
  } catch (e) {
    if (!stored.existed) {
      const used = await env.opts.db.select({ id: imports.id }).from(imports).where(eq(imports.stored_path, stored.rel)).limit(1).get();
      if (!used) fs.rmSync(stored.abs, { force: true });
    }
    throw e;
  }
}

export function emitReport(
  env: RunEnv,
  importId: number | null,
  counts: Counts,
  findings: Iterable<ReportFinding>,
  rejected: Iterable<ReportReject>,
  tail: ReportTail,
): ImportResult {
  const head = { ...env.head, import: { ...env.head.import, id: importId }, counts };
  const lang = env.lang;
  tail = { ...tail, policy: { guards: imsg(lang, 'policy_guards'), errors: imsg(lang, 'policy_errors'), legacy: imsg(lang, 'policy_legacy') } };
  const target = importId != null ? reportPath(env.opts.db, importId) : env.opts.reportFile;
  const { report, truncated } = writeReport(target, head, findings, rejected, { asOf: env.opts.clock.today(), ...tail });
  if (importId != null && env.opts.reportFile) fs.copyFileSync(target!, env.opts.reportFile);
  return { report, truncated, importId };
}

/** The ledger's end: merge (unless dry run), then the report streamed from the staging file. */
export async function finishImport(
  env: RunEnv,
  p: {
    importId: number | null;
    counts: Counts;
    staging: Staging;
    tail: ReportTail;
    merge?: (values: ImportRowValues, ctx: ServiceContext) => Written | Promise<Written>;
  },
): Promise<ImportResult> {
  let importId = p.importId;
  let tail = p.tail;
  if (p.merge) {
    const w = await storeAndWrite(env, p.counts, p.merge);
    importId = w.importId;
    tail = { ...tail, records: w.records };
  }
  return emitReport(env, importId, p.counts, p.staging.reportFindings(), p.staging.rejects(), tail);
}
