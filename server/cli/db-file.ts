/**
 * Which database a maintenance command works on, said out loud: `--db PATH` (a SQLite file), else
 * DATABASE_URL (PostgreSQL; it wins over GSP_DB), else GSP_DB, else data/gsp.db. A SQLite file that does not
 * exist is refused (exit 2): opening it would create and migrate an empty database, and a backup or an audit
 * check of that says "ok" about nothing.
 */
import fs from 'node:fs';
import { type Db, openDb, openPgDb } from '../db';
import { databaseTarget, dbFilePath, describeDatabase, type DatabaseTarget } from '../env';

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

/** The database to use (`--db` names a SQLite file and wins; else DATABASE_URL, else the SQLite file), named on stderr. */
export function existingDatabase(db: string | undefined): DatabaseTarget {
  if (!db) {
    const target = databaseTarget();
    if (target.engine === 'postgresql') {
      console.error(`数据库 / database: ${describeDatabase(target)}`);
      return target;
    }
  }
  return { engine: 'sqlite', file: existingDbFile(db) };
}

export function openTarget(target: DatabaseTarget): Db {
  return target.engine === 'postgresql' ? openPgDb(target.url) : openDb(target.file);
}
