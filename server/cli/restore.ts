/**
 * `npm run restore -- IN [--db PATH]`: checks the backup and puts it in place of the database (server stopped).
 * SQLite (--db, GSP_DB): IN.db replaces the file. PostgreSQL (DATABASE_URL): IN is a pg_dump custom-format file,
 * restored with pg_restore --clean --single-transaction into the (existing) database (services/pg-backup.ts).
 */
import fs from 'node:fs';
import { engineOf, openPgDb } from '../db';
import { databaseTarget, dbFilePath, describeDatabase } from '../env';
import { restoreFrom } from '../services/backup';
import { pgRestoreFrom } from '../services/pg-backup';
import { commandLine } from './args';

const USAGE = 'npm run restore -- IN [--db PATH]   (DATABASE_URL=postgres://… : a pg_dump --format=custom file)';
const { values, positionals } = commandLine({ db: { type: 'string' } }, USAGE);
const from = positionals[0];
if (!from || positionals.length > 1) {
  console.error(`用法 / usage: ${USAGE}`);
  process.exit(2);
}
if (!fs.existsSync(from)) {
  console.error(`备份文件不存在 / backup file not found: ${from}`);
  process.exit(2);
}
const pg = values.db ? undefined : databaseTarget();
if (pg?.engine === 'postgresql') {
  console.error(`数据库 / database: ${describeDatabase(pg)}`);
  const db = openPgDb(pg.url);
  try {
    const r = await pgRestoreFrom(db, from);
    console.log(`恢复完成 / restored ${from} → ${describeDatabase(pg)} (${r.attachments} attachment files)`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 2;
  } finally {
    await engineOf(db).close();
  }
} else {
  const target = dbFilePath(values.db);
  // The target may be missing (restoring onto a new machine): it is named either way.
  console.error(`数据库 / database: ${target}${fs.existsSync(target) ? '' : '（新建 / new）'}`);
  try {
    await restoreFrom(from, target);
    console.log(`恢复完成 / restored ${from} → ${target}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
