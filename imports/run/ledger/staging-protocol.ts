/** Messages between the import thread and its staging thread (staging-thread.ts, staging-worker.ts). */
import type { StageOp, StageQuery } from './staging-store';

/** Cells of the shared Int32Array: answers posted, op batches applied, the thread failed (1), its code loaded (1). */
export const REPLIES = 0;
export const PROCESSED = 1;
export const FAILED = 2;
export const STARTED = 3;

export type StageRequest = { t: 'ops'; ops: StageOp[] } | { t: 'query'; query: StageQuery } | { t: 'drain' } | { t: 'close' };
export type StageReply = { value?: unknown; failure?: { message: string; stack?: string } };
