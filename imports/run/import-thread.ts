/**
 * An upload's import off the server's event loop: reading, parsing, normalising, resolving, the rules, the
 * staging writes and the merge run in a worker thread with its own connection to the same file (WAL: the
 * server's readers never wait for it; its writers wait at most one short merge transaction —
 * server/services/bulk/merge-chunks.ts). The server's thread only relays progress and the result.
 * A small file (under 1 MB, a few thousand rows: well under a second of work, read in yielding chunks and
 * merged in one short transaction) runs here, as does any import into an in-memory database (not shareable
 * with a thread) or with the test hook `beforeMerge`: starting a thread costs more than such a file (from the
 * TypeScript sources, seconds: tsx boots in it). `GSP_IMPORT_THREAD=1` always uses the thread, `0` never.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ImportUsageError, runImport } from './pipeline';
import type { ImportOptions, ImportResult } from './types';
import { readEnv } from '../../server/env';
import { pgUrlOf } from '../../server/db';
import { ServiceError } from '../../server/errors';
import type { ImportProgressEvent } from './progress';

/** What the thread gets: the options without the connection, the clock as its offset and business date. */
export type ImportJob = Omit<ImportOptions, 'db' | 'clock' | 'onProgress' | 'beforeMerge'> & {
  dbFile: string;
  filesBeside?: string;
  now: number;
  today: string;
};
// dbFile: the SQLite file, or the PostgreSQL URL (the thread opens a pool of its own; filesBeside: where that
// database's files go, as the parent's engine has it)

/** An error carried across: enough to answer as the route would have (usage → 400, service status, SQLite code). */
export interface ThreadError {
  usage?: { zh: string; en: string };
  status?: number;
  errors?: unknown;
  code?: string;
  message: string;
  stack?: string;
}

export type ImportThreadMessage = { t: 'progress'; p: ImportProgressEvent } | { t: 'done'; r: ImportResult } | { t: 'error'; e: ThreadError };

const THREAD_MIN_BYTES = 1 << 20;

export function runImportOffThread(opts: ImportOptions): Promise<ImportResult> {
  const file = pgUrlOf(opts.db) ?? opts.db.$client.name;
  const forced = readEnv().GSP_IMPORT_THREAD;
  const big = (fs.statSync(opts.file, { throwIfNoEntry: false })?.size ?? 0) >= THREAD_MIN_BYTES;
  if (!file || file === ':memory:' || opts.beforeMerge || forced === false || (!big && forced !== true)) return runImport(opts);
  const { db: _db, clock, onProgress, beforeMerge: _b, ...rest } = opts;
  const job: ImportJob = {
    ...rest,
    dbFile: file,
    filesBeside: pgUrlOf(opts.db) ? opts.db.$client.name : undefined,
    now: clock.now().getTime(),
    today: clock.today(),
  };
  const here = import.meta.url;
  // From the TypeScript sources (tsx, vitest) the thread registers tsx first (as the XLSX reader thread does);
  // the server's bundle has import-worker.js beside it (server/launcher.mjs).
  const worker = /\.[cm]?ts$/.test(new URL(here).pathname)
    ? new Worker(new URL('../readers/ts-worker-boot.mjs', here), { workerData: { job, entry: new URL('./import-worker.ts', here).href } })
    : new Worker(new URL('./import-worker.js', here), { workerData: { job } });
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false;
    let relay: Promise<unknown> = Promise.resolve();
    worker.on('message', (m: ImportThreadMessage) => {
      if (m.t === 'progress') {
        if (onProgress) relay = relay.then(() => onProgress(m.p));
        return;
      }
      settled = true;
      // progress lines first, then the answer
      void relay.then(() => (m.t === 'done' ? resolve(m.r) : reject(revive(m.e))));
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`import thread exited (${code}) without an answer`));
    });
  });
}

function revive(e: ThreadError): Error {
  let out: Error;
  if (e.usage) out = new ImportUsageError(e.usage.zh, e.usage.en);
  else if (e.status) out = new ServiceError(e.status as ServiceError['status'], e.message, e.errors as ServiceError['errors']);
  else out = Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
  if (e.stack) out.stack = e.stack;
  return out;
}
