/**
 * Load bench, two cases (`--cases import,recheck`; both by default):
 * - `import`: 20 concurrent clients do mixed reads and writes against the real app for 60 s while a
 *   sales-ledger import (the CLI, a separate process on the same SQLite file) runs. Checked: zero 5xx; zero
 *   lost updates (every acknowledged create is in the database, and every record's last acknowledged update
 *   is what the database holds); latency p50/p95/p99 per kind of request; reads (list, search) p99 < 200 ms.
 * - `recheck` (load-recheck.ts): /api/auth/me p99 < 100 ms while the rule re-check runs; full re-check < 60 s.
 * Loopback only, bounded in time and count.
 */
import { serve, type ServerType } from '@hono/node-server';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../server/app';
import { createAdmin } from '../server/bootstrap';
import { fixedDayClock } from '../server/clock';
import { openDb } from '../server/db';
import { type ClientJob, type ClientResult, type ClientSample, request, runClients } from './load-clients';
import { recheckCase } from './load-recheck';
import { ms, percentile, type Bench, type BenchOptions, type BenchResult } from './lib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SAMPLES = process.env.GSP_SAMPLES ?? path.resolve(ROOT, '../shared/samples');
const CLIENTS = 20;
const SECONDS = Number(process.env.GSP_LOAD_SECONDS ?? 60);
const LEDGER_ROWS = Number(process.env.GSP_LOAD_LEDGER_ROWS ?? 200_000);
/** how the ledger is imported: the CLI beside the server (default), or uploaded to it (its import thread) */
const IMPORT_VIA = process.env.GSP_LOAD_IMPORT === 'web' ? 'web' : 'cli';
const PASSWORD = 'load-test-admin-password';
const READ_P99_TARGET = 200;
/** GSP_LOAD_CLIENTS=inline: the clients on the server's own thread, as before session 8 (to compare) */
const CLIENTS_INLINE = process.env.GSP_LOAD_CLIENTS === 'inline';
const MASTER = ['company_licenses', 'customers', 'customer_licenses', 'customer_agents', 'salespeople', 'authorizations', 'products', 'batches', 'contracts'];

function runCli(args: string[], dbFile: string, env: Record<string, string> = {}): Promise<{ code: number; ms: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'imports/cli-launcher.mjs'),
        ...args,
        '--db',
        dbFile,
        '--as-of',
        '2025-06-30',
        '--report',
        path.join(path.dirname(dbFile), `report-${path.basename(args[0])}.json`),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, ms: performance.now() - started, stderr }));
  });
}

