/**
 * HTML → PDF through a headless system Chromium (as Odoo does with its report engine): one browser,
 * launched on the first request and reused, with one context whose few pages (at most MAX_PAGES) are reused
 * from document to document: a new context or page starts a renderer process, which cost ≈ 0.9 s of CPU per
 * PDF (measured 1.4 → 0.5 s of Chromium CPU per document). Each render navigates its page to a new address, so
 * nothing of the document before remains; a page that failed or timed out is closed, never reused. The page
 * reaches no network — its HTML and the font files are fed to it from memory and disk (the fonts cached by
 * the browser after the first document).
 * Playwright's own signal handlers are off: a SIGTERM handler of theirs closed the browser but kept the
 * process alive (a listener replaces Node's default exit), so one SIGTERM no longer stopped the server.
 * The server's shutdown (main.ts) calls closePdfRenderer(); Playwright still kills the browser on process exit.
 * Playwright is loaded with the first PDF: importing it cost ≈ 0.45 s of every server start.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readEnv } from '../env';
import { CHROMIUM_FLAGS } from './chromium-flags';
import { FONT_URL_PREFIX, fontFile } from './fonts';

// A reserved name (RFC 2606): nothing ever resolves it, every request is answered by the route below.
const ORIGIN = 'http://documents.invalid';
const DOCUMENT_PATH = '/document/';
const MAX_PAGES = 2;
/** A page is replaced after this many documents: what a long-lived renderer accumulates stays bounded. */
const RENDERS_PER_PAGE = 200;

export class PdfUnavailable extends Error {}
export class PdfTimeout extends Error {}

export const chromiumPath = () => readEnv().GSP_CHROMIUM ?? '/usr/bin/chromium';
export const renderTimeoutMs = () => readEnv().GSP_PDF_TIMEOUT_MS ?? 60_000;

interface Renderer {
  browser: Browser;
  context: BrowserContext;
  /** pages between documents, with how many documents each has rendered */
  idle: { page: Page; renders: number }[];
  /** the HTML of the documents being rendered, by the number in their address */
  documents: Map<string, string>;
}

let renderer: Promise<Renderer> | undefined;
let serial = 0;

async function start(executablePath: string): Promise<Renderer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_FLAGS,
    timeout: 30_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const documents = new Map<string, string>();
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }).catch(async (err: unknown) => {
    await browser.close().catch(() => {});
    throw err;
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const body = url.origin === ORIGIN && url.pathname.startsWith(DOCUMENT_PATH) ? documents.get(url.pathname.slice(DOCUMENT_PATH.length)) : undefined;
    if (body !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' }, body });
    const font = url.origin === ORIGIN && url.pathname.startsWith(FONT_URL_PREFIX) ? fontFile(url.pathname.slice(FONT_URL_PREFIX.length)) : undefined;
    // the package's files never change while this browser lives: the next documents take them from its cache
    if (font) return route.fulfill({ status: 200, contentType: 'font/woff2', headers: { 'cache-control': 'max-age=31536000, immutable' }, path: font });
    return route.abort();
  });
  return { browser, context, idle: [], documents };
}

function launch(): Promise<Renderer> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) return Promise.reject(new PdfUnavailable(`Chromium not found at ${executablePath}`));
  if (!renderer) {
    const launched = start(executablePath).then(
      (r) => {
        r.browser.on('disconnected', () => {
          if (renderer === launched) renderer = undefined;
        });
        return r;
      },
      (err: Error) => {
        if (renderer === launched) renderer = undefined;
        throw new PdfUnavailable(err.message);
      },
    );
    renderer = launched;
  }
  return renderer;
}

/** Whether a PDF can be made now (launches the browser if needed); throws PdfUnavailable otherwise. */
export async function ensurePdfRenderer(): Promise<void> {
  await launch();
}

// At most MAX_PAGES renders at once: a burst of downloads queues instead of starving the 2-core server.
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_PAGES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A page for the pool; one whose renderer crashes while it waits for the next document leaves the pool. */
async function newPage(r: Renderer): Promise<Page> {
  const page = await r.context.newPage();
  page.once('crash', () => {
    r.idle = r.idle.filter((p) => p.page !== page);
    void page.close().catch(() => {});
  });
  return page;
}

const FOOTER = '<div style="width:100%;font-size:8px;text-align:center;color:#444"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

export function renderPdf(html: string, opts: { landscape?: boolean } = {}): Promise<Buffer> {
  return slot(async () => {
    const r = await launch();
    const reused = r.idle.pop();
    const page = reused?.page ?? (await newPage(r));
    const renders = (reused?.renders ?? 0) + 1;
    const key = String(++serial);
    r.documents.set(key, html);
    const timeout = renderTimeoutMs();
    // Playwright's own waits end later than ours: a slow render is reported as PdfTimeout (503), never as theirs
    page.setDefaultTimeout(timeout + 5_000);
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    try {
      const work = (async () => {
        await page.goto(`${ORIGIN}${DOCUMENT_PATH}${key}`, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        return page.pdf({
          format: 'A4',
          landscape: !!opts.landscape,
          printBackground: true,
          preferCSSPageSize: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
        });
      })();
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PdfTimeout(`${timeout} ms`)), timeout);
      });
      work.catch(() => {}); // a render abandoned on timeout must not surface as an unhandled rejection
      const pdf = await Promise.race([work, expired]);
      done = true;
      return pdf;
    } finally {
      clearTimeout(timer);
      r.documents.delete(key);
      if (done && renders < RENDERS_PER_PAGE && r.browser.isConnected() && !page.isClosed()) r.idle.push({ page, renders });
      else await page.close().catch(() => {});
    }
  });
}

export async function closePdfRenderer(): Promise<void> {
  const r = renderer;
  renderer = undefined;
  if (r) await (await r.catch(() => undefined))?.browser.close().catch(() => {});
}
