/**
 * The headless system Chromium's command line: the PDF renderer's (pdf.ts) and the browser tests' (test/e2e).
 *
 * Chromium's omnibox popup, a WebUI page of the browser's own chrome, loads with every new window — every new
 * page in headless mode — though nobody sees it: ≈ 0.75 s of CPU each (measured: 5 signed-in pages of the
 * console, 12.4–12.6 → 8.6–9.4 s of Chromium CPU). Chromium keeps only the last --disable-features on its
 * command line, so this one repeats what Playwright (1.65, chromiumSwitches.ts) disables by default.
 */
const DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
  // Playwright's own
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

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];
