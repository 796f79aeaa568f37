/**
 * Issue 12 items 7, 8, 13 over HTTP: signature passwords count with the sign-in lockout; a password reset by
 * the admin ends the user's sessions, the user's own change ends all but the current one; passwords are kept
 * as typed, the most common ones and the username are refused.
 */
import { transaction } from '../../../server/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../../server/auth/lockout';
import { findings } from '../../../schema/tables';
import { login } from '../../helpers/app';
import { startApi, type Api } from '../api-client';
import { sqlValue } from '../../helpers/sql';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.server.close());

async function call(cookie: string | null, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.server.url}/api${p}`, {
    method,
    headers: { ...(cookie && { Cookie: cookie }), ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body: json };
}
async function newUser(username: string, roles: string[], password: string) {
  const r = await call(api.cookie, 'POST', '/users', { username, display_name: username, roles, password, active: true });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; version: number };
}
const failedLogins = async (id: number) => sqlValue(api.server.db, 'SELECT failed_logins AS n FROM users WHERE id = ?', id);

describe('item 7: signature passwords count with the lockout', () => {
  it('wrong passwords on a signed verb lock the account at the sign-in limit; then nothing is signed and sign-in is refused', async () => {
    const qa = await newUser('qa-guess', ['qa'], 'qa-clerk-password-7');
    const cookie = await login(api.server.url, 'qa-guess', 'qa-clerk-password-7');
    const now = api.server.clock.now().toISOString();
    const f = await transaction(
      api.server.db,
      async () =>
        await api.server.db
          .insert(findings)
          .values({ rule: 'TEST', severity: 'warning', resource: 'customers', record_id: 1, message: 'x', status: 'open', created_at: now, updated_at: now })
          .returning()
          .get(),
    );
    const statuses: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const r = await call(cookie, 'POST', `/findings/${f.id}/waive`, { password: `guess-number-${i}`, comment: '试密码' });
      statuses.push(r.status);
      if (r.status === 403) {
        expect(r.body.message).toContain('账号已锁定');
        break;
      }
      expect(r.status).toBe(400);
      expect(r.body.message).toBe('密码不正确，签名未完成');
    }
    expect(statuses.length, 'locked at the sign-in limit').toBe(MAX_FAILURES);
    const right = await call(cookie, 'POST', `/findings/${f.id}/waive`, { password: 'qa-clerk-password-7', comment: '锁定后' });
    expect(right.status).toBe(403);
    expect((await call(cookie, 'GET', `/findings/${f.id}`)).body.status).toBe('open');
    const relogin = await call(null, 'POST', '/auth/login', { username: 'qa-guess', password: 'qa-clerk-password-7' });
    expect(relogin.status).toBe(401);
    expect(relogin.body.message).toContain('锁定');
    expect(await failedLogins(qa.id)).toBe(MAX_FAILURES);
  });

  it('parallel wrong guesses are each counted', async () => {
    const u = await newUser('qa-parallel', ['qa'], 'qa-parallel-password');
    const cookie = await login(api.server.url, 'qa-parallel', 'qa-parallel-password');
    await Promise.all(Array.from({ length: 6 }, (_, i) => call(cookie, 'POST', '/findings/bulk/waive', { ids: [1], password: `parallel-${i}`, comment: 'x' })));
    expect(await failedLogins(u.id)).toBe(6);
    // a right password resets the count, as a sign-in does
    await call(cookie, 'POST', '/auth/password', { current_password: 'qa-parallel-password', password: 'qa-parallel-password-2' });
    expect(await failedLogins(u.id)).toBe(0);
  });
});

describe('item 8: password changes end sessions', () => {
  it('a reset by the admin ends every session of the user', async () => {
    const u = await newUser('reset-me', ['auditor'], 'first-password-8');
    const s1 = await login(api.server.url, 'reset-me', 'first-password-8');
    const s2 = await login(api.server.url, 'reset-me', 'first-password-8');
    expect((await call(s1, 'GET', '/auth/me')).status).toBe(200);
    const r = await call(api.cookie, 'PUT', `/users/${u.id}`, { password: 'reset-password-8', version: u.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    for (const s of [s1, s2]) expect((await call(s, 'GET', '/auth/me')).status).toBe(401);
    expect((await call(api.cookie, 'GET', '/auth/me')).status, 'the admin stays signed in').toBe(200);
    await login(api.server.url, 'reset-me', 'reset-password-8');
  });

  it("the user's own change (POST /api/auth/password) ends all other sessions, keeps this one, and is audited", async () => {
    const u = await newUser('change-me', ['auditor'], 'own-password-8a');
    const here = await login(api.server.url, 'change-me', 'own-password-8a');
    const there = await login(api.server.url, 'change-me', 'own-password-8a');
    const wrong = await call(here, 'POST', '/auth/password', { current_password: 'not-my-password', password: 'own-password-8b' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.current_password).toContain('当前密码不正确');
    expect(await failedLogins(u.id)).toBe(1);
    const ok = await call(here, 'POST', '/auth/password', { current_password: 'own-password-8a', password: 'own-password-8b' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await call(here, 'GET', '/auth/me')).status).toBe(200);
    expect((await call(there, 'GET', '/auth/me')).status).toBe(401);
    expect((await call(null, 'POST', '/auth/login', { username: 'change-me', password: 'own-password-8a' })).status).toBe(401);
    await login(api.server.url, 'change-me', 'own-password-8b');
    const trail = await call(api.cookie, 'GET', `/audit_log?filter=${encodeURIComponent(JSON.stringify({ resource: 'users', record_id: u.id }))}`);
    expect(trail.body.map((a: { reason: string }) => a.reason)).toContain('用户本人修改密码');
    expect(JSON.stringify(trail.body)).not.toContain('own-password');
    expect((await call(null, 'POST', '/auth/password', { current_password: 'x', password: 'y' })).status).toBe(401);
  });
});

describe('item 13: the password policy', () => {
  it('keeps a password exactly as typed (no trimming)', async () => {
    await newUser('spaces', ['auditor'], '  padded password  ');
    expect((await call(null, 'POST', '/auth/login', { username: 'spaces', password: 'padded password' })).status).toBe(401);
    await login(api.server.url, 'spaces', '  padded password  ');
  });

  it('refuses the most common passwords and the username, in Chinese first (English on request)', async () => {
    for (const password of [
      'password123',
      '1234567890',
      'qwertyuiop',
      'woaini1314',
      'Woaini1314',
      '1qaz2wsx3edc',
      'aaaaaaaaaaaa',
      'abcdefghijk',
      'P@ssw0rd123',
    ]) {
      const r = await call(api.cookie, 'POST', '/users', { username: `common-${password.length}`, display_name: 'x', roles: ['auditor'], password });
      expect(r.status, password).toBe(400);
      expect(r.body.errors.password, password).toBe('密码过于常见，容易被猜中，请换一个');
    }
    const same = await call(api.cookie, 'POST', '/users', { username: 'zhangwei-gsp', display_name: 'x', roles: ['auditor'], password: 'ZhangWei-GSP' });
    expect(same.status).toBe(400);
    expect(same.body.errors.password).toBe('密码不能与用户名相同');
    const en = await call(
      api.cookie,
      'POST',
      '/users',
      { username: 'en-user', display_name: 'x', roles: ['auditor'], password: 'password123' },
      { 'Accept-Language': 'en' },
    );
    expect(en.body.errors.password).toContain('too common');
    // an admin reset and the own change follow the same policy
    const u = await newUser('policy-user', ['auditor'], 'policy-password-13');
    expect((await call(api.cookie, 'PUT', `/users/${u.id}`, { password: 'qwertyuiop', version: u.version })).status).toBe(400);
    expect((await call(api.cookie, 'PUT', `/users/${u.id}`, { password: 'policy-user', version: u.version })).body.errors.password).toBe(
      '密码不能与用户名相同',
    );
    const cookie = await login(api.server.url, 'policy-user', 'policy-password-13');
    const own = await call(cookie, 'POST', '/auth/password', { current_password: 'policy-password-13', password: 'iloveyou1314' });
    expect(own.status).toBe(400);
    expect(own.body.errors.password).toContain('过于常见');
  });
});
