/**
 * `npm run bench -- web`: the web console's weight and speed (issue 13 item 7). Builds web/dist (as the e2e
 * tests do), reports the JS the first page loads and all JS, raw / gzip / brotli as served (the build's
 * .gz and .br), then serves the app on the list fixture (bench/fixture.ts, 1M sales lines by default) and
 * opens three lists in Chromium, signed in: per list, navigation → first row in the page and → that row
 * painted, when the list's API answer arrived (Resource Timing), when the list screen began (its
 * `gsp:listScreen:<resource>` mark: a signed-in page asks for its list before the screen exists,
 * boot/list-prefetch.ts), and the render time after the data (painted − the later of the two), from the
 * page's own performance timeline; and, from a Chromium trace of each load (bench/web-trace.ts), the CPU the
 * browser spent per phase: what the load costs whatever the machine's load (the wall times include waiting
 * for a CPU on a shared box). Targets (medians of warm loads): initial JS ≤ 250 KB gzipped; a list rendered
 * ≤ 300 ms after its data arrives; navigation → rows ≤ 1 s (a signed-in page usable within 1 s).
 *
 * `GSP_WEB_BASE=<git revision>` compares against that revision's web app, A/B interleaved: its sources are
 * built once into $TMPDIR/gsp-web-<sha>/dist (outside the repository: no linter, type check or test runner
 * may meet the copy), served by a second server on the same fixture (the server code
 * is this one's), and every warm load of this build is paired with one of the base (alternating which goes
 * first), so both see the same moments of a shared machine; the notes give the pairs' CPU ratios.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Browser } from 'playwright-core';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../server/app';
import { fixedDayClock } from '../server/clock';
import { openDb } from '../server/db';
import { ensureWebDist } from '../test/e2e/global-setup';
import { launchChromium } from '../test/e2e/browser';
import { cpuPerPhase, TRACE_CATEGORIES } from './web-trace';
import { ensureFixture, FIXTURE_TODAY } from './fixture';
import { summary, type Bench, type BenchOptions, type BenchResult } from './lib';

const INITIAL_GZ_BUDGET = 250 * 1024;
const RENDER_BUDGET_MS = 300;
const NAV_BUDGET_MS = 1000;
const LISTS = ['sales_lines', 'sales_orders', 'customers'];
const RUNS = 5;
/**
 * Chromium's own omnibox popup (a WebUI page of the browser's chrome, ≈ 1 s of CPU) loads with every new
 * window — every new page in headless mode — beside the measured page: browser chrome a user's reload or
 * in-app navigation never pays, so it is switched off here.
 */
const CHROMIUM_ARGS = ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'];
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The entry script of index.html and every chunk it imports statically: what the first page loads. */
function initialChunks(dist: string): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)![1];
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = fs.readFileSync(path.join(dist, 'assets', file), 'utf8');
    for (const m of src.matchAll(/(?:^|[;\n])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) walk(m[1]);
  };
  walk(entry);
  return [...seen];
}

