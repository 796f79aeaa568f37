/**
 * `npm run bench [-- NAME… --lines N --n N --warmup N --budget S --cases K,K --force]`: runs the benchmarks (all by default),
 * prints each one's table and notes, writes bench/out/latest.{json,md}, and exits 1 when a target fails.
 * A benchmark is a sibling module exporting a `Bench`; add it to BENCHES.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCommandLine, UsageError } from '../server/cli/args';
import { OUT_DIR } from './fixture';
import { stopBenchCluster } from './pg';
import { formatTable, machine, markdownTable, type Bench, type BenchOptions, type BenchResult } from './lib';

const BENCHES: Record<string, () => Promise<Bench>> = {
  'list-api': async () => (await import('./list-api')).listApi,
  load: async () => (await import('./load')).load,
  import: async () => (await import('./import')).importBench,
  web: async () => (await import('./web')).webBench,
};

const USAGE = `npm run bench -- [${Object.keys(BENCHES).join('|')}…] [--lines 1000000] [--n 300] [--warmup 30] [--budget 45] [--cases a,b] [--force]`;

function readArgs(argv: string[]): { names: string[]; opts: BenchOptions } {
  const { values: v, positionals } = parseCommandLine(
    argv,
    {
      lines: { type: 'string' },
      n: { type: 'string' },
      warmup: { type: 'string' },
      budget: { type: 'string' },
      cases: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (v.help) {
    console.log(`usage: ${USAGE}`);
    process.exit(0);
  }
  const num = (name: string, value: string | undefined, dflt: number) => {
    if (value === undefined) return dflt;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} 应为正整数`, `--${name} needs a positive integer`);
    return n;
  };
  const unknown = positionals.find((a) => !(a in BENCHES));
  if (unknown)
    throw new UsageError(
      `未知的基准 ${unknown}（可用：${Object.keys(BENCHES).join(', ')}）`,
      `unknown benchmark ${unknown} (benchmarks: ${Object.keys(BENCHES).join(', ')})`,
    );
  const opts: BenchOptions = {
    lines: num('lines', v.lines, 1_000_000),
    n: num('n', v.n, 300),
    warmup: num('warmup', v.warmup, 30),
    budget: num('budget', v.budget, 45),
    force: v.force === true,
    cases: v.cases?.split(',').filter(Boolean),
    log: (s) => process.stderr.write(`${s}\n`),
  };
  return { names: positionals.length ? positionals : Object.keys(BENCHES), opts };
}

async function main() {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`错误：${e.zh} / Error: ${e.en}`);
    process.exit(2);
  }
  const { names, opts } = args;
  const host = await machine();
  const started = performance.now();
  const results: BenchResult[] = [];
  try {
    for (const name of names) {
      const bench = await BENCHES[name]();
      opts.log(`== ${bench.name}: ${bench.description}`);
      results.push(await bench.run(opts));
    }
  } finally {
    await stopBenchCluster(); // a throwaway cluster the benches started (bench/pg.ts)
  }
  const seconds = (performance.now() - started) / 1000;
  const hostLine = `machine: ${host.cpu}, nproc ${host.nproc}, RAM ${host.ram}, node ${host.node}, SQLite ${host.sqlite}, load ${host.load}`;

  for (const r of results) {
    console.log(`\n${r.notes.join('\n')}`);
    console.log(`== ${r.name}: ${r.pass ? 'PASS' : 'FAIL'} (times in ms)\n${formatTable(r.table)}`);
  }
  console.log(`\n${hostLine}\ntotal ${seconds.toFixed(0)} s`);

  fs.mkdirSync(OUT_DIR, { recursive: true });
  const at = new Date().toISOString();
  fs.writeFileSync(path.join(OUT_DIR, 'latest.json'), JSON.stringify({ at, machine: host, opts: { ...opts, log: undefined }, seconds, results }, null, 2));
  fs.writeFileSync(
    path.join(OUT_DIR, 'latest.md'),
    [
      `Run ${at}: ${hostLine}; ${opts.lines.toLocaleString('en')} lines, ${opts.n} requests per query.`,
      '',
      ...results.flatMap((r) => [`## ${r.name}: ${r.pass ? 'PASS' : 'FAIL'} (ms)`, '', markdownTable(r.table), '', '```', ...r.notes, '```', '']),
    ].join('\n'),
  );
  process.exitCode = results.every((r) => r.pass) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
