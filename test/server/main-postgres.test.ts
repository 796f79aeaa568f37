/**
 * `npm start` on PostgreSQL (issue #17): the real entry (server/main.ts) in its own process with DATABASE_URL
 * set — it migrates the empty database, creates the admin through the write service, names the engine and the
 * database (never the password) in its start-up line, serves the API on that database (a write, its audit row,
 * the chain verified), and one SIGTERM closes the port, ends its pool and exits 0; a second start finds the
 * database migrated and the admin there. Skipped, saying why, without a cluster (GSP_TEST_PG).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerBody } from './api-client';
import { freePort, portOpen, startMainProcess } from '../helpers/ports';
import { type ScratchDatabase, scratchDatabase, testPgUrl } from '../helpers/pg';

const ROOT = path.resolve(__dirname, '../..');
const cluster = testPgUrl('main-postgres');
const PASSWORD = 'pg-main-admin-password-1';
/** in the URL only: the throwaway cluster trusts local connections, so the start-up line must not show it */
const SECRET = 'url-secret-never-printed';

let scratch: ScratchDatabase;
let dir: string;

/** Starts main.ts on the scratch database; `stop()` sends SIGTERM and answers the exit code and how long it took. */
async function startMain() {
  const port = await freePort();
  const url = new URL(scratch.url);
  url.password = SECRET;
  const main = await startMainProcess(
    ROOT,
    {
      ...process.env,
      DATABASE_URL: url.toString(),
      GSP_DB: path.join(dir, 'data', 'gsp.db'),
      PORT: String(port),
      HOST: '127.0.0.1',
      GSP_SKIP_WEB_BUILD: '1',
      GSP_DEMO: '0',
      GSP_RECHECK: '0',
      GSP_ADMIN_PASSWORD: PASSWORD,
      GSP_TODAY: '2025-06-30',
    },
    90_000,
  );
  const stop = async (child: ChildProcess = main.child) => {
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (c) => resolve(c));
    });
    return { code, ms: Date.now() - started, portOpen: await portOpen(port) };
  };
  return { ...main, port, stop };
}

describe.skipIf(!cluster)('npm start with DATABASE_URL', () => {
  beforeAll(async () => {
    scratch = await scratchDatabase(cluster!, 'main_pg');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-main-pg-'));
  });
  afterAll(async () => {
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, names the database without its password, writes through the API with its audit row, stops on SIGTERM; a restart finds it migrated', async () => {
    const first = await startMain();
    const where = `postgresql gsp@${new URL(cluster!).host}/${scratch.name}`;
    expect(first.output()).toContain(`已迁移 / migrated: ${where} (+`);
    expect(first.output()).toContain(`(数据库 ${where}, 今天 = 2025-06-30)`);
    expect(first.output()).not.toContain(SECRET);

    const base = `http://127.0.0.1:${first.port}/api`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const created = await fetch(`${base}/customers`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(customerBody('上线测试药房')),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const customer = await created.json();
    // the row and its audit row are in PostgreSQL, and the chain verifies
    const stored = await scratch.client.query('SELECT name FROM customers WHERE id = $1', [customer.id]);
    expect(stored.rows).toEqual([{ name: '上线测试药房' }]);
    const audit = await scratch.client.query("SELECT action FROM audit_log WHERE resource = 'customers' AND record_id = $1", [customer.id]);
    expect(audit.rows).toEqual([{ action: 'create' }]);
    const verify = await (await fetch(`${base}/system/audit-verify`, { headers: { cookie } })).json();
    expect(verify).toMatchObject({ intact: true, breaks: [] });
    expect(verify.rows).toBeGreaterThan(2);

    const stopped = await first.stop();
    expect(stopped, first.output()).toMatchObject({ code: 0, portOpen: false });
    expect(stopped.ms).toBeLessThan(5000);
    // the pool ended: no connection of the server is left on the database (ours is the one)
    const others = await scratch.client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [scratch.name]);
    expect(others.rows[0].n).toBe(0);

    const second = await startMain();
    expect(second.output()).not.toContain('已迁移');
    expect((await scratch.client.query('SELECT username FROM users')).rows).toEqual([{ username: 'admin' }]);
    expect((await second.stop()).code).toBe(0);
  }, 240_000);
});
