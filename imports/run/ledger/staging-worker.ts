/**
 * The staging thread (staging-thread.ts starts it): owns the staging file's connection for phase 1 and applies
 * the import thread's operations in the order they were made. Batches are counted in the shared cell
 * PROCESSED (the import thread waits on it when it gets too far ahead); a query, drain or close is answered
 * on the reply port and signalled in REPLIES, so the import thread can wait for it synchronously.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { StagingStore } from './staging-store';
import { threadCpuMs } from '../thread-cpu';
import { FAILED, PROCESSED, REPLIES, STARTED, type StageRequest, type StageReply } from './staging-protocol';

const { file, sync: shared, reply } = workerData as { file: string; sync: SharedArrayBuffer; reply: MessagePort };
const sync = new Int32Array(shared);
Atomics.store(sync, STARTED, 1);
let store: StagingStore | null = null;
let failure: { message: string; stack?: string } | null = null;

const fail = (e: unknown) => {
  failure ??= e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
  Atomics.store(sync, FAILED, 1);
};
const answer = (m: StageReply) => {
  reply.postMessage(m);
  Atomics.add(sync, REPLIES, 1);
  Atomics.notify(sync, REPLIES);
};
// a thread that dies any other way still wakes the import thread, which then sees FAILED
process.on('exit', () => {
  Atomics.store(sync, FAILED, 1);
  Atomics.add(sync, REPLIES, 1);
  Atomics.notify(sync, REPLIES);
  Atomics.notify(sync, PROCESSED);
});

try {
  store = new StagingStore(file, true);
} catch (e) {
  fail(e);
}

parentPort!.on('message', (m: StageRequest) => {
  if (m.t === 'ops') {
    try {
      if (!failure) store!.apply(m.ops);
    } catch (e) {
      fail(e);
    }
    Atomics.add(sync, PROCESSED, 1);
    Atomics.notify(sync, PROCESSED);
    return;
  }
  let value: unknown;
  try {
    if (!failure) {
      if (m.t === 'query') value = store!.query(m.query);
      else if (m.t === 'drain') store!.drain();
    }
  } catch (e) {
    fail(e);
  }
  if (m.t === 'close') {
    try {
      store?.close();
    } catch (e) {
      fail(e);
    }
    value = threadCpuMs();
  }
  answer(failure ? { failure } : { value });
  if (m.t === 'close') {
    parentPort!.close();
    reply.close();
  }
});
