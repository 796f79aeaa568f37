/** `npm run restore -- IN.db [--db PATH]`: checks IN.db and puts it in place of the database (server stopped). */
import path from 'node:path';
import { restoreFrom } from '../services/backup';

const args = process.argv.slice(2);
const at = args.indexOf('--db');
const target = at >= 0 ? args[at + 1] : process.env.GSP_DB || path.resolve('data/gsp.db');
const from = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--db');
if (!from) {
  console.error('用法 / usage: npm run restore -- IN.db [--db PATH]');
  process.exit(2);
}
try {
  restoreFrom(from, target);
  console.log(`恢复完成 / restored ${from} → ${target}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
