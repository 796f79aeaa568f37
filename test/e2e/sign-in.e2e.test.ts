/**
 * Issue 13 item 1: a signed-out visit shows the login form at once (a 401 from /api/auth/me is not retried
 * with back-off), and a signed-in list page is usable within a couple of seconds of a fresh load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startSession, type Session } from './session';

describe('sign-in speed (Chromium)', () => {
  let s: Session;

  beforeAll(async () => {
    s = await startSession();
    await s.user('qa1', '吴静', ['qa']);
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('shows the login form at once on a signed-out visit, without retrying the 401', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const meCalls: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/auth/me')) meCalls.push(r.status());
    });
    const started = Date.now();
    await page.goto(`${s.server.url}/`);
    await page.locator('input[name="username"]').waitFor({ state: 'visible', timeout: 5_000 });
    const elapsed = Date.now() - started;
    // The retried 401 took 8–9 s; the form comes in well under a second on a quiet machine. The bound is loose
    // (a busy CI box with four browsers measured 2.7 s): the retries themselves are counted below, and the
    // speed is the web bench's to measure.
    expect(elapsed, `login form after ${elapsed} ms`).toBeLessThanOrEqual(4_000);
    // Every 401 is final: a few independent checks (auth, permissions, login page) but no back-off retries.
    expect(meCalls.every((status) => status === 401)).toBe(true);
    expect(meCalls.length).toBeLessThanOrEqual(3);

    await page.fill('input[name="username"]', 'qa1');
    await page.fill('input[name="password"]', PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('dashboard').waitFor();

    // A fresh load of a list page while signed in: rows on screen quickly. The page came with the user and
    // the registry (server/http/web-app.ts), so neither is asked for; the list's first page is asked for as
    // the page starts (boot/list-prefetch.ts), once: the screen's own request is answered by it.
    await page.goto(`${s.server.url}/#/products`);
    await page.locator('.RaDatagrid-row, .RaDataTable-row, tbody tr').first().waitFor({ state: 'visible', timeout: 15_000 });
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) asked.push(`${u.pathname}${u.searchParams.has('range') ? ` ${u.searchParams.get('range')}` : ''}`);
    });
    const reload = Date.now();
    await page.reload();
    await page.locator('.RaDatagrid-row, .RaDataTable-row, tbody tr').first().waitFor({ state: 'visible', timeout: 15_000 });
    const listMs = Date.now() - reload;
    expect(asked.filter((a) => a === '/api/products [0,24]')).toHaveLength(1);
    expect(asked.filter((a) => a === '/api/auth/me' || a === '/api/meta')).toEqual([]);
    if (process.env.GSP_E2E_VERBOSE) {
      const entries = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => `${Math.round(e.startTime)}→${Math.round((e as PerformanceResourceTiming).responseEnd)} ${new URL(e.name).pathname}`),
      );
      process.stderr.write(`${entries.join('\n')}\nrows at ${Math.round(await page.evaluate(() => performance.now()))}\n`);
    }
    // ~1 s on an idle 2-core box; this bound only guards against waits like the old back-off (8 s), as the
    // box running the tests is shared (load 8–9 measured: ~3 s). npm run bench -- web has the timeline.
    expect(listMs, `list usable after ${listMs} ms`).toBeLessThanOrEqual(5_000);
    await page.close();
  });
});
