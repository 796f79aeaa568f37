/**
 * Which database file a maintenance command works on (--db PATH, else GSP_DB, else data/gsp.db), said out
 * loud. A file that does not exist is refused (exit 2): opening it would create and migrate an empty
 * database, and a backup or an audit check of that says "ok" about nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../root';

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The path the command would use, without checking it. */
export function dbFileArg(args: string[]): string {
  return path.resolve(argValue(args, '--db') || process.env.GSP_DB || path.join(ROOT, 'data/gsp.db'));
}

/** The existing database file to use; exits 2 with a message when there is none. */
export function existingDbFile(args: string[]): string {
  const file = dbFileArg(args);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`数据库文件不存在 / database file not found: ${file}\n（用 --db PATH 或 GSP_DB 指定 / name it with --db PATH or GSP_DB）`);
    process.exit(2);
  }
  console.error(`数据库 / database: ${file}`);
  return file;
}
