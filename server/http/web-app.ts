/**
 * The built web console (web/dist) on /. Hashed assets are cached for a year and sent as the build
 * compressed them (.br/.gz, web/precompress.ts). index.html is revalidated; for a signed-in visit it also
 * carries what the console asks for first (issue 13 item 1: usable within 1 s of load), so the browser
 * does not wait on a chain of requests before it can ask for the screen's data:
 * - a JSON block (`<script type="application/json" id="gsp-boot">`, data, not code: the CSP stays
 *   'self') with the session user (as GET /api/auth/me answers), the registry (as GET /api/meta) and the
 *   business time zone (the setting);
 * - `<link rel="modulepreload">` for the console's chunks (from Vite's manifest), fetched beside the entry
 *   instead of one after another as each module asks for the next.
 * A signed-out visit gets the static page (the sign-in form needs neither).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { and, eq, isNull } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Meta } from '../../schema/meta';
import { settings } from '../../schema/tables';
import { BUSINESS_TIME_ZONE_SETTING, DEFAULT_BUSINESS_TIME_ZONE, validTimeZone } from '../../schema/time-zone';
import type { AppEnv } from '../env';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { SESSION_COOKIE, sessionUser } from '../auth/sessions';
import { meAnswer } from '../auth/routes';

/** The console's modules a signed-in page runs (web/src): their chunks and what those import statically. */
const CONSOLE_MODULES = ['src/App.tsx', 'src/console.tsx', 'src/layout/ConsoleLayout.tsx', 'src/generic/screens.tsx', 'src/qa/Dashboard.tsx'];

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/** The chunk files of CONSOLE_MODULES and their static imports, from .vite/manifest.json (none without it). */
function consoleChunks(dist: string): string[] {
  const file = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) return [];
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.values(manifest).find((c) => (c as { isEntry?: boolean }).isEntry)?.file;
  const out = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || out.has(chunk.file)) return;
    out.add(chunk.file);
    for (const k of chunk.imports ?? []) walk(k);
  };
  for (const m of CONSOLE_MODULES) walk(m);
  if (entry) out.delete(entry); // the entry and its own imports are in the page already
  return [...out].filter((f) => f.endsWith('.js'));
}

async function businessTimeZone(db: Db): Promise<string> {
  const row = (await db
    .select({ value: settings.value })
    .from(settings)
    .where(and(eq(settings.key, BUSINESS_TIME_ZONE_SETTING), isNull(settings.voided_at)))
    .get()) as { value: unknown } | undefined;
  let value = row?.value;
  if (typeof value === 'string' && value.startsWith('"')) {
    try {
      value = JSON.parse(value);
    } catch {
      /* not JSON: the text itself */
    }
  }
  return validTimeZone(value) ?? DEFAULT_BUSINESS_TIME_ZONE;
}

/** JSON safe inside a <script> element: no `</script>` or `<!--` can close or bend it. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export function webApp(app: Hono<AppEnv>, opts: { dist: string; db: Db; clock: Clock; meta: Meta }) {
  const { dist, db, clock, meta } = opts;
  const root = path.relative(process.cwd(), dist) || '.';
  const indexFile = path.join(dist, 'index.html');
  // index.html and the manifest, read again only when the build changed (tests rebuild under a running server).
  let page: { mtime: number; html: string; preload: string } | undefined;
  const indexPage = () => {
    const mtime = fs.statSync(indexFile).mtimeMs;
    if (page?.mtime !== mtime) {
      const preload = consoleChunks(dist)
        .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`)
        .join('');
      page = { mtime, html: fs.readFileSync(indexFile, 'utf8'), preload };
    }
    return page;
  };

  /** index.html for a signed-in visit (undefined when signed out: the static file is sent). */
  const signedInPage = async (c: Context<AppEnv>): Promise<Response | undefined> => {
    const user = await sessionUser(db, clock, getCookie(c, SESSION_COOKIE));
    if (!user) return undefined;
    const { html, preload } = indexPage();
    // A password to change first: the console (and /api/meta) waits until it is.
    const boot = user.must_change_password ? { user: meAnswer(user, clock) } : { user: meAnswer(user, clock), meta, timeZone: await businessTimeZone(db) };
    const head = `${preload}<script type="application/json" id="gsp-boot">${scriptJson(boot)}</script>`;
    const body = Buffer.from(html.replace('</head>', `${head}</head>`));
    const headers: Record<string, string> = {
      'Content-Type': 'text/html; charset=UTF-8',
      'Cache-Control': 'no-store', // it names the user
      Vary: 'Cookie, Accept-Encoding',
    };
    const accepts = c.req.header('accept-encoding') ?? '';
    // ≈ 135 KB of which the registry is most: compressed per request (≈ 2 ms), as nothing else is shared.
    if (/\bbr\b/.test(accepts)) {
      headers['Content-Encoding'] = 'br';
      return new Response(zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }), { headers });
    }
    if (/\bgzip\b/.test(accepts)) {
      headers['Content-Encoding'] = 'gzip';
      return new Response(zlib.gzipSync(body, { level: 6 }), { headers });
    }
    return new Response(body, { headers });
  };

  const revalidate = (_p: string, c: Context) => c.header('Cache-Control', 'no-cache');
  // Hashed assets never change under their name.
  app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  // The page itself: at /, /index.html, and any client-side route (#/customers is hash-based, but deep links
  // to / paths still get the app).
  const isPage = (p: string) => p === '/' || p === '/index.html' || (!path.extname(p) && !p.startsWith('/api/'));
  app.get('*', async (c, next) => {
    if (c.req.method === 'GET' && isPage(c.req.path)) {
      const res = await signedInPage(c);
      if (res) return res;
    }
    await next();
  });
  app.use('*', serveStatic({ root, precompressed: true, onFound: revalidate }));
  app.get('*', serveStatic({ root, path: 'index.html', precompressed: true, onFound: revalidate }));
}
