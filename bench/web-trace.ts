/**
 * The browser's CPU per phase of one page load, from a Chromium trace (categories `toplevel` and
 * `blink.user_timing`): every thread's top-level tasks carry their thread time (`tdur`, CPU, not waiting), and
 * the page's performance marks give the phases. A task that straddles a phase boundary counts in each phase
 * pro rata of its wall time. Used by bench/web.ts.
 */

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frame?: string } };
}

/** The categories the analysis needs (few, so tracing costs the page little). */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

const TOP_LEVEL = new Set(['ThreadControllerImpl::RunTask', 'ThreadPool_RunTask', 'RunTask', 'EpollEvent']);

export interface PhaseCpu {
  /** CPU ms of the page's renderer main thread (JS, style, layout, paint): its critical path */
  main: number;
  /** CPU ms of every Chromium thread and process (renderer workers, browser, GPU/compositor) */
  all: number;
}

/**
 * CPU per phase. `marks` are ms since navigation start (the page's performance.now()), in order; phase i runs
 * from marks[i] to marks[i + 1]. The page's renderer is the process that holds the performance mark `markName`,
 * made at `markAt` (its performance.now()): that places the navigation start on the trace's clock (a renderer
 * started for the navigation does not always record its navigationStart event).
 */
export function cpuPerPhase(trace: Buffer, markName: string, markAt: number, marks: number[]): PhaseCpu[] {
  const json = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(json) ? json : (json.traceEvents ?? []);
  const mark = events.find((e) => e.name === markName);
  if (!mark) return marks.slice(1).map(() => ({ main: Number.NaN, all: Number.NaN }));
  const navTs = mark.ts - markAt * 1000;
  const threadNames = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const bounds = marks.map((m) => navTs + m * 1000);
  const out = marks.slice(1).map(() => ({ main: 0, all: 0 }));
  // top-level only: a task nested in another of the same thread is already counted in it
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !TOP_LEVEL.has(e.name) || e.tdur === undefined || !e.dur) continue;
    if (e.ts + e.dur < bounds[0] || e.ts > bounds[bounds.length - 1]) continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  for (const [key, list] of byThread) {
    const isMain = key === `${mark.pid}:${mark.tid}` || (key.startsWith(`${mark.pid}:`) && threadNames.get(key) === 'CrRendererMain');
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let end = -1;
    for (const e of list) {
      if (e.ts < end) continue;
      const dur = e.dur!;
      end = e.ts + dur;
      for (let i = 0; i < out.length; i++) {
        const overlap = Math.min(end, bounds[i + 1]) - Math.max(e.ts, bounds[i]);
        if (overlap <= 0) continue;
        const cpu = ((e.tdur ?? 0) * overlap) / dur / 1000;
        out[i].all += cpu;
        if (isMain) out[i].main += cpu;
      }
    }
  }
  return out;
}
