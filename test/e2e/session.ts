/**
 * Shared set-up of the browser tests: the real server (in-process, temp SQLite) with web/dist, a
 * GSP-compliant world (test/helpers/world.ts), users created through the API per role, and a signed-in
 * Chromium page per user, in the worker's shared browser (browser.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { buildWorld, type World } from '../helpers/world';
import { ensureWebDist } from './global-setup';
import { closeContexts, sharedChromium, signedInPage } from './browser';

export const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');
export const STEP = 15_000;
export const PASSWORD = 'e2e-password-2025';

export interface Session {
  server: TestServer;
  world: World;
  browser: Browser;
  /** admin's session cookie, for set-up through the API */
  cookie: string;
  api<T = any>(method: string, url: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** the same as another user (signed in through the API once per user): records created are theirs */
  apiAs<T = any>(username: string, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** creates a user (password PASSWORD) through the API and returns its id */
  user(username: string, display_name: string, roles: string[], extra?: Record<string, unknown>): Promise<number>;
  /**
   * a page signed in as this user, in a context of its own holding the session cookie of an API sign-in (the
   * sign-in form itself is sign-in.e2e's and console.e2e's to test; filling it in every test cost ~1 s each);
   * `route` (a hash route, `#/customers/1/show`): the app loaded there instead of on the dashboard
   */
  signIn(username: string, route?: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Unfolds every folded group of the side menu (its entries are drawn on a group's first unfolding): each folded
 * heading clicked in the page, one after another, a task apart (React has drawn the click before the next
 * heading is read) — one round trip for the whole menu instead of a click and a wait per group (measured: a
 * menu of a dozen groups took ≈ 1.6 s of CPU that way, chinese-screens' 12 roles 19 s).
 */
export async function unfoldMenu(page: Page): Promise<void> {
  const FOLDED = '[data-testid^="menu-group-"][aria-expanded="false"]';
  const clicked = await page.evaluate(async (sel) => {
    let n = 0;
    for (let el = document.querySelector<HTMLElement>(sel); el && n < 100; el = document.querySelector<HTMLElement>(sel), n++) {
      el.click();
      await new Promise((r) => setTimeout(r, 0));
    }
    return n;
  }, FOLDED);
  if (clicked >= 100 || (await page.locator(FOLDED).count())) throw new Error(`the side menu did not unfold (${clicked} clicks)`);
}

/**
 * A page on the dashboard holding `cookie`, the session of a sign-in through the API (test/helpers/app.ts login):
 * its own context (cookies, storage), kept from an earlier file of this worker or new (browser.ts signedInPage).
 * With `route` (`#/customers/1/show`) the app is loaded on that screen instead: the dashboard drawn first and left
 * at once cost ≈ 0.7 s of CPU (its queries, its render) of the ≈ 2.3 s a new signed-in page costs; the caller
 * waits for what it looks for there.
 */
export async function pageWithSession(browser: Browser, url: string, cookie: string, route?: string): Promise<Page> {
  const page = await signedInPage(browser, url, cookie);
  page.setDefaultTimeout(STEP);
  await page.goto(`${url}/${route ?? ''}`);
  // a whole load of the app and its screen: the time the form's two waits had (its page, then the dashboard)
  await (route ? page.locator('.RaLayout-appFrame') : page.getByTestId('dashboard')).waitFor({ timeout: 2 * STEP });
  return page;
}

/**
 * The same page signed in as someone else: the context's cookies and storage cleared, `cookie` set, and the app
 * loaded anew on the dashboard. For users taken one after another: a load in the same context (its renderer
 * process, its cache of the app's files) cost ≈ 0.8 s of Chromium CPU, a fresh context's ≈ 2.5 s.
 */
export async function switchUser(page: Page, url: string, cookie: string): Promise<Page> {
  const at = cookie.indexOf('=');
  const context = page.context();
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await context.clearCookies();
  await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url }]);
  await page.goto(`${url}/`);
  await page.getByTestId('dashboard').waitFor({ timeout: 2 * STEP });
  return page;
}

/** Navigates to `url` unless the page is there already (say, signed in on that screen: signIn's `route`). */
export async function goTo(page: Page, url: string): Promise<void> {
  if (page.url() !== url) await page.goto(url);
}

/**
 * What other users changed meanwhile, on a page of the app already open: the app bar's 刷新 (react-admin's
 * refresh) refetches every query of the page — a reload would load the whole app again (≈ 0.8 s of Chromium
 * CPU each). Returns once a request whose path ends with `apiPathEnd`, sent after this call began, has been
 * answered and the app bar's loading indicator is gone (every query settled, its data drawn).
 */
export async function refreshData(page: Page, apiPathEnd: string): Promise<void> {
  const request = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith(apiPathEnd));
  await page.locator('.RaLoadingIndicator-loadedIcon').click();
  await (await request).response();
  await page.locator('.RaLoadingIndicator-loader').waitFor({ state: 'detached' });
}

export async function startSession(today = '2025-06-30'): Promise<Session> {
  const webDist = await ensureWebDist();
  const server = await startTestServer({ webDist, today });
  const world = await buildWorld(server.db, server.clock);
  const cookie = await login(server.url);
  const call = async (asCookie: string, method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { 'content-type': 'application/json', cookie: asCookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  const api = (method: string, url: string, body?: unknown) => call(cookie, method, url, body);
  const cookies = new Map<string, Promise<string>>();
  const apiAs = async (username: string, method: string, url: string, body?: unknown) => {
    if (!cookies.has(username)) cookies.set(username, login(server.url, username, PASSWORD));
    return cookies.get(username)!.then((c) => call(c, method, url, body));
  };
  const browser = await sharedChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    server,
    world,
    browser,
    cookie,
    api,
    apiAs,
    async user(username, display_name, roles, extra = {}) {
      const res = await api('POST', '/api/users', { username, display_name, roles, password: PASSWORD, active: true, ...extra });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.id;
    },
    async signIn(username, route) {
      return pageWithSession(browser, server.url, await login(server.url, username, PASSWORD), route);
    },
    async close() {
      await closeContexts(browser);
      await server?.close();
    },
  };
}

// vitest's expect has no Playwright matchers: poll the page instead.
export const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP });
export const textOf = (locator: ReturnType<Page['locator']>) => () =>
  locator
    .first()
    .innerText()
    .catch(() => '');
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
