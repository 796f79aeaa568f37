/**
 * The CPU time of each test file — its worker process and every process it started (Chromium, the PDF renderer,
 * a CLI run) — from before its first hook to after its last, kept in the file's meta for the slowest-files
 * report (slowest-files.ts). On two shared cores the CPU a file uses is what it takes from the rest of the run;
 * its wall time is also the load's. Descendants are read from /proc (Linux); elsewhere only the worker counts.
 */
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** CPU milliseconds the file cost (file-cpu.ts) */
    cpuMs?: number;
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** The worker's own CPU plus its descendants' (alive, and those they have reaped), in ms. */
function cpuMs(): number {
  const own = process.cpuUsage();
  let ms = (own.user + own.system) / 1000;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return ms;
  }
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      // utime, stime, and cutime, cstime: the children it has waited for
      ticks.set(pid, Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
      const ppid = Number(f[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  // the worker's own children it has reaped: cutime/cstime of its own stat
  const self = ticks.get(process.pid);
  if (self !== undefined) {
    const stat = fs.readFileSync(`/proc/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ms += (Number(f[13]) + Number(f[14])) * TICK_MS;
  }
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    ms += (ticks.get(pid) ?? 0) * TICK_MS;
    stack.push(...(children.get(pid) ?? []));
  }
  return ms;
}

let start = 0;
beforeAll(() => {
  start = cpuMs();
});
// vitest reads a hook's first parameter as its fixtures: it must be an object pattern, even when empty
// biome-ignore lint/correctness/noEmptyPattern: see above
afterAll(({}, file) => {
  file.meta.cpuMs = cpuMs() - start;
});
