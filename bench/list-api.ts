/**
 * List API latency at 1M sales lines: the real app over HTTP next to the very same SQL run directly through
 * better-sqlite3 prepared statements.
 *
 * "The very same SQL": one request per parameter set is made with the connection's prepare() instrumented,
 * which records every statement the list handler runs (reference look-ups for `q`, the page, the count
 * behind Content-Range) with its parameters. The direct side replays exactly those statements, prepared
 * once, so it measures SQLite alone and the difference is what the app adds (HTTP, routing, session
 * check, query building, JSON). Instrumentation is removed before anything is timed.
 */
import { serve, type ServerType } from '@hono/node-server';
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../server/app';
import { fixedDayClock } from '../server/clock';
import { useCountCache } from '../server/crud/count-cache';
import { openDb } from '../server/db';
import { ensureFixture, FIXTURE_TODAY, type FixtureInfo } from './fixture';
import { formatTable, ms, summary, type Bench, type BenchOptions, type BenchResult } from './lib';

/** Targets from the foundation issue. */
export const TARGET_P95_MS = 50;
export const TARGET_OVERHEAD_MS = 10;
/**
 * The API keeps list totals between commits (server/crud/count-cache.ts), as the server does; the direct side
 * runs the count every time. GSP_LIST_COUNT_CACHE=0 times the API counting every request too.
 */
const COUNT_CACHE = process.env.GSP_LIST_COUNT_CACHE !== '0';
/** measured at least this many times even when a query blows the time budget */
const MIN_N = 50;

interface Case {
  key: string;
  title: string;
  /** measured and shown, but not one of the issue's interactions: its result does not fail the bench */
  info?: boolean;
  /** query strings, cycled through by the iterations */
  params: Record<string, string>[];
}

interface Stmt {
  sql: string;
  params: unknown[];
  role: 'page' | 'count' | 'lookup';
}

const SORT = JSON.stringify(['sale_date', 'DESC']);
const RANGE = JSON.stringify([0, 24]);
const PAGE = 25;
const Q_TERMS = ['阿莫西林', '阿莫西林胶囊', '头孢克肟', '布洛芬', '奥美拉唑', '二甲双胍'];
const Q_CUSTOMERS = ['人民医院', '大药房', '中医院', '益丰', '卫生院'];
const Q_ORDERS = ['XS20240315', 'XS20231102', 'XS20250101', 'XS2025061', 'XS202406300'];
/** under three characters: the LIKE fallback (server/crud/list-query.ts TRIGRAM_MIN); names, not number fragments */
const Q_SHORT = ['益丰', '头孢', '布洛', '二甲', '奥美'];
const QUARTERS: [string, string][] = [
  ['2024-01-01', '2024-03-31'],
  ['2024-04-01', '2024-06-30'],
  ['2024-10-01', '2024-12-31'],
  ['2025-01-01', '2025-03-31'],
  ['2023-07-01', '2023-09-30'],
];

/**
 * Every interaction the sales-line list offers (GenericList over the registry): each declared sort both ways
 * (schema/tables/sales.ts `sortable`, and id), the first, middle and last page, each filter, `q`.
 * `total` is the live line count, for the middle and last pages.
 */
