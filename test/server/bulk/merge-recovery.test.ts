/**
 * The ledger merge in short transactions (server/services/bulk/ledger-merge.ts) and what makes that safe:
 * a CLI import killed in the middle of its merge — in WAL, another connection holding the file open, as
 * beside a running server — leaves a `running` import with part of its records; while its process could
 * still be running, its records refuse edits (409) and nothing removes them; once that process is gone, the
 * next opening of the database removes every record of it, builds the indexes it had dropped again, puts
 * the count triggers it had set aside back with the tables counted again (what someone else wrote meanwhile
 * included) and deletes its imports row: the database is as before the import, integrity intact.
 */
import { writerOf } from '../../../server/db';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { fixedDayClock } from '../../../server/clock';
import { openDb } from '../../../server/db';
import { ServiceError } from '../../../server/errors';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { updateRecord } from '../../../server/services/write';
import { REPO_ROOT } from '../../helpers/shared';
import { SAMPLE_ROW, writeLedger } from '../../imports/generated-ledger';
import { EXPECTED, keptCountsOff, masterDbFile, tempDb, triggerList, type TempDb } from '../../imports/pipeline-fixtures';

const CLI = path.join(REPO_ROOT, 'imports/cli-launcher.mjs');
const ROWS = 6000;
const TABLES = ['imports', 'sales_orders', 'sales_lines', 'outbound_slips', 'invoices', 'invoice_slips', 'invoice_lines', 'findings', 'audit_log'];

let t: TempDb;
let ledger: string;
let before: Record<string, number>;
let indexesBefore: string[];
let triggersBefore: ReturnType<typeof triggerList>;
let partial: { id: number; counts: string };

