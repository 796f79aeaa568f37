/**
 * Long work inside one request — a master write re-checking up to 100 sales lines: ≈ 30 ms of rules and
 * SQLite calls, synchronous on SQLite — held the event loop, and every read arriving meanwhile waited for
 * all of it (load bench: 20 clients, one in five writing a training). `giveTurn()` lets the event loop answer
 * what is waiting once SLICE_MS have passed since the last turn. Inside a write transaction that is safe by
 * the seam's design (server/db/engine.ts): the transaction's async context keeps its connection and the write
 * lock; requests served meanwhile read the committed state, and other writes wait for the lock.
 */
const SLICE_MS = 3;
let since = performance.now();

export async function giveTurn(): Promise<void> {
  if (performance.now() - since < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  since = performance.now();
}
