/** `npm run restore -- IN.db [--db PATH]`: checks IN.db and puts it in place of the database (server stopped). */
import fs from 'node:fs';
import { dbFilePath } from '../env';
import { restoreFrom } from '../services/backup';
import { commandLine } from './args';

const USAGE = 'npm run restore -- IN.db [--db PATH]';
const { values, positionals } = commandLine({ db: { type: 'string' } }, USAGE);
const target = dbFilePath(values.db);
const from = positionals[0];
if (!from || positionals.length > 1) {
  console.error(`用法 / usage: ${USAGE}`);
  process.exit(2);
}
if (!fs.existsSync(from)) {
  console.error(`备份文件不存在 / backup file not found: ${from}`);
  process.exit(2);
}
// The target may be missing (restoring onto a new machine): it is named either way.
console.error(`数据库 / database: ${target}${fs.existsSync(target) ? '' : '（新建 / new）'}`);
try {
  await restoreFrom(from, target);
  console.log(`恢复完成 / restored ${from} → ${target}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
