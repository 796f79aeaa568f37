/** The re-check thread (recheck-runner.ts): its own connection, one batch per transaction, progress to the parent. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../clock';
import { engineOf, openDb, openPgDb } from '../../db';
import { beginRecheck, recheckBatch } from './recheck';
import type { WorkerMessage } from './recheck-runner';

const { file, asOf, now, full, pauseMs } = workerData as { file: string; asOf: string; now: number; full: boolean; pauseMs: number };
// The parent's clock, carried over: findings are stamped with the server's time (a pinned GSP_TODAY included).
const offset = now - Date.now();
const clock: Clock = { now: () => new Date(Date.now() + offset), today: () => asOf };
let stopping = false;
parentPort!.on('message', (m) => {
  if (m === 'stop') stopping = true;
});
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

// `file`: the SQLite file, or the PostgreSQL URL the server opened
const db = /^postgres(ql)?:/.test(file) ? openPgDb(file, { max: 2 }) : openDb(file);
try {
  let p = await beginRecheck(db, clock, asOf, { full });
  while (p.status === 'running' && !stopping) {
    p = await recheckBatch(db, clock);
    if (p.status === 'running') post({ t: 'progress', p });
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  // finished, or stopped with the status still 'running' (the next run continues)
  post({ t: 'done', p });
} catch (e) {
  post({ t: 'error', message: (e as Error).message, stack: (e as Error).stack });
} finally {
  await engineOf(db).close();
  parentPort!.close();
}
