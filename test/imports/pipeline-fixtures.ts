/** Shared set-up of the pipeline tests: a temp database, the sample master data, table snapshots. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedDayClock } from '../../server/clock';
import { openDb, writerOf, type Db } from '../../server/db';
import { SYSTEM_ACTOR } from '../../server/services/context';
import { runImport } from '../../imports/run/pipeline';
import type { ImportOptions } from '../../imports/run/types';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { SAMPLES_DIR } from '../helpers/shared';
import { sqlValue } from '../helpers/sql';

export const EXPECTED = JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, 'expected.json'), 'utf8')) as {
  asOf: string;
  master: Array<{ file: string; kind: string; rows: number }>;
  ledgers: Record<string, { dataRows: number; clean: number[]; rejected: number[]; planted: Record<string, { rules: string[] }> }>;
};
export const sample = (name: string) => path.join(SAMPLES_DIR, name);

export interface TempDb {
  db: Db;
  dir: string;
  file: string;
  close(): void;
}

export function tempDb(from?: string): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-import-test-'));
  const file = path.join(dir, 'gsp.db');
  if (from) fs.copyFileSync(from, file);
  const db = openDb(file);
  return {
    db,
    dir,
    file,
    close() {
      if (db.$client.open) db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function importFile(db: Db, file: string, kind: string, extra: Partial<ImportOptions> = {}) {
  return runImport({ db, file, kind, clock: fixedDayClock(EXPECTED.asOf), actor: SYSTEM_ACTOR, ...extra });
}

export async function importMaster(db: Db) {
  const reports = [];
  for (const m of EXPECTED.master) reports.push((await importFile(db, sample(m.file), m.kind)).report);
  return reports;
}

/** The real server on the samples' date with their master data imported, and the admin's session cookie. */
export async function startImportServer(): Promise<{ server: TestServer; cookie: string }> {
  const server = await startTestServer({ today: EXPECTED.asOf });
  await importMaster(server.db);
  return { server, cookie: await login(server.url) };
}

/** A database file with the sample master data, built once per test file and copied by each test. */
export async function masterDbFile(): Promise<string> {
  const t = tempDb();
  await importMaster(t.db);
  writerOf(t.db).pragma('wal_checkpoint(TRUNCATE)');
  t.db.$client.close();
  return t.file;
}

const TABLES = [
  'customers',
  'customer_licenses',
  'customer_agents',
  'salespeople',
  'authorizations',
  'products',
  'batches',
  'contracts',
  'sales_orders',
  'sales_lines',
  'outbound_slips',
  'invoices',
  'invoice_slips',
  'invoice_lines',
  'special_checks',
  'findings',
  'imports',
  'import_rejects',
  'audit_log',
];

/** Row counts of every table an import writes, and the newest audit hash. */
export async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = await sqlValue(db, `SELECT count(*) AS n FROM "${t}"`);
  out.lastAudit = (await sqlValue<string | undefined>(db, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')) ?? null;
  return out;
}

export const count = (db: Db, sql: string, ...args: unknown[]) => sqlValue(db, sql, ...args);

/**
 * The kept live counts (row_counts) that differ from their table's rows, as `table: kept ≠ actual` — none
 * expected (a first load's merge sets the count triggers aside and counts each table at its end:
 * server/services/bulk/merge-triggers.ts). Plain better-sqlite3: also for a file no Db has open.
 */
export function keptCountsOff(sqlite: import('better-sqlite3').Database): string[] {
  const kept = sqlite.prepare('SELECT tbl, live, voided FROM row_counts ORDER BY tbl').all() as Array<{ tbl: string; live: number; voided: number }>;
  const voidable = sqlite.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'voided_at'");
  return kept.flatMap((k) => {
    const a = sqlite
      .prepare(
        voidable.get(k.tbl)
          ? `SELECT count(*) - count(voided_at) AS live, count(voided_at) AS voided FROM "${k.tbl}"`
          : `SELECT count(*) AS live, 0 AS voided FROM "${k.tbl}"`,
      )
      .get() as { live: number; voided: number };
    return a.live === k.live && a.voided === k.voided ? [] : [`${k.tbl}: ${k.live}/${k.voided} ≠ ${a.live}/${a.voided}`];
  });
}

/** The database's triggers (name and statement), to compare before and after. */
export const triggerList = (sqlite: import('better-sqlite3').Database) =>
  sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as Array<{ name: string; sql: string }>;

/** Files beside the database that an import left (staging files). */
export const leftovers = (t: TempDb) => fs.readdirSync(t.dir).filter((f) => f.includes('.import-'));

/** POST /api/imports as a browser would (multipart: the file and the wizard's text fields). */
export function uploadImport(
  url: string,
  cookie: string,
  file: string | { name: string; bytes: Uint8Array | Buffer },
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const fd = new FormData();
  const [name, bytes] = typeof file === 'string' ? [path.basename(file), fs.readFileSync(file)] : [file.name, file.bytes];
  fd.append('file', new Blob([new Uint8Array(bytes)]), name);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fetch(`${url}/api/imports`, { method: 'POST', headers: { Cookie: cookie, ...headers }, body: fd });
}
