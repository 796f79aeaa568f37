/**
 * A signed-in page opened on a list (#/sales_lines) asks for the list's first page as the page starts,
 * before the console's code has loaded and rendered (issue 13 item 1): the request the list screen is about
 * to send, with the parameters it will use — the URL's, else the ones react-admin stored for the list, else
 * the defaults (the registry's sort, LIST_PER_PAGE). The HTTP client (providers/http-client.ts) answers the
 * screen's identical request with it, once; a request that differs simply goes to the server.
 * Dependency-free: part of the initial bundle.
 */
import type { Meta } from '../../../schema/meta';

/** Rows per page of a generic list screen (generic/GenericList.tsx). */
export const LIST_PER_PAGE = 25;

/** Lists whose screen starts from other parameters (qa/FindingsList.tsx: open findings by default). */
const OWN_DEFAULTS = new Set(['findings']);

/** A prefetched answer is used this long after the page started, at most. */
const FRESH_MS = 30_000;

interface Prefetched {
  ok: boolean;
  status: number;
  headers: Headers;
  body: string;
}

const pending = new Map<string, Promise<Prefetched>>();

/** The same request whatever the order or encoding of its parameters. */
function requestKey(url: string): string {
  const u = new URL(url, window.location.origin);
  const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${u.pathname}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

type Params = { filter?: unknown; sort?: string; order?: string; page?: number | string; perPage?: number | string };

function storedParams(resource: string): Params | undefined {
  try {
    const raw = localStorage.getItem(`RaStoreGspConsole.${resource}.listParams`);
    return raw ? (JSON.parse(raw) as Params) : undefined;
  } catch {
    return undefined;
  }
}

/** As react-admin's useListParams: parameters in the URL win, then stored ones that differ from a plain first page. */
function listParams(resource: string, query: URLSearchParams): Params {
  if ([...query.keys()].length) {
    const p: Params = Object.fromEntries(query.entries());
    if (typeof p.filter === 'string') p.filter = JSON.parse(p.filter);
    return p;
  }
  const stored = storedParams(resource);
  const custom =
    stored?.filter && (Object.keys(stored.filter).length > 0 || stored.order != null || stored.page !== 1 || stored.perPage != null || stored.sort != null);
  return custom ? stored : { filter: {} };
}

const toInt = (v: unknown, dflt: number) => {
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : typeof v === 'number' ? v : Number.NaN;
  return Number.isNaN(n) ? dflt : n;
};

/** What the list screen of a route asks its data provider for (react-admin's getList parameters). */
export interface ListRequest {
  resource: string;
  pagination: { page: number; perPage: number };
  sort: { field: string; order: 'ASC' | 'DESC' };
  filter: Record<string, unknown>;
}

/** The request the list screen of the route in `hash` will make, or undefined when the route is not a list. */
function listRequest(meta: Meta, hash: string): ListRequest | undefined {
  const m = /^#\/([a-z_]+)\/?(?:\?(.*))?$/.exec(hash);
  const resource = m && meta.resources.find((r) => r.name === m[1]);
  if (!resource || OWN_DEFAULTS.has(resource.name)) return undefined;
  const p = listParams(resource.name, new URLSearchParams(m[2] ?? ''));
  const filter = p.filter && typeof p.filter === 'object' ? (p.filter as Record<string, unknown>) : {};
  const [field, order]: [string, 'ASC' | 'DESC'] = p.sort ? [p.sort, p.order === 'DESC' ? 'DESC' : 'ASC'] : resource.sort;
  return { resource: resource.name, pagination: { page: toInt(p.page, 1), perPage: toInt(p.perPage, LIST_PER_PAGE) }, sort: { field, order }, filter };
}

/** The URL of a list request, as the data provider (ra-data-simple-rest) builds it. */
function listRequestUrl({ resource, pagination: { page, perPage }, sort, filter }: ListRequest): string {
  const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  return `/api/${resource}?filter=${q(filter)}&range=${q([(page - 1) * perPage, page * perPage - 1])}&sort=${q([sort.field, sort.order])}`;
}

let prefetched: ListRequest | undefined;

/** Starts the request of the list the page opens on (if it opens on one). */
export function prefetchList(meta: Meta, locale: string): void {
  let request: ListRequest | undefined;
  try {
    request = listRequest(meta, window.location.hash);
  } catch {
    return; // parameters react-admin would not understand either: let the screen ask
  }
  if (!request) return;
  const url = listRequestUrl(request);
  const answer = fetch(url, { credentials: 'include', headers: { Accept: 'application/json', 'Accept-Language': locale } }).then(async (res) => ({
    ok: res.ok,
    status: res.status,
    headers: res.headers,
    body: await res.text(),
  }));
  answer.catch(() => undefined);
  pending.set(requestKey(url), answer);
  prefetched = request;
  setTimeout(() => {
    pending.clear();
    prefetched = undefined;
  }, FRESH_MS);
}

/** The list request started as the page started, while its answer has not been taken (boot/list-seed.ts). */
export function prefetchedList(): ListRequest | undefined {
  return pending.size ? prefetched : undefined;
}

/** The prefetched answer of this GET, once (undefined if none). */
export function takePrefetched(url: string): Promise<Prefetched> | undefined {
  if (!pending.size) return undefined;
  const key = requestKey(url);
  const answer = pending.get(key);
  pending.delete(key);
  return answer;
}