const counts = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((x) => [x, (db.prepare(`SELECT count(*) AS n FROM "${x}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
};
const indexes = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

beforeAll(async () => {
  t = tempDb(await masterDbFile());
  ledger = path.join(t.dir, 'ledger.csv');
  writeLedger(ledger, ROWS, (i) => SAMPLE_ROW[i % 2 ? 19 : 23]);
  before = counts(t.file);
  indexesBefore = indexes(t.db.$client);
  triggersBefore = triggerList(t.db.$client);
  // t.db stays open: the CLI cannot leave WAL, as beside a server
  const child = spawn(process.execPath, [CLI, ledger, '--kind', 'sales-ledger', '--db', t.file, '--as-of', EXPECTED.asOf], {
    cwd: REPO_ROOT,
    // many small transactions, and the indexes dropped for the merge (rebuilt at its end)
    env: { ...process.env, GSP_IMPORT_MERGE_CHUNK_MS: '10', GSP_IMPORT_MERGE_PAUSE_MS: '20', GSP_IMPORT_REBUILD_MIN_ROWS: '1000' },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  // kill once the merge has committed some sales lines of its import
  const seen = t.db.$client.prepare(
    "SELECT i.id, i.counts FROM imports i WHERE i.status = 'running' AND (SELECT count(*) FROM sales_lines l WHERE l.import_id = i.id) > 0",
  );
  for (let i = 0; i < 2400 && !(partial = seen.get() as typeof partial); i++) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGKILL');
  await exited;
  expect(partial, 'the merge was caught part-way').toBeTruthy();
}, 180_000);
afterAll(() => t?.close());

describe('a ledger merge killed part-way (WAL, another connection open)', () => {
  it('left part of its records and the indexes it dropped missing: what the recovery has to undo', () => {
    const now = counts(t.file);
    expect(now.imports).toBe(before.imports + 1);
    expect(now.sales_lines).toBeGreaterThan(before.sales_lines);
    expect(now.audit_log).toBe(before.audit_log); // the import's audit row comes with its last transaction only
    const marker = JSON.parse(partial.counts).merging;
    expect(marker.indexes.length).toBeGreaterThan(0);
    expect(indexes(t.db.$client).length).toBeLessThan(indexesBefore.length);
    expect(marker.triggers).toContain(triggersBefore.find((x) => x.name === 'sales_lines_count_insert')!.sql);
    expect(triggerList(t.db.$client).map((x) => x.name)).not.toContain('sales_lines_count_insert');
  });

  it('an order someone else writes meanwhile, its count trigger set aside, is counted once the triggers are back', () => {
    const w = writerOf(t.db);
    const customer = w.prepare('SELECT id FROM customers ORDER BY id LIMIT 1').pluck().get();
    w.prepare("INSERT INTO sales_orders (order_no, customer, sale_date) VALUES ('SO-MEANWHILE', ?, '2025-06-30')").run(customer);
    before.sales_orders++;
  });

  it('while its process could still be running: nothing removes it, and its records refuse edits (409)', async () => {
    // the marker rewritten to name this process: a merge under way here
    const boot = Math.round((Date.now() - process.uptime() * 1000) / 1000) * 1000;
    writerOf(t.db)
      .prepare("UPDATE imports SET counts = json_set(counts, '$.merging.pid', ?, '$.merging.boot', ?) WHERE id = ?")
      .run(process.pid, boot, partial.id);
    const db = openDb(t.file);
    try {
      expect(counts(t.file).imports).toBe(before.imports + 1);
      const order = db.$client.prepare('SELECT id, version FROM sales_orders WHERE import_id = ? LIMIT 1').get(partial.id) as { id: number; version: number };
      const ctx = { db, clock: fixedDayClock(EXPECTED.asOf), actor: SYSTEM_ACTOR, lang: 'zh' as const };
      let err: unknown;
      try {
        await updateRecord(ctx, registry.get('sales_orders')!, order.id, { version: order.version, remark: '导入中修改' }, { reason: '测试' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ServiceError);
      expect((err as ServiceError).status).toBe(409);
      expect((err as Error).message).toContain(`导入 #${partial.id}`);
    } finally {
      db.$client.close();
    }
    writerOf(t.db).prepare('UPDATE imports SET counts = ? WHERE id = ?').run(partial.counts, partial.id); // the killed CLI's marker again
  });

  it('once its process is gone, the next opening removes it whole: records, imports row, indexes back, integrity ok', () => {
    const db = openDb(t.file);
    try {
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.$client.pragma('foreign_key_check')).toEqual([]);
      expect(indexes(db.$client)).toEqual(indexesBefore);
      expect(triggerList(db.$client)).toEqual(triggersBefore);
      expect(keptCountsOff(db.$client)).toEqual([]);
      expect(db.$client.prepare('SELECT count(*) FROM imports WHERE id = ?').pluck().get(partial.id)).toBe(0);
    } finally {
      db.$client.close();
    }
    expect(counts(t.file)).toEqual(before);
  });

  it('the same import then runs whole, in many short transactions, each reported', () => {
    const r = spawn(process.execPath, [CLI, ledger, '--kind', 'sales-ledger', '--db', t.file, '--as-of', EXPECTED.asOf], {
      cwd: REPO_ROOT,
      env: { ...process.env, GSP_IMPORT_TIMING: '1', GSP_IMPORT_MERGE_CHUNK_MS: '50', GSP_IMPORT_REBUILD_MIN_ROWS: '1000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    r.stderr.on('data', (d) => (err += d));
    return new Promise<void>((resolve) =>
      r.on('exit', (code) => {
        expect(code, err.slice(-1000)).toBe(0);
        const m = /writer-blocking time: max (\d+) ms, total (\d+) ms in (\d+) transactions \(WAL[^)]*\)/.exec(err);
        expect(m, err.slice(-1000)).not.toBeNull();
        expect(Number(m![3])).toBeGreaterThan(10);
        expect(Number(m![1])).toBeLessThan(2000);
        const now = counts(t.file);
        expect(now.sales_lines - before.sales_lines).toBe(ROWS);
        expect(now.audit_log - before.audit_log).toBe(1); // one audit row for the whole import
        expect(fs.existsSync(`${t.file}-journal`)).toBe(false);
        const db = new Database(t.file, { readonly: true });
        try {
          expect(keptCountsOff(db)).toEqual([]);
          expect(triggerList(db)).toEqual(triggersBefore);
        } finally {
          db.close();
        }
        resolve();
      }),
    );
  }, 120_000);
});
