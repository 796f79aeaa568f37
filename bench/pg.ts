/**
 * PostgreSQL beside SQLite in the benches (issue #17 item 7): which cluster, the list fixture copied into it,
 * and the CPU its server processes spend.
 *
 * The cluster: GSP_BENCH_PG (a URL whose role may create databases), else — when Debian's postgresql binaries
 * are installed — a throwaway cluster the bench starts itself with .ci/pg-cluster (as .ci/run does for the
 * tests; in bench/out/pg, port GSP_BENCH_PG_PORT or 54339) and stops at the end. GSP_BENCH_PG=off: SQLite only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { pgTables } from '../schema/pg/tables';
import { RECOUNT_LIVE_ROWS } from '../server/db/pg-live-counts';
import { migratePostgres, migratePostgresIfNeeded } from '../server/migrate';
import { OUT_DIR, type FixtureInfo } from './fixture';
import { admin as withClient, withDatabase as databaseUrl } from '../test/helpers/pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchCluster {
  /** postgres://… of the cluster's maintenance database */
  url: string;
  /** the cluster's data directory when known (the server's CPU is read from /proc through postmaster.pid) */
  dataDir?: string;
  /** how it was found, for the notes */
  origin: string;
  stop(): void;
}

let cluster: Promise<BenchCluster | null> | undefined;

