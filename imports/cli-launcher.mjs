// `npm run import` runs the importer's CLI (imports/cli.ts) compiled into one ES module bundle under build/,
// not through tsx (imports/bundle-launch.mjs): a 2,000-row XLSX import took 1.5 s through tsx, 0.8 s from the
// bundle; `--help` 0.32 → 0.14 s. `tsx imports/cli.ts` still works for development.
import { launch } from './bundle-launch.mjs';

await launch({
  name: 'cli',
  // the CLI and the threads it starts, each found beside the code that starts it: the XLSX reader
  // (imports/readers/sheet-thread.ts) and the staging writer (imports/run/ledger/staging-thread.ts)
  entries: {
    cli: 'imports/cli.ts',
    'sheet-worker': 'imports/readers/sheet-worker.ts',
    'staging-worker': 'imports/run/ledger/staging-worker.ts',
  },
  // GSP_CLI_BUILD_DIR: a build folder of one's own inside the project (the launcher's test: parallel runs
  // cannot interfere), where the bundle still finds node_modules and the project root above it
  buildDir: process.env.GSP_CLI_BUILD_DIR,
  launcher: import.meta.url,
});
