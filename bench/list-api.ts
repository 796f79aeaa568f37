/**
 * List API latency at 1M sales lines: the real app over HTTP next to the very same SQL run directly through
 * better-sqlite3 prepared statements.
 *
 * "The very same SQL": one request per parameter set is made with the connection's prepare() instrumented,
 * which records every statement the list handler runs (reference look-ups for `q`, the page, the count
 * behind Content-Range) with its parameters. The direct side replays exactly those statements, prepared
 * once, so it measures SQLite alone and the difference is what the app adds (HTTP, routing, session
 * check, query building, JSON). Instrumentation is removed before anything is timed.
 *
 * PostgreSQL beside SQLite (issue #17 item 7): when a cluster is at hand (bench/pg.ts: GSP_BENCH_PG, or one
 * started with .ci/pg-cluster), the same fixture is copied into it and the same cases run against the same app
 * opened on it (openPgDb); the direct side replays the recorded statements (PostgreSQL's dialect, as the app
 * built them) on a connection of its own through node-postgres. PASS/FAIL per engine.
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
import { usePageAnchors } from '../server/crud/page-anchors';
import { engineOf, openDb, openPgDb, type Db } from '../server/db';
import type { PgEngine } from '../server/db/pg';
import pg from 'pg';
import { ensureFixture, FIXTURE_TODAY, type FixtureInfo } from './fixture';
import { formatTable, ms, summary, type Bench, type BenchOptions, type BenchResult } from './lib';
import { backendCpuS, benchCluster, ensurePgFixture, type BenchCluster } from './pg';

/** Targets from the foundation issue. */
export const TARGET_P95_MS = 50;
export const TARGET_OVERHEAD_MS = 10;
/**
 * The API keeps list totals between commits (server/crud/count-cache.ts), as the server does; the direct side
 * runs the count every time. GSP_LIST_COUNT_CACHE=0 times the API counting every request too.
 */
const COUNT_CACHE = process.env.GSP_LIST_COUNT_CACHE !== '0';
/**
 * Deep pages start from the key of a page served since the last commit (server/crud/page-anchors.ts), as the
 * server does: a case repeating one middle page walks once. The direct side replays the walk every time.
 * GSP_LIST_PAGE_ANCHORS=0 times the API walking every request too.
 */
const PAGE_ANCHORS = process.env.GSP_LIST_PAGE_ANCHORS !== '0';
/** measured at least this many times even when a query blows the time budget */
const MIN_N = 50;

interface Case {
  key: string;
  title: string;
  /** measured and shown, but not one of the issue's interactions: its result does not fail the bench */
  info?: boolean;
  /** the list asked (default sales_lines) */
  resource?: string;
  /** query strings, cycled through by the iterations */
  params: Record<string, string>[];
}

interface Stmt {
  sql: string;
  params: unknown[];
  role: 'page' | 'count' | 'lookup';
  /** node-postgres: how the app asked for the rows ('array' for Drizzle's selects) */
  rowMode?: string;
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
    // A filter combined with a sort other than the date (server/crud/sort-walk.ts chooses the plan by the list's total).
    { key: 'z', title: 'customer + sort by amount', params: picked.map((c) => list({ customer: c.id }, JSON.stringify(['amount', 'DESC']))) },
    ...combinations(picked, list),
  ];
}

const PRODUCTS = [1, 7, 50, 150, 299];
const ORDERS = [1, 1000, 150_000, 300_000];
const BATCHES = [1, 500, 1500, 2999];
const SALESPEOPLE = [7, 21, 4, 12, 30];

/**
 * The filter × sort pairs the sales lines, sales orders and customers screens offer (their declared `filters`
 * × `sortable` and id, schema/tables): each equality filter with each sort, a date range with each other sort,
 * both directions cycled, over values of different sizes; a filter with its list's default sort is one of the
 * single-filter cases above (t–y) or here (sales orders). The fixture has no contracts (sales_orders.contract)
 * and no credit limits: those run over empty or all-empty columns, which says nothing at 1M lines.
 */
