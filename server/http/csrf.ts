/**
 * CSRF protection for cookie-authenticated writes: a browser always names the page's origin on a
 * cross-site fetch or form post, so a mutating request whose Origin (or Sec-Fetch-Site) says it came from
 * another site is refused. Same-origin pages (our console) and non-browser clients pass. SameSite=Strict
 * on the session cookie is the second layer.
 */
import type { MiddlewareHandler } from 'hono';
import { msg, type Lang } from '../../schema/messages';
import type { AppEnv } from '../env';
import { badRequest, forbidden } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originHost(origin: string, lang: Lang): string {
  try {
    return new URL(origin).host;
  } catch {
    throw badRequest(msg(lang, 'bad_header', { header: 'Origin', detail: origin.slice(0, 100) }));
  }
}

export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      const crossSite = site === 'cross-site' || (origin !== undefined && (origin === 'null' || originHost(origin, c.get('lang')) !== host));
      if (crossSite) throw forbidden(msg(c.get('lang'), 'csrf'));
    }
    await next();
  };
}
