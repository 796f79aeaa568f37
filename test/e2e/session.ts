/**
 * Shared set-up of the browser tests: the real server (in-process, temp SQLite) with web/dist, a
 * GSP-compliant world (test/helpers/world.ts), users created through the API per role, and a signed-in
 * Chromium page per user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { buildWorld, type World } from '../helpers/world';
import { ensureWebDist } from './global-setup';
import { launchChromium } from './browser';

export const ARTIFACTS = path.join(path.dirname(new URL(import.meta.url).pathname), 'artifacts');
export const STEP = 15_000;
export const PASSWORD = 'e2e-password-2025';

export interface Session {
  server: TestServer;
  world: World;
  browser: Browser;
  /** admin's session cookie, for set-up through the API */
  cookie: string;
  api<T = any>(method: string, url: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** the same as another user (signed in through the API once per user): records created are theirs */
  apiAs<T = any>(username: string, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }>;
  /** creates a user (password PASSWORD) through the API and returns its id */
  user(username: string, display_name: string, roles: string[], extra?: Record<string, unknown>): Promise<number>;
  /** a new page signed in as this user */
  signIn(username: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startSession(today = '2025-06-30'): Promise<Session> {
  const webDist = await ensureWebDist();
  const server = await startTestServer({ webDist, today });
  const world = await buildWorld(server.db, server.clock);
  const cookie = await login(server.url);
  const call = async (asCookie: string, method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { 'content-type': 'application/json', cookie: asCookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  const api = (method: string, url: string, body?: unknown) => call(cookie, method, url, body);
  const cookies = new Map<string, Promise<string>>();
  const apiAs = async (username: string, method: string, url: string, body?: unknown) => {
    if (!cookies.has(username)) cookies.set(username, login(server.url, username, PASSWORD));
    return cookies.get(username)!.then((c) => call(c, method, url, body));
  };
  const browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    server,
    world,
    browser,
    cookie,
    api,
    apiAs,
    async user(username, display_name, roles, extra = {}) {
      const res = await api('POST', '/api/users', { username, display_name, roles, password: PASSWORD, active: true, ...extra });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.id;
    },
    async signIn(username) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      page.setDefaultTimeout(STEP);
      await page.goto(`${server.url}/`);
      await page.fill('input[name="username"]', username);
      await page.fill('input[name="password"]', PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('dashboard').waitFor();
      return page;
    },
    async close() {
      await browser?.close();
      await server?.close();
    },
  };
}

// vitest's expect has no Playwright matchers: poll the page instead.
export const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP });
export const textOf = (locator: ReturnType<Page['locator']>) => () =>
  locator
    .first()
    .innerText()
    .catch(() => '');
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
