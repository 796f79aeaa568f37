/** Sessions: every /api route except login needs one; passwords are write-only and stored as argon2id. */
import { sql } from 'drizzle-orm';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils } from 'ra-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, login } from '../helpers/app';
import { customerBody, httpError, list, startApi, type Api } from './api-client';

let api: Api;
let customerId: number;

beforeAll(async () => {
  api = await startApi();
  customerId = (await api.dp.create('customers', { data: customerBody('鉴权测试药店') })).data.id as number;
});
afterAll(() => api.server.close());

const raw = (path: string, init: RequestInit = {}) => fetch(`${api.server.url}/api${path}`, init);
const withCookie = (cookie: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), Cookie: cookie },
});
const json = { 'Content-Type': 'application/json' };
const ROUTES: [string, string, unknown?][] = [
  ['GET', '/customers'],
  ['GET', '/customers/1'],
  ['POST', '/customers', customerBody('x')],
  ['PUT', '/customers/1', { name: 'x' }],
  ['DELETE', '/customers/1?reason=x'],
  ['GET', '/meta'],
  ['GET', '/audit_log'],
  ['GET', '/users'],
  ['GET', '/nope'],
  ['POST', '/nope', {}],
  ['GET', '/auth/me'],
  ['POST', '/sales_orders/1/approve', {}],
];
const request = (method: string, path: string, body: unknown, cookie?: string, lang?: string) =>
  raw(path, {
    method,
    headers: { ...json, ...(cookie && { Cookie: cookie }), ...(lang && { 'Accept-Language': lang }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

describe('401 without a valid session', () => {
  test('every method and route, with no cookie', async () => {
    for (const [method, path, body] of ROUTES) {
      const res = await request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json(), `${method} ${path}`).toEqual({ message: '请先登录' });
    }
    const en = await request('GET', '/customers', undefined, undefined, 'en-GB');
    expect(await en.json()).toEqual({ message: 'Please sign in' });
    // nothing was written by the anonymous POST/PUT/DELETE
    expect((await api.dp.getOne('customers', { id: customerId })).data).toMatchObject({ name: '鉴权测试药店', version: 1, voided_at: null });
    expect((await list(api.dp, 'customers', { name: 'x' })).total).toBe(0);
  });

  test('the unmodified client without a cookie gets HttpError 401', async () => {
    const dp = simpleRestProvider(`${api.server.url}/api`, fetchUtils.fetchJson);
    const e = await httpError(() => dp.getList('customers', { pagination: { page: 1, perPage: 5 }, sort: { field: 'id', order: 'ASC' }, filter: {} }));
    expect(e.status).toBe(401);
    expect(e.message).toBe('请先登录');
    expect((await httpError(() => dp.create('customers', { data: customerBody('匿名') }))).status).toBe(401);
  });

  test('a forged or unknown cookie', async () => {
    for (const cookie of ['gsp_session=not-a-real-token', 'gsp_session=', 'other=1']) {
      const res = await raw('/customers', withCookie(cookie));
      expect(res.status, cookie).toBe(401);
    }
  });

  test('after logout the old cookie is dead for every method', async () => {
    const cookie = await login(api.server.url);
    expect((await raw('/auth/me', withCookie(cookie))).status).toBe(200);
    const out = await raw('/auth/logout', withCookie(cookie, { method: 'POST' }));
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^gsp_session=;.*Max-Age=0/);
    for (const [method, path, body] of ROUTES) {
      const res = await request(method, path, body, cookie);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('login', () => {
  test('a wrong password or an unknown user → 401 with the same message', async () => {
    for (const body of [
      { username: 'admin', password: 'wrong-password-123' },
      { username: 'nobody', password: ADMIN_PASSWORD },
    ]) {
      const res = await raw('/auth/login', { method: 'POST', headers: json, body: JSON.stringify(body) });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: '用户名或密码错误' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const en = await raw('/auth/login', {
      method: 'POST',
      headers: { ...json, 'Accept-Language': 'en' },
      body: JSON.stringify({ username: 'admin', password: 'nope-nope-nope' }),
    });
    expect(await en.json()).toEqual({ message: 'Wrong username or password' });
  });

  test('missing credentials → 400 with field errors', async () => {
    const res = await raw('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username: ' ' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: '用户名或密码错误',
      errors: { username: '必填项，请填写', password: '必填项，请填写', root: { serverError: '用户名或密码错误' } },
    });
  });

  test('success sets an HttpOnly SameSite=Strict cookie and returns the user without the password', async () => {
    const res = await raw('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^gsp_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const user = await res.json();
    expect(user).toMatchObject({ username: 'admin', display_name: '系统管理员', roles: ['admin'] });
    // The business date, as /me gives it: the console keeps the login answer as the identity.
    expect(user.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(user).not.toHaveProperty('password');
    const me = await (await raw('/auth/me', withCookie(cookie.split(';')[0]))).json();
    expect(me).toMatchObject({ id: user.id, username: 'admin', roles: ['admin'] });
    expect(me).not.toHaveProperty('password');
  });
});

describe('users', () => {
  test('the password is write-only: never in a response, a list or the audit trail; stored as argon2id', async () => {
    const created = (await api.dp.create('users', { data: { username: 'clerk', display_name: '文员', roles: ['office'], password: 'clerk-password-1' } })).data;
    expect(created).not.toHaveProperty('password');
    expect(created).toMatchObject({ username: 'clerk', roles: ['office'], active: true });
    const reads = [
      (await api.dp.getOne('users', { id: created.id })).data,
      ...(await list(api.dp, 'users')).data,
      ...(await api.dp.getMany('users', { ids: [created.id] })).data,
      (await api.dp.update('users', { id: created.id, data: { display_name: '文员甲', version: created.version }, previousData: created })).data,
    ];
    for (const r of reads) expect(r).not.toHaveProperty('password');
    const stored = (await api.server.db.get(sql`SELECT password FROM users WHERE id = ${created.id}`)) as { password: string };
    expect(stored.password).toMatch(/^\$argon2id\$/);
    const audit = (await list(api.dp, 'audit_log', { resource: 'users' })).data;
    expect(audit.length).toBeGreaterThanOrEqual(3); // admin bootstrap + create + update
    for (const a of audit) {
      expect(JSON.stringify(a)).not.toContain('$argon2');
      expect(JSON.stringify(a)).not.toContain('clerk-password-1');
    }
    // the new user signs in with it
    expect(await login(api.server.url, 'clerk', 'clerk-password-1')).toMatch(/^gsp_session=/);
  });

  test('a password change takes effect; a PUT without password keeps it; too short → 400', async () => {
    const u = (await api.dp.create('users', { data: { username: 'pwuser', display_name: 'P', roles: ['auditor'], password: 'first-password-1' } })).data;
    const v2 = (await api.dp.update('users', { id: u.id, data: { ...u, display_name: 'P2' }, previousData: u })).data;
    await login(api.server.url, 'pwuser', 'first-password-1');
    await api.dp.update('users', { id: u.id, data: { ...v2, password: 'second-password-2' }, previousData: v2 });
    await expect(login(api.server.url, 'pwuser', 'first-password-1')).rejects.toThrow(/401/);
    await login(api.server.url, 'pwuser', 'second-password-2');
    const e = await httpError(() => api.dp.update('users', { id: u.id, data: { password: 'short' }, previousData: u }));
    expect(e.status).toBe(400);
    expect(e.body.errors.password).toBe('密码至少 10 位');
  });

  test('deactivating or voiding a user ends their sessions and refuses their sign-in', async () => {
    for (const how of ['deactivate', 'void'] as const) {
      const u = (await api.dp.create('users', { data: { username: `gone-${how}`, display_name: 'G', roles: ['auditor'], password: 'gone-password-1' } })).data;
      const cookie = await login(api.server.url, u.username as string, 'gone-password-1');
      expect((await raw('/customers', withCookie(cookie))).status).toBe(200);
      if (how === 'deactivate') await api.dp.update('users', { id: u.id, data: { active: false, version: u.version }, previousData: u });
      else await api.dp.delete('users', { id: u.id, previousData: u });
      expect((await raw('/customers', withCookie(cookie))).status, how).toBe(401);
      expect((await raw('/auth/me', withCookie(cookie))).status, how).toBe(401);
      await expect(login(api.server.url, u.username as string, 'gone-password-1'), how).rejects.toThrow(/401/);
    }
  });
});
