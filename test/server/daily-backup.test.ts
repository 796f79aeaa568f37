/**
 * The daily backup the server schedules (server/main.ts, services/backup.ts dailyBackup) on the engine under
 * test: SQLite's online backup (`gsp-<day>.db`), on PostgreSQL pg_dump's custom format (`gsp-<day>.dump`) —
 * once a day, the newest `keep` kept; a half-written one is a leftover the next start removes. (The scans beside a
 * backup: test/server/integrity.test.ts and cli/pg-ops.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/bootstrap';
import { fixedDayClock } from '../../server/clock';
import { dailyBackup } from '../../server/services/backup';
import { cleanLeftovers } from '../../server/services/leftovers';
import { testOnPg } from '../helpers/app';
import { engineDb, type EngineDb } from '../helpers/engine-db';

const day = (n: number) => new Date(Date.parse('2025-06-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

describe('the daily backup', () => {
  let e: EngineDb;
  let dir: string;
  const ext = () => (testOnPg() ? 'dump' : 'db');
  beforeAll(async () => {
    e = await engineDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-daily-backup-'));
    const clock = fixedDayClock(day(0));
    await createAdmin(e.db, clock, 'daily-backup-admin-1');
  });
  afterAll(async () => {
    await e?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`writes one backup a day that holds the database (SQLite: gsp-<day>.db; PostgreSQL: pg_dump -Fc, gsp-<day>.dump)`, async () => {
    const out = await dailyBackup(e.db, dir, day(0));
    expect(out).toBe(path.join(dir, `gsp-${day(0)}.${ext()}`));
    // the same day again: nothing written
    expect(await dailyBackup(e.db, dir, day(0))).toBeNull();
    if (testOnPg()) {
      const list = spawnSync('pg_restore', ['--list', out!], { encoding: 'utf8' });
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/TABLE DATA public users /);
      expect(list.stdout).toMatch(/TABLE DATA public audit_log /);
      // a custom-format archive (pg_dump -Fc): its magic bytes
      expect(fs.readFileSync(out!).subarray(0, 5).toString()).toBe('PGDMP');
    } else {
      // read from a copy: opening the backup itself would leave its -shm beside it
      const file = path.join(e.dir, 'read.db');
      fs.copyFileSync(out!, file);
      const copy = new Database(file, { readonly: true });
      expect((copy.prepare('SELECT username FROM users').all() as { username: string }[]).map((u) => u.username)).toEqual(['admin']);
      copy.close();
    }
  });

  it('keeps the newest `keep` and leaves the other engine’s files alone', async () => {
    const other = path.join(dir, `gsp-2020-01-01.${testOnPg() ? 'db' : 'dump'}`);
    fs.writeFileSync(other, 'not ours');
    for (let n = 1; n <= 4; n++) await dailyBackup(e.db, dir, day(n), 3);
    const kept = fs.readdirSync(dir).filter((f) => f.endsWith(`.${ext()}`));
    expect(kept.sort()).toEqual([day(2), day(3), day(4)].map((d) => `gsp-${d}.${ext()}`));
    expect(fs.readdirSync(dir).filter((f) => f.includes(day(0)) || f.includes(day(1)))).toEqual([]);
    expect(fs.existsSync(other)).toBe(true);
  });

  it('a backup killed half-way is removed at the next start', async () => {
    const half = path.join(dir, `gsp-${day(9)}.${ext()}.partial`);
    fs.writeFileSync(half, 'half');
    fs.mkdirSync(path.join(dir, `gsp-${day(9)}.${ext()}.attachments.partial`));
    expect(cleanLeftovers(e.db, dir).sort()).toEqual([half, `${half.replace(/\.partial$/, '')}.attachments.partial`].sort());
    expect(fs.readdirSync(dir).filter((f) => f.includes(day(9)))).toEqual([]);
  });
});
