/** `npm run audit:verify [-- --db PATH]`: walks the audit hash chain (SQLite or DATABASE_URL); exit 0 when intact, 3 when broken. */
import { engineOf } from '../db';
import { describeDatabase } from '../env';
import { verifyAuditChain } from '../services/audit';
import { commandLine } from './args';
import { existingDatabase, openTarget } from './db-file';

const { values } = commandLine({ db: { type: 'string' } }, 'npm run audit:verify [-- --db PATH]   (DATABASE_URL=postgres://… for PostgreSQL)');
const target = existingDatabase(values.db);
const db = openTarget(target);
const { rows, breaks } = await verifyAuditChain(db);
await engineOf(db).close();
const name = target.engine === 'sqlite' ? target.file : describeDatabase(target);
if (!breaks.length) {
  console.log(`审计链完整 / audit chain intact: ${rows} rows (${name})`);
} else {
  console.error(`审计链被破坏 / audit chain BROKEN: ${breaks.length} problem(s) in ${rows} rows (${name})`);
  for (const b of breaks.slice(0, 50))
    console.error(`  row ${b.id}: ${b.problem === 'hash' ? '内容与哈希不符 / content does not match its hash' : '链接断开 / link to previous row broken'}`);
  process.exit(3);
}
