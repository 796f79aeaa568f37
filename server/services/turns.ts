/**
 * Long work inside one request — a master write re-checking up to 100 sales lines: ≈ 30 ms of rules and
 * SQLite calls, synchronous on SQLite — held the event loop, and every read arriving meanwhile waited for
 * all of it (load bench: 20 clients, one in five writing a training). `giveTurn()` lets the event loop answer
 * what is waiting once it has run SLICE_MS without the event loop turning. Inside a write transaction that is safe by
 * the seam's design (server/db/engine.ts): the transaction's async context keeps its connection and the write
 * lock; requests served meanwhile read the committed state, and other writes wait for the lock.
 */
const SLICE_MS = 3;
/** when the work running now started without the event loop turning (undefined: it has turned since) */
let since: number | undefined;
const turned = () => {
  since = undefined;
};

export async function giveTurn(): Promise<void> {
  const now = performance.now();
  if (since === undefined) {
    since = now; // a short write never yields: only one that has run SLICE_MS without a turn
    setImmediate(turned);
    return;
  }
  if (now - since < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve)); // `turned` ran first: the next slice starts afresh
}