/** The cluster the benches compare against, started once per run; null: SQLite only (and why, logged). */
export function benchCluster(log: (s: string) => void): Promise<BenchCluster | null> {
  cluster ??= (async () => {
    const given = process.env.GSP_BENCH_PG;
    if (given === 'off' || given === '0') return null;
    if (given) return { url: given, dataDir: process.env.GSP_BENCH_PG_DATA, origin: 'GSP_BENCH_PG', stop: () => {} };
    const bin = fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').length > 0;
    if (!bin) {
      log('PostgreSQL: no GSP_BENCH_PG and no /usr/lib/postgresql/*/bin — SQLite only (apt-get install postgresql, or set GSP_BENCH_PG)');
      return null;
    }
    const dir = path.join(OUT_DIR, 'pg');
    const port = process.env.GSP_BENCH_PG_PORT ?? '54339';
    const script = path.join(ROOT, '.ci/pg-cluster');
    const url = execFileSync(script, ['start', dir, port], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    log(`PostgreSQL: started a throwaway cluster in ${path.relative(process.cwd(), dir)} (${url})`);
    return {
      url,
      dataDir: path.join(dir, 'data'),
      origin: `.ci/pg-cluster in ${path.relative(ROOT, dir)}`,
      stop: () => execFileSync(script, ['stop', dir], { stdio: 'ignore' }),
    };
  })();
  return cluster;
}

/** Stops a cluster the bench started (one named by GSP_BENCH_PG is left alone). */
export async function stopBenchCluster(): Promise<void> {
  const c = await cluster;
  c?.stop();
}

/** A new, migrated database `name` of the cluster at `clusterUrl` (one left by an earlier run is dropped first). */
export async function freshDatabase(clusterUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const dropIt = (a: pg.Client) => a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await withClient(clusterUrl, async (a) => {
    await dropIt(a);
    await a.query(`CREATE DATABASE "${name}"`);
  });
  const url = databaseUrl(clusterUrl, name);
  await migratePostgres(url);
  return { url, drop: async () => void (await withClient(clusterUrl, dropIt)) };
}

/** CPU seconds the cluster's processes have used so far (postmaster: own + reaped backends; live backends), or null. */
export function serverCpuS(c: BenchCluster | null): number | null {
  if (!c?.dataDir) return null;
  let pm: number;
  try {
    pm = Number(fs.readFileSync(path.join(c.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null; // another user's data directory
  }
  const stat = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const own = stat(pm);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = stat(Number(p));
      if (Number(s[1]) === pm) ticks += Number(s[11]) + Number(s[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100; // USER_HZ
}

/** CPU seconds the given server processes have used (utime + stime; processes gone count nothing). */
export function backendCpuS(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(s[11]) + Number(s[12]);
    } catch {
      /* gone, or not readable */
    }
  }
  return ticks / 100; // USER_HZ
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyValue = (v: unknown, bool: boolean) =>
  v === null || v === undefined ? '\\N' : bool ? (v ? 't' : 'f') : typeof v === 'string' ? v.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]) : String(v);

function* copyText(src: Database.Database, table: string, cols: string[], bools: boolean[]): Generator<string> {
  const stmt = src.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).raw(true);
  let chunk = '';
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    chunk += `${row.map((v, i) => copyValue(v, bools[i])).join('\t')}\n`;
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * The list fixture (bench/fixture.ts's SQLite file) in a database of the cluster: the same rows, ids
 * included, through the real PostgreSQL migrations and COPY; then VACUUM ANALYZE (what autovacuum does after a
 * bulk load: statistics, and the visibility map index-only scans need). Reused while the database's comment
 * carries the fixture's stamp; a load cut short leaves no stamp, so the next run loads afresh.
 */
export async function ensurePgFixture(c: BenchCluster, fx: FixtureInfo, log: (s: string) => void): Promise<{ url: string; seconds: number; reused: boolean }> {
  const name = `gsp_bench_${path.basename(fx.file, '.db').replace(/[^a-z0-9]+/gi, '_')}`;
  const url = databaseUrl(c.url, name);
  const stamp = `${fx.stamp}:${fx.adminPassword.slice(0, 8)}`;
  const existing = await withClient(c.url, async (a) => {
    const r = await a.query("SELECT shobj_description(oid, 'pg_database') AS stamp FROM pg_database WHERE datname = $1", [name]);
    return r.rows[0] as { stamp: string | null } | undefined;
  });
  if (existing?.stamp === stamp) {
    // migrations added since, as openDb() does for the SQLite file; then their indexes' statistics (autovacuum's)
    if (await migratePostgresIfNeeded(url)) await withClient(url, (a) => a.query('ANALYZE'));
    log(`PostgreSQL fixture: reusing database ${name}`);
    return { url, seconds: 0, reused: true };
  }
  const t0 = performance.now();
  log(`PostgreSQL fixture: loading ${path.basename(fx.file)} into database ${name} (COPY) …`);
  await freshDatabase(c.url, name);
  const src = new Database(fx.file, { readonly: true });
  try {
    await withClient(url, async (client) => {
      await client.query('BEGIN');
      // the rows are consistent already (ids copied as they are): no FK trigger per row (the role is the cluster's superuser)
      await client.query('SET LOCAL session_replication_role = replica');
      for (const [table, def] of pgTables) {
        if (!src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) continue;
        const have = new Set((src.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name));
        const cols = getTableConfig(def).columns.filter((col) => have.has(col.name));
        if (!(src.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get() as unknown)) continue;
        const names = cols.map((col) => col.name);
        const stream = client.query(copyFrom(`COPY "${table}" (${names.map((n) => `"${n}"`).join(', ')}) FROM STDIN`));
        await pipeline(
          Readable.from(
            copyText(
              src,
              table,
              names,
              cols.map((col) => col.getSQLType() === 'boolean'),
            ),
          ),
          stream,
        );
        if (cols.some((col) => col.name === 'id' && /int/.test(col.getSQLType())))
          await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
      }
      await client.query(RECOUNT_LIVE_ROWS); // the count triggers did not fire
      await client.query('COMMIT');
      await client.query('VACUUM ANALYZE');
    });
  } finally {
    src.close();
  }
  await withClient(c.url, (a) => a.query(`COMMENT ON DATABASE "${name}" IS '${stamp.replace(/'/g, "''")}'`));
  const seconds = (performance.now() - t0) / 1000;
  log(`PostgreSQL fixture: loaded in ${seconds.toFixed(1)} s`);
  return { url, seconds, reused: false };
}
