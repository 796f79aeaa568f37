/**
 * Runs the re-check off the request path: in a worker thread with its own connection to the same file (WAL:
 * the server's readers never wait for it), one batch per transaction with a short pause between batches so
 * the server's own writes get the lock in between. An in-memory database cannot be shared with a thread:
 * then the batches run on this thread, yielding to the event loop (setImmediate) between them.
 * `GSP_RECHECK_THREAD=0` forces the in-thread way.
 */
import { Worker } from 'node:worker_threads';
import type { Clock } from '../../clock';
import type { Db } from '../../db';
import { readEnv } from '../../env';
import { beginRecheck, recheckBatch } from './recheck';
import type { RecheckProgress } from './recheck-progress';

export interface RecheckJob {
  db: Db;
  /** the database file ('' or ':memory:': no thread), or the PostgreSQL URL */
  file: string;
  clock: Clock;
  asOf: string;
  full?: boolean;
  /** pause between batches (ms) */
  pauseMs?: number;
  onProgress?(p: RecheckProgress): void;
}

export interface RecheckRun {
  done: Promise<RecheckProgress>;
  /** stops after the batch under way (the next run continues from there); `done` then resolves 'running' */
  stop(): Promise<void>;
}

export type WorkerMessage = { t: 'progress' | 'done'; p: RecheckProgress } | { t: 'error'; message: string; stack?: string };

const sleep = (ms: number) => new Promise<void>((r) => (ms > 0 ? setTimeout(r, ms) : setImmediate(r)));

export function startRecheck(job: RecheckJob): RecheckRun {
  const threaded = job.file !== '' && job.file !== ':memory:' && readEnv().GSP_RECHECK_THREAD !== false;
  return threaded ? inWorker(job) : inThisThread(job);
}

function inThisThread(job: RecheckJob): RecheckRun {
  let stopping = false;
  const done = (async () => {
    let p = await beginRecheck(job.db, job.clock, job.asOf, { full: job.full });
    while (p.status === 'running' && !stopping) {
      p = await recheckBatch(job.db, job.clock);
      job.onProgress?.(p);
      await sleep(job.pauseMs ?? 0);
    }
    return p;
  })();
  return {
    done,
    stop: async () => {
      stopping = true;
      await done.catch(() => undefined);
    },
  };
}

function inWorker(job: RecheckJob): RecheckRun {
  const here = import.meta.url;
  const data = { file: job.file, asOf: job.asOf, now: job.clock.now().getTime(), full: !!job.full, pauseMs: job.pauseMs ?? 2 };
  // From the TypeScript sources (tsx, vitest) the thread registers tsx first, as the XLSX reader thread does.
  const worker = /\.[cm]?ts$/.test(new URL(here).pathname)
    ? new Worker(new URL('../../../imports/readers/ts-worker-boot.mjs', here), { workerData: { ...data, entry: new URL('./recheck-worker.ts', here).href } })
    : new Worker(new URL('./recheck-worker.js', here), { workerData: data });
  let last: RecheckProgress | undefined;
  const done = new Promise<RecheckProgress>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.t === 'error') {
        const e = new Error(m.message);
        if (m.stack) e.stack = m.stack;
        reject(e);
        return;
      }
      last = m.p;
      if (m.t === 'progress') job.onProgress?.(m.p);
      else resolve(m.p);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (last ? resolve(last) : reject(new Error(`re-check thread exited (${code})`))));
  });
  return {
    done,
    stop: async () => {
      worker.postMessage('stop');
      await done.catch(() => undefined);
    },
  };
}
