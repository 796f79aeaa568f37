/**
 * The bodies that are not records (schema/bodies.ts) are checked by zod at the edge: a wrong shape is a 400
 * naming each field in Chinese (English on request), never a 500 and never a value silently ignored. Each
 * route is called as the least-privileged role that reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app';
import { startApi, type Api } from './api-client';

let api: Api;
const PASSWORD = 'bodies-test-password-1';
const cookies: Record<string, string> = {};

async function call(who: string | null, method: string, p: string, body?: unknown, lang?: 'en') {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (who) headers.Cookie = cookies[who];
  if (lang) headers['Accept-Language'] = lang;
  const res = await fetch(`${api.server.url}/api${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  api = await startApi();
  for (const role of ['auditor', 'qa', 'finance']) {
    const r = await api.http('/users', {
      method: 'POST',
      json: { username: `bodies-${role}`, display_name: role, roles: [role], password: PASSWORD, active: true },
    });
    expect(r.status).toBe(201);
    cookies[role] = await login(api.server.url, `bodies-${role}`, PASSWORD);
  }
});
afterAll(() => api.server.close());

describe('sign-in and password change', () => {
  it('sign-in: not an object, or a name that is not text → 400 naming the field', async () => {
    const arr = await call(null, 'POST', '/auth/login', ['admin', 'x']);
    expect(arr).toMatchObject({ status: 400, body: { message: '用户名或密码错误', errors: { body: '应为 JSON 对象' } } });
    const form = await fetch(`${api.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      body: 'username=admin',
    });
    expect({ status: form.status, body: await form.json() }).toEqual({ status: 400, body: { message: '请求内容不是有效的 JSON' } });
    const num = await call(null, 'POST', '/auth/login', { username: 7, password: 'x' }, 'en');
    expect(num).toMatchObject({ status: 400, body: { message: 'Wrong username or password', errors: { username: 'Must be text' } } });
  });

  it('password change (auditor): wrong types are named, nothing changes', async () => {
    const r = await call('auditor', 'POST', '/auth/password', { current_password: 12345, password: ['x'] });
    expect(r).toMatchObject({
      status: 400,
      body: { message: '提交的内容有误，请检查标出的字段', errors: { current_password: '应为文本', password: '应为文本' } },
    });
    const en = await call('auditor', 'POST', '/auth/password', { password: 'new-password-for-me-1' }, 'en');
    expect(en).toMatchObject({ status: 400, body: { message: 'current_password: Required', errors: { current_password: 'Required' } } });
    expect((await call('auditor', 'GET', '/auth/me')).status).toBe(200); // still signed in with the old password
  });
});

describe('workflow verbs', () => {
  it('a verb (QA approves a customer) refuses a password or comment that is not text', async () => {
    const r = await call('qa', 'POST', '/customers/1/approve', { password: 42, comment: { text: 'ok' } });
    expect(r).toMatchObject({ status: 400, body: { errors: { password: '应为文本', comment: '应为文本' } } });
  });

  it("a verb's declared inputs are typed by their kind (credit review: credit_limit is a number)", async () => {
    const r = await call('finance', 'POST', '/customers/1/credit-review', { payment_rating: 'good', credit_limit: { amount: 5 } }, 'en');
    expect(r).toMatchObject({ status: 400, body: { message: 'credit_limit: Must be a number', errors: { credit_limit: 'Must be a number' } } });
  });

  it('a bulk verb (QA waives findings) needs ids, each a record id', async () => {
    const none = await call('qa', 'POST', '/findings/bulk/waive', { password: PASSWORD, comment: '豁免' });
    expect(none).toMatchObject({ status: 400, body: { errors: { ids: '必填项，请填写' } } });
    const bad = await call('qa', 'POST', '/findings/bulk/waive', { ids: [3, 'x', 0], password: PASSWORD, comment: '豁免' });
    expect(bad).toMatchObject({ status: 400, body: { errors: { 'ids.1': '应为所引用记录的 ID', 'ids.2': '应为所引用记录的 ID' } } });
  });
});

describe('invoice issue and the import form', () => {
  it('invoice issue (finance): slips must be a non-empty list of ids; the form one of its two values', async () => {
    const text = await call('finance', 'POST', '/workflows/fulfilment/invoices', { slips: 'CK-1' });
    expect(text).toMatchObject({ status: 400, body: { errors: { slips: '应为列表' } } });
    const empty = await call('finance', 'POST', '/workflows/fulfilment/invoices', { slips: [] }, 'en');
    expect(empty).toMatchObject({ status: 400, body: { message: 'slips: Select at least one outbound slip' } });
    const form = await call('finance', 'POST', '/workflows/fulfilment/invoices', { slips: [1], form: 'paper' });
    expect(form.status).toBe(400);
    expect(form.body.errors.form).toBe('不是允许的取值：paper（可选：itemised、list_attached）');
  });

  it('the import form: a mapping that is not a JSON object is refused before anything is imported', async () => {
    const fd = new FormData();
    fd.set('kind', 'customers');
    fd.set('mapping', '["单位名称"]');
    fd.set('file', new Blob(['单位名称\n甲\n'], { type: 'text/csv' }), 'c.csv');
    const res = await fetch(`${api.server.url}/api/imports`, { method: 'POST', body: fd, headers: { Cookie: api.cookie, 'Accept-Language': 'en' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'mapping: mapping must be a JSON object: header → field (or null)' });
    expect((await api.http('/imports')).headers.get('content-range')).toMatch(/\/0$/);
  });
});
