// The machinery both launchers share (imports/cli-launcher.mjs for `npm run import`, server/launcher.mjs for
// `npm start`): run a TypeScript entry compiled into one ES module bundle under build/, not through tsx —
// compiling a few hundred TypeScript modules on every start cost 0.5–1.5 s. The bundle is rebuilt with esbuild
// (≈ 0.3–0.6 s) whenever a file it was built from (or a launcher) changed, so a command never runs stale code.
//
// build/<name>.json names the current bundle folder and the size and mtime of every input. Each build writes a
// folder of its own and then replaces the pointer by a rename, so parallel runs (the test suite) never see a
// half-written bundle; folders of that name left by older builds are removed after an hour.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STALE_FOLDER_MS = 3600_000;
const SELF = path.relative(ROOT, fileURLToPath(import.meta.url));
// Native addons cannot be bundled; exceljs (only the problem-rows writer, a lazily loaded chunk), Chromium's
// driver and vite (the web build at start) are big and loaded on demand only, so they stay outside as well.
// Pure-JS dependencies (drizzle-orm, hono, papaparse, fflate…) go in: resolving and loading their hundreds of
// small files took another ≈ 0.13 s of every start.
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'exceljs', 'playwright-core', 'vite'];

function stamp(file) {
  try {
    const s = fs.statSync(path.join(ROOT, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * The bundle's main file for `name`, built first when missing or stale. `entries` maps output names (the main
 * one is `name`; worker threads are entries of their own, found by the code beside it as `<entry>.js`) to
 * source paths relative to the project root; `launcher` is the calling launcher's import.meta.url.
 */
export async function bundled({ name, entries, buildDir, launcher }) {
  const build = buildDir ? path.resolve(buildDir) : path.join(ROOT, 'build');
  const pointer = path.join(build, `${name}.json`);
  const current = () => {
    try {
      const p = JSON.parse(fs.readFileSync(pointer, 'utf8'));
      const main = path.join(build, p.dir, `${name}.js`);
      if (!fs.existsSync(main)) return null;
      for (const [file, s] of Object.entries(p.inputs)) if (stamp(file) !== s) return null;
      return main;
    } catch {
      return null;
    }
  };
  return current() ?? (await rebuild({ name, entries, build, pointer, launcher }));
}

async function rebuild({ name, entries, build, pointer, launcher }) {
  const { build: esbuild } = await import('esbuild');
  fs.mkdirSync(build, { recursive: true });
  const dir = `${name}-${Date.now().toString(36)}-${process.pid}`;
  const result = await esbuild({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, path.join(ROOT, v)])),
    outdir: path.join(build, dir),
    bundle: true,
    splitting: true, // code loaded on demand (the demo seed, the problem-rows writer) stays a lazily loaded chunk
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS code in the bundle may require() Node's built-in modules
    banner: { js: "import { createRequire as __gspCreateRequire } from 'node:module'; const require = __gspCreateRequire(import.meta.url);" },
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // every file bundled, the launcher and this module (the build options)
  const files = [...Object.keys(result.metafile.inputs), path.relative(ROOT, fileURLToPath(launcher)), SELF];
  const inputs = Object.fromEntries(files.map((f) => [f, stamp(f)]));
  const tmp = `${pointer}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  fs.renameSync(tmp, pointer);
  for (const d of fs.readdirSync(build)) {
    if (d === dir || !d.startsWith(`${name}-`)) continue;
    try {
      if (Date.now() - fs.statSync(path.join(build, d)).mtimeMs > STALE_FOLDER_MS) fs.rmSync(path.join(build, d), { recursive: true, force: true });
    } catch {
      /* another run removed it */
    }
  }
  return path.join(build, dir, `${name}.js`);
}

/** Builds if needed, then runs the bundle in this process (signals reach it directly). */
export async function launch(options) {
  await import(pathToFileURL(await bundled(options)).href);
}
