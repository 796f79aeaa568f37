/**
 * Readers never wait for an import. better-sqlite3 waits for a write lock synchronously: with the default
 * busy_timeout a write arriving during a CLI import's merge stood the whole event loop still for up to 5 s,
 * and every read queued behind it (measured: reads p99 5.5 s under 20 clients). So the server's connection
 * waits at most `sliceMs` at a time, and a request refused as busy is retried asynchronously — the event
 * loop serving everyone else meanwhile — until `retryMs` have passed; only then is it answered 503 (with
 * Retry-After). A refused write changed nothing (every write is one transaction), so running the request
 * again is safe. Uploads (multipart, or bodies over the JSON limit) are not buffered for a retry: their
 * routes answer busy themselves.
 */
import { type Db, engineOf } from '../db';

export interface BusyRetryOptions {
  /**
   * longest synchronous wait for a write lock (ms); default 5: every ms of it is a ms no read is answered. The
   * 1M-line load bench (20 clients beside a CLI import) with 25 → 5: reads p99 213 → 149 ms, event-loop delay p99
   * 174 → 126 ms; the writes wait for the merge longer (create p99 2.1 → 2.5 s; 0 × 5xx)
   */
  sliceMs?: number;
  /** how long a busy request is retried before the 503 (ms); default 8000 */
  retryMs?: number;
  /** the synchronous wait while an upload's import runs (ms); default 5000, as before */
  importWaitMs?: number;
}

const slices = new WeakMap<object, { slice: number; importWait: number; long: number }>();

/**
 * An upload's import writes through the server's connection in transactions that cannot be run again from
 * the start: while one runs, the connection waits for the lock as long as it did before (5 s), and so
 * does everything else on it meanwhile (the old behaviour).
 */
export async function withLongBusyWait<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const s = slices.get(db.$client);
  if (!s) return fn();
  if (s.long++ === 0) engineOf(db).setLockTimeout(s.importWait);
  try {
    return await fn();
  } finally {
    if (--s.long === 0) engineOf(db).setLockTimeout(s.slice);
  }
}

/** Hono's app.fetch: the request, then whatever the platform passes along (handed on as it came) */
type Fetch<Rest extends unknown[]> = (req: Request, ...rest: Rest) => Response | Promise<Response>;

/** Responses the app's error handler made for SQLITE_BUSY (app.ts): the ones worth another try. */
export const busyResponses = new WeakSet<Response>();

export function withBusyRetry<Rest extends unknown[]>(db: Db, fetch: Fetch<Rest>, opts: BusyRetryOptions, bodyLimit: number): Fetch<Rest> {
  const slice = opts.sliceMs ?? 5;
  engineOf(db).setLockTimeout(slice);
  slices.set(db.$client, { slice, importWait: opts.importWaitMs ?? 5000, long: 0 });
  const budget = opts.retryMs ?? 8000;
  // While another connection holds the lock, each write's try may hold the event loop for `slice` ms: with
  // eight writers retrying during a merge those slices alone kept the loop busy and reads queued behind them
  // (load bench: event-loop delay max 1.7 s). So once a write found the database locked, one write at a
  // time tries it — the others, and new writes, wait for that try asynchronously — until one succeeds.
  const gate = { locked: false, probe: null as Promise<void> | null };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return async (req, ...rest: Rest) => {
    const type = req.headers.get('content-type') ?? '';
    const length = Number(req.headers.get('content-length') ?? 0);
    if (type.startsWith('multipart/') || length > bodyLimit) return fetch(req, ...rest);
    const writes = req.method !== 'GET' && req.method !== 'HEAD';
    // A read has no body to keep: the request itself is tried again (a copy of every request cost ≈ 0.1 ms).
    const body = writes && req.body ? await req.arrayBuffer() : null;
    const attempt = writes
      ? () => fetch(new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal }), ...rest)
      : () => fetch(req, ...rest);
    const started = Date.now();
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      while (writes && gate.locked && gate.probe && Date.now() - started < budget) await gate.probe;
      let release: (() => void) | undefined;
      const mine = writes && gate.locked ? (gate.probe = new Promise<void>((r) => (release = r))) : null;
      try {
        const res = await attempt();
        const busy = busyResponses.has(res);
        if (writes) gate.locked = busy;
        if (!busy || Date.now() - started + pause > budget) return res;
        await sleep(pause); // the next try (this one's or a waiting write's) no sooner than this
      } finally {
        if (release) {
          if (gate.probe === mine) gate.probe = null;
          release();
        }
      }
    }
  };
}