function cases(fx: FixtureInfo, total: number): Case[] {
  const list = (filter: Record<string, unknown>, sort = SORT) => ({ sort, range: RANGE, filter: JSON.stringify(filter) });
  const sorted = (field: string, dir: 'ASC' | 'DESC', start = 0) => ({ sort: JSON.stringify([field, dir]), range: JSON.stringify([start, start + PAGE - 1]) });
  // Customers of different sizes, biggest included (its quarter is the most lines to count).
  const bySize = [...fx.customers].sort((a, b) => b.lines - a.lines);
  const picked = [0, 2, 5, 10, 20, 50].map((i) => bySize[Math.min(i, bySize.length - 1)]);
  const b: Record<string, string>[] = [];
  for (let i = 0; i < picked.length * QUARTERS.length; i++) {
    const [from, to] = QUARTERS[i % QUARTERS.length];
    b.push(list({ customer: picked[i % picked.length].id, sale_date_gte: from, sale_date_lte: to }));
  }
  const middle = Math.floor(total / 2 / PAGE) * PAGE; // the page every walk from either end reaches last
  const last = Math.floor((total - 1) / PAGE) * PAGE;
  const sorts: Case[] = [];
  let key = 'f'.charCodeAt(0);
  for (const field of ['sale_date', 'quantity', 'unit_price', 'amount', 'id']) {
    for (const dir of ['ASC', 'DESC'] as const) {
      if (field === 'sale_date' && dir === 'DESC') continue; // case a
      sorts.push({ key: String.fromCharCode(key++), title: `sort ${field} ${dir}`, params: [sorted(field, dir)] });
    }
  }
  return [
    { key: 'a', title: 'first page by date', params: [{ sort: SORT, range: RANGE }] },
    { key: 'b', title: 'customer + 3-month range', params: b },
    { key: 'c', title: 'q search (阿莫西林…)', params: Q_TERMS.map((q) => list({ q })) },
    { key: 'd', title: 'q customer name (人民医院…)', params: Q_CUSTOMERS.map((q) => list({ q })) },
    { key: 'e', title: 'q order no. (XS20240315…)', params: Q_ORDERS.map((q) => list({ q })) },
    ...sorts, // f … n
    { key: 'o', title: `middle page by date (${middle.toLocaleString('en')})`, params: [sorted('sale_date', 'DESC', middle)] },
    { key: 'p', title: `last page by date (${last.toLocaleString('en')})`, params: [sorted('sale_date', 'DESC', last)] },
    { key: 'q', title: 'middle page by amount', params: [sorted('amount', 'DESC', middle)] },
    { key: 'r', title: 'last page by amount', params: [sorted('amount', 'ASC', last)] },
    { key: 's', title: 'q under 3 chars (益丰…)', params: Q_SHORT.map((q) => list({ q })) },
    { key: 't', title: 'filter customer', params: picked.map((c) => list({ customer: c.id })) },
    { key: 'u', title: 'filter product', params: [1, 7, 50, 150, 299].map((product) => list({ product })) },
    { key: 'v', title: 'filter order', params: [1, 1000, 150_000, 300_000].map((order) => list({ order })) },
    { key: 'w', title: 'filter batch', params: [1, 500, 1500, 2999].map((batch) => list({ batch })) },
    { key: 'x', title: 'filter 3-month range', params: QUARTERS.map(([from, to]) => list({ sale_date_gte: from, sale_date_lte: to })) },
    { key: 'y', title: 'filter voided (显示已作废)', params: [list({ voided: true })] },
    // A filter combined with a sort other than the date: sorts the filtered lines (no index per pair).
    { key: 'z', title: 'customer + sort by amount', info: true, params: picked.map((c) => list({ customer: c.id }, JSON.stringify(['amount', 'DESC']))) },
  ];
}

