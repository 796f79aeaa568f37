/** Headless Chromium from the system (never downloaded by Playwright), one per worker process. */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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

/** Closes every page and context open in the shared browser: what the file that ends now opened. */
export async function closeContexts(browser: Browser | undefined): Promise<void> {
  await Promise.all(browser?.contexts().map((c) => c.close()) ?? []);
}
