// `npm start` runs the server (server/main.ts) compiled into one ES module bundle under build/ (rebuilt when a
// source changed: imports/bundle-launch.mjs), in this very process: npm's SIGTERM/SIGINT reach the server's own
// shutdown, and start-up to listening takes ≈ 0.3 s instead of ≈ 2 s through tsx. `npm run dev` (tsx) for
// development.
import { launch } from '../imports/bundle-launch.mjs';

await launch({
  name: 'server',
  // the server and its worker threads, each found beside the code that starts it: the rule re-check
  // (server/services/rules/recheck-runner.ts), the XLSX reader (imports/readers/sheet-thread.ts) and an upload's
  // import (imports/run/import-thread.ts)
  entries: {
    server: 'server/main.ts',
    'recheck-worker': 'server/services/rules/recheck-worker.ts',
    'sheet-worker': 'imports/readers/sheet-worker.ts',
    'staging-worker': 'imports/run/ledger/staging-worker.ts',
    'import-worker': 'imports/run/import-worker.ts',
  },
  // GSP_SERVER_BUILD_DIR: a build folder of one's own inside the project (tests)
  buildDir: process.env.GSP_SERVER_BUILD_DIR,
  launcher: import.meta.url,
});
