/** `npm run backup -- OUT.db [--db PATH]`: an online, verified copy of the database (safe while the server runs). */
import path from 'node:path';
import { openDb } from '../db';
import { backupTo } from '../services/backup';

const args = process.argv.slice(2);
const at = args.indexOf('--db');
const file = at >= 0 ? args[at + 1] : process.env.GSP_DB || path.resolve('data/gsp.db');
const out = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--db');
if (!out) {
  console.error('用法 / usage: npm run backup -- OUT.db [--db PATH]');
  process.exit(2);
}
backupTo(openDb(file), out).then(
  (r) => console.log(`备份完成 / backup written: ${out} (${r.bytes} bytes, integrity ok)`),
  (err) => {
    console.error(`备份失败 / backup failed: ${err.message}`);
    process.exit(1);
  },
);
