/**
 * Operations on PostgreSQL (issue #17 item 5), through the commands the README's runbook gives, with
 * DATABASE_URL set: `npm run backup` (pg_dump --format=custom, the scans beside it), `npm run restore`
 * (refused while the database is in use; pg_restore in one transaction, the scans back in the store),
 * `npm run audit:verify` (intact after an import; a row changed behind the triggers' back — as the superuser,
 * triggers disabled — is reported, exit 3); without the PostgreSQL client tools the backup is refused (exit 2).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentsDir, putBytes, storedFile } from '../../../server/services/attachments/store';
import { testPgUrl } from '../../helpers/pg';
import { REPO_ROOT } from '../../helpers/shared';
import { importFile, masterDbFile, sample } from '../../imports/pipeline-fixtures';
import { copySqliteToPg, migratedPgDb, type PgImportDb } from '../../imports/pg-fixtures';

const url = testPgUrl('pg-ops');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');

describe.skipIf(!url)('backup, restore and audit:verify on PostgreSQL', () => {
  let p: PgImportDb;
  let master: string;
  let work: string;
  const cli = (script: string, args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(TSX, [path.join(REPO_ROOT, 'server/cli', script), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: p.scratch.url, GSP_DATA_DIR: p.dataDir, GSP_DB: '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const n = async (table: string) => Number((await p.scratch.client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-pg-ops-'));
    master = await masterDbFile();
    p = await migratedPgDb(url!, 'pg_ops');
    await copySqliteToPg(master, p.scratch.client);
    await importFile(p.db, sample('ledger-utf8.csv'), 'sales-ledger');
  }, 120_000);
  afterAll(async () => {
    await p?.scratch.client.end().catch(() => {});
    await p?.close();
    if (master) fs.rmSync(path.dirname(master), { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('audit:verify: the chain written on PostgreSQL verifies (exit 0)', () => {
    const r = cli('audit-verify.ts', []);
    expect(r.out).toMatch(/audit chain intact: \d+ rows \(postgresql gsp@/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('backup → change → restore gives back the backed-up data and scans; refused while the database is in use', async () => {
    // a scan in the store and its row (the attachment service writes both; here directly)
    const bytes = Buffer.from(`scan ${Date.now()}`);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    putBytes(attachmentsDir(p.db), bytes, sha);
    await p.scratch.client.query(
      `INSERT INTO attachments (version, created_at, updated_at, resource, record_id, kind, file_name, mime, size, sha256)
       VALUES (1, '2025-06-30T00:00:00.000Z', '2025-06-30T00:00:00.000Z', 'sales_orders', 1, 'licence_scan', 'a.pdf', 'application/pdf', $1, $2)`,
      [bytes.length, sha],
    );
    const dump = path.join(work, 'gsp.dump');
    const b = cli('backup.ts', [dump]);
    expect(b.out, b.out).toContain('backup written');
    expect(b.code).toBe(0);
    expect(fs.existsSync(storedFile(`${dump}.attachments`, sha))).toBe(true);
    const before = { orders: await n('sales_orders'), lines: await n('sales_lines'), audit: await n('audit_log'), imports: await n('imports') };
    // more data after the backup
    await importFile(p.db, sample('ledger-gbk.csv'), 'sales-ledger', { force: true });
    expect(await n('imports')).toBe(before.imports + 1);
    fs.rmSync(storedFile(attachmentsDir(p.db), sha));
    // the test's own connection is open: refused, nothing touched
    const busy = cli('restore.ts', [dump]);
    expect(busy.out).toContain('the database is in use');
    expect(busy.code).toBe(2);
    expect(await n('imports')).toBe(before.imports + 1);
    await p.scratch.client.end();
    await p.closeConnections();
    const r = cli('restore.ts', [dump]);
    expect(r.out, r.out).toContain('restored');
    expect(r.code).toBe(0);
    const pg = await import('pg');
    p.scratch.client = new pg.default.Client({ connectionString: p.scratch.url });
    await p.scratch.client.connect();
    expect({ orders: await n('sales_orders'), lines: await n('sales_lines'), audit: await n('audit_log'), imports: await n('imports') }).toEqual(before);
    expect(fs.existsSync(storedFile(path.join(p.dataDir, 'attachments'), sha))).toBe(true);
    expect(cli('audit-verify.ts', []).code).toBe(0);
    // the restored append-only triggers still refuse
    await expect(p.scratch.client.query("UPDATE audit_log SET reason = 'x' WHERE id = 1")).rejects.toThrow(/append-only/);
  }, 180_000);

  it('audit:verify reports a row changed behind the triggers (superuser) with exit 3', async () => {
    const c = p.scratch.client;
    const id = Number((await c.query('SELECT max(id) AS id FROM audit_log')).rows[0].id) - 1;
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await c.query("UPDATE audit_log SET reason = 'tampered' WHERE id = $1", [id]);
    await c.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const r = cli('audit-verify.ts', []);
    expect(r.out).toContain('audit chain BROKEN: 1 problem(s)');
    expect(r.out).toContain(`row ${id}: 内容与哈希不符 / content does not match its hash`);
    expect(r.code).toBe(3);
  }, 60_000);

  it('without the PostgreSQL client tools the backup is refused, saying what to install (exit 2)', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-no-pg-'));
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    try {
      const r = cli('backup.ts', [path.join(work, 'x.dump')], { PATH: bin });
      expect(r.out).toContain('pg_dump not found: install the PostgreSQL client tools');
      expect(r.code).toBe(2);
      expect(fs.existsSync(path.join(work, 'x.dump'))).toBe(false);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  }, 60_000);
});
