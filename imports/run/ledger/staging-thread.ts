/**
 * The staging file written by a thread of its own (staging-worker.ts): the import thread sends its rows in
 * batches and goes on parsing, resolving and checking while the second core does SQLite's inserts (≈ a
 * sixth of phase 1's CPU at 100k lines). Reads of staged rows (scattered orders, the report) wait for every
 * write sent before them — synchronously, as phase 1's code is synchronous: Atomics.wait on a shared cell,
 * then the answer taken from its own port. The import thread is never the server's event loop for a big
 * file (import-thread.ts moves those into a thread); a forced in-thread import waits there briefly.
 * `GSP_IMPORT_STAGING_THREAD=0|1` forces either way; unset: CSV files of 1 MB and more (tests run both).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { readEnv } from '../../../server/env';
import { FAILED, PROCESSED, REPLIES, STARTED, type StageReply, type StageRequest } from './staging-protocol';
import { StagingStore, type StageOp, type StageQuery } from './staging-store';

const THREAD_MIN_BYTES = 1 << 20;
/** op batches the import thread may be ahead of the staging thread (≈ 1,000 rows each: memory stays flat) */
const WINDOW = 16;
/** a thread whose code never loaded (its 'error' event cannot reach a thread blocked in Atomics.wait) */
const START_TIMEOUT_MS = 60_000;
/** a thread that stopped answering without failing (killed inside native code): the import fails, never hangs */
const STALL_TIMEOUT_MS = 600_000;

/**
 * XLSX too, though its reader thread (sheet-thread.ts) already shares the second core: since the staging thread
 * also evaluates the new orders' rules, the 100k XLSX bench file imports in 5.67–5.83 s with it against
 * 5.92–6.18 s without (seven interleaved pairs, quiet box, load 1.5–2.2; 6 of 7 faster; same report). Session
 * 10, when the thread only wrote, measured it slower on a loaded box.
 */
export function useStagingThread(fileBytes: number): boolean {
  return readEnv().GSP_IMPORT_STAGING_THREAD ?? fileBytes >= THREAD_MIN_BYTES;
}

/** What Staging writes through: a StagingStore in this thread, or the same in the staging thread. */
export interface StoreLike {
  apply(ops: StageOp[]): void;
  query(q: StageQuery): unknown;
  drain(): void;
  close(): void;
}

/** The compiled bundles carry the worker as staging-worker.js beside this code; the sources as .ts. */
function startWorker(workerData: Record<string, unknown>, transferList: MessagePort[]): Worker {
  const here = import.meta.url;
  if (!/\.[cm]?ts$/.test(new URL(here).pathname)) return new Worker(new URL('./staging-worker.js', here), { workerData, transferList });
  return new Worker(new URL('../../readers/ts-worker-boot.mjs', here), {
    workerData: { ...workerData, entry: new URL('./staging-worker.ts', here).href },
    transferList,
  });
}

export class ThreadStore implements StoreLike {
  private readonly sync = new Int32Array(new SharedArrayBuffer(16));
  private readonly replies: MessagePort;
  private readonly worker: Worker;
  private sent = 0;
  private answered = 0;
  private closed = false;
  private waitedMs = 0;
  /** since when every wait timed out, the thread answering nothing */
  private quietSince: number | undefined;

  constructor(readonly file: string) {
    const { port1, port2 } = new MessageChannel();
    this.replies = port1;
    this.worker = startWorker({ file, sync: this.sync.buffer, reply: port2 }, [port2]);
    this.worker.unref();
    this.worker.on('error', () => {}); // reported through FAILED at the next wait
  }

  apply(ops: StageOp[]): void {
    if (Atomics.load(this.sync, FAILED)) this.drain(); // throws the thread's failure
    this.post({ t: 'ops', ops });
    this.sent++;
    const t0 = performance.now();
    for (let done = Atomics.load(this.sync, PROCESSED); this.sent - done > WINDOW; done = Atomics.load(this.sync, PROCESSED)) {
      if (Atomics.load(this.sync, FAILED)) {
        this.drain(); // throws the thread's failure
        return;
      }
      this.wait(PROCESSED, done, t0);
    }
    this.waitedMs += performance.now() - t0;
  }

  /** Op batches sent that the staging thread has not applied yet. */
  backlog(): number {
    return this.sent - Atomics.load(this.sync, PROCESSED);
  }

  query(q: StageQuery): unknown {
    return this.ask({ t: 'query', query: q });
  }

  drain(): void {
    this.ask({ t: 'drain' });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      const cpu = this.ask({ t: 'close' }) as number | null;
      if (readEnv().GSP_IMPORT_TIMING)
        process.stderr.write(
          `[import] staging thread: ${this.sent} batches, cpu ${cpu ?? '?'} ms (its own); the import thread waited ${this.waitedMs.toFixed(0)} ms for it\n`,
        );
    } finally {
      this.replies.close();
      void this.worker.terminate();
    }
  }

  /** The file written so far, opened in this thread (the staging thread closed). */
  handOff(): StagingStore {
    this.drain();
    this.close();
    return new StagingStore(this.file, false);
  }

  private post(m: StageRequest) {
    this.worker.postMessage(m);
  }

  /** Waits (≤ 1 s) for the cell to change from `seen`; throws when the thread has not started, or stopped answering. */
  private wait(cell: number, seen: number, since: number) {
    const now = performance.now();
    if (!Atomics.load(this.sync, STARTED) && now - since > START_TIMEOUT_MS) throw new Error('staging thread did not start');
    if (Atomics.wait(this.sync, cell, seen, 1000) !== 'timed-out') this.quietSince = undefined;
    else if (now - (this.quietSince ??= now) > STALL_TIMEOUT_MS) throw new Error('staging thread stopped answering');
  }

  private ask(m: StageRequest): unknown {
    this.post(m);
    const want = ++this.answered;
    const t0 = performance.now();
    for (let got = Atomics.load(this.sync, REPLIES); got < want; got = Atomics.load(this.sync, REPLIES)) this.wait(REPLIES, got, t0);
    this.waitedMs += performance.now() - t0;
    const r = receiveMessageOnPort(this.replies)?.message as StageReply | undefined;
    if (!r) throw new Error('staging thread ended without an answer');
    if (r.failure) {
      const e = new Error(r.failure.message);
      if (r.failure.stack) e.stack = r.failure.stack;
      throw e;
    }
    return r.value;
  }
}
