/**
 * A database on the engine under test, for files that build their own (not through startTestServer): a SQLite
 * file in a temp directory, or — in the pg project (GSP_TEST_ENGINE=pg) — a scratch PostgreSQL database copied
 * from the worker's migrated template. A built database is kept as a template (`keep`) and copied for each test
 * that needs it as it stands: a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL (a few ms either
 * way, instead of building it again through the services).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineOf, openDb, openPgDb, writerOf, type Db } from '../../server/db';
import { migratedPgTemplate, migratedTemplate, pgCluster, testOnPg } from './app';
import { admin, withDatabase } from './pg';

/** A kept database to copy: a SQLite file, or a PostgreSQL database nobody is connected to. */
export type DbTemplate = { engine: 'sqlite'; file: string } | { engine: 'pg'; name: string };

export interface EngineDb {
  db: Db;
  /** the temp directory (the app's files beside the database) */
  dir: string;
  /** the SQLite file, or the PostgreSQL URL: what the server and the re-check thread open */
  target: string;
  /** closes the connections and opens the database again (a restart) */
  reopen(): Promise<Db>;
  /** closes the connections and keeps the database as a template for copies (dropped by dropTemplate) */
  keep(): Promise<DbTemplate>;
  close(): Promise<void>;
}

const stem = `gsp_e${process.pid}_${Date.now().toString(36)}`;
let made = 0;

const open = (target: string, dir: string): Db => (testOnPg() ? openPgDb(target, { filesBeside: path.join(dir, 'gsp.db') }) : openDb(target));

/** A new database on the engine under test: migrated and empty, or a copy of `from`. */
export async function engineDb(from?: DbTemplate): Promise<EngineDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-engine-db-'));
  let target: string;
  let name: string | undefined;
  if (testOnPg()) {
    if (from && from.engine !== 'pg') throw new Error('a SQLite template on the pg project');
    const cluster = pgCluster();
    name = `${stem}_${++made}`;
    const template = from?.name ?? (await migratedPgTemplate());
    await admin(cluster, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    target = withDatabase(cluster, name);
  } else {
    if (from && from.engine !== 'sqlite') throw new Error('a PostgreSQL template on the SQLite project');
    target = path.join(dir, 'gsp.db');
    fs.copyFileSync(from?.file ?? migratedTemplate(), target);
  }
  let db = open(target, dir);
  let closed = false;
  const closeConnections = async () => {
    if (closed) return;
    closed = true;
    if (!testOnPg()) writerOf(db).pragma('wal_checkpoint(TRUNCATE)');
    await engineOf(db).close();
  };
  const handle: EngineDb = {
    get db() {
      return db;
    },
    dir,
    target,
    async reopen() {
      await closeConnections();
      closed = false;
      db = open(target, dir);
      return db;
    },
    async keep() {
      await closeConnections();
      if (name) return { engine: 'pg', name };
      // the file outlives the directory's other uses: move it beside nothing else
      const kept = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-engine-tpl-'));
      const file = path.join(kept, 'gsp.db');
      fs.copyFileSync(target, file);
      fs.rmSync(dir, { recursive: true, force: true });
      return { engine: 'sqlite', file };
    },
    async close() {
      await closeConnections();
      if (name) await admin(pgCluster(), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Drops a kept database. */
export async function dropTemplate(t: DbTemplate | undefined): Promise<void> {
  if (!t) return;
  if (t.engine === 'pg') await admin(pgCluster(), (c) => c.query(`DROP DATABASE IF EXISTS "${t.name}" WITH (FORCE)`));
  else fs.rmSync(path.dirname(t.file), { recursive: true, force: true });
}
