/**
 * The ledger import on PostgreSQL beside SQLite (issue #17 items 3 and 7): the generated 100k-row UTF-8 ledger
 * of bench/import.ts imported by the real CLI (`npm run import`) into a copy of the sample master data — once
 * into a SQLite file (--db), once into a PostgreSQL database (DATABASE_URL; the master data copied in) — each
 * in a child process. Reported: wall, the CLI's CPU, the PostgreSQL server's CPU (its postmaster's own and
 * reaped children's time plus the live children's, from /proc: needs the cluster's data directory), the load
 * average before and after, and the counts (which must be equal).
 *
 *   GSP_BENCH_PG=postgres://gsp@127.0.0.1:54342/postgres GSP_BENCH_PG_DATA=/tmp/pg-pgimport/data npx tsx bench/import-pg.ts [ROWS]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratePostgres } from '../server/migrate';
import { scratchDatabase } from '../test/helpers/pg';
import { copySqliteToPg } from '../test/imports/pg-fixtures';
import { masterDb, writeCsv } from './import';
import { OUT_DIR } from './fixture';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] ?? 100_000);
const cluster = process.env.GSP_BENCH_PG ?? process.env.GSP_TEST_PG;
if (!cluster) {
  console.error('GSP_BENCH_PG (or GSP_TEST_PG) must name a PostgreSQL cluster: .ci/pg-cluster start DIR PORT prints one');
  process.exit(2);
}

/** CPU seconds of the cluster's processes so far: the postmaster (self + reaped backends) and its live children. */
function serverCpuS(): number | null {
  const data = process.env.GSP_BENCH_PG_DATA;
  if (!data) return null;
  const pm = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const tick = 100; // USER_HZ
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
  return ticks / tick;
}

function cli(args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'imports/cli-launcher.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GSP_IMPORT_STATS: '1', GSP_IMPORT_TIMING: '1', ...env },
    maxBuffer: 1 << 24,
  });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr.slice(-2000)}`);
  const stats = JSON.parse(/GSP_IMPORT_STATS (\{.*\})/.exec(r.stderr)![1]) as { maxRssKb: number; userMs: number; sysMs: number };
  return {
    wallS,
    cpuS: (stats.userMs + stats.sysMs) / 1000,
    rssMb: stats.maxRssKb / 1024,
    phases: r.stderr.split('\n').filter((l) => /^\[import\] (phase|report| {2}merge)/.test(l)),
  };
}

const log = (s: string) => console.error(s);
fs.mkdirSync(OUT_DIR, { recursive: true });
const csv = writeCsv('utf8', rows, false, log);
const master = await masterDb(false);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-import-pg-bench-'));
const counts = (report: string) => JSON.parse(fs.readFileSync(report, 'utf8')).counts;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
try {
  const out: Record<string, unknown>[] = [];
  // SQLite
  const file = path.join(work, 'gsp.db');
  fs.copyFileSync(master, file);
  const l0 = load();
  const s = cli([csv, '--kind', 'sales-ledger', '--db', file, '--report', path.join(work, 's.json'), '--as-of', '2025-06-30'], {});
  out.push({ engine: 'sqlite', ...s, serverCpuS: 0, load: `${l0} → ${load()}`, counts: counts(path.join(work, 's.json')) });
  // PostgreSQL
  const db = await scratchDatabase(cluster, 'bench_import');
  try {
    await migratePostgres(db.url);
    await copySqliteToPg(master, db.client);
    await db.client.query('VACUUM ANALYZE');
    const c0 = serverCpuS();
    const l1 = load();
    const p = cli([csv, '--kind', 'sales-ledger', '--report', path.join(work, 'p.json'), '--as-of', '2025-06-30'], {
      DATABASE_URL: db.url,
      GSP_DATA_DIR: work,
    });
    const c1 = serverCpuS();
    out.push({
      engine: 'postgres',
      ...p,
      serverCpuS: c0 == null || c1 == null ? null : c1 - c0,
      load: `${l1} → ${load()}`,
      counts: counts(path.join(work, 'p.json')),
    });
  } finally {
    await db.drop();
  }
  for (const r of out) {
    console.log(
      `${String(r.engine).padEnd(8)} ${rows} rows: wall ${(r.wallS as number).toFixed(1)} s, CLI CPU ${(r.cpuS as number).toFixed(1)} s, server CPU ${r.serverCpuS == null ? '?' : (r.serverCpuS as number).toFixed(1)} s, peak RSS ${(r.rssMb as number).toFixed(0)} MB, load ${r.load}; ${JSON.stringify(r.counts)}`,
    );
    for (const ph of r.phases as string[]) console.log(`    ${ph}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
