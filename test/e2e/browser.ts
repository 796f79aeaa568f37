/** Headless Chromium from the system (never downloaded by Playwright), one per worker process. */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));

/**
 * Chromium's own omnibox popup, a WebUI page of the browser's chrome, loads with every new window — every new
 * page of a new context in headless mode: ≈ 0.75 s of CPU of the ≈ 2.5 s a signed-in page's first load costs
 * (measured: 5 contexts loading the dashboard, 12.4–12.6 s → 8.6–9.4 s of Chromium CPU). Chromium keeps only
 * the last --disable-features, so this one also carries what Playwright (1.65) disables by default.
 */
const DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
  // Playwright's own list (chromiumSwitches.ts), which a second --disable-features would drop
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/** A browser of its own (the web bench's); fails loudly without Chromium: a test that silently skips proves nothing (apt-get install -y chromium). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
      ...extraArgs,
    ],
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
