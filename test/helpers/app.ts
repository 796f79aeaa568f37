/**
 * Builds the real app on a temporary SQLite file, listening on a random loopback port — or, with
 * GSP_TEST_ENGINE=pg (and GSP_TEST_PG, the cluster: test/helpers/pg.ts), on a scratch PostgreSQL database made
 * from a migrated template, the app's files in the temporary directory as on SQLite.
 */
import { serve, type ServerType } from '@hono/node-server';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import type { BusyRetryOptions } from '../../server/http/busy-retry';
import { createAdmin } from '../../server/bootstrap';
import { fixedDayClock, type Clock } from '../../server/clock';
import { engineOf, openDb, openPgDb, type Db } from '../../server/db';
import { migratePostgres } from '../../server/migrate';
import { admin, withDatabase } from './pg';

export const ADMIN_PASSWORD = 'test-admin-password-1';

export interface TestServer {
  db: Db;
  clock: Clock;
  dbFile: string;
  /** what a second connection opens (the re-check thread): the SQLite file, or the PostgreSQL database's URL */
  dbTarget: string;
  url: string;
  close(): Promise<void>;
}

let migrated: string | undefined;
/**
 * An empty database with every migration applied, made once per worker process (its files run one after another)
 * and copied for each test database: migrating one costs ~0.1 s (more under load), copying it a few ms.
 */
export function migratedTemplate(): string {
  if (!migrated) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-template-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'migrated.db');
    openDb(file).$client.close();
    migrated = file;
  }
  return migrated;
}

/** Whether the app under test runs on PostgreSQL (GSP_TEST_ENGINE=pg; the vitest project "pg" sets it). Read per call: a worker may run files of both projects. */
export const testOnPg = () => process.env.GSP_TEST_ENGINE === 'pg';

let pgTemplate: Promise<string> | undefined;
let pgDatabases = 0;
const pgStem = `gsp_t${process.pid}_${Date.now().toString(36)}`;
/** The cluster GSP_TEST_PG names: required with GSP_TEST_ENGINE=pg. */
export function pgCluster(): string {
  const url = process.env.GSP_TEST_PG;
  if (!url) throw new Error('GSP_TEST_ENGINE=pg needs GSP_TEST_PG (a cluster URL: .ci/pg-cluster start DIR PORT prints it)');
  return url;
}

/**
 * A PostgreSQL database with drizzle-pg/ applied, made once per worker process and copied (CREATE DATABASE …
 * TEMPLATE, ~50 ms) for each test server; the template stays in the throwaway test cluster.
 */
export function migratedPgTemplate(): Promise<string> {
  pgTemplate ??= (async () => {
    const cluster = pgCluster();
    const name = `${pgStem}_tpl`;
    await admin(cluster, (c) => c.query(`CREATE DATABASE "${name}"`));
    await migratePostgres(withDatabase(cluster, name));
    return name;
  })();
  return pgTemplate;
}

/** A fresh migrated PostgreSQL database for one test server; `drop` removes it. */
async function scratchPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const cluster = pgCluster();
  const template = await migratedPgTemplate();
  const name = `${pgStem}_${++pgDatabases}`;
  await admin(cluster, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: withDatabase(cluster, name),
    drop: () => admin(cluster, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * The port this worker's servers for the browser tests listen on, one after another: the browser pages a worker keeps
 * between its files (test/e2e/browser.ts) load each next file's app from the same origin, from their cache and in
 * their renderer process. Taken meanwhile by something else: a port of its own (a new origin, loaded cold).
 */
let webPort = 0;

function listen(app: ReturnType<typeof createApp>, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
}

/**
 * Starts the app on a new database in a temporary directory: a copy of the migrated template with the admin
 * (ADMIN_PASSWORD) created, or with `from` a copy of that database as it is (its users, admin included).
 */
export async function startTestServer(opts: { today?: string; webDist?: string; busy?: BusyRetryOptions; from?: string } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-test-'));
  const dbFile = path.join(dir, 'gsp.db');
  const clock = fixedDayClock(opts.today ?? '2025-06-30');
  let db: Db;
  let drop = async () => {};
  let dbTarget = dbFile;
  if (testOnPg()) {
    if (opts.from) throw new Error('startTestServer({ from }) copies a SQLite file: not on PostgreSQL');
    const scratch = await scratchPgDatabase();
    db = openPgDb(scratch.url, { filesBeside: dbFile });
    dbTarget = scratch.url;
    drop = scratch.drop;
  } else {
    fs.copyFileSync(opts.from ?? migratedTemplate(), dbFile);
    db = openDb(dbFile);
  }
  if (!opts.from) await createAdmin(db, clock, ADMIN_PASSWORD);
  const app = createApp({
    db,
    clock,
    webDist: opts.webDist,
    busy: opts.busy,
    onInternalError: process.env.GSP_TEST_LOG_500 ? (e) => console.error(e) : () => {},
  });
  const server = (opts.webDist && webPort && (await listen(app, webPort).catch(() => undefined))) || (await listen(app, 0));
  const { port } = server.address() as AddressInfo;
  if (opts.webDist) webPort = port;
  return {
    db,
    clock,
    dbFile,
    dbTarget,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // the browser pages kept for the next file (test/e2e/browser.ts) still hold their connections, some opened
      // ahead of a request (Chromium's preconnects) that close() would wait for until the headers timeout (60 s)
      if (opts.webDist) (server as Server).closeAllConnections();
      await closed;
      await engineOf(db).close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in and returns the session cookie header value. */
export async function login(url: string, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}
