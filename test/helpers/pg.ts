/**
 * PostgreSQL for the tests: the cluster GSP_TEST_PG names (postgres://role@host:port/db, a role that may create
 * databases and roles) and a scratch database per test file, dropped after it. CI sets GSP_TEST_PG (.ci/run
 * starts a cluster with .ci/pg-cluster) and CI=1: there a missing cluster fails the file. On a developer
 * machine without it the PostgreSQL tests are skipped, and the reason is printed.
 */
import pg from 'pg';

/** The cluster's URL; undefined (with the reason printed) when there is none on a developer machine. */
export function testPgUrl(label: string): string | undefined {
  const url = process.env.GSP_TEST_PG;
  if (url) return url;
  if (process.env.CI) throw new Error('GSP_TEST_PG is not set: CI must run the PostgreSQL tests (.ci/run starts a cluster)');
  console.warn(`${label}: PostgreSQL tests skipped — GSP_TEST_PG is not set (README "Tests")`);
  return undefined;
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** a client connected to it as the cluster's role */
  client: pg.Client;
  drop(): Promise<void>;
}

/** `url` with another database (and, given, another user and password). */
export function withDatabase(url: string, database: string, user?: { name: string; password: string }): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user.name;
    u.password = user.password;
  }
  return u.toString();
}

/** Runs `run` on a connection of its own to `url`. */
export async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** A fresh, empty database named after the test (unique per run), and its dropping. */
export async function scratchDatabase(url: string, label: string, opts: { owner?: string } = {}): Promise<ScratchDatabase> {
  const stem = label
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()
    .slice(0, 30);
  const name = `gsp_t_${stem}_${process.pid}_${Date.now().toString(36)}`;
  await admin(url, (c) => c.query(`CREATE DATABASE "${name}"${opts.owner ? ` OWNER "${opts.owner}"` : ''}`));
  const dbUrl = withDatabase(url, name);
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  return {
    name,
    url: dbUrl,
    client,
    drop: async () => {
      await client.end();
      await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
