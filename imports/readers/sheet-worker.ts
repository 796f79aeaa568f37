/**
 * The reader thread of a big XLSX import (sheet-thread.ts starts it): opens the same file, reads the same
 * sheet — inflate, XML scan, shared strings, dates — and posts its rows in batches, at most `window`
 * batches ahead of what the import thread has taken, so memory stays flat however long the sheet is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SheetRow } from '../../schema/files/cells';
import { ImportFileError } from '../../schema/files/errors';
import { openSpreadsheetFile } from './open';
import type { SheetJob, SheetMessage, SheetAck } from './sheet-protocol';

const port = parentPort!;
const job = workerData.job as SheetJob;
const send = (m: SheetMessage) => port.postMessage(m);

let credit = job.window;
let wake: (() => void) | null = null;
port.on('message', (m: SheetAck) => {
  credit += m.n;
  wake?.();
  wake = null;
});

async function post(rows: SheetRow[]): Promise<void> {
  if (credit <= 0)
    await new Promise<void>((r) => {
      wake = r;
    });
  credit--;
  send({ t: 'rows', rows });
}

async function main(): Promise<void> {
  const { book, source } = await openSpreadsheetFile(job.file, { limits: job.limits, inflater: job.inflater });
  try {
    let out: SheetRow[] = [];
    for await (const batch of book.sheet(job.sheet).batches()) {
      for (const r of batch) out.push(r);
      if (out.length >= job.batchRows) {
        await post(out);
        out = [];
      }
    }
    if (out.length) await post(out);
    send({ t: 'end' });
  } finally {
    await source.close();
  }
}

main()
  .catch((e: unknown) => {
    const err = e as Error;
    send({
      t: 'error',
      fileError: e instanceof ImportFileError ? { code: e.code, params: e.params } : undefined,
      message: err?.message ?? String(e),
      stack: err?.stack,
    });
  })
  .finally(() => port.removeAllListeners('message'));
