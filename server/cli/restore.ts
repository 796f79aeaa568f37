/** `npm run restore -- IN.db [--db PATH]`: checks IN.db and puts it in place of the database (server stopped). */
import fs from 'node:fs';
import { restoreFrom } from '../services/backup';
import { dbFileArg } from './db-file';

const args = process.argv.slice(2);
const target = dbFileArg(args);
const from = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--db');
if (!from) {
  console.error('用法 / usage: npm run restore -- IN.db [--db PATH]');
  process.exit(2);
}
if (!fs.existsSync(from)) {
  console.error(`备份文件不存在 / backup file not found: ${from}`);
  process.exit(2);
}
// The target may be missing (restoring onto a new machine): it is named either way.
console.error(`数据库 / database: ${target}${fs.existsSync(target) ? '' : '（新建 / new）'}`);
try {
  restoreFrom(from, target);
  console.log(`恢复完成 / restored ${from} → ${target}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