const roleOf = (sql: string): Stmt['role'] =>
  /\bcount\(/i.test(sql) ? 'count' : /from "sales_lines"/i.test(sql) && /\blimit\b/i.test(sql) ? 'page' : 'lookup';

/** Records the statements run on `sqlite` while `fn` runs (session look-ups excluded). */
async function capture(sqlite: Database.Database, fn: () => Promise<void>): Promise<Stmt[]> {
  const out: Stmt[] = [];
  const original = sqlite.prepare;
  (sqlite as any).prepare = (source: string) => {
    const stmt = original.call(sqlite, source);
    const rec: Stmt = { sql: source, params: [], role: roleOf(source) };
    if (!/"(sessions|users)"/.test(source)) out.push(rec);
    const proxy: any = new Proxy(stmt, {
      get(target: any, prop) {
        const v = target[prop];
        if (typeof v !== 'function') return v;
        if (['raw', 'pluck', 'expand', 'safeIntegers', 'bind'].includes(prop as string)) {
          return (...a: unknown[]) => {
            v.apply(target, a);
            return proxy;
          };
        }
        if (['all', 'get', 'run', 'iterate'].includes(prop as string)) {
          return (...a: unknown[]) => {
            rec.params = a;
            return v.apply(target, a);
          };
        }
        return v.bind(target);
      },
    });
    return proxy;
  };
  try {
    await fn();
  } finally {
    sqlite.prepare = original; // nothing instrumented while timing (original may be openDb()'s statement cache)
  }
  return out;
}

export async function runListApi(opts: BenchOptions): Promise<BenchResult> {
  const { log } = opts;
  const fx = await ensureFixture({ lines: opts.lines, force: opts.force, log });
  const clock = fixedDayClock(FIXTURE_TODAY);
  const db = openDb(fx.file);
  const sqlite = db.$client;
  const app = createApp({ db, clock, onInternalError: (e) => console.error(e) });
  useCountCache(COUNT_CACHE);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const notes: string[] = [];
  const table: string[][] = [
    ['query', 'rows', 'n', 'API med', 'API p95', 'direct med', 'direct p95', 'Δ p95', 'page p95', 'count p95', 'lookups p95', 'result'],
  ];
  // CPU time of this process (client + server + SQLite) per request: what the wall times would be on an idle machine.
  const cpuTable: string[][] = [['query', 'API cpu med', 'API cpu p95', 'direct cpu med', 'direct cpu p95']];
  let pass = true;
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: fx.adminPassword }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

    // node:http with a keep-alive agent: a lighter client than fetch, so the time is the server's.
    const get = (p: Record<string, string>) =>
      new Promise<{ rows: { id: number }[]; total: number }>((resolve, reject) => {
        const req = http.get(`${base}/api/sales_lines?${new URLSearchParams(p)}`, { agent, headers: { cookie } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) return reject(new Error(`GET /api/sales_lines → ${res.statusCode} ${body}`));
            resolve({ rows: JSON.parse(body), total: Number(String(res.headers['content-range']).split('/')[1]) });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
      });
    const prepared = new Map<string, Database.Statement>();
    const prep = (sql: string) => {
      let s = prepared.get(sql);
      // The prototype's prepare(): statements of our own, not shared with the app's statement cache.
      if (!s) prepared.set(sql, (s = Object.getPrototypeOf(sqlite).prepare.call(sqlite, sql) as Database.Statement));
      return s;
    };
    const timings = () => ({ page: [] as number[], count: [] as number[], lookup: [] as number[] });
    /** one direct execution of a request's statements; per-role times are added to `into` */
    const direct = async (stmts: Stmt[], into?: ReturnType<typeof timings>) => {
      let page: unknown[] = [],
        total = NaN;
      const byRole = { page: 0, count: 0, lookup: 0 };
      for (const s of stmts) {
        const t = performance.now();
        const rows = (await prep(s.sql).all(...s.params)) as Record<string, unknown>[];
        byRole[s.role] += performance.now() - t;
        if (s.role === 'page') page = rows;
        if (s.role === 'count') total = Number(Object.values(rows[0])[0]);
      }
      if (into) for (const k of ['page', 'count', 'lookup'] as const) into[k].push(byRole[k]);
      return { page: page as { id: number }[], total };
    };

    const total = (await get({ sort: SORT, range: RANGE })).total;
    for (const c of cases(fx, total).filter((k) => !opts.cases || opts.cases.includes(k.key))) {
      // 1. Record what the API runs for every parameter set, and check the replay gives the same answer.
      const recorded: Stmt[][] = [];
      for (const p of c.params) {
        let res!: Awaited<ReturnType<typeof get>>;
        // every statement of the request, the count included: a total kept from an earlier request would hide it
        useCountCache(false);
        const stmts = await capture(sqlite, async () => {
          res = await get(p);
        });
        useCountCache(COUNT_CACHE);
        const mine = await direct(stmts);
        // A page past the middle is read in reverse and flipped in JS (server/crud/list-query.ts pageRows).
        const got = JSON.stringify(res.rows.map((r) => r.id));
        const replayed = mine.page.map((r) => r.id);
        const same = mine.total === res.total && (JSON.stringify(replayed) === got || JSON.stringify([...replayed].reverse()) === got);
        if (!same) throw new Error(`${c.key}: direct replay differs from the API for ${JSON.stringify(p)}`);
        if (!stmts.some((s) => s.role === 'page') || !stmts.some((s) => s.role === 'count')) {
          throw new Error(`${c.key}: expected a page and a count statement, recorded ${stmts.map((s) => s.role).join(', ')}`);
        }
        recorded.push(stmts);
      }
      // 2. Warm up both sides over every parameter set.
      for (let i = 0; i < Math.max(opts.warmup, c.params.length); i++) {
        await get(c.params[i % c.params.length]);
        await direct(recorded[i % recorded.length]);
      }
      // 3. Measure, interleaved so both sides see the same machine load: one request, then one direct run.
      const api: number[] = [];
      const dir: number[] = [];
      const totals: number[] = [];
      const roles = timings();
      const deadline = performance.now() + opts.budget * 1000;
      const apiCpu: number[] = [];
      const dirCpu: number[] = [];
      const cpu = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
      for (let i = 0; i < opts.n && (i < MIN_N || performance.now() < deadline); i++) {
        let t = performance.now();
        let u = process.cpuUsage();
        const r = await get(c.params[i % c.params.length]);
        api.push(performance.now() - t);
        apiCpu.push(cpu(process.cpuUsage(u)));
        if (i < c.params.length) totals.push(r.total);
        t = performance.now();
        u = process.cpuUsage();
        await direct(recorded[i % recorded.length], roles);
        dir.push(performance.now() - t);
        dirCpu.push(cpu(process.cpuUsage(u)));
      }
      const A = summary(api),
        D = summary(dir);
      const ok = A.p95 < TARGET_P95_MS && A.p95 - D.p95 <= TARGET_OVERHEAD_MS;
      if (!c.info) pass &&= ok;
      const lookups = roles.lookup.some((x) => x > 0) ? ms(summary(roles.lookup).p95) : '—';
      table.push([
        `${c.key}. ${c.title}`,
        rangeOf(totals),
        String(A.n),
        ms(A.median),
        ms(A.p95),
        ms(D.median),
        ms(D.p95),
        ms(A.p95 - D.p95),
        ms(summary(roles.page).p95),
        ms(summary(roles.count).p95),
        lookups,
        `${ok ? 'PASS' : 'FAIL'}${c.info ? ' (info)' : ''}`,
      ]);
      cpuTable.push([`${c.key}. ${c.title}`, ms(summary(apiCpu).median), ms(summary(apiCpu).p95), ms(summary(dirCpu).median), ms(summary(dirCpu).p95)]);
      log(`list-api: ${c.key} done (API p95 ${ms(A.p95)} ms, direct p95 ${ms(D.p95)} ms)`);

      notes.push(`### ${c.key}. ${c.title}`, '', `example: GET /api/sales_lines?${decodeURIComponent(new URLSearchParams(c.params[0]).toString())}`, '');
      for (const s of recorded[0]) {
        notes.push(`${s.role}: ${shortIn(s.sql)}`, `  params: ${shortParams(s.params)}`);
        const plan = (await sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params)) as { id: number; parent: number; detail: string }[];
        notes.push(...planLines(plan).map((l) => `  ${l}`));
      }
      notes.push('');
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sqlite.close();
  }
  const size = ['', '-wal'].reduce((n, ext) => n + (fs.existsSync(fx.file + ext) ? fs.statSync(fx.file + ext).size : 0), 0);
  notes.unshift(
    `fixture: ${path.relative(process.cwd(), fx.file)} — ${Object.entries(fx.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}`,
    `fixture: ${fx.reused ? 'reused' : 'generated'}; generation took ${fx.seconds.toFixed(1)} s; DB file ${(size / 2 ** 20).toFixed(0)} MiB`,
    `API list totals: ${COUNT_CACHE ? 'kept between commits (server/crud/count-cache.ts; nothing commits during the bench, so the API counts once per filter; the direct side counts every time)' : 'counted every request (GSP_LIST_COUNT_CACHE=0)'}`,
    `measured: up to ${opts.n} requests per query over HTTP (at least ${MIN_N}, within ${opts.budget} s), each followed by a direct run of the same statements, after ${opts.warmup} warm-up rounds`,
    '',
  );
  notes.push('CPU time per request (this process: client, server and SQLite; wall time minus waiting for the CPU):', formatTable(cpuTable), '');
  return { name: 'list-api', table, pass, notes };
}

/** `in (?, ?, …, ?)` → `in (?×25)`: id lists make the printed SQL unreadable. */
const shortIn = (sql: string) => sql.replace(/\((\?(?:, \?){5,})\)/g, (m) => `(?×${m.split('?').length - 1})`);
const shortParams = (ps: unknown[]) => (ps.length > 12 ? `${JSON.stringify(ps.slice(0, 10)).slice(0, -1)}, … ${ps.length} values]` : JSON.stringify(ps));

function rangeOf(xs: number[]): string {
  const lo = Math.min(...xs),
    hi = Math.max(...xs);
  const f = (x: number) => x.toLocaleString('en');
  return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
}

/** EXPLAIN QUERY PLAN rows as the sqlite3 shell draws them. */
function planLines(rows: { id: number; parent: number; detail: string }[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

export const listApi: Bench = {
  name: 'list-api',
  description:
    'GET /api/sales_lines, every list interaction (each declared sort both ways, first/middle/last page, each filter, q) vs the same SQL through better-sqlite3',
  run: runListApi,
};
