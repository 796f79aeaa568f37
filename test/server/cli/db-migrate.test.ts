/**
 * `npm run db:migrate` (server/cli/db-migrate.ts): migrates the database the console would open — PostgreSQL
 * when DATABASE_URL is set, which wins over GSP_DB, else the SQLite file — names the engine and database in
 * one line, and applies only what is new on a second run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase, testPgUrl, type ScratchDatabase } from '../../helpers/pg';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-migrate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function migrate(env: Record<string, string>) {
  const { GSP_DB: _db, DATABASE_URL: _url, ...rest } = process.env;
  return spawnSync(TSX, [path.join(ROOT, 'server/cli/db-migrate.ts')], { cwd: dir, env: { ...rest, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run db:migrate on SQLite', () => {
  const file = path.join(dir, 'data', 'gsp.db');

  it('creates and migrates the GSP_DB file, naming it', () => {
    const r = migrate({ GSP_DB: file });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`已迁移 / migrated: sqlite ${file}`);
    const db = new Database(file, { readonly: true });
    expect((db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_log_no_%'`).get() as { n: number }).n).toBe(2);
    db.close();
  });

  it('runs again with nothing new to apply', () => {
    const r = migrate({ GSP_DB: file });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('migrated: sqlite');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL (exit 2, the reason in both languages)', () => {
    const r = migrate({ DATABASE_URL: 'mysql://root@localhost/gsp', GSP_DB: file });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('环境变量 DATABASE_URL');
    expect(r.stderr).toContain('must be a PostgreSQL URL');
  });
});

const pgUrl = testPgUrl('db-migrate');

describe.skipIf(!pgUrl)('npm run db:migrate on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase(pgUrl!, 'db-migrate');
  });
  afterAll(() => scratch?.drop());

  it('DATABASE_URL wins over GSP_DB: the PostgreSQL database is migrated, no SQLite file is made', async () => {
    const file = path.join(dir, 'unused.db');
    const r = migrate({ DATABASE_URL: scratch.url, GSP_DB: file });
    expect(r.status, r.stderr).toBe(0);
    const u = new URL(scratch.url);
    expect(r.stdout.trim()).toBe(`已迁移 / migrated: postgresql ${u.username}@${u.host}/${scratch.name}`);
    expect(fs.existsSync(file)).toBe(false);
    const { rows } = await scratch.client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(rows[0].n).toBeGreaterThan(40);
  });

  it('runs again with nothing new to apply, and never prints a password', async () => {
    const before = (await scratch.client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n;
    const withPassword = new URL(scratch.url);
    withPassword.password = 's3cret-not-needed';
    const r = migrate({ DATABASE_URL: withPassword.toString() });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect((await scratch.client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n).toBe(before);
    expect(before).toBe(fs.readdirSync(path.join(ROOT, 'drizzle-pg')).filter((f) => f.endsWith('.sql')).length);
  });
});
