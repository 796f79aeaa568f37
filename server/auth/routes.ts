import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashSync, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { msg } from '../../schema/messages';
import { users } from '../../schema/tables';
import type { AppEnv } from '../env';
import { unauthenticated, validationError } from '../errors';
import { createSession, endSession, SESSION_COOKIE, SESSION_HOURS } from './sessions';

// Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
let dummyHash: string | undefined;
const dummy = () => (dummyHash ??= hashSync(randomBytes(16).toString('hex')));

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const lang = c.get('lang');
    const body = await c.req.json().catch(() => ({}));
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!username || !password) {
      throw validationError(msg(lang, 'bad_credentials'), {
        ...(!username && { username: msg(lang, 'required') }),
        ...(!password && { password: msg(lang, 'required') }),
      });
    }
    const { db, clock } = c.get('deps');
    const user = db.select().from(users).where(and(eq(users.username, username), isNull(users.voided_at))).get();
    const ok = await verify(user?.password ?? dummy(), password).catch(() => false);
    if (!user || !ok || !user.active || !user.password) throw unauthenticated(msg(lang, 'bad_credentials'));
    const token = createSession(db, clock, user.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'Strict', path: '/', maxAge: SESSION_HOURS * 3600,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({ id: user.id, username: user.username, display_name: user.display_name, roles: user.roles ?? [] });
  });

  app.post('/logout', (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) endSession(c.get('deps').db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  app.get('/me', (c) => {
    const user = c.get('user');
    if (!user) throw unauthenticated(msg(c.get('lang'), 'unauthenticated'));
    return c.json(user);
  });

  return app;
}
