/**
 * Issue 13 item 9, the console as a service: `npm start` runs the compiled server bundle (server/launcher.mjs
 * → build/server-…/server.js), its worker threads run from the bundle too, and one SIGTERM to the npm process
 * stops it: the port closes within 5 s, npm exits 0, the database passes PRAGMA integrity_check. (npm hands a
 * signal to its child, the shell; a shell that did not exec node died and left the server answering.)
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLimits } from '../../imports/readers/limits';
import type { SheetJob, SheetMessage } from '../../imports/readers/sheet-protocol';
import { freePort, portOpen } from '../helpers/ports';
import { REPO_ROOT } from '../helpers/shared';
import { sample } from '../imports/pipeline-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-service-'));
const dbFile = path.join(dir, 'gsp.db');
const PASSWORD = 'service-test-password-1';
let npm: ChildProcess;
let serverPid = 0; // the node process under npm (under a shell that did not exec it, a grandchild)
let port = 0;
let log = '';

const args = (pid: number) => spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
const children = (pid: number) =>
  spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
const descendants = (pid: number): number[] => children(pid).flatMap((c) => [c, ...descendants(c)]);

const waitFor = async (what: RegExp, ms: number) => {
  const deadline = Date.now() + ms;
  while (!what.test(log)) {
    if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`no ${what} in the server's output:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  port = await freePort();
  npm = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    // the re-check on (it starts 5 s after start, in its worker thread): the bundle's worker must be found
    env: {
      ...process.env,
      GSP_DB: dbFile,
      PORT: String(port),
      HOST: '127.0.0.1',
      GSP_SKIP_WEB_BUILD: '1',
      GSP_DEMO: '0',
      GSP_BACKUP: '0',
      GSP_ADMIN_PASSWORD: PASSWORD,
      GSP_TODAY: '2025-06-30',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  npm.stdout!.on('data', (d) => {
    log += d;
  });
  npm.stderr!.on('data', (d) => {
    log += d;
  });
  await waitFor(/GSP Console:/, 90_000); // the first start after a change builds the bundle
  serverPid = descendants(npm.pid!).find((pid) => /^node .*server\/launcher\.mjs/.test(args(pid))) ?? 0;
}, 120_000);

afterAll(() => {
  if (npm.exitCode === null) npm.kill('SIGKILL');
  if (serverPid && args(serverPid).includes('server/launcher.mjs')) process.kill(serverPid, 'SIGKILL'); // left answering: a failed test
  fs.rmSync(dir, { recursive: true, force: true });
});

const bundleDir = () => path.join(REPO_ROOT, 'build', (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'build/server.json'), 'utf8')) as { dir: string }).dir);

describe('npm start runs the compiled server', () => {
  it('the process under npm is node on the launcher, not tsx', () => {
    expect(children(npm.pid!)).toEqual([serverPid]); // no shell between npm and node: npm's signals reach it
    expect(args(serverPid)).toMatch(/^node .*server\/launcher\.mjs$/);
    expect(fs.existsSync(path.join(bundleDir(), 'server.js'))).toBe(true);
  });

  it("runs the rule re-check in the bundle's worker thread (recheck-worker.js beside it)", async () => {
    await waitFor(/规则复核 \/ rule re-check|规则复核失败/, 30_000);
    expect(log).not.toContain('rule re-check failed');
    expect(log).toMatch(/rule re-check 2025-06-30 \(full\): done/);
  }, 40_000);

  it("the bundle's XLSX reader thread (sheet-worker.js beside it) reads a ledger", async () => {
    const job: SheetJob = { file: sample('ledger.xlsx'), sheet: 0, limits: resolveLimits(), batchRows: 1000, window: 1000 };
    const worker = new Worker(path.join(bundleDir(), 'sheet-worker.js'), { workerData: { job } });
    let rows = 0;
    const end = await new Promise<SheetMessage>((resolve, reject) => {
      worker.on('message', (m: SheetMessage) => (m.t === 'rows' ? (rows += m.rows.length) : resolve(m)));
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(end).toEqual({ t: 'end' });
    expect(rows).toBeGreaterThan(100);
  });
});

describe('one SIGTERM to npm stops the server', () => {
  it('after a write: the port closes within 5 s, npm exits 0, the database is intact', async () => {
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const started = Date.now();
    npm.kill('SIGTERM');
    while (await portOpen(port)) {
      expect(Date.now() - started, `port still open 5 s after SIGTERM:\n${log}`).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 100));
    }
    const code = await new Promise<number | null>((resolve) => {
      if (npm.exitCode !== null) return resolve(npm.exitCode);
      const t = setTimeout(() => resolve(null), Math.max(0, 5000 - (Date.now() - started)));
      npm.once('exit', (c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
    expect(code, log).toBe(0);
    expect(log).toContain('SIGTERM: stopping');
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(((await db.prepare('SELECT count(*) AS n FROM sessions').get()) as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  }, 20_000);
});
