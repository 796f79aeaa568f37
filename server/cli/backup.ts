/** `npm run backup -- OUT.db [--db PATH]`: an online, verified copy of the database (safe while the server runs). */
import { openDb } from '../db';
import { backupTo } from '../services/backup';
import { commandLine } from './args';
import { existingDbFile } from './db-file';

const USAGE = 'npm run backup -- OUT.db [--db PATH]';
const { values, positionals } = commandLine({ db: { type: 'string' } }, USAGE);
const out = positionals[0];
if (!out || positionals.length > 1) {
  console.error(`用法 / usage: ${USAGE}`);
  process.exit(2);
}
const file = existingDbFile(values.db);
backupTo(openDb(file), out).then(
  (r) =>
    console.log(`备份完成 / backup written: ${out} (${r.bytes} bytes, integrity ok; ${r.attachments} attachment files in ${out}.attachments) from ${file}`),
  (err) => {
    console.error(`备份失败 / backup failed: ${err.message}`);
    process.exit(1);
  },
);
