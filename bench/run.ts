/**
 * `npm run bench [-- NAME… --lines N --n N --warmup N --budget S --cases K,K --force]`: runs the benchmarks (all by default),
 * prints each one's table and notes, writes bench/out/latest.{json,md}, and exits 1 when a target fails.
 * A benchmark is a sibling module exporting a `Bench`; add it to BENCHES.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OUT_DIR } from './fixture';
import { formatTable, machine, markdownTable, type Bench, type BenchOptions, type BenchResult } from './lib';

const BENCHES: Record<string, () => Promise<Bench>> = {
  'list-api': async () => (await import('./list-api')).listApi,
  load: async () => (await import('./load')).load,
  import: async () => (await import('./import')).importBench,
  web: async () => (await import('./web')).webBench,
};

function parseArgs(argv: string[]): { names: string[]; opts: BenchOptions } {
  const opts: BenchOptions = {
    lines: 1_000_000, n: 300, warmup: 30, budget: 45, force: false,
    log: (s) => process.stderr.write(`${s}\n`),
  };
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--lines') opts.lines = num();
    else if (a === '--n') opts.n = num();
    else if (a === '--warmup') opts.warmup = num();
    else if (a === '--budget') opts.budget = num();
    else if (a === '--force') opts.force = true;
    else if (a === '--cases') opts.cases = String(argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      console.log(`usage: npm run bench -- [${Object.keys(BENCHES).join('|')}…] [--lines 1000000] [--n 300] [--warmup 30] [--budget 45] [--cases a,b] [--force]`);
      process.exit(0);
    } else if (a in BENCHES) names.push(a);
    else throw new Error(`unknown argument ${a} (benchmarks: ${Object.keys(BENCHES).join(', ')})`);
  }
  return { names: names.length ? names : Object.keys(BENCHES), opts };
}

async function main() {
  const { names, opts } = parseArgs(process.argv.slice(2));
  const host = machine();
  const started = performance.now();
  const results: BenchResult[] = [];
  for (const name of names) {
    const bench = await BENCHES[name]();
    opts.log(`== ${bench.name}: ${bench.description}`);
    results.push(await bench.run(opts));
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
  fs.writeFileSync(path.join(OUT_DIR, 'latest.md'), [
    `Run ${at}: ${hostLine}; ${opts.lines.toLocaleString('en')} lines, ${opts.n} requests per query.`, '',
    ...results.flatMap((r) => [`## ${r.name}: ${r.pass ? 'PASS' : 'FAIL'} (ms)`, '', markdownTable(r.table), '', '```', ...r.notes, '```', '']),
  ].join('\n'));
  process.exitCode = results.every((r) => r.pass) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
