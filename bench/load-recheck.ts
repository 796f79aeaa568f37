/**
 * The `recheck` case of the load bench: the real app on a copy of the list fixture (`--lines`, 1M by
 * default) answers /api/auth/me and a list page to PROBES keep-alive clients while the rule re-check runs
 * in its worker thread, first full (as of a day before the fixture's last month ends, so that month's
 * sales are future-dated and DATE_INCONSISTENT opens on them: real finding writes), then incremental to
 * the fixture's last day (those findings resolve). Targets: /api/auth/me p99 < 100 ms during the re-check,
 * the full re-check < 60 s.
 */
import { serve, type ServerType } from '@hono/node-server';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../server/app';
import { fixedDayClock } from '../server/clock';
import { openDb } from '../server/db';
import { startRecheck } from '../server/services/rules/recheck-runner';
import type { RecheckProgress } from '../server/services/rules/recheck-progress';
import { ensureFixture, FIXTURE_TODAY } from './fixture';
import { ms, percentile, type BenchOptions } from './lib';

const PROBES = 4;
const BASELINE_S = 15;
export const RECHECK_TARGETS = { meP99: 100, fullSeconds: 60 };

function get(agent: http.Agent, port: number, cookie: string, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: `/api${p}`, agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface RecheckCase {
  rows: string[][];
  pass: boolean;
  notes: string[];
}

export async function recheckCase(opts: BenchOptions, dir: string): Promise<RecheckCase> {
  const fx = await ensureFixture({ lines: opts.lines, log: opts.log });
  const file = path.join(dir, 'recheck.db');
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(file + suffix, { force: true });
    if (fs.existsSync(fx.file + suffix)) fs.copyFileSync(fx.file + suffix, file + suffix);
  }
  const clock = fixedDayClock(FIXTURE_TODAY);
  const db = openDb(file);
  const app = createApp({ db, clock, onInternalError: (e) => opts.log(`500: ${(e as Error).stack ?? e}`) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: PROBES });
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: fx.adminPassword }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];

  /**
   * Probes while one re-check runs (or, without `asOf`, for BASELINE_S seconds with none: the same requests
   * on the same machine load, to read the figures against); returns the latencies and the run's progress.
   */
  const during = async (asOf?: string, full = false) => {
    const me: number[] = [];
    const list: number[] = [];
    let errors = 0;
    const started = performance.now();
    const run = asOf ? startRecheck({ db, file, clock, asOf, full }) : null;
    let finished = false;
    const done = (run ? run.done : new Promise<null>((r) => setTimeout(() => r(null), BASELINE_S * 1000))).finally(() => {
      finished = true;
    });
    const probe = async (c: number) => {
      for (let i = 0; !finished; i++) {
        const t0 = performance.now();
        const isList = (i + c) % 4 === 3;
        const status = await get(agent, port, cookie, isList ? '/sales_lines?sort=%5B%22sale_date%22%2C%22DESC%22%5D&range=%5B0%2C24%5D' : '/auth/me');
        (isList ? list : me).push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    };
    await Promise.all(Array.from({ length: PROBES }, (_, c) => probe(c)));
    const p = (await done) as RecheckProgress;
    return { me, list, errors, p, seconds: (performance.now() - started) / 1000 };
  };

  const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const loadBefore = load();
  const base = await during();
  // a day inside the fixture's last month: the sales after it are future-dated as of then
  const fullAsOf = `${FIXTURE_TODAY.slice(0, 8)}01`;
  const full = await during(fullAsOf, true);
  const loadFull = load();
  const inc = await during(FIXTURE_TODAY, false);
  agent.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  const findings = await db.$client.prepare(`SELECT status, count(*) AS n FROM findings WHERE rule = 'DATE_INCONSISTENT' GROUP BY status`).all();
  db.$client.close();

  const row = (name: string, r: Awaited<ReturnType<typeof during>>, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return [name, String(s.length), ms(percentile(s, 50)), ms(percentile(s, 95)), ms(percentile(s, 99)), ms(s[s.length - 1] ?? NaN), r.seconds.toFixed(1)];
  };
  const p99 = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      99,
    );
  const fullOk = full.seconds < RECHECK_TARGETS.fullSeconds && full.p.status === 'done';
  const meOk = p99(full.me) < RECHECK_TARGETS.meP99 && p99(inc.me) < RECHECK_TARGETS.meP99;
  return {
    rows: [
      row('no re-check (baseline): /auth/me', base, base.me),
      row('no re-check (baseline): list page', base, base.list),
      row('recheck full: /auth/me', full, full.me),
      row('recheck full: list page', full, full.list),
      row('recheck incremental: /auth/me', inc, inc.me),
      row('recheck incremental: list page', inc, inc.list),
    ],
    pass: fullOk && meOk && full.errors === 0 && inc.errors === 0,
    notes: [
      `recheck: fixture ${fx.counts.sales_lines?.toLocaleString('en') ?? opts.lines} sales lines, ${PROBES} probe clients; load average before ${loadBefore}, after the full run ${loadFull}, at the end ${load()}`,
      `recheck full as of ${fullAsOf}: ${full.p.records.toLocaleString('en')} records in ${full.seconds.toFixed(1)} s (${(full.p.work_ms / 1000).toFixed(1)} s inside ${full.p.batches} batches), +${full.p.opened} / -${full.p.resolved} findings — target < ${RECHECK_TARGETS.fullSeconds} s: ${fullOk ? 'PASS' : 'FAIL'}`,
      `recheck incremental ${inc.p.since} → ${inc.p.as_of}: ${inc.p.records.toLocaleString('en')} records in ${inc.seconds.toFixed(1)} s (${inc.p.batches} batches), +${inc.p.opened} / -${inc.p.resolved} findings`,
      `recheck baseline (no re-check, ${BASELINE_S} s, same probes): /auth/me p99 ${ms(p99(base.me))}, list p99 ${ms(p99(base.list))}`,
      `recheck /auth/me p99 full ${ms(p99(full.me))}, incremental ${ms(p99(inc.me))} — target < ${RECHECK_TARGETS.meP99} ms: ${meOk ? 'PASS' : 'FAIL'}; non-200 answers: ${full.errors + inc.errors}; DATE_INCONSISTENT findings at the end: ${JSON.stringify(findings)}`,
    ],
  };
}
