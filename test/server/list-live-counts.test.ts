/**
 * The kept live-row counts (drizzle/0020_live_counts.sql, server/db/live-counts.ts) behind an unfiltered
 * list's total must equal COUNT(*) after every kind of write: the write service's creates and voids, a ledger
 * import's bulk merge and its void, another connection's raw write, a rolled-back transaction — and a table
 * whose triggers are gone is counted again rather than read stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../schema/resources';
import { openDb, transaction, writerOf, type Db } from '../../server/db';
import { keptLiveCount } from '../../server/db/live-counts';
import { login, type TestServer } from '../helpers/app';
import { sample, startImportServer, uploadImport } from '../imports/pipeline-fixtures';
import { apiCaller, customerBody } from './api-client';

const PASSWORD = 'live-counts-pass-1';
const LEDGER = ['sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'invoice_slips', 'invoice_lines', 'special_checks', 'findings', 'import_rejects'];
let srv: TestServer;
let admin: string;
let qa: string;

const call = apiCaller(() => srv.url);

/** Every kept count against COUNT(*) of its table; returns the tables kept. */
function expectExact(db: Db): string[] {
  const reader = db.$client;
  const kept = reader.prepare('SELECT tbl, live, voided FROM row_counts ORDER BY tbl').all() as { tbl: string; live: number; voided: number }[];
  for (const k of kept) {
    const system = registry.get(k.tbl)?.system !== false;
    const actual = reader
      .prepare(
        system
          ? `SELECT count(*) - count(voided_at) AS live, count(voided_at) AS voided FROM "${k.tbl}"`
          : `SELECT count(*) AS live, 0 AS voided FROM "${k.tbl}"`,
      )
      .get() as { live: number; voided: number };
    expect({ tbl: k.tbl, ...actual }).toEqual(k);
  }
  return kept.map((k) => k.tbl);
}

/** The list's total (Content-Range) of an unfiltered first page, as react-admin asks it. */
async function listTotal(resource: string): Promise<number> {
  const r = await call(admin, 'GET', `/${resource}?range=[0,9]`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return Number(r.range!.split('/')[1]);
}
const liveRows = (table: string) => srv.db.$client.prepare(`SELECT count(*) FROM "${table}" WHERE voided_at IS NULL`).pluck().get() as number;

beforeAll(async () => {
  ({ server: srv, cookie: admin } = await startImportServer());
  const r = await call(admin, 'POST', '/users', { username: 'qa_counts', display_name: 'qa_counts', roles: ['qa'], password: PASSWORD, active: true });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  qa = await login(srv.url, 'qa_counts', PASSWORD);
}, 120_000);
afterAll(() => srv?.close());

describe('kept live-row counts', () => {
  it('are kept for every resource and exact after the master-data imports', () => {
    expect(expectExact(srv.db)).toEqual([...registry.keys()].sort());
  });

  it('follow the write service: creates and voids, and the list total is the kept count', async () => {
    const before = await listTotal('customers');
    expect(before).toBe(liveRows('customers'));
    const ids: number[] = [];
    for (const name of ['计数甲药房', '计数乙药房']) {
      const r = await call(admin, 'POST', '/customers', customerBody(name));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    expect(await listTotal('customers')).toBe(before + 2);
    const gone = await call(admin, 'DELETE', `/customers/${ids[0]}`, { reason: '测试作废' });
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect(await listTotal('customers')).toBe(before + 1);
    expect(await listTotal('customers')).toBe(liveRows('customers'));
    expect(keptLiveCount(srv.db.$client, 'customers')).toBe(before + 1);
    expectExact(srv.db);
  });

  it('follow a ledger import (the bulk merge) and its void', async () => {
    const res = await uploadImport(srv.url, admin, sample('ledger-utf8.csv'), { kind: 'sales-ledger' });
    const body = (await res.json()) as { id: number };
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(201);
    expectExact(srv.db);
    const lines = liveRows('sales_lines');
    expect(lines).toBeGreaterThan(0);
    for (const t of LEDGER) expect(await listTotal(t), t).toBe(liveRows(t));

    const voided = await call(qa, 'POST', `/imports/${body.id}/void-import`, { password: PASSWORD, comment: '导错文件' });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expectExact(srv.db);
    expect(liveRows('sales_lines')).toBe(0);
    for (const t of LEDGER) expect(await listTotal(t), t).toBe(liveRows(t));
    expect(await listTotal('audit_log')).toBe(srv.db.$client.prepare('SELECT count(*) FROM audit_log').pluck().get());
  });

  it('follow another connection’s raw writes (as a CLI import), and a rolled-back transaction leaves them alone', async () => {
    const other = new Database(srv.dbFile);
    try {
      other.pragma('busy_timeout = 5000');
      other.prepare("UPDATE customers SET voided_at = '2025-06-30T00:00:00.000Z' WHERE id = (SELECT min(id) FROM customers WHERE voided_at IS NULL)").run();
      other.prepare('UPDATE customers SET voided_at = NULL, void_reason = NULL WHERE id = (SELECT max(id) FROM customers WHERE voided_at IS NOT NULL)').run();
      other.prepare('DELETE FROM import_rejects WHERE id = (SELECT max(id) FROM import_rejects)').run();
    } finally {
      other.close();
    }
    expectExact(srv.db);
    expect(await listTotal('customers')).toBe(liveRows('customers'));
    const before = keptLiveCount(srv.db.$client, 'customers');
    await expect(
      transaction(srv.db, async () => {
        writerOf(srv.db).prepare("UPDATE customers SET voided_at = '2025-06-30T00:00:00.000Z' WHERE voided_at IS NULL").run();
        // inside the transaction the count is its own
        expect(keptLiveCount(writerOf(srv.db), 'customers')).toBe(0);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(keptLiveCount(srv.db.$client, 'customers')).toBe(before);
    expectExact(srv.db);
  });
});

describe('a table whose triggers are gone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-live-counts-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is forgotten at the next open and counted again (a later migration rebuilding the table drops them)', async () => {
    const file = path.join(dir, 'gsp.db');
    let db = openDb(file);
    writerOf(db).exec('DROP TRIGGER customers_count_void; DROP TRIGGER trainings_count_insert');
    db.$client.close();
    db = openDb(file);
    try {
      const kept = expectExact(db);
      expect(kept).not.toContain('customers');
      expect(kept).not.toContain('trainings');
      expect(kept).toContain('sales_lines');
      expect(keptLiveCount(db.$client, 'customers')).toBeUndefined();
    } finally {
      db.$client.close();
    }
  });
});
