/**
 * A big XLSX sheet is read by a worker thread (sheet-worker.ts): inflating and scanning its XML cost about
 * a fifth of a ledger import's CPU, which the second core then carries while this thread maps, checks and
 * writes. Receiving the rows costs this thread about a third of reading them itself (measured: 100k rows,
 * 2.8M cells: 1.0–1.25 s of this thread's time inline, 0.3–0.4 s through the worker). A CSV is parsed
 * inline: papaparse is cheap enough that copying its cells across threads saves too little.
 * `GSP_IMPORT_READER_THREAD=0|1` forces either way (tests run both). With `GSP_IMPORT_TIMING` set, the end of
 * the sheet prints how long this thread waited for rows: near zero means the reader is not what limits the import.
 */
import { Worker } from 'node:worker_threads';
import { readEnv } from '../../server/env';
import type { SheetRow } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { resolveLimits, type ReaderLimits } from './limits';
import type { Spreadsheet, SpreadsheetSheet } from './open';
import type { SheetAck, SheetJob, SheetMessage } from './sheet-protocol';
import type { Inflater } from './zip';

/** XLSX files from this size on are read by a worker (a smaller one is read before a worker would start) */
const THREAD_MIN_BYTES = 2 * 1024 * 1024;
const BATCH_ROWS = 1000;
const WINDOW = 4;
/**
 * The reader thread's heap: whatever a hostile file makes it hold (a row of gigabytes, say) ends that
 * thread with a clean refusal instead of the whole process. A real ledger needs far less: the 1M-row
 * ledger's shared strings take 41 MB, the largest table maxSharedStringUnits allows ≈ 200 MB.
 */
export const READER_HEAP_MB = 384;

const outOfMemory = (mb: number) =>
  new ImportFileError('zip_bomb', { detail: `读取时所需内存超过 ${mb} MB`, detail_en: `reading it needs more than ${mb} MB of memory` });

export function useReaderThread(book: Spreadsheet, size: number): boolean {
  const forced = readEnv().GSP_IMPORT_READER_THREAD;
  if (book.format !== 'xlsx') return false;
  if (forced !== undefined) return forced;
  return size >= THREAD_MIN_BYTES;
}

/** The compiled CLI bundle carries the worker as sheet-worker.js beside this code; the sources as .ts. */
function startWorker(job: SheetJob, heapMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!/\.[cm]?ts$/.test(new URL(here).pathname)) return new Worker(new URL('./sheet-worker.js', here), { workerData: { job }, resourceLimits });
  return new Worker(new URL('./ts-worker-boot.mjs', here), { workerData: { job, entry: new URL('./sheet-worker.ts', here).href }, resourceLimits });
}

async function* threadBatches(job: SheetJob, heapMb: number): AsyncGenerator<SheetRow[]> {
  const worker = startWorker(job, heapMb);
  const queue: SheetMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let waitedMs = 0;
  let firstWaitMs = 0;
  let received = 0;
  const poke = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: SheetMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (e) => {
    failure ??= (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(heapMb) : e;
    poke();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`XLSX reader thread exited with code ${code}`);
    poke();
  });
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        const t0 = performance.now();
        await new Promise<void>((r) => {
          wake = r;
        });
        if (received) waitedMs += performance.now() - t0;
        else firstWaitMs += performance.now() - t0;
        continue;
      }
      if (m.t === 'rows') {
        worker.postMessage({ n: 1 } satisfies SheetAck);
        received += m.rows.length;
        yield m.rows;
      } else if (m.t === 'end') {
        if (readEnv().GSP_IMPORT_TIMING) {
          process.stderr.write(
            `[import] reader thread: ${received} rows; the import thread waited ${firstWaitMs.toFixed(0)} ms for the first batch (thread start, shared strings), ${waitedMs.toFixed(0)} ms for the rest\n`,
          );
        }
        return;
      } else {
        if (m.fileError) throw new ImportFileError(m.fileError.code, m.fileError.params);
        const e = new Error(m.message);
        if (m.stack) e.stack = m.stack;
        throw e;
      }
    }
  } finally {
    await worker.terminate();
  }
}

/** `book` with its sheets' rows read by a worker thread from `file` (the same file, opened again there). */
export function readInThread(
  book: Spreadsheet,
  file: string,
  opts: { limits?: Partial<ReaderLimits>; inflater?: Inflater; heapMb?: number } = {},
): Spreadsheet {
  const limits = resolveLimits(opts.limits);
  const threaded = (s: SpreadsheetSheet): SpreadsheetSheet => {
    const batches = () =>
      threadBatches({ file, sheet: s.index, limits, inflater: opts.inflater, batchRows: BATCH_ROWS, window: WINDOW }, opts.heapMb ?? READER_HEAP_MB);
    return {
      ...s,
      batches,
      async *rows() {
        for await (const b of batches()) yield* b;
      },
    };
  };
  return { ...book, sheets: book.sheets.map(threaded), sheet: (which) => threaded(book.sheet(which)) };
}
