/**
 * Deep pages by keyset from a page served before, while the database is unchanged. react-admin asks by offset,
 * and a page in the middle of 1M sales lines is a walk over ≈ 500k index entries whichever end it starts
 * from (SQLite ≈ 15 ms of CPU, PostgreSQL ≈ 35 ms; bench/list-api.ts cases o, q). But a list screen reaches a
 * deep page from its neighbours — next, previous, the numbers beside the current one — and asks the same
 * page again on every refresh. So the sort keys of the first and last row of each deep page served are kept
 * as anchors (offset → key), and a later page near an anchor starts from the key: `(sale_date, id) >= (…)`
 * plus a short offset, an index seek instead of the walk.
 *
 * Exact only while nothing has committed since the anchors were taken: they are kept per database state, as
 * the totals are (count-cache.ts), under its commit stamp (db/commit-stamp.ts; on PostgreSQL one round trip,
 * asked only for a page that would otherwise walk). A commit between reading the stamp and reading the page
 * leaves anchors of a newer state under the older stamp, which no later request reads: its stamp has moved.
 */
import { engineOf, type Db } from '../db';
import { commitStamp } from '../db/commit-stamp';

/** Lists (filter × sort) and anchors per list kept per database state; beyond, the oldest go. */
const MAX_LISTS = 64;
const MAX_ANCHORS = 256;

export interface Anchor {
  /** the row's offset in the list */
  offset: number;
  /** its sort key, in the ORDER BY's terms */
  key: unknown[];
}

interface State {
  stamp: string;
  lists: Map<string, Anchor[]>;
}
const states = new WeakMap<object, State>();

/** how many pages started from an anchor (tests see that the anchors serve) */
export const anchorStats = { used: 0 };

let enabled = true;
/** Benches only: off, every deep page walks (bench/list-api.ts GSP_LIST_PAGE_ANCHORS=0). */
export function usePageAnchors(on: boolean): void {
  enabled = on;
}

/** The anchors of list `list` (its statement's SQL and parameters) in the state `db` reads now; undefined: none may be kept. */
export async function pageAnchors(db: Db, list: string): Promise<Anchor[] | undefined> {
  const stamp = enabled ? await commitStamp(db) : undefined;
  if (stamp === undefined) return undefined;
  const engine = engineOf(db);
  let state = states.get(engine);
  if (!state || state.stamp !== stamp) states.set(engine, (state = { stamp, lists: new Map() }));
  let anchors = state.lists.get(list);
  if (!anchors) {
    if (state.lists.size >= MAX_LISTS) state.lists.delete(state.lists.keys().next().value!);
    state.lists.set(list, (anchors = []));
  }
  return anchors;
}

/** Keeps `anchor` (the newest last; a full list forgets its oldest). */
export function keepAnchor(anchors: Anchor[], anchor: Anchor): void {
  // no keyset past an empty value; numbers and text only (what both drivers bind as they read it)
  if (anchor.key.some((v) => typeof v !== 'number' && typeof v !== 'string')) return;
  const i = anchors.findIndex((a) => a.offset === anchor.offset);
  if (i >= 0) anchors.splice(i, 1);
  else if (anchors.length >= MAX_ANCHORS) anchors.shift();
  anchors.push(anchor);
}