function combinations(picked: { id: number }[], list: (filter: Record<string, unknown>, sort?: string) => Record<string, string>): Case[] {
  const out: Case[] = [];
  const pair = (resource: string, key: string, title: string, filters: Record<string, unknown>[], sorts: string[]) =>
    out.push({
      key,
      title,
      resource,
      params: filters.flatMap((f) => sorts.flatMap((field) => (['DESC', 'ASC'] as const).map((dir) => list(f, JSON.stringify([field, dir]))))),
    });
  const eq = (field: string, values: unknown[]) => values.map((v) => ({ [field]: v }));
  // the same customers filter the lines and the orders
  const byCustomer = eq(
    'customer',
    picked.map((c) => c.id),
  );
  const quarters = QUARTERS.map(([from, to]) => ({ sale_date_gte: from, sale_date_lte: to }));
  const lineFilters: [string, Record<string, unknown>[]][] = [
    ['customer', byCustomer],
    ['product', eq('product', PRODUCTS)],
    ['order', eq('order', ORDERS)],
    ['batch', eq('batch', BATCHES)],
    ['3-month range', quarters],
  ];
  for (const [name, filters] of lineFilters) {
    // customer and product by date: their composite indexes (cases b, t, u); a range by date: case x
    const sorts = ['quantity', 'unit_price', 'amount', 'id', ...(['order', 'batch'].includes(name) ? ['sale_date'] : [])];
    for (const sort of sorts) pair('sales_lines', `L.${name.split(' ')[0]}.${sort}`, `lines: ${name} × ${sort}`, filters, [sort]);
  }
  const orderFilters: [string, Record<string, unknown>[]][] = [
    ['customer', byCustomer],
    ['salesperson', eq('salesperson', SALESPEOPLE)],
    ['status', eq('status', ['completed', 'confirmed', 'shipped'])],
    ['3-month range', quarters],
  ];
  for (const [name, filters] of orderFilters) {
    for (const sort of name === '3-month range' ? ['id'] : ['sale_date', 'id'])
      pair('sales_orders', `O.${name.split(' ')[0]}.${sort}`, `orders: ${name} × ${sort}`, filters, [sort]);
  }
  // 200 customers in the fixture: every pair in one case
  const customerFilters = [{ type: 'retailer' }, { region: '义乌' }, { qa_status: 'pending' }, { service_point: true }];
  pair('customers', 'C.all', 'customers: each filter × each sort', customerFilters, ['name', 'region', 'credit_limit', 'id']);
  return out;
}

