/** PostgreSQL databases for the importer's tests: a scratch database migrated with drizzle-pg/, opened as the app opens it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineOf, openPgDb, type Db } from '../../server/db';
import { RECOUNT_LIVE_ROWS } from '../../server/db/pg-live-counts';
import { migratePostgres } from '../../server/migrate';
import { admin, scratchDatabase, withDatabase, type ScratchDatabase } from '../helpers/pg';

export interface PgImportDb {
  db: Db;
  scratch: ScratchDatabase;
  /** GSP_DATA_DIR for this database's files (stored originals, reports) */
  dataDir: string;
  /** closes the app's connections and gives its files back (the database stays: e.g. a template to copy) */
  closeConnections(): Promise<void>;
  /** closeConnections(), then drops the database */
  close(): Promise<void>;
}

// test files share a worker's process (vitest isolate: false): GSP_DATA_DIR goes back to what it was when the
// last open scratch closes, in whatever order several were opened and closed
let open = 0;
let dataDirBefore: string | undefined;

/** Opens `scratch` as the app does, its files under a temp GSP_DATA_DIR (set for the test process). */
export function openScratch(scratch: ScratchDatabase): PgImportDb {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-pg-import-'));
  if (open++ === 0) dataDirBefore = process.env.GSP_DATA_DIR;
  process.env.GSP_DATA_DIR = dataDir;
  const db = openPgDb(scratch.url);
  let closed = false;
  const closeConnections = async () => {
    if (closed) return;
    closed = true;
    await engineOf(db).close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (--open === 0) {
      if (dataDirBefore === undefined) delete process.env.GSP_DATA_DIR;
      else process.env.GSP_DATA_DIR = dataDirBefore;
    }
  };
  return {
    db,
    scratch,
    dataDir,
    closeConnections,
    async close() {
      await closeConnections();
      await scratch.drop();
    },
  };
}

export async function migratedPgDb(url: string, label: string): Promise<PgImportDb> {
  const scratch = await scratchDatabase(url, label);
  await migratePostgres(scratch.url);
  return openScratch(scratch);
}

/**
 * A migrated PostgreSQL database holding `sqliteFile`'s master data (copySqliteToPg), with nobody connected: a
 * template for copyPgDatabase.
 */
export async function pgMasterTemplate(url: string, label: string, sqliteFile: string): Promise<PgImportDb> {
  const template = await migratedPgDb(url, label);
  await copySqliteToPg(sqliteFile, template.scratch.client);
  await template.closeConnections();
  await template.scratch.client.end();
  return template;
}

/** A copy of a database (CREATE DATABASE … TEMPLATE: nobody may be connected to the template meanwhile). */
export async function copyPgDatabase(url: string, template: string, label: string): Promise<ScratchDatabase> {
  const scratch = await scratchDatabase(url, label);
  await scratch.client.end();
  await admin(url, async (c) => {
    await c.query(`DROP DATABASE "${scratch.name}"`);
    await c.query(`CREATE DATABASE "${scratch.name}" TEMPLATE "${template}"`);
  });
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: withDatabase(url, scratch.name) });
  await client.connect();
  return {
    ...scratch,
    client,
    drop: async () => {
      await client.end();
      await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch.name}" WITH (FORCE)`));
    },
  };
}

/**
 * Copies every row of a SQLite database into a migrated PostgreSQL one (booleans from 1/0, JSON as its text,
 * the identity sequences moved past the ids): the same master data and audit chain on both engines, for tests
 * of the ledger import while master files cannot yet be imported on PostgreSQL (the write service's
 * synchronous look-ups, e.g. records.ts findRow, are ported by the PostgreSQL app work).
 */
export async function copySqliteToPg(sqliteFile: string, client: import('pg').Client): Promise<void> {
  const Database = (await import('better-sqlite3')).default;
  const { getTableConfig } = await import('drizzle-orm/pg-core');
  const { pgTables } = await import('../../schema/pg/tables');
  const src = new Database(sqliteFile, { readonly: true });
  // any table order: the foreign keys (triggers) are not checked meanwhile (the cluster's role is a superuser)
  await client.query('SET session_replication_role = replica');
  try {
    for (const [name, table] of pgTables) {
      const exists = src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
      if (!exists) continue;
      const cols = getTableConfig(table).columns;
      const rows = src.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all() as Array<Record<string, unknown>>;
      for (const r of rows) {
        const present = cols.filter((c) => c.name in r);
        const values = present.map((c) => (c.getSQLType() === 'boolean' && r[c.name] != null ? !!r[c.name] : r[c.name]));
        await client.query(
          `INSERT INTO "${name}" (${present.map((c) => `"${c.name}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${present.map((_, i) => `$${i + 1}`).join(', ')})`,
          values,
        );
      }
      if (rows.length && cols.some((c) => c.name === 'id'))
        await client.query(`SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), (SELECT max(id) FROM "${name}"))`);
    }
    await client.query(RECOUNT_LIVE_ROWS); // the live-row count triggers did not fire either
  } finally {
    src.close();
    await client.query('RESET session_replication_role');
  }
}
