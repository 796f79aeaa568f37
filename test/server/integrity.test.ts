/** Tamper evidence, lockout and backups, against real databases (the pg project: PostgreSQL; the backups: SQLite files). */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, pgUrlOf } from '../../server/db';
import { verifyAuditChain } from '../../server/services/audit';
import { backupTo, integrityCheck, restoreFrom } from '../../server/services/backup';
import { ADMIN_PASSWORD, login, startTestServer, testOnPg, type TestServer } from '../helpers/app';
import { admin as pgAdmin } from '../helpers/pg';
import { sqlRun } from '../helpers/sql';

let srv: TestServer;
let admin: string;
const api = async (cookie: string, method: string, p: string, body?: unknown) => {
  const res = await fetch(`${srv.url}/api${p}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  srv = await startTestServer();
  admin = await login(srv.url);
  for (let i = 0; i < 5; i++) await api(admin, 'POST', '/salespeople', { name: `销售员${i}`, id_no: '420106197809223553' });
});
afterAll(() => srv.close());

/** What a superuser could do with a connection of their own: drop a trigger, then change the table. */
async function behindTheTriggers(dropTrigger: string, change: string) {
  if (testOnPg()) {
    await pgAdmin(pgUrlOf(srv.db)!, (c) => c.query(`${dropTrigger.replace(/(audit_log_no_\w+)$/, '$1 ON audit_log')}; ${change}`));
    return;
  }
  const raw = new Database(srv.dbFile);
  raw.exec(dropTrigger);
  raw.exec(change);
  raw.close();
}

describe('audit trail', () => {
  it('refuses UPDATE and DELETE through SQL', async () => {
    // in a write transaction (the read connection refuses any write before the triggers could)
    await expect(sqlRun(srv.db, "UPDATE audit_log SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(sqlRun(srv.db, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('detects a row altered behind the triggers and reports it on the admin endpoint', async () => {
    const before = await api(admin, 'GET', '/system/audit-verify');
    expect(before.body).toMatchObject({ intact: true, breaks: [] });
    expect(before.body.rows).toBeGreaterThanOrEqual(6);
    await behindTheTriggers('DROP TRIGGER audit_log_no_update', "UPDATE audit_log SET reason = '篡改' WHERE id = 3");
    const { breaks } = await verifyAuditChain(srv.db);
    expect(breaks).toEqual([{ id: 3, problem: 'hash' }]);
    expect((await api(admin, 'GET', '/system/audit-verify')).body.intact).toBe(false);
  });

  it('detects a deleted row by the broken link of the next one', async () => {
    await behindTheTriggers('DROP TRIGGER IF EXISTS audit_log_no_delete', 'DELETE FROM audit_log WHERE id = 5');
    expect((await verifyAuditChain(srv.db)).breaks).toContainEqual({ id: 6, problem: 'prev_hash' });
  });

  it('ignores an actor and time sent by the client', async () => {
    const r = await api(admin, 'POST', '/trainings', {
      salesperson: 1,
      date: '2025-06-01',
      topic: 'GSP',
      created_by: 99,
      created_at: '2000-01-01T00:00:00Z',
      at: '2000-01-01',
    });
    expect(r.status).toBe(201);
    expect(r.body.created_by).toBe(1);
    expect(r.body.created_at.startsWith('2025-06-30')).toBe(true);
  });
});

describe('sign-in lockout', () => {
  it('locks the account after 10 wrong passwords, even for the right one', async () => {
    await api(admin, 'POST', '/users', { username: 'finance1', display_name: '财务', roles: ['finance'], password: 'finance-password-1', active: true });
    const attempt = (password: string) =>
      fetch(`${srv.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'finance1', password }),
      });
    for (let i = 0; i < 9; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const tenth = await attempt('wrong-password');
    expect(tenth.status).toBe(401);
    expect((await tenth.json()).message).toMatch(/已锁定/);
    const right = await attempt('finance-password-1');
    expect(right.status).toBe(401);
    expect((await right.json()).message).toMatch(/已锁定/);
    expect(
      (
        await fetch(`${srv.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
        })
      ).status,
    ).toBe(200);
  });
});

// The online backup of the SQLite file and its restore; PostgreSQL's (pg_dump, pg_restore): test/server/cli/pg-ops.test.ts.
describe.skipIf(testOnPg())('backup and restore', () => {
  it('takes an online backup during a concurrent write load; the restore has every committed record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-backup-'));
    const acknowledged: number[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 400; i++) {
        const r = await api(admin, 'POST', '/trainings', { salesperson: 1, date: '2025-06-02', topic: `负载 ${i}` });
        if (r.status === 201) acknowledged.push(r.body.id);
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const out = path.join(dir, 'backup.db');
    await backupTo(srv.db, out);
    const ackedAtBackupEnd = acknowledged.length;
    writing = false;
    await writer;
    expect(ackedAtBackupEnd).toBeGreaterThan(0);
    expect(integrityCheck(out)).toBe('ok');

    const target = path.join(dir, 'restored.db');
    await restoreFrom(out, target);
    const restored = openDb(target);
    const ids = new Set((await restored.$client.prepare('SELECT id FROM trainings').pluck().all()) as number[]);
    // Every write acknowledged before the backup finished is in it.
    for (const id of acknowledged.slice(0, ackedAtBackupEnd)) expect(ids.has(id)).toBe(true);
    expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to restore over a database in use', async () => {
    await expect(restoreFrom(srv.dbFile, srv.dbFile)).rejects.toThrow();
  });
});
