/**
 * `npm run backup -- OUT [--db PATH]`: an online, verified copy of the database (safe while the server runs).
 * SQLite (--db, GSP_DB): the online backup API, integrity-checked. PostgreSQL (DATABASE_URL): pg_dump
 * --format=custom, checked by pg_restore --list (services/pg-backup.ts). The scans go to `OUT.attachments`.
 */
import { engineOf } from '../db';
import { describeDatabase } from '../env';
import { backupTo } from '../services/backup';
import { PgBackupRefused, pgBackupTo } from '../services/pg-backup';
import { commandLine } from './args';
import { existingDatabase, openTarget } from './db-file';

const USAGE = 'npm run backup -- OUT [--db PATH]   (DATABASE_URL=postgres://… : pg_dump --format=custom)';
const { values, positionals } = commandLine({ db: { type: 'string' } }, USAGE);
const out = positionals[0];
if (!out || positionals.length > 1) {
  console.error(`用法 / usage: ${USAGE}`);
  process.exit(2);
}
const target = existingDatabase(values.db);
const db = openTarget(target);
try {
  if (target.engine === 'postgresql') {
    const r = await pgBackupTo(db, out);
    console.log(
      `备份完成 / backup written: ${out} (pg_dump custom format, ${r.bytes} bytes, ${r.tables} tables checked; ${r.attachments} attachment files in ${out}.attachments) from ${describeDatabase(target)}`,
    );
  } else {
    const r = await backupTo(db, out);
    console.log(
      `备份完成 / backup written: ${out} (${r.bytes} bytes, integrity ok; ${r.attachments} attachment files in ${out}.attachments) from ${target.file}`,
    );
  }
} catch (err) {
  console.error(`备份失败 / backup failed: ${(err as Error).message}`);
  process.exit(err instanceof PgBackupRefused ? 2 : 1);
} finally {
  await engineOf(db).close();
}
