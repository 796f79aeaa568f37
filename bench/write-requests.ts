/**
 * One request at a time over the real app (HTTP, session, the write service): the latency of a create
 * (POST /api/customers, a new live customer each time: validation, natural keys, audit row, rules) and of a list
 * (GET /api/customers, a page of 25 sorted by name), on an empty database with the admin only, on SQLite or on
 * PostgreSQL — with the round trips each request costs counted on PostgreSQL (every query the pg driver sends).
 *
 *   npx tsx bench/write-requests.ts sqlite [n]
 *   npx tsx bench/write-requests.ts pg postgres://gsp@127.0.0.1:54365/postgres [n]
 */
import { serve, type ServerType } from '@hono/node-server';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../server/app';
import { createAdmin } from '../server/bootstrap';
import { fixedDayClock } from '../server/clock';
import { closeDb, engineOf, openDb, openPgDb, type Db } from '../server/db';
import { freshDatabase } from './pg';
import { request } from './load-clients';
import { ms, summary } from './lib';

const args = process.argv.slice(2);
const engine = args[0] ?? 'sqlite';
const cluster = engine === 'pg' ? args[1] : undefined;
const N = Number(args[engine === 'pg' ? 2 : 1] ?? 200);
const PASSWORD = 'write-requests-bench-1';
const clock = fixedDayClock('2025-06-30');

let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  queries++;
  return (query as (...a: unknown[]) => unknown).apply(this, a);
} as typeof query;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-write-requests-'));
  const file = path.join(dir, 'gsp.db');
  let db: Db;
  let dropDb = async () => {};
  if (engine === 'pg') {
    if (!cluster) throw new Error('usage: write-requests.ts pg <cluster url> [n]');
    let url: string;
    ({ url, drop: dropDb } = await freshDatabase(cluster, `gsp_write_requests_${process.pid}`));
    db = openPgDb(url, { filesBeside: file });
  } else {
    db = openDb(file);
  }
  await createAdmin(db, clock, PASSWORD);
  const app = createApp({ db, clock });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const job = { port, cookie };

  const timed = async (label: string, run: (i: number) => Promise<{ status: number }>, ok: number) => {
    const samples: number[] = [];
    const q0 = queries;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const res = await run(i);
      samples.push(performance.now() - t0);
      if (res.status !== ok) throw new Error(`${label}: ${res.status} ${JSON.stringify(res)}`);
    }
    const cpu = process.cpuUsage(cpu0);
    const s = summary(samples);
    return {
      label,
      median_ms: ms(s.median),
      p95_ms: ms(s.p95),
      cpu_ms_per_request: ((cpu.user + cpu.system) / 1000 / N).toFixed(2),
      ...(engine === 'pg' ? { queries_per_request: +((queries - q0) / N).toFixed(1) } : {}),
    };
  };
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const loadBefore = load();
  const create = await timed(
    'create customer',
    (i) => request(agent, job, 'POST', '/customers', { name: `延迟测试客户${i}`, type: 'retailer', region: '湖北省武汉市' }),
    201,
  );
  const list = await timed('list customers', () => request(agent, job, 'GET', `/customers?range=[0,24]&sort=${encodeURIComponent('["name","ASC"]')}`), 200);
  console.log(JSON.stringify({ engine, n: N, load_before: loadBefore, load_after: load() }));
  console.log(JSON.stringify(create));
  console.log(JSON.stringify(list));
  agent.destroy();
  await new Promise((r) => server.close(r));
  if (engine === 'pg') await engineOf(db).close();
  else closeDb(db);
  await dropDb();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
