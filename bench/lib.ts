/** Small helpers shared by the benchmarks: percentiles, timing, tables, the machine description. */
import Database from 'better-sqlite3';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface BenchOptions {
  /** sales lines in the fixture */
  lines: number;
  /** measured requests per query (and as many direct runs) */
  n: number;
  warmup: number;
  /** seconds one query may take to measure (at least a minimum number of samples is still taken) */
  budget: number;
  /** regenerate the fixture even when a complete one with the same stamp exists */
  force: boolean;
  /** only these cases (by key), when given */
  cases?: string[];
  log: (s: string) => void;
}

export interface BenchResult {
  name: string;
  /** one compact table (header row first) */
  table: string[][];
  pass: boolean;
  /** extra lines for the report (plans, sizes, timings) */
  notes: string[];
}

export interface Bench {
  name: string;
  description: string;
  run(opts: BenchOptions): Promise<BenchResult>;
}

/** Nearest-rank percentile of already collected samples (ms). */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function summary(samples: number[]) {
  return { median: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), n: samples.length };
}

export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? padEnd(c, widths[i]) : padStart(c, widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(rows: string[][]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(rows[0]), line(rows[0].map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.slice(1).map(line)].join('\n');
}

// CJK characters take two columns in a terminal.
const displayWidth = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

export async function machine(): Promise<Record<string, string>> {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = execSync("lscpu | sed -n 's/^Model name: *//p'", { encoding: 'utf8' }).trim() || cpu;
  } catch {
    /* keep os.cpus() */
  }
  const sqlite = ((await new Database(':memory:').prepare('select sqlite_version() v').get()) as { v: string }).v;
  return {
    cpu,
    nproc: String(os.availableParallelism()),
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    sqlite,
    os: `${os.type()} ${os.release()}`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/**
 * This process's own peak RSS (MB): VmHWM, which starts afresh at exec. `process.resourceUsage().maxRSS` does
 * not — a child spawned by a big parent (a bench that has just written its fixture) reports the parent's RSS
 * at fork when that is larger (measured: 603 MB for a child whose own peak was 39 MB).
 */
export function ownPeakRssMb(): number {
  try {
    const kb = /^VmHWM:\s*(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}
