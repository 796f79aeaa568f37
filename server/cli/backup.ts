/** `npm run backup -- OUT.db [--db PATH]`: an online, verified copy of the database (safe while the server runs). */
import { openDb } from '../db';
import { backupTo } from '../services/backup';
import { existingDbFile } from './db-file';

const args = process.argv.slice(2);
const out = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--db');
if (!out) {
  console.error('用法 / usage: npm run backup -- OUT.db [--db PATH]');
  process.exit(2);
}
const file = existingDbFile(args);
backupTo(openDb(file), out).then(
  (r) => console.log(`备份完成 / backup written: ${out} (${r.bytes} bytes, integrity ok; ${r.attachments} attachment files in ${out}.attachments) from ${file}`),
  (err) => {
    console.error(`备份失败 / backup failed: ${err.message}`);
    process.exit(1);
  },
);