function sizes(dist: string, files: string[]) {
  // a file too small to be worth compressing (< 1 KB) has no .gz/.br and is served as it is
  const size = (f: string, fallback: string) => fs.statSync(fs.existsSync(f) ? f : fallback).size;
  return files.reduce(
    (t, f) => {
      const p = path.join(dist, 'assets', f);
      return { raw: t.raw + size(p, p), gz: t.gz + size(`${p}.gz`, p), br: t.br + size(`${p}.br`, p) };
    },
    { raw: 0, gz: 0, br: 0 },
  );
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The web app of another revision (GSP_WEB_BASE), built once from its sources into $TMPDIR/gsp-web-<sha>/dist. */
async function baseDist(rev: string, log: (s: string) => void): Promise<{ sha: string; dist: string }> {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = path.join(os.tmpdir(), `gsp-web-${sha}`);
  const dist = path.join(dir, 'dist');
  if (fs.existsSync(path.join(dist, 'index.html'))) return { sha, dist };
  log(`web: building the web app of ${rev} (${sha}) into ${dist} …`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = path.join(dir, 'src.tar');
  execFileSync('git', ['archive', '-o', tar, sha], { cwd: ROOT });
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  fs.rmSync(tar);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // as ensureWebDist builds (React's production build)
  try {
    await build({ configFile: path.join(dir, 'vite.config.ts'), root: path.join(dir, 'web'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return { sha, dist };
}

interface Load {
  rows: number;
  painted: number;
  data: number;
  screen: number;
  /** render after data: painted − the later of data and screen */
  after: number;
  mainCpu: number;
  renderCpu: number;
  allCpu: number;
}

/** One load of `#/<list>` in a new page of `context`, traced. */
async function loadList(browser: Browser, context: BrowserContext, base: string, list: string): Promise<Load> {
  const p = await context.newPage();
  await browser.startTracing(p, { categories: TRACE_CATEGORIES });
  await p.goto(`${base}/#/${list}`);
  await p.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, null, { timeout: 60_000 });
  const t = await p.evaluate((name) => {
    const w = window as unknown as { __firstRow: number; __painted: number };
    const api = performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname === `/api/${name}`)
      .map((e) => (e as PerformanceResourceTiming).responseEnd)
      .filter((x) => x <= w.__firstRow);
    // a build without the screen's mark: when the screen asked for its list (the data provider's mark)
    const marks = ['listScreen', 'getList'].map((m) => performance.getEntriesByName(`gsp:${m}:${name}`, 'mark').map((e) => e.startTime));
    const screen = marks[0].length ? marks[0] : marks[1];
    return {
      rows: w.__firstRow,
      painted: w.__painted,
      data: api.length ? Math.max(...api) : Number.NaN,
      screen: screen.length ? Math.min(...screen) : Number.NaN,
    };
  }, list);
  const trace = await browser.stopTracing();
  await p.close();
  // the render: from when the screen and its data were both there to the rows painted
  const start = Math.max(t.data, Number.isNaN(t.screen) ? 0 : t.screen);
  const [before, render] = cpuPerPhase(trace, 'gsp:rowsPainted', t.painted, [0, start, t.painted]);
  return { ...t, after: t.painted - start, mainCpu: before.main + render.main, renderCpu: render.main, allCpu: before.all + render.all };
}

export const webBench: Bench = {
  name: 'web',
  description: 'web console: JS size (gzip/brotli as served) and navigation → rendered list for three lists in Chromium',
  async run(opts: BenchOptions): Promise<BenchResult> {
    const { log } = opts;
    const dist = await ensureWebDist();
    const initial = initialChunks(dist);
    const allJs = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const first = sizes(dist, initial);
    const all = sizes(dist, allJs);
    const notes = [
      `initial JS (${initial.join(', ')}): ${kb(first.raw)} raw, ${kb(first.gz)} gzip, ${kb(first.br)} brotli (target ≤ ${kb(INITIAL_GZ_BUDGET)} gzip)`,
      `all JS (${allJs.length} chunks): ${kb(all.raw)} raw, ${kb(all.gz)} gzip, ${kb(all.br)} brotli`,
    ];
    let pass = first.gz <= INITIAL_GZ_BUDGET;

    const fx = await ensureFixture({ lines: opts.lines, force: opts.force, log });
    const db = openDb(fx.file);
    const baseRev = process.env.GSP_WEB_BASE;
    const base = baseRev ? await baseDist(baseRev, log) : undefined;
    const servers: ServerType[] = [];
    const serveDist = async (webDist: string) => {
      const app = createApp({ db, clock: fixedDayClock(FIXTURE_TODAY), webDist, onInternalError: (e) => console.error(e) });
      const server: ServerType = await new Promise((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      servers.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    // the builds measured: this one, and the base (A/B interleaved) when asked for
    const builds = [{ name: '', url: await serveDist(dist) }];
    if (base) builds.push({ name: ` (${base.sha})`, url: await serveDist(base.dist) });
    const browser = await launchChromium(CHROMIUM_ARGS);
    const table: string[][] = [
      [
        'list',
        'runs',
        'nav→rows',
        'nav→painted',
        'max',
        'data at',
        'screen at',
        'render after data',
        'max',
        'main CPU nav→painted',
        'main CPU render',
        'all CPU nav→painted',
        'cold nav→painted',
        'load',
        'result',
      ],
    ];
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      // The page notes when the first list row appears (performance.now(): ms since navigation start), and
      // when the frame that shows it has been drawn (the task after its animation frame).
      await context.addInitScript(() => {
        const w = window as unknown as { __firstRow?: number; __painted?: number };
        // Only the added nodes are looked at: a query over the whole document per mutation batch cost
        // the page ≈ 20 ms while it was being built.
        const ROW = '.RaDatagrid-row, .RaDataTable-row';
        new MutationObserver((mutations, obs) => {
          for (const m of mutations)
            for (const n of m.addedNodes) {
              if (n instanceof Element && (n.matches(ROW) || n.querySelector(ROW))) {
                w.__firstRow = performance.now();
                obs.disconnect();
                requestAnimationFrame(() =>
                  setTimeout(() => {
                    w.__painted = performance.now();
                    performance.mark('gsp:rowsPainted');
                  }, 0),
                );
                return;
              }
            }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(`${builds[0].url}/`);
      await page.fill('input[name="username"]', 'admin');
      await page.fill('input[name="password"]', fx.adminPassword);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('dashboard').waitFor({ timeout: 60_000 });
      await page.close();
      const transfer = await (async () => {
        const res = await fetch(`${builds[0].url}/assets/${initial[0]}`, { headers: { 'accept-encoding': 'br, gzip' } });
        return `${res.headers.get('content-encoding')}, ${res.headers.get('cache-control')}`;
      })();
      notes.push(`served initial chunk as: ${transfer}`);

      for (const list of opts.cases ?? LISTS) {
        // per build: its warm loads, and its cold one (the first visit also loads the screens' chunks)
        const loads = builds.map(() => [] as Load[]);
        const cold = builds.map(() => Number.NaN);
        const loadAtStart = os.loadavg()[0];
        for (let i = 0; i <= RUNS; i++) {
          // A/B: which build goes first alternates, so neither always meets the other's after-effects
          const order = builds.map((_, b) => b);
          if (i % 2) order.reverse();
          for (const b of order) {
            const load = await loadList(browser, context, builds[b].url, list);
            if (i === 0) cold[b] = load.painted;
            else loads[b].push(load);
          }
        }
        const load = `${loadAtStart.toFixed(1)}–${os.loadavg()[0].toFixed(1)}`;
        const med = (xs: number[]) => summary(xs).median.toFixed(0);
        builds.forEach((build, b) => {
          const of = (k: keyof Load) => loads[b].map((l) => l[k]);
          const n = summary(of('painted'));
          const a = summary(of('after'));
          const ok = a.median <= RENDER_BUDGET_MS && n.median <= NAV_BUDGET_MS;
          if (b === 0) pass &&= ok;
          table.push([
            `${list}${build.name}`,
            String(RUNS),
            med(of('rows')),
            n.median.toFixed(0),
            n.max.toFixed(0),
            med(of('data')),
            med(of('screen')),
            a.median.toFixed(0),
            a.max.toFixed(0),
            med(of('mainCpu')),
            med(of('renderCpu')),
            med(of('allCpu')),
            cold[b].toFixed(0),
            load,
            ok ? 'ok' : a.median > RENDER_BUDGET_MS ? `render > ${RENDER_BUDGET_MS}` : `nav > ${NAV_BUDGET_MS}`,
          ]);
          log(
            `web ${list}${build.name}: nav→painted ${n.median.toFixed(0)} ms (main-thread CPU ${med(of('mainCpu'))}), render after data ${a.median.toFixed(0)} ms (CPU ${med(of('renderCpu'))}), load ${loadavg()}`,
          );
        });
        if (base) {
          // this build's CPU over the base's, load by load (each pair a few seconds apart)
          const ratio = (k: 'mainCpu' | 'renderCpu') => summary(loads[0].map((l, i) => l[k] / loads[1][i][k])).median.toFixed(2);
          notes.push(`${list}: main-thread CPU this / ${base.sha}, median of ${RUNS} pairs: nav→painted ${ratio('mainCpu')}, render ${ratio('renderCpu')}`);
        }
      }
    } finally {
      await browser.close();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      db.$client.close();
    }
    notes.push(`fixture: ${fx.file} (${opts.lines.toLocaleString('en')} sales lines); times: ms from navigation start, warm HTTP cache, signed in`);
    notes.push(
      'wall times (medians) include waiting for a CPU; "main CPU" is the CPU time of the page\'s renderer main thread (its critical path) in the phase, "all CPU" every Chromium thread: on a quiet machine a phase takes about its main-thread CPU plus the network (local: a few ms)',
    );
    return { name: 'web', table, pass, notes };
  },
};
