/** The import thread (import-thread.ts): its own connection, the same pipeline, progress and the answer to the parent. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../server/clock';
import { engineOf, openDb, openPgDb } from '../../server/db';
import { ServiceError } from '../../server/errors';
import type { ImportJob, ImportThreadMessage, ThreadError } from './import-thread';
import { isUsageError, runImport } from './pipeline';

const { job } = workerData as { job: ImportJob };
const { dbFile, filesBeside, now, today, ...opts } = job;
// The parent's clock, carried over: records are stamped with the server's time (a pinned GSP_TODAY included).
const offset = now - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + offset), today: () => today };
const post = (m: ImportThreadMessage) => parentPort!.postMessage(m);

const db = /^postgres(ql)?:\/\//.test(dbFile) ? openPgDb(dbFile, { filesBeside }) : openDb(dbFile);
try {
  const r = await runImport({ ...opts, db, clock, onProgress: (p) => post({ t: 'progress', p }) });
  post({ t: 'done', r });
} catch (err) {
  const e = err as Error & { code?: string };
  const out: ThreadError = { message: e.message, stack: e.stack, code: typeof e.code === 'string' ? e.code : undefined };
  if (isUsageError(e)) out.usage = { zh: e.text('zh'), en: e.text('en') };
  if (e instanceof ServiceError) Object.assign(out, { status: e.status, errors: e.errors });
  post({ t: 'error', e: out });
} finally {
  await engineOf(db).close();
  parentPort!.close();
}
