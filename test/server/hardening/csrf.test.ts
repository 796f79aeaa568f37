/**
 * Issue 15 item 7: the CSRF guard is hono/csrf. A form-like POST (the kinds another site can send without a
 * preflight) from a foreign or malformed Origin, or marked cross-site, is refused with 403 and our message
 * (never a 500); the same origin, and clients that send no browser headers at all, pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerBody, startApi, type Api } from '../api-client';
import { sqlAll } from '../../helpers/sql';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.server.close());

const customers = async () => (await sqlAll<{ name: string }>(api.server.db, 'SELECT name FROM customers')).map((r) => r.name);

async function post(name: string, headers: Record<string, string>, contentType = 'text/plain') {
  const res = await api.http('/customers', { method: 'POST', body: JSON.stringify(customerBody(name)), headers: { 'Content-Type': contentType, ...headers } });
  return { status: res.status, body: (await res.json()) as { message?: string } };
}

describe('csrf guard (hono/csrf)', () => {
  it('a malformed or opaque Origin is a 403 with the message, not a 500 or a 400', async () => {
    for (const origin of ['http://[', '::::', 'http://a b', 'null']) {
      const r = await post(`坏来源药店${origin}`, { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(r.body.message).toBe('拒绝来自其他网站的请求');
    }
    const en = await post('坏来源药店en', { Origin: 'http://[', 'Accept-Language': 'en' });
    expect(en.status).toBe(403);
    expect(en.body.message).toBe('Request from another site refused');
    expect((await customers()).filter((n) => n.startsWith('坏来源药店'))).toEqual([]);
  });

  it('a cross-site form or multipart POST is refused', async () => {
    expect((await post('跨站药店1', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('跨站药店2', { Origin: 'http://evil.example' }, 'application/x-www-form-urlencoded')).status).toBe(403);
    expect((await post('跨站药店3', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const form = new FormData();
    form.set('file', new Blob(['名称\n甲\n']), 'c.csv');
    const upload = await api.http('/imports?kind=customers', { method: 'POST', body: form, headers: { Origin: `http://evil.example` } });
    expect(upload.status).toBe(403);
    expect((await customers()).filter((n) => n.startsWith('跨站药店'))).toEqual([]);
  });

  it('the same origin passes, and so does a client that sends no browser headers', async () => {
    const host = new URL(api.server.url).host;
    expect((await post('同源药店1', { Origin: `http://${host}` })).status).toBe(201);
    // behind a TLS proxy the Origin says https: the host is what counts
    expect((await post('同源药店2', { Origin: `https://${host}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
    expect((await post('同源药店3', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
    expect((await post('同源药店4', {}, 'application/json')).status).toBe(201);
    expect((await customers()).filter((n) => n.startsWith('同源药店')).sort()).toEqual(['同源药店1', '同源药店2', '同源药店3', '同源药店4']);
  });
});
