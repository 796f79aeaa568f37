/**
 * Issue 13 item 7, the server side: the built console's assets are sent pre-compressed (the build's .br or
 * .gz, by Accept-Encoding) with a year's Cache-Control (their names carry a content hash); index.html is
 * revalidated; and the first page's JS stays small (the console loads after sign-in).
 * Item 1: a signed-in index.html carries the boot data (user, registry, time zone) and preloads the
 * console's chunks (server/http/web-app.ts); a signed-out one neither.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, login, startTestServer, type TestServer } from '../helpers/app';
import { ensureWebDist } from '../e2e/global-setup';

let server: TestServer;
let dist: string;
let entry: string;

beforeAll(async () => {
  dist = await ensureWebDist();
  server = await startTestServer({ webDist: dist });
  entry = /src="\/assets\/([^"]+\.js)"/.exec(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'))![1];
}, 180_000);
afterAll(() => server.close());

const get = (p: string, encoding: string) => fetch(server.url + p, { headers: { 'accept-encoding': encoding } });

describe('the built console', () => {
  it('sends brotli or gzip as the browser accepts, the same bytes as the file, cached for a year', async () => {
    const plain = fs.readFileSync(path.join(dist, 'assets', entry));
    const br = await get(`/assets/${entry}`, 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    // fetch decodes the body: the bytes are the file's
    expect(Buffer.from(await br.arrayBuffer()).equals(plain)).toBe(true);
    expect(Number(br.headers.get('content-length'))).toBe(fs.statSync(path.join(dist, 'assets', `${entry}.br`)).size);
    const gz = await get(`/assets/${entry}`, 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gz.arrayBuffer()).equals(plain)).toBe(true);
    expect(Number(gz.headers.get('content-length'))).toBe(fs.statSync(path.join(dist, 'assets', `${entry}.gz`)).size);
    const none = await get(`/assets/${entry}`, 'identity');
    expect(none.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await none.arrayBuffer()).equals(plain)).toBe(true);
  });

  it('revalidates index.html', async () => {
    const res = await get('/', 'br');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain(entry);
  });

  it("keeps the first page's JS at most 250 KB gzipped", () => {
    const gz = fs.statSync(path.join(dist, 'assets', `${entry}.gz`)).size;
    const src = fs.readFileSync(path.join(dist, 'assets', entry), 'utf8');
    // the entry imports no other chunk statically (everything else loads on demand)
    expect(src).not.toMatch(/(?:^|[;\n])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/[^"']+\.js["']/);
    expect(gz).toBeLessThanOrEqual(250 * 1024);
  });
});

const bootOf = (html: string) => {
  const m = /<script type="application\/json" id="gsp-boot">(.*?)<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : undefined;
};
const page = (p: string, cookie: string, encoding = 'identity') => fetch(server.url + p, { headers: { cookie, 'accept-encoding': encoding } });

describe('a signed-in index.html', () => {
  let cookie: string;
  beforeAll(async () => {
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    // a salesperson (no administration rights), with markup in the name
    const res = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sales9', display_name: '王</script><b>五', roles: ['sales'], password: 'Sales-pass-2024!', active: true }),
    });
    expect(res.status, await res.text()).toBe(201);
    const zone = await fetch(`${server.url}/api/settings`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'businessTimeZone', value: 'Asia/Urumqi', description: '业务时区' }),
    });
    expect(zone.status, await zone.text()).toBe(201);
    cookie = await login(server.url, 'sales9', 'Sales-pass-2024!');
  });

  it('carries the user as /api/auth/me answers, the registry as /api/meta, and the business time zone', async () => {
    const res = await page('/', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    // the markup in the name stays inside the JSON: the block is closed only by its own tag
    expect(html.match(/<\/script>/g)?.length).toBe(html.match(/<script/g)?.length);
    const boot = bootOf(html);
    const me = await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json();
    expect(boot.user).toEqual(me);
    expect(boot.user.display_name).toBe('王</script><b>五');
    const meta = await (await fetch(`${server.url}/api/meta`, { headers: { cookie } })).json();
    expect(boot.meta).toEqual(meta);
    expect(boot.timeZone).toBe('Asia/Urumqi');
    // the same page at a client-side route
    expect(bootOf(await (await page('/customers', cookie)).text())?.user.username).toBe('sales9');
  });

  it("preloads the console's chunks, which exist", async () => {
    const html = await (await page('/', cookie)).text();
    const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/(assets\/[^"]+\.js)">/g)].map((m) => m[1]);
    const app = preloads.find((f) => /\/App-[^/]+\.js$/.test(f));
    expect(app, html).toBeDefined();
    expect(preloads.some((f) => /\/screens-[^/]+\.js$/.test(f))).toBe(true);
    for (const f of preloads) expect(fs.existsSync(path.join(dist, f)), f).toBe(true);
    expect(preloads).not.toContain(`assets/${entry}`);
  });

  it('is compressed as the browser accepts', async () => {
    const plain = await (await page('/', cookie)).text();
    for (const encoding of ['br', 'gzip']) {
      const res = await page('/', cookie, encoding);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(bootOf(await res.text())).toEqual(bootOf(plain));
    }
  });

  it('is the plain page without a session, or with one that ended', async () => {
    const signedOut = await (await get('/', 'identity')).text();
    expect(bootOf(signedOut)).toBeUndefined();
    expect(signedOut).not.toContain('modulepreload');
    const ended = await login(server.url, 'sales9', 'Sales-pass-2024!');
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: ended } });
    expect(bootOf(await (await page('/', ended)).text())).toBeUndefined();
  });

  it('leaves out the registry while the password must be changed first', async () => {
    const admin = await login(server.url, 'admin', ADMIN_PASSWORD);
    const id = (await (await fetch(`${server.url}/api/users?filter=${encodeURIComponent('{"username":"sales9"}')}`, { headers: { cookie: admin } })).json())[0];
    const res = await fetch(`${server.url}/api/users/${id.id}`, {
      method: 'PUT',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ must_change_password: true, version: id.version }),
    });
    expect(res.status, await res.text()).toBe(200);
    const boot = bootOf(await (await page('/', cookie)).text());
    expect(boot.user.must_change_password).toBe(true);
    expect(boot.meta).toBeUndefined();
  });
});
