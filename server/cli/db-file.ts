/**
 * Which database file a maintenance command works on (--db PATH, else GSP_DB, else data/gsp.db), said out
 * loud. A file that does not exist is refused (exit 2): opening it would create and migrate an empty
 * database, and a backup or an audit check of that says "ok" about nothing.
 */
import fs from 'node:fs';
import { dbFilePath } from '../env';

/** The existing database file to use; exits 2 with a message when there is none. */
export function existingDbFile(db: string | undefined): string {
  const file = dbFilePath(db);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`数据库文件不存在 / database file not found: ${file}\n（用 --db PATH 或 GSP_DB 指定 / name it with --db PATH or GSP_DB）`);
    process.exit(2);
  }
  console.error(`数据库 / database: ${file}`);
  return file;
}
