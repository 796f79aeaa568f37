/**
 * Issue 12 items 14 and 15 against the real `npm start` entry (server/main.ts) in its own process:
 * - 15: what an import or backup killed mid-way left behind (staging database, upload and report temp
 *   folders, half-written copies and backups) is removed at start; what a live process owns is kept;
 * - 14: after a PDF render (headless Chromium), one SIGTERM stops the server: the port closes within 5 s
 *   and no Chromium of this server survives. Skipped, saying why, only when /usr/bin/chromium is absent.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerBody } from '../api-client';
import { freePort, portOpen, startMainProcess } from '../../helpers/ports';
import { chromiumPath } from '../../../server/documents/pdf';

const ROOT = path.resolve(__dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-proc-'));
const tmp = path.join(dir, 'tmp'); // the server's TMPDIR: its temp folders live here
const dbFile = path.join(dir, 'gsp.db');
const PASSWORD = 'process-test-password-1';
const deadPid = spawnSync('true').pid!; // a process that ran and is gone
const livePid = process.pid;

const leftovers = {
  staging: `${dbFile}.import-${deadPid}-abc0.staging`,
  stagingJournal: `${dbFile}.import-${deadPid}-abc0.staging-wal`,
  upload: path.join(tmp, `gsp-upload-${deadPid}-x1y2z3`),
  report: path.join(tmp, `gsp-report-${deadPid}-q9`),
  copy: path.join(dir, 'imports', `deadbeef.csv.${deadPid}.tmp`),
  backup: path.join(dir, 'backups', 'gsp-2025-06-30.db.partial'),
  restoring: `${dbFile}.restoring`,
};
const kept = { liveUpload: path.join(tmp, `gsp-upload-${livePid}-keep`), storedOriginal: path.join(dir, 'imports', 'cafe.csv') };

let child: ChildProcess;
let port = 0;
let log: () => string;
let killAll: (() => void) | undefined;

beforeAll(async () => {
  fs.mkdirSync(tmp, { recursive: true });
  for (const f of [...Object.values(leftovers), ...Object.values(kept)]) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    if (f.includes('gsp-upload-') || f.includes('gsp-report-')) {
      fs.mkdirSync(f, { recursive: true });
      fs.writeFileSync(path.join(f, 'upload'), 'half an upload');
    } else fs.writeFileSync(f, 'leftover');
  }
  port = await freePort();
  const main = await startMainProcess(
    ROOT,
    {
      ...process.env,
      GSP_DB: dbFile,
      PORT: String(port),
      HOST: '127.0.0.1',
      GSP_SKIP_WEB_BUILD: '1',
      GSP_DEMO: '0',
      GSP_RECHECK: '0',
      GSP_BACKUP: '0',
      GSP_ADMIN_PASSWORD: PASSWORD,
      GSP_TODAY: '2025-06-30',
      TMPDIR: tmp,
    },
    60_000,
  );
  child = main.child;
  log = main.output;
  killAll = main.kill;
}, 90_000);

afterAll(() => {
  killAll?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('item 15: leftovers of a crash are cleaned at start', () => {
  it("removes the dead process's staging database, temp folders, half copies and backups; keeps the rest", () => {
    for (const [what, f] of Object.entries(leftovers)) expect(fs.existsSync(f), what).toBe(false);
    for (const [what, f] of Object.entries(kept)) expect(fs.existsSync(f), what).toBe(true);
    expect(log()).toMatch(/removed \d+ leftover\(s\)/);
  });
});

describe('item 14: one SIGTERM stops the server after a PDF render', () => {
  const hasChromium = fs.existsSync(chromiumPath());
  if (!hasChromium) console.warn(`SKIPPED item 14: no Chromium at ${chromiumPath()} (apt-get install chromium)`);

  it.skipIf(!hasChromium)(
    'renders a PDF, then SIGTERM closes the port within 5 s and leaves no Chromium behind',
    async () => {
      const base = `http://127.0.0.1:${port}/api`;
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const created = await fetch(`${base}/customers`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(customerBody('关机测试药店')),
      });
      const c = await created.json();
      const pdf = await fetch(`${base}/workflows/documents/customer-sheet/${c.id}/pdf`, { headers: { cookie } });
      expect(
        pdf.status,
        await pdf
          .clone()
          .text()
          .catch(() => ''),
      ).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const browsers = () => spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
      const started = Date.now();
      child.kill('SIGTERM');
      while (await portOpen(port)) {
        expect(Date.now() - started, 'port still open 5 s after SIGTERM').toBeLessThan(5000);
        await new Promise((r) => setTimeout(r, 100));
      }
      const exited = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const t = setTimeout(() => resolve(null), 5000 - (Date.now() - started));
        child.once('exit', (code) => {
          clearTimeout(t);
          resolve(code);
        });
      });
      expect(exited, `the process exits within 5 s:\n${log()}`).toBe(0);
      expect(browsers()).toBe('');
    },
    60_000,
  );
});
