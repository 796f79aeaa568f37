/**
 * The totals behind Content-Range, kept while the database is unchanged. Counting a list walks an index of
 * every matching row (the 1M sales lines: ≈ 8 ms CPU with a warm cache, 30 ms without), and a list screen
 * asks the same total for every page it shows. A total is kept per count statement (its SQL and
 * parameters: the table, the filter, the scope) and dropped as soon as anything commits.
 *
 * "Anything commits" must cover every writer, not only this process's: the server's own transactions, an
 * upload's import thread (its own connection) and a CLI import (another process). SQLite says so exactly:
 * the read connection's `PRAGMA data_version` changes whenever another connection — any of those — has
 * committed (db/commit-stamp.ts, without I/O). PostgreSQL gets no cache here (every list counts, as before):
 * its stamp costs a round trip, worth it there only where its counts are slow (unfiltered lists read kept
 * counts instead: live-counts.ts).
 */
import { engineOf, type Db } from '../db';
import { localCommitStamp } from '../db/commit-stamp';

/** Totals kept per database state; more distinct filters than this between two commits start over. */
const MAX_ENTRIES = 500;

interface State {
  stamp: string;
  totals: Map<string, number>;
}
const states = new WeakMap<object, State>();

let enabled = true;
/** Benches only: off, every list counts (bench/list-api.ts records the statements a request runs). */
export function useCountCache(on: boolean): void {
  enabled = on;
}

/** The totals valid for the committed state `db` reads now, or undefined when it cannot be told (no caching). */
function currentTotals(db: Db): Map<string, number> | undefined {
  const stamp = enabled ? localCommitStamp(db) : undefined;
  if (stamp === undefined) return undefined;
  const engine = engineOf(db);
  let state = states.get(engine);
  if (!state || state.stamp !== stamp) states.set(engine, (state = { stamp, totals: new Map() }));
  return state.totals;
}

/**
 * The total for `key` (the count statement's SQL and parameters), from the cache or `count()`. A commit
 * between reading the version and counting leaves a total newer than its version: the next request sees
 * the version moved and counts again — never an older total for a newer state.
 */
export async function cachedCount(db: Db, key: string, count: () => Promise<number>): Promise<number> {
  const totals = currentTotals(db);
  const known = totals?.get(key);
  if (known !== undefined) return known;
  const n = await count();
  if (totals) {
    if (totals.size >= MAX_ENTRIES) totals.clear();
    totals.set(key, n);
  }
  return n;
}
