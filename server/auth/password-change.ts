/**
 * A forced password change (users.must_change_password): set by an admin, whenever someone else sets a user's
 * password, and on the first start's accounts; cleared when the user sets their own. While it is set, the
 * user's session reaches only who they are, the password change and sign-out: every other call is 403.
 */
import type { MiddlewareHandler } from 'hono';
import { msg } from '../../schema/messages';
import type { AppEnv } from '../env';
import type { WriteHooks } from '../services/hooks';
import { forbidden } from '../errors';

export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';
const OPEN = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/auth/logout-all', '/api/auth/login']);

export function passwordChangeGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('user')?.must_change_password && !OPEN.has(c.req.path.replace(/\/+$/, ''))) {
      return c.json({ message: msg(c.get('lang'), PASSWORD_CHANGE_REQUIRED), code: PASSWORD_CHANGE_REQUIRED }, 403);
    }
    await next();
  };
}

/** The refusal inside services (a signed verb: e-signatures rest on a password only its owner knows). */
export const passwordChangeRequired = (lang: Parameters<typeof msg>[0]) => forbidden(msg(lang, PASSWORD_CHANGE_REQUIRED));

export const USER_HOOKS: Record<string, WriteHooks> = {
  users: {
    // A password set through the users resource by someone else (an admin's reset) is known to them: the
    // user must replace it. One a user sets on their own record is theirs and clears the flag.
    beforeWrite(ctx, values, current) {
      if (!current || typeof values.password !== 'string' || ctx.actor.id == null) return;
      values.must_change_password = ctx.actor.id !== current.id;
    },
  },
};
