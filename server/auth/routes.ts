import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashSync, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { LOGIN_BODY, PASSWORD_CHANGE_BODY } from '../../schema/bodies';
import { msg } from '../../schema/messages';
import { users } from '../../schema/tables';
import type { AppEnv } from '../env';
import type { Clock } from '../clock';
import type { Actor } from '../services/context';
import { unauthenticated, validationError } from '../errors';
import { ServiceError } from '../errors';
import { attemptLimiter, lockedUntil, recordFailure, recordSuccess } from './lockout';
import { createSession, endAllSessions, endOtherSessions, endSession, SESSION_COOKIE, SESSION_HOURS } from './sessions';
import { passwordProblem } from './password-policy';
import { registry } from '../../schema/resources';
import { writeAudit } from '../services/audit';
import { inTransaction } from '../services/context';
import { findRow, serialize, type Row } from '../services/records';
import { getConnInfo } from '@hono/node-server/conninfo';
import { jsonOf, parseBody } from '../http/body';

// Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
let dummyHash: string | undefined;
const dummy = () => (dummyHash ??= hashSync(randomBytes(16).toString('hex')));

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  roles: string[] | null;
  password: string | null;
  active: boolean | null;
  failed_logins: number | null;
  locked_until: string | null;
  must_change_password: boolean | null;
}

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** GET /me's answer (also in a signed-in index.html, http/web-app.ts): the business date the server works on (GSP_TODAY pins it) included, as date defaults in the UI follow it. */
export const meAnswer = (user: Actor, clock: Clock) => ({ ...user, today: clock.today() });

export function authRoutes() {
  const app = new Hono<AppEnv>();
  const limiter = attemptLimiter();

  app.post('/login', async (c) => {
    const lang = c.get('lang');
    const { username, password } = parseBody(LOGIN_BODY, await jsonOf(c.req, lang), lang, 'bad_credentials');
    const wait = limiter(clientAddress(c));
    if (wait) {
      c.header('Retry-After', String(wait));
      throw new ServiceError(429, msg(lang, 'too_many_attempts', { seconds: wait }));
    }
    const { db, clock } = c.get('deps');
    const user = (await db
      .select()
      .from(users)
      .where(and(eq(users.username, username), isNull(users.voided_at)))
      .get()) as UserRow | undefined;
    const locked = user && lockedUntil(user, clock);
    if (locked) throw unauthenticated(msg(lang, 'account_locked', { until: locked }));
    const ok = await verify(user?.password ?? dummy(), password).catch(() => false);
    if (!user || !ok || !user.active || !user.password) {
      const lock = user && !ok ? await recordFailure(db, clock, user) : null;
      throw unauthenticated(msg(lang, lock ? 'account_locked' : 'bad_credentials', { until: lock ?? '' }));
    }
    await recordSuccess(db, user);
    const token = await createSession(db, clock, user.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_HOURS * 3600,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    // The same shape as /me (the console keeps it as the identity), business date included.
    return c.json({
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      roles: user.roles ?? [],
      must_change_password: !!user.must_change_password,
      today: clock.today(),
    });
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(c.get('deps').db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  // Sign out on every device (a lost laptop, a shared terminal).
  app.post('/logout-all', async (c) => {
    const user = c.get('user');
    if (!user) throw unauthenticated(msg(c.get('lang'), 'unauthenticated'));
    await endAllSessions(c.get('deps').db, user.id!);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  // The user's own password change: the current password first (a wrong one counts with the lockout), the
  // policy of password-policy.ts, an audit row, and every other session of the user ends (this one stays).
  app.post('/password', async (c) => {
    const lang = c.get('lang');
    const actor = c.get('user');
    if (!actor) throw unauthenticated(msg(lang, 'unauthenticated'));
    const { current_password: current, password: next } = parseBody(PASSWORD_CHANGE_BODY, await jsonOf(c.req, lang), lang);
    const { db, clock } = c.get('deps');
    const user = (await db.select().from(users).where(eq(users.id, actor.id!)).get()) as UserRow;
    const locked = lockedUntil(user, clock);
    if (locked) throw new ServiceError(403, msg(lang, 'account_locked', { until: locked }));
    if (!user.password || !(await verify(user.password, current).catch(() => false))) {
      const lock = await recordFailure(db, clock, user);
      if (lock) throw new ServiceError(403, msg(lang, 'account_locked', { until: lock }));
      throw validationError(msg(lang, 'password_current_wrong'), { current_password: msg(lang, 'password_current_wrong') });
    }
    await recordSuccess(db, user);
    const problem = next === current ? 'password_same' : passwordProblem(next, user.username);
    if (problem) throw validationError(msg(lang, problem), { password: msg(lang, problem) });
    const hash = hashSync(next);
    const ctx = { db, clock, actor, lang };
    await inTransaction(ctx, async (tx) => {
      const before = (await findRow(tx.db, registry.get('users')!, user.id))!;
      const after = (await tx.db
        .update(users)
        .set({ password: hash, must_change_password: false, version: (before.version ?? 1) + 1, updated_at: clock.now().toISOString(), updated_by: user.id })
        .where(eq(users.id, user.id))
        .returning()
        .get()) as Row;
      await writeAudit(
        tx,
        'update',
        'users',
        user.id,
        serialize(registry.get('users')!, before),
        serialize(registry.get('users')!, after),
        msg(lang, 'password_changed_reason'),
      );
      await endOtherSessions(tx.db, user.id, getCookie(c, SESSION_COOKIE) ?? '');
    });
    return c.json({ ok: true });
  });

  app.get('/me', (c) => {
    const user = c.get('user');
    if (!user) throw unauthenticated(msg(c.get('lang'), 'unauthenticated'));
    return c.json(meAnswer(user, c.get('deps').clock));
  });

  return app;
}
