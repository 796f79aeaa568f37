/**
 * Issue 13 item 7, the server side: the built console's assets are sent pre-compressed (the build's .br or
 * .gz, by Accept-Encoding) with a year's Cache-Control (their names carry a content hash); index.html is
 * revalidated; and the first page's JS stays small (the console loads after sign-in).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app';
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
