/** createApp({ db, clock }): the whole HTTP app, with no listening and no globals, so tests build their own. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import fs from 'node:fs';
import { buildMeta } from '../schema/meta';
import { msg, pickLang } from '../schema/messages';
import { registry } from '../schema/resources';
import { authRoutes } from './auth/routes';
import { SESSION_COOKIE, sessionUser } from './auth/sessions';
import { passwordChangeGate } from './auth/password-change';
import { crudRouter } from './crud/router';
import { csrfGuard } from './http/csrf';
import { checkedInput } from './http/input';
import { healthRoutes } from './http/health';
import { importRoutes } from './http/import-routes';
import { attachmentRoutes } from './http/attachment-routes';
import { busyResponses, withBusyRetry, type BusyRetryOptions } from './http/busy-retry';
import { systemRoutes } from './http/system-routes';
import { workflowRoutes } from './http/workflow-routes';
import { webApp } from './http/web-app';
import type { AppDeps, AppEnv } from './env';
import { isDatabaseBusy, isDiskFull, ServiceError, unauthenticated } from './errors';
import './services/write-hooks'; // registers the workflows' write hooks (services/hooks.ts)
import { engineOf } from './db';

export interface AppOptions extends AppDeps {
  /** built web app to serve at / (web/dist); omitted in API tests */
  webDist?: string;
  /** called with unexpected errors (default: console.error) */
  onInternalError?: (err: unknown) => void;
  /** how a request that finds the database locked by another connection waits (http/busy-retry.ts) */
  busy?: BusyRetryOptions;
}

const JSON_LIMIT = 2 * 1024 * 1024;

/**
 * The page cache of the app's connection, in KiB. A list request walks indexes of up to 1M entries (the
 * count behind Content-Range, a deep page's offset): in SQLite's default 2 MB they evicted each other, so
 * every request read ~10 MB of index pages from the OS again — the middle page of 1M sales lines cost
 * 30 + 30 ms CPU for count and page, 8 + 20 ms with 32 MB (bench/list-api.ts case o).
 */
const APP_CACHE_KIB = 64 * 1024;

export function createApp(opts: AppOptions) {
  const { db, clock } = opts;
  if (engineOf(db).dialect === 'sqlite') db.$client.pragma(`cache_size = -${APP_CACHE_KIB}`);
  const meta = buildMeta(registry);
  const app = new Hono<AppEnv>();

  app.onError((err, c) => {
    const lang = c.get('lang') ?? pickLang(c.req.header('accept-language'));
    if (err instanceof ServiceError) {
      const body = err.errors ? { message: err.message, errors: { ...err.errors, root: { serverError: err.message } } } : { message: err.message };
      return c.json(body, err.status);
    }
    // Another process holds the write lock (a big import's merge from the CLI): nothing was written. The
    // request is tried again without blocking the event loop (http/busy-retry.ts); if the lock outlasts
    // that, say so and when to retry instead of an internal error.
    if (isDatabaseBusy(err)) {
      c.header('Retry-After', '5');
      const res = c.json({ message: msg(lang, 'db_busy') }, 503);
      busyResponses.add(res);
      return res;
    }
    if (isDiskFull(err)) {
      (opts.onInternalError ?? console.error)(err);
      return c.json({ message: msg(lang, 'disk_full') }, 507);
    }
    (opts.onInternalError ?? console.error)(err);
    // No stack traces to clients: the message says nothing was changed (every write is one transaction).
    return c.json({ message: msg(lang, 'internal') }, 500);
  });
  app.notFound((c) => c.json({ message: msg(pickLang(c.req.header('accept-language')), 'not_found', { resource: 'path', id: c.req.path }) }, 404));

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
      },
    }),
  );
  app.use('/api/*', async (c, next) => {
    c.set('deps', { db, clock });
    c.set('lang', pickLang(c.req.header('accept-language')));
    c.set('user', await sessionUser(db, clock, getCookie(c, SESSION_COOKIE)));
    c.header('Cache-Control', 'no-store');
    c.header('Access-Control-Expose-Headers', 'Content-Range');
    await next();
  });
  app.use('/api/*', csrfGuard());
  app.use('/api/*', passwordChangeGate()); // before every route but the few it lets through
  app.route('/api', importRoutes()); // before the JSON body limit: uploads have their own (import-routes.ts)
  app.route('/api', attachmentRoutes()); // likewise: scans stream under their own limit (attachment-routes.ts)
  const jsonLimit = bodyLimit({ maxSize: JSON_LIMIT, onError: (c) => c.json({ message: msg(c.get('lang'), 'payload_too_large') }, 413) });
  // A read has no body to limit; asking (c.req.raw.body) would build the full Request object for every GET.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : jsonLimit(c, next)));
  app.use('/api/*', checkedInput());

  app.route('/api/auth', authRoutes());
  app.route('/api', healthRoutes()); // before the sign-in gate: probes do not sign in
  app.use('/api/*', async (c, next) => {
    if (!c.get('user')) throw unauthenticated(msg(c.get('lang'), 'unauthenticated'));
    await next();
  });
  app.get('/api/meta', (c) => c.json(meta));
  app.route('/api/system', systemRoutes());
  app.route('/api/workflows', workflowRoutes());
  app.route('/api', crudRouter());

  if (opts.webDist && fs.existsSync(opts.webDist)) webApp(app, { dist: opts.webDist, db, clock, meta });
  app.fetch = withBusyRetry(db, app.fetch, opts.busy ?? {}, JSON_LIMIT);
  return app;
}
