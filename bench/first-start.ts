/**
 * The first start with demo data (issue #17): migrate an empty database, create the admin, seed the demo through
 * the write service — what `npm start` does on first start, without the web build and the server — on SQLite and
 * on PostgreSQL, timed (wall, this process's CPU, and on PostgreSQL the server's backends' CPU when they are this
 * user's processes), with the round trips counted (PostgreSQL: every query the pg driver sends, grouped by text).
 *
 *   npx tsx bench/first-start.ts sqlite
 *   GSP_PGDATA=/tmp/pg-x/data npx tsx bench/first-start.ts pg postgres://gsp@127.0.0.1:54365/postgres [--top 25]
 * (GSP_PGDATA: the cluster's data directory, to read its CPU; leave it out for a cluster of another user)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAdmin } from '../server/bootstrap';
import { fixedDayClock } from '../server/clock';
import { closeDb, engineOf, openDb, openPgDb, type Db } from '../server/db';
import { freshDatabase } from './pg';
import { seedDemo } from '../server/seed/demo';
import { verifyAuditChain } from '../server/services/audit';

const [engine = 'sqlite', cluster] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const topArg = process.argv.indexOf('--top');
const TOP = topArg > 0 ? Number(process.argv[topArg + 1]) : 15;
const clock = fixedDayClock('2025-06-30');

/** Every query the pg driver sends (one round trip each, a multi-statement text counted once), by its text. */
const sent = new Map<string, number>();
let queries = 0;
/** GSP_BENCH_CALLERS=<text>: which call sites send the statements containing it (their stacks, counted) */
const callersOf = process.env.GSP_BENCH_CALLERS;
if (callersOf) Error.stackTraceLimit = 60;
const callers = new Map<string, number>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
  const text = typeof config === 'string' ? config : ((config as { text?: string })?.text ?? '?');
  queries++;
  sent.set(text, (sent.get(text) ?? 0) + 1);
  if (callersOf && text.includes(callersOf)) {
    const stack = (new Error().stack ?? '')
      .split('\n')
      .filter((l) => /server\/(services|seed)|imports\//.test(l))
      .slice(0, 6)
      .map((l) =>
        l
          .trim()
          .replace(/\(.*\/wt-[^/]+\//, '(')
          .replace(/^at /, ''),
      )
      .join(' < ');
    callers.set(stack, (callers.get(stack) ?? 0) + 1);
  }
  return (query as (...a: unknown[]) => unknown).call(this, config, ...rest);
} as typeof query;

/**
 * user+system CPU seconds of the cluster whose data directory is GSP_PGDATA (its postmaster, with the backends it
 * reaped, and the live ones), from /proc; undefined without GSP_PGDATA
 */
function serverCpu(): number | undefined {
  const data = process.env.GSP_PGDATA;
  if (!data) return undefined;
  const postmaster = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
  const fields = (pid: string) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const f = fields(pid);
      if (pid !== postmaster && f[1] !== postmaster) continue;
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime stime cutime cstime
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-first-start-'));
  const file = path.join(dir, 'gsp.db');
  let db: Db;
  let dropDb = async () => {};
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const loadBefore = load();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let server0: number | undefined;
  if (engine === 'pg') {
    if (!cluster) throw new Error('usage: first-start.ts pg <cluster url>');
    // the server's CPU from before the database is made (CREATE DATABASE, then the migrations)
    server0 = serverCpu();
    let url: string;
    ({ url, drop: dropDb } = await freshDatabase(cluster, `gsp_first_start_${process.pid}`));
    db = openPgDb(url, { filesBeside: file });
  } else {
    db = openDb(file);
  }
  const migrated = performance.now();
  const q0 = queries;
  await createAdmin(db, clock, 'first-start-bench-1');
  await seedDemo(db, clock);
  const done = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const chain = await verifyAuditChain(db); // every write went through the write service: one unbroken chain
  if (engine === 'pg') await engineOf(db).close();
  else closeDb(db);
  await new Promise((r) => setTimeout(r, 500)); // the backends exit and are reaped
  const server = server0 === undefined ? undefined : (serverCpu() ?? 0) - server0;
  await dropDb();
  fs.rmSync(dir, { recursive: true, force: true });
  const out = {
    engine,
    wall_s: +((done - t0) / 1000).toFixed(1),
    migrate_s: +((migrated - t0) / 1000).toFixed(1),
    node_cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    ...(server === undefined ? {} : { server_cpu_s: +server.toFixed(1) }),
    ...(engine === 'pg' ? { queries: queries - q0 } : {}),
    audit_rows: chain.rows,
    audit_breaks: chain.breaks.length,
    load_before: loadBefore,
    load_after: load(),
  };
  console.log(JSON.stringify(out));
  if (engine === 'pg') {
    const top = [...sent.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
    for (const [text, n] of top) {
      const t = text.replace(/\s+/g, ' ');
      console.log(String(n).padStart(7), t.length > 170 ? `${t.slice(0, 60)} … ${t.slice(-100)}` : t);
    }
    if (callersOf) console.log(`callers of statements containing ${JSON.stringify(callersOf)}:`);
    for (const [stack, n] of [...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(String(n).padStart(7), stack);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
