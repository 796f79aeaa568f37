/** Headless Chromium from the system (never downloaded by Playwright), one per worker process. */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../server/documents/chromium-flags';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));

/** A browser of its own (the web bench's); fails loudly without Chromium: a test that silently skips proves nothing (apt-get install -y chromium). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

let shared: Promise<Browser> | undefined;

/**
 * The worker's Chromium, launched by the first browser test file it runs and kept for the next ones (a worker
 * runs its files one after another; a launch per file cost ~1 s). A file never closes it: it closes the
 * contexts it opened (closeContexts), and Playwright ends the browser with the worker process.
 */
export function sharedChromium(): Promise<Browser> {
  shared ??= launchChromium().then(
    (browser) => {
      browser.on('disconnected', () => {
        shared = undefined;
      });
      return browser;
    },
    (err: unknown) => {
      shared = undefined;
      throw err;
    },
  );
  return shared;
}

/**
 * Signed-in pages kept between the files a worker runs, parked on their server's /api/health (signedInPage,
 * closeContexts). The browser tests' servers of a worker listen on one port, one after another (test/helpers/app.ts
 * webPort): a kept page loads the next file's app from the same origin — in the renderer process it already has,
 * the app's files from its cache — ≈ 0.6 s of Chromium CPU where a new context and its first load cost ≈ 1.2 s.
 */
const spare: Page[] = [];
/**
 * Off unless GSP_E2E_KEEP_PAGES=1: in a full run a kept page made aftersales.e2e miss its verb buttons (passing
 * alone and with fresh pages) — a context keeps what a file set beyond what park clears (init scripts, the HTTP
 * cache, IndexedDB) — so every file's pages are new until that is understood.
 */
const MAX_SPARE = process.env.GSP_E2E_KEEP_PAGES === '1' ? 6 : 0;
/** the contexts signedInPage made, with their one page: the only ones kept */
const own = new WeakMap<BrowserContext, Page>();
/**
 * Contexts that received a response the browser may cache for another file's server on the same origin (an
 * attachment's bytes: `private, max-age`): closed at the file's end, never kept. Everything else under /api/ is
 * no-store; the app's assets are named by their content.
 */
const cachedApi = new WeakSet<BrowserContext>();

const VIEWPORT = { width: 1440, height: 900 };

/**
 * A page of its own context, signed out, not yet navigated: a page kept from an earlier file of this worker (its
 * cookies and storage cleared) when there is one, else a fresh context's.
 */
export async function keptPage(browser: Browser): Promise<Page> {
  let page = spare.pop();
  while (page && (page.isClosed() || page.context().browser() !== browser)) page = spare.pop();
  if (process.env.GSP_E2E_VERBOSE) process.stderr.write(`browser page: ${page ? `kept, on ${page.url()}` : 'new'}\n`);
  if (page) return page;
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  context.on('response', (r) => {
    const { pathname } = new URL(r.url());
    if (
      pathname.startsWith('/api/') &&
      !/no-store|no-cache/.test(r.headers()['cache-control'] ?? '') &&
      !pathname.startsWith('/api/workflows/documents/fonts/')
    )
      cachedApi.add(context);
  });
  page = await context.newPage();
  own.set(context, page);
  return page;
}

/** keptPage holding the session `cookie` (an API sign-in's) for `url`. */
export async function signedInPage(browser: Browser, url: string, cookie: string): Promise<Page> {
  const page = await keptPage(browser);
  const at = cookie.indexOf('=');
  await page.context().addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url }]);
  return page;
}

/** Bounded: a page that does not answer is closed instead of kept. */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readies a kept page for another file: its other pages (print tabs, pop-ups) closed, the listeners, routes and
 * cookies the file set removed, and the page moved off the app onto its server's /api/health (same origin: the
 * same renderer process; no app left running against a server that is gone) where the origin's storage is
 * cleared (react-admin's store: list parameters, the UI language). False: close it instead.
 */
async function park(context: BrowserContext, page: Page): Promise<boolean> {
  try {
    const origin = new URL(page.url()).origin;
    if (!origin.startsWith('http://127.0.0.1:') || cachedApi.has(context)) return false;
    await Promise.all(
      context
        .pages()
        .filter((p) => p !== page)
        .map((p) => p.close()),
    );
    for (const event of ['dialog', 'request', 'requestfinished', 'requestfailed', 'response', 'console', 'pageerror', 'popup', 'download'] as const)
      page.removeAllListeners(event);
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.clearCookies();
    await page.setViewportSize(VIEWPORT);
    await within(5_000, page.goto(`${origin}/api/health`));
    await within(
      5_000,
      page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      }),
    );
    return true;
  } catch (e) {
    if (process.env.GSP_E2E_VERBOSE) process.stderr.write(`not kept: ${e}\n`);
    return false;
  }
}

/**
 * At a file's end (before its server closes): the signed-in pages it used are kept for the next file (park, at most
 * MAX_SPARE), every other page and context it opened is closed.
 */
export async function closeContexts(browser: Browser | undefined): Promise<void> {
  await Promise.all(
    browser?.contexts().map(async (c) => {
      const page = own.get(c);
      if (page && spare.includes(page)) return; // kept from before, unused by this file
      if (page && !page.isClosed() && spare.length < MAX_SPARE && (await park(c, page))) spare.push(page);
      else await c.close();
    }) ?? [],
  );
}
