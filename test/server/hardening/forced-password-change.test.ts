/**
 * Issue 13 item 8 over HTTP: an admin can require a password change at next sign-in; until the user changes
 * their own password the API answers only /auth/me, /auth/password and sign-out (403 with a zh/en message
 * otherwise), and nothing can be signed with the password someone else knows. An admin's reset of another
 * user's password sets the requirement; the first start's generated accounts carry it.
 */
import { transaction } from '../../../server/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { findings, users } from '../../../schema/tables';
import { requireFirstLoginChange } from '../../../server/bootstrap';
import { confirmPassword } from '../../../server/services/sign';
import { login } from '../../helpers/app';
import { customerBody, startApi, type Api } from '../api-client';

let api: Api;
let adminCookie: string;
beforeAll(async () => {
  api = await startApi();
  adminCookie = api.cookie;
});
afterAll(() => api.server.close());

async function call(cookie: string | null, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await api.http(p, { method, headers: { Cookie: cookie ?? '', ...headers }, ...(body !== undefined && { json: body }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
async function newUser(username: string, roles: string[], password: string, extra: Record<string, unknown> = {}) {
  const r = await call(adminCookie, 'POST', '/users', { username, display_name: username, roles, password, active: true, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number; version: number; must_change_password: boolean };
}
const flagOf = async (id: number) => !!(await api.server.db.select({ f: users.must_change_password }).from(users).where(eq(users.id, id)).get())!.f;

const REFUSED: [string, string, unknown?][] = [
  ['GET', '/customers'],
  ['POST', '/customers', customerBody('强制改密药店')],
  ['GET', '/meta'],
  ['GET', '/users'],
  ['GET', '/audit_log'],
  ['GET', '/system/findings-stats'],
  ['GET', '/import-templates/customers.xlsx'],
  ['POST', '/findings/1/waive', { password: 'x', comment: 'x' }],
  ['POST', '/auth/logout-all-but-not-a-route', {}],
];
const ZH = '请先修改密码：管理员要求您在继续使用前设置新密码（右上角用户菜单 → 修改密码）';

describe('must_change_password', () => {
  it('set by the admin: every other route is 403 until the user changes their password, then all works', async () => {
    const u = await newUser('forced-qa', ['qa'], 'forced-password-1', { must_change_password: true });
    expect(u.must_change_password).toBe(true);
    const cookie = await login(api.server.url, 'forced-qa', 'forced-password-1');
    const me = await call(cookie, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'forced-qa', must_change_password: true });
    const signIn = await call(null, 'POST', '/auth/login', { username: 'forced-qa', password: 'forced-password-1' });
    expect(signIn.body.must_change_password, 'the sign-in answer says so too').toBe(true);
    for (const [method, p, body] of REFUSED) {
      const r = await call(cookie, method, p, body);
      expect(r.status, `${method} ${p}`).toBe(403);
      expect(r.body, `${method} ${p}`).toEqual({ message: ZH, code: 'password_change_required' });
    }
    const en = await call(cookie, 'GET', '/customers', undefined, { 'Accept-Language': 'en' });
    expect(en.body.message).toMatch(/^Change your password first/);
    expect((await call(adminCookie, 'GET', '/customers?filter={"name":"强制改密药店"}')).body).toEqual([]);

    const changed = await call(cookie, 'POST', '/auth/password', { current_password: 'forced-password-1', password: 'my-own-password-1' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await flagOf(u.id)).toBe(false);
    expect((await call(cookie, 'GET', '/auth/me')).body.must_change_password).toBe(false);
    for (const p of ['/customers', '/meta', '/system/findings-stats']) expect((await call(cookie, 'GET', p)).status, p).toBe(200);
  });

  it('refuses a signed verb while set (the flagged password proves nothing), over HTTP and in the service', async () => {
    const u = await newUser('forced-signer', ['qa'], 'forced-signer-pw-1', { must_change_password: true });
    const cookie = await login(api.server.url, 'forced-signer', 'forced-signer-pw-1');
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
    const r = await call(cookie, 'POST', `/findings/${f.id}/waive`, { password: 'forced-signer-pw-1', comment: '豁免' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('password_change_required');
    expect((await call(adminCookie, 'GET', `/findings/${f.id}`)).body.status).toBe('open');
    const ctx = {
      db: api.server.db,
      clock: api.server.clock,
      actor: { id: u.id, username: 'forced-signer', display_name: 'x', roles: ['qa'] },
      lang: 'zh' as const,
    };
    await expect(confirmPassword(ctx, 'forced-signer-pw-1')).rejects.toMatchObject({ status: 403, message: ZH });
  });

  it("an admin's reset of another user's password sets it; the admin's own new password does not", async () => {
    const u = await newUser('reset-forced', ['auditor'], 'reset-forced-pw-1');
    expect(u.must_change_password).toBe(false);
    const cookie = await login(api.server.url, 'reset-forced', 'reset-forced-pw-1');
    expect((await call(cookie, 'GET', '/customers')).status).toBe(200);
    // the form sends the unticked box with the new password: the reset still requires the change
    const r = await call(adminCookie, 'PUT', `/users/${u.id}`, { password: 'reset-by-admin-pw-2', must_change_password: false, version: u.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.must_change_password).toBe(true);
    const after = await login(api.server.url, 'reset-forced', 'reset-by-admin-pw-2');
    expect((await call(after, 'GET', '/customers')).status).toBe(403);
    // the admin sets their own password through the same form: no requirement on themselves
    const admin = (await call(adminCookie, 'GET', '/auth/me')).body as { id: number };
    const self = await call(adminCookie, 'GET', `/users/${admin.id}`);
    const own = await call(adminCookie, 'PUT', `/users/${admin.id}`, { password: 'test-admin-password-1', version: self.body.version }, { 'X-Reason': 'own' });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.must_change_password).toBe(false);
    adminCookie = await login(api.server.url); // the new password ended the admin's sessions (services/hooks.ts)
    expect((await call(adminCookie, 'GET', '/customers')).status).toBe(200);
  });

  it('the first start marks its generated accounts, through the write service and audited', async () => {
    const u = await newUser('first-start', ['qa'], 'first-start-pw-1');
    await requireFirstLoginChange(api.server.db, api.server.clock, [{ username: 'first-start', password: 'first-start-pw-1', role: 'qa' }]);
    expect(await flagOf(u.id)).toBe(true);
    const cookie = await login(api.server.url, 'first-start', 'first-start-pw-1');
    expect((await call(cookie, 'GET', '/auth/me')).body.must_change_password).toBe(true);
    const trail = await call(adminCookie, 'GET', `/audit_log?filter=${encodeURIComponent(JSON.stringify({ resource: 'users', record_id: u.id }))}`);
    expect(trail.body.map((a: { reason: string }) => a.reason)).toContain('首次启动生成的初始密码，须在首次登录时修改');
  });
});
