// `npm run import` runs the importer's CLI (imports/cli.ts) compiled into one ES module bundle under build/,
// not through tsx: compiling ~150 TypeScript modules on every start cost about 0.5 s of each run (a 2,000-row
// XLSX import: 1.5 s through tsx, 0.8 s from the bundle; `--help` 0.32 → 0.14 s). The bundle is rebuilt with esbuild
// (≈ 0.3 s) whenever a file it was built from (or this launcher) changed, so the command never runs stale
// code; `tsx imports/cli.ts` still works for development.
//
// build/cli.json names the current bundle folder and the size and mtime of every input. Each build writes a
// folder of its own and then replaces cli.json by a rename, so parallel runs (the test suite) never see a
// half-written bundle; folders left by older builds are removed after an hour.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// GSP_CLI_BUILD_DIR: a build folder of one's own inside the project (the launcher's test: parallel runs
// cannot interfere), where the bundle still finds node_modules and the project root above it
const BUILD = process.env.GSP_CLI_BUILD_DIR ? path.resolve(process.env.GSP_CLI_BUILD_DIR) : path.join(ROOT, 'build');
const POINTER = path.join(BUILD, 'cli.json');
// the CLI, and the XLSX reader thread it starts (imports/readers/sheet-thread.ts looks for it beside itself)
const ENTRIES = { cli: path.join(ROOT, 'imports/cli.ts'), 'sheet-worker': path.join(ROOT, 'imports/readers/sheet-worker.ts') };
const STALE_FOLDER_MS = 3600_000;

function stamp(file) {
  try {
    const s = fs.statSync(path.join(ROOT, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function current() {
  try {
    const p = JSON.parse(fs.readFileSync(POINTER, 'utf8'));
    const main = path.join(BUILD, p.dir, 'cli.js');
    if (!fs.existsSync(main)) return null;
    for (const [file, s] of Object.entries(p.inputs)) if (stamp(file) !== s) return null;
    return main;
  } catch {
    return null;
  }
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  fs.mkdirSync(BUILD, { recursive: true });
  const dir = `cli-${Date.now().toString(36)}-${process.pid}`;
  const result = await esbuild({
    entryPoints: ENTRIES,
    outdir: path.join(BUILD, dir),
    bundle: true,
    splitting: true, // the problem-rows writer (exceljs) stays a lazily loaded chunk
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // pure-JS dependencies (drizzle-orm, papaparse, fflate…) go into the bundle too: resolving and loading
    // their hundreds of small files took another ≈ 0.13 s of every start. Native addons cannot be bundled;
    // exceljs only writes the problem-rows file (a lazily loaded chunk) and stays outside as well.
    external: ['better-sqlite3', '@node-rs/argon2', 'exceljs'],
    // CommonJS code in the bundle may require() Node's built-in modules
    banner: { js: "import { createRequire as __gspCreateRequire } from 'node:module'; const require = __gspCreateRequire(import.meta.url);" },
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // every file bundled, and this launcher itself (its build options)
  const files = [...Object.keys(result.metafile.inputs), path.relative(ROOT, fileURLToPath(import.meta.url))];
  const inputs = Object.fromEntries(files.map((f) => [f, stamp(f)]));
  const tmp = `${POINTER}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  fs.renameSync(tmp, POINTER);
  for (const d of fs.readdirSync(BUILD)) {
    if (d === dir || !d.startsWith('cli-')) continue;
    try {
      if (Date.now() - fs.statSync(path.join(BUILD, d)).mtimeMs > STALE_FOLDER_MS) fs.rmSync(path.join(BUILD, d), { recursive: true, force: true });
    } catch { /* another run removed it */ }
  }
  return path.join(BUILD, dir, 'cli.js');
}

await import(pathToFileURL(current() ?? (await build())).href);
