/**
 * CSRF protection for cookie-authenticated writes, by `hono/csrf`: a mutating request of a kind a page on
 * another site can send without a CORS preflight (form, multipart, text/plain bodies — our JSON parser
 * reads those too) passes only when Sec-Fetch-Site is not 'cross-site' or its Origin names our host. A
 * JSON request from another site needs a preflight, which this server never grants (no
 * Access-Control-Allow-Origin). An Origin that is not a URL, or 'null', is a foreign one: 403, never a 500.
 * We compare the Origin's host with the Host header (not the request URL's scheme), so a TLS-terminating
 * proxy in front does not break same-origin writes. Clients that send neither header (curl, the tests, the
 * CLI) are not browsers and pass. SameSite=Strict on the session cookie is the second layer.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { msg } from '../../schema/messages';
import type { AppEnv } from '../env';
import { forbidden } from '../errors';

function sameHost(origin: string, c: Context): boolean {
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

export function csrfGuard(): MiddlewareHandler<AppEnv> {
  const guard = csrf({ origin: sameHost, secFetchSite: (site) => site !== 'cross-site' });
  return async (c, next) => {
    if (c.req.header('origin') === undefined && c.req.header('sec-fetch-site') === undefined) return next();
    let passed = false;
    try {
      await guard(c, () => {
        passed = true;
        return next();
      });
    } catch (e) {
      // only the guard's own refusal: a 403 from further down is not ours to reword
      if (!passed && e instanceof HTTPException && e.status === 403) throw forbidden(msg(c.get('lang'), 'csrf'));
      throw e;
    }
  };
}
