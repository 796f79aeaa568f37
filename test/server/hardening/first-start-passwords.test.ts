/**
 * Issue 13 item 8 against the real `npm start` entry (server/main.ts), first start with demo data and no
 * GSP_ADMIN_PASSWORD: the generated admin and demo passwords are printed and filed as one-time passwords, and
 * every such account must change its password at its first sign-in (the API refuses anything else).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../helpers/app';
import { freePort, startMainProcess } from '../../helpers/ports';

const ROOT = path.resolve(__dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-first-'));
let main: Awaited<ReturnType<typeof startMainProcess>>;
let url = '';

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GSP_DB: path.join(dir, 'gsp.db'),
    PORT: String(port),
    HOST: '127.0.0.1',
    GSP_SKIP_WEB_BUILD: '1',
    GSP_RECHECK: '0',
    GSP_BACKUP: '0',
    GSP_TODAY: '2025-06-30',
  };
  delete env.GSP_ADMIN_PASSWORD;
  delete env.GSP_DEMO;
  main = await startMainProcess(ROOT, env, 120_000);
}, 150_000);

afterAll(() => {
  main?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('first start: generated passwords must be changed at first sign-in', () => {
  it('says so on the console and in first-login.txt, and the admin and every demo user are held to it', async () => {
    expect(main.output()).toContain('首次登录时必须修改密码 / each password must be changed at its first sign-in');
    const file = fs.readFileSync(path.join(dir, 'first-login.txt'), 'utf8');
    expect(file).toContain('每个账号首次登录时必须修改密码');
    const creds = file
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/));
    expect(creds.map(([, username]) => username)).toEqual(expect.arrayContaining(['admin', 'qa1', 'sales1', 'auditor1']));
    for (const [role, username, password] of creds) {
      const cookie = await login(url, username, password);
      const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } }).then((r) => r.json());
      expect(me.must_change_password, `${role} ${username}`).toBe(true);
      const list = await fetch(`${url}/api/customers`, { headers: { cookie } });
      expect(list.status, `${role} ${username}`).toBe(403);
    }
    // the admin changes theirs and gets to work
    const [, admin, password] = creds.find(([, u]) => u === 'admin')!;
    const cookie = await login(url, admin, password);
    const changed = await fetch(`${url}/api/auth/password`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ current_password: password, password: 'the-admins-own-password-1' }),
    });
    expect(changed.status).toBe(200);
    expect((await fetch(`${url}/api/customers`, { headers: { cookie } })).status).toBe(200);
  }, 60_000);
});
