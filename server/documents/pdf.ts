/**
 * HTML → PDF through a headless system Chromium (as Odoo does with its report engine): one browser,
 * launched on the first request and reused; one isolated context per document, closed afterwards; the
 * page reaches no network — its HTML and the font files are fed to it from memory and disk.
 * Playwright's own signal handlers are off: a SIGTERM handler of theirs closed the browser but kept the
 * process alive (a listener replaces Node's default exit), so one SIGTERM no longer stopped the server.
 * The server's shutdown (main.ts) calls closePdfRenderer(); Playwright still kills the browser on process exit.
 * Playwright is loaded with the first PDF: importing it cost ≈ 0.45 s of every server start.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { readEnv } from '../env';
import { FONT_URL_PREFIX, fontFile } from './fonts';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// A reserved name (RFC 2606): nothing ever resolves it, every request is answered by the route below.
const ORIGIN = 'http://documents.invalid';
const MAX_PAGES = 2;

export class PdfUnavailable extends Error {}
export class PdfTimeout extends Error {}

export const chromiumPath = () => readEnv().GSP_CHROMIUM ?? '/usr/bin/chromium';
export const renderTimeoutMs = () => readEnv().GSP_PDF_TIMEOUT_MS ?? 60_000;

let browser: Promise<Browser> | undefined;

function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) return Promise.reject(new PdfUnavailable(`Chromium not found at ${executablePath}`));
  browser ??= import('playwright-core')
    .then(({ chromium }) => chromium.launch({ executablePath, args: FLAGS, timeout: 30_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }))
    .then(
      (b) => {
        b.on('disconnected', () => {
          browser = undefined;
        });
        return b;
      },
      (err: Error) => {
        browser = undefined;
        throw new PdfUnavailable(err.message);
      },
    );
  return browser;
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

const FOOTER = '<div style="width:100%;font-size:8px;text-align:center;color:#444"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

export function renderPdf(html: string, opts: { landscape?: boolean } = {}): Promise<Buffer> {
  return slot(async () => {
    const b = await launch();
    const context = await b.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const timeout = renderTimeoutMs();
    let timer: NodeJS.Timeout | undefined;
    try {
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === ORIGIN && url.pathname === '/document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        const font = url.origin === ORIGIN && url.pathname.startsWith(FONT_URL_PREFIX) ? fontFile(url.pathname.slice(FONT_URL_PREFIX.length)) : undefined;
        if (font) return route.fulfill({ status: 200, contentType: 'font/woff2', path: font });
        return route.abort();
      });
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      const work = (async () => {
        await page.goto(`${ORIGIN}/document`, { waitUntil: 'load' });
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
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => {});
    }
  });
}

export async function closePdfRenderer(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b.catch(() => undefined))?.close().catch(() => {});
}