/** The sample ledger repeated with fresh order numbers up to `rows` data rows (UTF-8 CSV). */
function bigLedger(file: string, rows: number) {
  const [header, ...lines] = fs
    .readFileSync(path.join(SAMPLES, 'ledger-utf8.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const out = fs.createWriteStream(file);
  out.write(`\uFEFF${header}\n`);
  for (let i = 0; i < rows; i++) {
    const line = lines[i % lines.length];
    out.write(`${line.replace(/^[^,]*/, (no) => (no ? `${no}-${Math.floor(i / lines.length)}` : no))}\n`);
  }
  return new Promise<void>((r) => out.end(r));
}

/** The ledger uploaded to the server (POST /api/imports: the import runs in the server's import thread). */
async function uploadLedger(port: number, cookie: string, file: string): Promise<{ code: number; ms: number; stderr: string }> {
  const started = performance.now();
  const form = new FormData();
  form.set('kind', 'sales-ledger');
  form.set('asOf', '2025-06-30');
  form.set('file', await fs.openAsBlob(file), path.basename(file));
  const res = await fetch(`http://127.0.0.1:${port}/api/imports`, { method: 'POST', headers: { cookie }, body: form });
  const text = await res.text();
  return { code: res.status === 201 ? 0 : res.status, ms: performance.now() - started, stderr: res.status === 201 ? '' : text.slice(0, 300) };
}

/** The CLI's `writer-blocking time` line (server/services/bulk/ledger-merge.ts), if any. */
const blockingOf = (stderr: string) => /\[import\] writer-blocking time: [^\n]*/.exec(stderr)?.[0].replace('[import] ', '') ?? null;

interface Sample extends ClientSample {
  importing: boolean;
}

/** CPU time of this process's main thread (the server's), ms: /proc counts each thread apart. */
function threadCpuMs(): number {
  const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

/** The clients in a worker thread of their own (load-clients.ts). */
function clientThread(job: ClientJob): Promise<ClientResult> {
  const worker = new Worker(new URL('../imports/readers/ts-worker-boot.mjs', import.meta.url), {
    workerData: { job, entry: new URL('./load-clients.ts', import.meta.url).href },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: ClientResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export const load: Bench = {
  name: 'load',
  description: `${CLIENTS} concurrent clients, mixed reads and writes for ${SECONDS} s, while a ${LEDGER_ROWS.toLocaleString('en')}-row ledger import runs; reads while the rule re-check runs`,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const dir = path.join(HERE, 'out', 'load');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const want = (c: string) => !opts.cases?.length || opts.cases.includes(c);
    const table = [['case', 'count', 'p50', 'p95', 'p99', 'max', 'more']];
    const notes: string[] = [];
    let pass = true;
    for (const [name, run] of [
      ['import', importCase],
      ['recheck', recheckCase],
    ] as const) {
      if (!want(name)) continue;
      const r = await run(opts, dir);
      table.push(...r.rows);
      notes.push(...r.notes);
      pass &&= r.pass;
    }
    return { name: 'load', table, pass, notes };
  },
};

async function importCase(opts: BenchOptions, dir: string): Promise<{ rows: string[][]; pass: boolean; notes: string[] }> {
  {
    const dbFile = path.join(dir, 'gsp.db');
    const clock = fixedDayClock('2025-06-30');
    const db = openDb(dbFile);
    await createAdmin(db, clock, PASSWORD);
    for (const kind of MASTER) {
      const r = await runCli([path.join(SAMPLES, `${kind}.csv`), '--kind', kind], dbFile);
      if (r.code !== 0) throw new Error(`master import ${kind} failed (${r.code}): ${r.stderr}`);
    }
    const ledger = path.join(dir, 'ledger.csv');
    await bigLedger(ledger, LEDGER_ROWS);
    opts.log(`load: master data imported, ledger of ${LEDGER_ROWS} rows written`);

    const app = createApp({ db, clock, onInternalError: (e) => opts.log(`500: ${(e as Error).stack ?? e}`) });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    // The import's merge holds the write lock for a moment and a waiting write blocks the event loop:
    // keep idle keep-alive sockets open longer than that, so the server never closes one under a client.
    (server as http.Server).keepAliveTimeout = 65_000;
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const customers = (await request(agent, { port, cookie }, 'GET', '/customers?range=[0,99]')).body as { id: number }[];
    const salesperson = (await request(agent, { port, cookie }, 'GET', '/salespeople?range=[0,0]')).body[0].id as number;

    // how long the server's event loop stood still at worst (a synchronous wait for a lock shows here)
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    // CPU of the server's thread alone (the clients and the import run in threads or processes of their
    // own): per request, what the wall times would be without waiting for a CPU on a shared box
    const thread0 = threadCpuMs();
    const cpu0 = process.cpuUsage();
    const load0 = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const importRun =
      IMPORT_VIA === 'web' ? uploadLedger(port, cookie, ledger) : runCli([ledger, '--kind', 'sales-ledger'], dbFile, { GSP_IMPORT_TIMING: '1' });
    let importDoneAt = Infinity;
    const importResult = importRun.then((r) => {
      importDoneAt = Date.now();
      return r;
    });
    const job: ClientJob = { port, cookie, clients: CLIENTS, seconds: SECONDS, customers: customers.map((c) => c.id), salesperson };
    const result = CLIENTS_INLINE ? await runClients(job) : await clientThread(job);
    const samples: Sample[] = result.samples.map((x) => ({ ...x, importing: x.at < importDoneAt }));
    const created = result.created;
    const lastUpdate = new Map(result.lastUpdate);
    const cpu = process.cpuUsage(cpu0);
    const threadCpu = threadCpuMs() - thread0;
    lag.disable();
    const importWasRunning = importDoneAt === Infinity;
    const imp = await importResult;
    agent.destroy();
    await new Promise<void>((r) => server.close(() => r()));

    // Lost updates: every acknowledged write must be in the database.
    const check = openDb(dbFile);
    const topics = new Map(
      ((await check.$client.prepare('SELECT id, topic FROM trainings').all()) as { id: number; topic: string }[]).map((t) => [t.id, t.topic]),
    );
    const lostCreates = created.filter((x) => topics.get(x.id) !== x.topic).length;
    const lostUpdates = [...lastUpdate].filter(
      ([id, phone]) => (check.$client.prepare('SELECT contact_phone FROM customers WHERE id = ?').pluck().get(id) as string) !== phone,
    ).length;
    const integrity = check.$client.pragma('integrity_check', { simple: true });
    const imported = (await check.$client.prepare('SELECT COUNT(*) FROM sales_lines').pluck().get()) as number;
    check.$client.close();
    db.$client.close();

    const errors5xx = samples.filter((s) => s.status >= 500).length;
    const requests = samples.length + samples.filter((x) => x.kind === 'update').length; // an update reads first
    const loadavg = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const rows: string[][] = [];
    const reads = ['list', 'search'];
    const kinds: [string, (k: string) => boolean][] = [
      ...['list', 'search', 'create', 'update'].map((k) => [k, (x: string) => x === k] as [string, (k: string) => boolean]),
      ['reads', (x) => reads.includes(x)],
      ['all', () => true],
    ];
    // the same kinds again, only what started while the import still ran (most of a 60 s run has none)
    const during = samples.filter((x) => x.importing);
    for (const [k, match] of [...kinds, ...kinds.map(([k, m]) => [`${k} (while importing)`, m] as const)]) {
      const s = (k.endsWith('(while importing)') ? during : samples).filter((x) => match(x.kind));
      const t = s.map((x) => x.ms).sort((a, b) => a - b);
      rows.push([
        `import: ${k}`,
        String(s.length),
        ms(percentile(t, 50)),
        ms(percentile(t, 95)),
        ms(percentile(t, 99)),
        ms(t[t.length - 1] ?? NaN),
        `5xx ${s.filter((x) => x.status >= 500).length}, 409 ${s.filter((x) => x.status === 409).length}, other 4xx ${s.filter((x) => x.status >= 400 && x.status < 500 && x.status !== 409).length}`,
      ]);
    }
    const readP99 = percentile(
      samples
        .filter((x) => reads.includes(x.kind))
        .map((x) => x.ms)
        .sort((a, b) => a - b),
      99,
    );
    const readP99During = percentile(
      during
        .filter((x) => reads.includes(x.kind))
        .map((x) => x.ms)
        .sort((a, b) => a - b),
      99,
    );
    const readsOk = readP99 < READ_P99_TARGET && !(readP99During >= READ_P99_TARGET);
    const pass = errors5xx === 0 && lostCreates === 0 && lostUpdates === 0 && integrity === 'ok' && imp.code === 0 && readsOk;
    return {
      rows,
      pass,
      notes: [
        `import: ${CLIENTS} clients × ${SECONDS} s; ${samples.length} requests (${(samples.length / SECONDS).toFixed(0)}/s); load average at the start ${load0}, at the end ${loadavg}`,
        `import: server thread CPU ${threadCpu.toFixed(0)} ms, ${(threadCpu / requests).toFixed(2)} ms per HTTP request (${requests}); whole process (server, ${CLIENTS_INLINE ? 'clients on the server thread' : 'clients thread'}${IMPORT_VIA === 'web' ? ', import thread' : ''}) ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
        `import (${IMPORT_VIA === 'web' ? "uploaded: the server's import thread" : 'the CLI beside the server'}): ${blockingOf(imp.stderr) ?? 'writer-blocking time not reported'}`,
        `import: exit ${imp.code} in ${(imp.ms / 1000).toFixed(1)} s, ${importWasRunning ? 'still running when the load ended' : 'finished during the load'}; ${imported} sales lines in the database${imp.code ? `; stderr: ${imp.stderr.slice(0, 300)}` : ''}`,
        `import: 5xx: ${errors5xx}; lost creates: ${lostCreates} of ${created.length}; lost updates: ${lostUpdates} of ${lastUpdate.size} records; integrity_check: ${integrity}`,
        `import: reads p99 ${ms(readP99)} ms, while importing ${ms(readP99During)} ms — target < ${READ_P99_TARGET} ms: ${readsOk ? 'PASS' : 'FAIL'}; event-loop delay p99 ${ms(lag.percentile(99) / 1e6)} ms, max ${ms(lag.max / 1e6)} ms`,
      ],
    };
  }
}