// a kept live-row count (row_counts: PostgreSQL's triggers, SQLite's) is the count of an unfiltered list
const roleOf = (sql: string, resource: string): Stmt['role'] =>
  /\bcount\(|\brow_counts\b/i.test(sql) ? 'count' : new RegExp(`from "${resource}"`, 'i').test(sql) && /\blimit\b/i.test(sql) ? 'page' : 'lookup';

/** Records the statements run on `sqlite` while `fn` runs (session look-ups excluded). */
async function captureSqlite(sqlite: Database.Database, resource: string, fn: () => Promise<void>): Promise<Stmt[]> {
  const out: Stmt[] = [];
  const original = sqlite.prepare;
  (sqlite as any).prepare = (source: string) => {
    const stmt = original.call(sqlite, source);
    const rec: Stmt = { sql: source, params: [], role: roleOf(source, resource) };
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

/**
 * One engine as the bench drives it: the app's database, the recording of what a request runs, the direct
 * replay of a recorded statement on a connection the app does not use, and its query plan.
 */
interface EngineSide {
  engine: 'sqlite' | 'postgres';
  db: Db;
  capture(resource: string, fn: () => Promise<void>): Promise<Stmt[]>;
  /** the statement's rows, as objects or arrays (the id first) */
  run(s: Stmt): Promise<unknown[]>;
  plan(s: Stmt): Promise<string[]>;
  /** CPU seconds the database server's backends of this database have used (PostgreSQL; SQLite runs in this process: null) */
  serverCpu(): number | null;
  /** looks the backends up again (the pool opens connections as it needs them) */
  findBackends(): Promise<void>;
  close(): Promise<void>;
  notes: string[];
}

function sqliteSide(fx: FixtureInfo): EngineSide {
  const db = openDb(fx.file);
  const sqlite = db.$client;
  const prepared = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = prepared.get(sql);
    // The prototype's prepare(): statements of our own, not shared with the app's statement cache.
    if (!s) prepared.set(sql, (s = Object.getPrototypeOf(sqlite).prepare.call(sqlite, sql) as Database.Statement));
    return s;
  };
  const size = ['', '-wal'].reduce((n, ext) => n + (fs.existsSync(fx.file + ext) ? fs.statSync(fx.file + ext).size : 0), 0);
  return {
    engine: 'sqlite',
    db,
    capture: (resource, fn) => captureSqlite(sqlite, resource, fn),
    run: async (s) => prep(s.sql).all(...s.params) as unknown[],
    plan: async (s) => planLines((await sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params)) as { id: number; parent: number; detail: string }[]),
    serverCpu: () => null,
    findBackends: async () => {},
    close: async () => {
      sqlite.close();
    },
    notes: [
      `fixture: ${path.relative(process.cwd(), fx.file)} — ${Object.entries(fx.counts)
        .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
        .join(', ')}`,
      `fixture: ${fx.reused ? 'reused' : 'generated'}; generation took ${fx.seconds.toFixed(1)} s; DB file ${(size / 2 ** 20).toFixed(0)} MiB`,
    ],
  };
}

/** The same fixture in PostgreSQL: the app on openPgDb, statements recorded at the engine's query function. */
async function pgSide(cluster: BenchCluster, fx: FixtureInfo, log: (s: string) => void): Promise<EngineSide> {
  const loaded = await ensurePgFixture(cluster, fx, log);
  const db = openPgDb(loaded.url);
  const engine = engineOf(db) as PgEngine;
  const direct = new pg.Client({ connectionString: loaded.url });
  await direct.connect();
  const size = Number((await direct.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  const version = (await direct.query('SHOW server_version')).rows[0].server_version as string;
  type Config = { text: string; values?: unknown[]; rowMode?: string };
  let backends: number[] = [];
  return {
    engine: 'postgres',
    db,
    async capture(resource, fn) {
      const out: Stmt[] = [];
      const client = engine.client as { query: (...a: unknown[]) => unknown };
      const original = client.query;
      client.query = (config: unknown, ...rest: unknown[]) => {
        const c = (typeof config === 'string' ? { text: config, values: rest[0] } : config) as Config;
        // Drizzle passes the values beside the config: query({ text, rowMode, types }, values)
        if (c?.text && !/"(sessions|users)"/.test(c.text))
          out.push({ sql: c.text, params: c.values ?? (rest[0] as unknown[]) ?? [], role: roleOf(c.text, resource), rowMode: c.rowMode });
        return original(config, ...rest);
      };
      try {
        await fn();
      } finally {
        client.query = original;
      }
      return out;
    },
    // unnamed statements, as the app's driver sends them (parse, bind, execute each time)
    run: async (s) =>
      (s.rowMode === 'array' ? await direct.query({ text: s.sql, values: s.params, rowMode: 'array' }) : await direct.query(s.sql, s.params)).rows,
    plan: async (s) => ((await direct.query({ text: `EXPLAIN ${s.sql}`, values: s.params })).rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']),
    // only this database's backends (/proc/PID/stat of each: cheap; walking all of /proc per request was not)
    serverCpu: () => (cluster.dataDir ? backendCpuS(backends) : null),
    findBackends: async () => {
      backends = (await direct.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid as number);
    },
    close: async () => {
      await direct.end();
      await engine.close();
    },
    notes: [
      `PostgreSQL ${version} (${cluster.origin}): the same fixture copied by COPY (bench/pg.ts), ${loaded.reused ? 'reused' : `loaded in ${loaded.seconds.toFixed(1)} s`}; database ${(size / 2 ** 20).toFixed(0)} MiB`,
    ],
  };
}

export async function runListApi(opts: BenchOptions): Promise<BenchResult> {
  const { log } = opts;
  const fx = await ensureFixture({ lines: opts.lines, force: opts.force, log });
  const cluster = process.env.GSP_BENCH_ENGINES?.split(',').includes('postgres') === false ? null : await benchCluster(log);
  const table: string[][] = [
    ['query', 'engine', 'rows', 'n', 'API med', 'API p95', 'direct med', 'direct p95', 'Δ p95', 'page p95', 'count p95', 'lookups p95', 'result'],
  ];
  const notes: string[] = [
    `API list totals: ${COUNT_CACHE ? 'kept between commits (server/crud/count-cache.ts; nothing commits during the bench, so the API counts once per filter; the direct side counts every time)' : 'counted every request (GSP_LIST_COUNT_CACHE=0)'}`,
    `API deep pages: ${PAGE_ANCHORS ? 'from the key of a page served since the last commit (server/crud/page-anchors.ts; nothing commits during the bench, so a case repeating one deep page walks once; the direct side replays the walk every time)' : 'walked every request (GSP_LIST_PAGE_ANCHORS=0)'}`,
    `measured: up to ${opts.n} requests per query over HTTP (at least ${MIN_N}, within ${opts.budget} s), each followed by a direct run of the same statements, after ${opts.warmup} warm-up rounds`,
  ];
  const cpuTables: string[] = [];
  const verdicts: string[] = [];
  let pass = true;
  // GSP_BENCH_ENGINES=postgres (or sqlite): one engine only
  const only = process.env.GSP_BENCH_ENGINES?.split(',');
  const sides: (() => Promise<EngineSide>)[] = [];
  if (!only || only.includes('sqlite')) sides.push(async () => sqliteSide(fx));
  if (only && !only.includes('postgres')) notes.push('PostgreSQL: not measured (GSP_BENCH_ENGINES)');
  else if (cluster) sides.push(() => pgSide(cluster, fx, log));
  else notes.push('PostgreSQL: not measured (no cluster: set GSP_BENCH_PG or install Debian postgresql)');
  for (const open of sides) {
    const side = await open();
    const r = await runOn(side, fx, opts);
    table.push(...r.rows);
    notes.push('', `## ${side.engine}`, ...side.notes, ...r.notes);
    cpuTables.push(
      `CPU time per request, ${side.engine} (${side.engine === 'sqlite' ? 'this process: client, server and SQLite' : 'this process (client and server) + the PostgreSQL backends, per request'}; wall time minus waiting for the CPU):`,
      formatTable(r.cpuTable),
      '',
    );
    verdicts.push(`${side.engine}: ${r.pass ? 'PASS' : 'FAIL'}`);
    pass &&= r.pass;
  }
  notes.push('', ...cpuTables, `per engine: ${verdicts.join(', ')}`);
  return { name: 'list-api', table, pass, notes };
}

async function runOn(side: EngineSide, fx: FixtureInfo, opts: BenchOptions) {
  const { log } = opts;
  const clock = fixedDayClock(FIXTURE_TODAY);
  const { db } = side;
  const app = createApp({ db, clock, onInternalError: (e) => console.error(e) });
  useCountCache(COUNT_CACHE);
  usePageAnchors(PAGE_ANCHORS);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const notes: string[] = [];
  const rows: string[][] = [];
  // CPU time per request: what the wall times would be on an idle machine.
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
    const get = (p: Record<string, string>, resource = 'sales_lines') =>
      new Promise<{ rows: { id: number }[]; total: number }>((resolve, reject) => {
        const req = http.get(`${base}/api/${resource}?${new URLSearchParams(p)}`, { agent, headers: { cookie } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) return reject(new Error(`GET /api/${resource} → ${res.statusCode} ${body}`));
            resolve({ rows: JSON.parse(body), total: Number(String(res.headers['content-range']).split('/')[1]) });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
      });
    const timings = () => ({ page: [] as number[], count: [] as number[], lookup: [] as number[] });
    const idOf = (r: unknown) => (Array.isArray(r) ? r[0] : (r as { id: number }).id) as number;
    /** one direct execution of a request's statements; per-role times are added to `into` */
    const direct = async (stmts: Stmt[], into?: ReturnType<typeof timings>) => {
      let page: unknown[] = [],
        total = NaN;
      const byRole = { page: 0, count: 0, lookup: 0 };
      for (const s of stmts) {
        const t = performance.now();
        const rows = await side.run(s);
        byRole[s.role] += performance.now() - t;
        if (s.role === 'page') page = rows;
        // the list's total is its first count (a filtered page chosen by sort-walk.ts reads the table's kept count after it)
        if (s.role === 'count' && Number.isNaN(total)) total = Number(Object.values(rows[0] as object)[0]);
      }
      if (into) for (const k of ['page', 'count', 'lookup'] as const) into[k].push(byRole[k]);
      return { page: page.map(idOf), total };
    };

    const total = (await get({ sort: SORT, range: RANGE })).total;
    for (const c of cases(fx, total).filter((k) => !opts.cases || opts.cases.includes(k.key))) {
      const listed = c.resource ?? 'sales_lines';
      // 1. Record what the API runs for every parameter set, and check the replay gives the same answer.
      const recorded: Stmt[][] = [];
      /** each parameter set's answer as the recorded request gave it (no anchors, no kept total) */
      const answers: string[] = [];
      for (const p of c.params) {
        let res!: Awaited<ReturnType<typeof get>>;
        // every statement of the request, the count included: a total kept from an earlier request would hide it
        useCountCache(false);
        usePageAnchors(false);
        const stmts = await side.capture(listed, async () => {
          res = await get(p, listed);
        });
        useCountCache(COUNT_CACHE);
        usePageAnchors(PAGE_ANCHORS);
        const mine = await direct(stmts);
        // A page past the middle is read in reverse and flipped in JS (server/crud/list-query.ts pageRows).
        const got = JSON.stringify(res.rows.map((r) => r.id));
        const replayed = mine.page;
        const same = mine.total === res.total && (JSON.stringify(replayed) === got || JSON.stringify([...replayed].reverse()) === got);
        if (!same)
          throw new Error(
            `${side.engine} ${c.key}: direct replay differs from the API for ${JSON.stringify(p)}: total ${res.total} vs ${mine.total}, ids ${got} vs ${JSON.stringify(replayed)}`,
          );
        if (!stmts.some((s) => s.role === 'page') || !stmts.some((s) => s.role === 'count')) {
          throw new Error(`${side.engine} ${c.key}: expected a page and a count statement, recorded ${stmts.map((s) => s.role).join(', ')}`);
        }
        recorded.push(stmts);
        answers.push(`${res.total} ${got}`);
      }
      // 2. Warm up both sides over every parameter set.
      for (let i = 0; i < Math.max(opts.warmup, c.params.length); i++) {
        await get(c.params[i % c.params.length], listed);
        await direct(recorded[i % recorded.length]);
      }
      // 3. Measure, interleaved so both sides see the same machine load: one request, then one direct run.
      await side.findBackends();
      const api: number[] = [];
      const dir: number[] = [];
      const totals: number[] = [];
      const roles = timings();
      const deadline = performance.now() + opts.budget * 1000;
      const apiCpu: number[] = [];
      const dirCpu: number[] = [];
      // this process's CPU plus the database server's (PostgreSQL; at 10 ms granularity, so per-request medians are coarse)
      const cpuNow = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000 + (side.serverCpu() ?? 0) * 1000;
      };
      for (let i = 0; i < opts.n && (i < MIN_N || performance.now() < deadline); i++) {
        let t = performance.now();
        let u = cpuNow();
        const r = await get(c.params[i % c.params.length], listed);
        api.push(performance.now() - t);
        apiCpu.push(cpuNow() - u);
        if (i < c.params.length) totals.push(r.total);
        // a timed request (a kept total, a page from an anchor) must answer what the recorded one did
        const answer = `${r.total} ${JSON.stringify(r.rows.map((x) => x.id))}`;
        if (answer !== answers[i % answers.length]) throw new Error(`${side.engine} ${c.key}: request ${i} answered differently from the recorded one`);
        t = performance.now();
        u = cpuNow();
        await direct(recorded[i % recorded.length], roles);
        dir.push(performance.now() - t);
        dirCpu.push(cpuNow() - u);
      }
      const A = summary(api),
        D = summary(dir);
      const ok = A.p95 < TARGET_P95_MS && A.p95 - D.p95 <= TARGET_OVERHEAD_MS;
      if (!c.info) pass &&= ok;
      const lookups = roles.lookup.some((x) => x > 0) ? ms(summary(roles.lookup).p95) : '—';
      rows.push([
        `${c.key}. ${c.title}`,
        side.engine,
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
      const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      cpuTable.push([
        `${c.key}. ${c.title}`,
        ms(side.serverCpu() === null ? summary(apiCpu).median : meanOf(apiCpu)),
        ms(summary(apiCpu).p95),
        ms(side.serverCpu() === null ? summary(dirCpu).median : meanOf(dirCpu)),
        ms(summary(dirCpu).p95),
      ]);
      log(`list-api ${side.engine}: ${c.key} done (API p95 ${ms(A.p95)} ms, direct p95 ${ms(D.p95)} ms)`);

      notes.push(
        `### ${c.key}. ${c.title} (${side.engine})`,
        '',
        `example: GET /api/${c.resource ?? 'sales_lines'}?${decodeURIComponent(new URLSearchParams(c.params[0]).toString())}`,
        '',
      );
      for (const s of recorded[0]) {
        notes.push(`${s.role}: ${shortIn(s.sql)}`, `  params: ${shortParams(s.params)}`);
        notes.push(...(await side.plan(s)).map((l) => `  ${l}`));
      }
      notes.push('');
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await side.close();
  }
  if (side.serverCpu() !== null) cpuTable[0] = ['query', 'API cpu mean', 'API cpu p95', 'direct cpu mean', 'direct cpu p95'];
  return { rows, cpuTable, pass, notes };
}

/** `in (?, ?, …, ?)` → `in (?×25)`: id lists make the printed SQL unreadable. */
const shortIn = (sql: string) =>
  sql
    .replace(/\((\?(?:, \?){5,})\)/g, (m) => `(?×${m.split('?').length - 1})`)
    .replace(/\((\$\d+(?:, \$\d+){5,})\)/g, (m) => `($…×${m.split('$').length - 1})`);
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
    'GET /api/sales_lines, every list interaction (each declared sort both ways, first/middle/last page, each filter, q) vs the same SQL through better-sqlite3; the same on PostgreSQL when a cluster is at hand (bench/pg.ts)',
  run: runListApi,
};
