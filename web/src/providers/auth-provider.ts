/** Session-cookie auth against /api/auth: the server owns the session, the client only mirrors it. */
import { HttpError, type AuthProvider } from 'ra-core';
import { API_URL, httpClient } from './http-client';
import { clearMeta, findResource, getMeta } from '../meta/meta-store';
import { canAccessFor } from '../auth/access';
import { takePrimedSession, type BootUser } from '../boot/session-cache';

/** The signed-in user (GET /api/auth/me): one shape with what the boot shell learnt at sign-in. */
export type SessionUser = BootUser;

// One /me request per session instead of one per navigation; cleared on login, logout and 401.
let me: Promise<SessionUser> | undefined;
// The same user once known, for answers that need no waiting (authAnswerNow).
let known: SessionUser | undefined;
const remember = (user: SessionUser) => {
  known = user;
  return user;
};
const fetchMe = () => {
  // the boot shell (boot/Boot.tsx) already asked the server, or signed in: its answer is the first one
  const primed = takePrimedSession();
  if (primed) me = Promise.resolve(remember(primed));
  return (me ??= httpClient(`${API_URL}/auth/me`).then(({ json }) => remember(json as SessionUser)));
};
const forget = () => {
  me = undefined;
  known = undefined;
};

const canAccessNow = (roles: readonly string[], params: Parameters<typeof canAccessFor>[1]) =>
  canAccessFor(roles, params, { isReadOnly: (name) => !!findResource(name)?.readOnly });

/**
 * react-admin's auth queries (checkAuth, getPermissions, canAccess) answered at once while the user is known:
 * the provider would give the same answer a promise later, but every screen would first render as
 * "pending" and again once it came — a list asked for its rows only after those extra passes
 * (providers/query-client.ts seeds them; issue 13 item 1).
 */
export function authAnswerNow(key: readonly unknown[]): unknown {
  if (key[0] !== 'auth' || !known) return undefined;
  const params = (key[2] ?? {}) as { resource?: string; action?: string };
  if (key[1] === 'checkAuth') return true;
  if (key[1] === 'getPermissions') return known.roles;
  // read-only resources are known from the registry: answered once it is loaded
  if (key[1] === 'canAccess' && params.resource && params.action && getMeta()) {
    return canAccessNow(known.roles, { resource: params.resource, action: params.action });
  }
  return undefined;
}

const statusOf = (error: unknown) => (error as { status?: number } | undefined)?.status;

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    forget();
    const { json } = await httpClient(`${API_URL}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
    me = Promise.resolve(remember(json as SessionUser));
    // Signed in again from react-admin's login page with a password to replace: the boot shell asks for it.
    if ((json as SessionUser).must_change_password) window.location.reload();
  },
  async logout() {
    forget();
    clearMeta();
    // Also called when the session is already gone (after a 401): the server's answer does not matter then.
    await httpClient(`${API_URL}/auth/logout`, { method: 'POST' }).catch(() => undefined);
  },
  async checkAuth() {
    try {
      await fetchMe();
    } catch (error) {
      forget();
      throw error;
    }
  },
  async checkError(error) {
    const status = statusOf(error);
    if (status === 401) {
      forget();
      throw new HttpError('ra.notification.logged_out', 401);
    }
    // An admin asked for a new password while this user was signed in: the boot shell asks for it.
    if (status === 403 && (error as { body?: { code?: string } }).body?.code === 'password_change_required') window.location.reload();
    // 403 means signed in but not allowed: stay on the page and let the notification explain.
  },
  async getIdentity() {
    const user = await fetchMe();
    return { id: user.id, fullName: user.display_name || user.username, username: user.username, today: user.today };
  },
  // Answered from schema/permissions.ts, the matrix the server enforces (see auth/access.ts).
  async canAccess({ resource, action, record }) {
    const { roles } = await fetchMe();
    return canAccessNow(roles, { resource, action, record });
  },
  async getPermissions() {
    try {
      return (await fetchMe()).roles;
    } catch (error) {
      forget();
      throw error;
    }
  },
};

/** The business date the server works with (its clock may be pinned); the browser's China date otherwise. */
export async function businessToday(): Promise<string> {
  const user = await fetchMe().catch(() => undefined);
  if (user?.today) return user.today;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
