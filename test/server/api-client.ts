/** Shared by the API acceptance tests: a real server plus the unmodified ra-data-simple-rest client. */
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'ra-core';
import { login, startTestServer, type TestServer } from '../helpers/app';

export interface Api {
  server: TestServer;
  cookie: string;
  /** the unmodified simple-rest data provider, signed in */
  dp: DataProvider;
  /** same, with Accept-Language: en */
  dpEn: DataProvider;
  /** the void reason the httpClient sends as X-Reason on DELETE */
  setReason(reason: string | undefined): void;
  /** plain fetch against /api with the session cookie */
  http(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** The unmodified simple-rest client for another session (another signed-in user). */
export function providerFor(url: string, cookie: string, opts: { lang?: string; reason?: () => string | undefined } = {}): DataProvider {
  return simpleRestProvider(`${url}/api`, (u: string, options: fetchUtils.Options = {}) => {
    const headers = new Headers(options.headers as HeadersInit | undefined);
    headers.set('Cookie', cookie);
    if (opts.lang) headers.set('Accept-Language', opts.lang);
    const reason = opts.reason?.();
    if (reason !== undefined && options.method && options.method !== 'GET') headers.set('X-Reason', encodeURIComponent(reason));
    return fetchUtils.fetchJson(u, { ...options, headers });
  });
}

export async function startApi(opts: Parameters<typeof startTestServer>[0] = {}): Promise<Api> {
  const server = await startTestServer(opts);
  const cookie = await login(server.url);
  let reason: string | undefined = 'test void';
  const client =
    (lang?: string) =>
    (url: string, options: fetchUtils.Options = {}) => {
      const headers = new Headers(options.headers as HeadersInit | undefined);
      headers.set('Cookie', cookie);
      if (lang) headers.set('Accept-Language', lang);
      if (options.method === 'DELETE' && reason !== undefined) headers.set('X-Reason', encodeURIComponent(reason));
      return fetchUtils.fetchJson(url, { ...options, headers });
    };
  return {
    server,
    cookie,
    dp: simpleRestProvider(`${server.url}/api`, client()),
    dpEn: simpleRestProvider(`${server.url}/api`, client('en')),
    setReason: (r) => {
      reason = r;
    },
    http: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('Cookie')) headers.set('Cookie', cookie);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`${server.url}/api${path}`, { ...init, headers, body });
    },
  };
}

export interface Reply {
  status: number;
  /** the parsed JSON body; null when empty */
  body: any;
  /** Content-Range (lists) */
  range: string | null;
}

/**
 * A JSON caller of a test server's API as any signed-in user (`cookie`): `url` is asked at each call, as the
 * server of a file starts in its beforeAll.
 */
export const apiCaller =
  (url: () => string) =>
  async (cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const res = await fetch(`${url()}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, range: res.headers.get('content-range') };
  };

/** Runs `fn` and returns the HttpError it must throw (status + body). */
export async function httpError(fn: () => Promise<unknown>): Promise<{ status: number; body: any; message: string }> {
  try {
    await fn();
  } catch (e: any) {
    if (typeof e?.status !== 'number') throw e;
    return { status: e.status, body: e.body, message: e.message };
  }
  throw new Error('expected an HTTP error, got success');
}

// Valid identifiers (check digits computed by hand and by schema/checks.ts).
export const CREDIT_CODES = ['91350100M000100Y43', '91110000802100433B', '914403001922038216', '91420100MA4K0000XJ', '914201001775700004'];
export const ID_NUMBERS = ['11010519491231002X', '110101199003074696', '440308199001011239', '420101198001010013'];

/** getList with the unmodified client; `names` maps the rows to one field for compact assertions. */
export async function list(
  dp: DataProvider,
  resource: string,
  filter: Record<string, unknown> = {},
  sort: [string, 'ASC' | 'DESC'] = ['id', 'ASC'],
  page = 1,
  perPage = 100,
) {
  return dp.getList(resource, { filter, sort: { field: sort[0], order: sort[1] }, pagination: { page, perPage } });
}

/** A customer body that passes validation; override what the test is about. */
export const customerBody = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'retailer', region: '湖北省武汉市', ...extra });
