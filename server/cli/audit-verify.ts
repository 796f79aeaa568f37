/** `npm run audit:verify [-- --db PATH]`: walks the audit hash chain; exit 0 when intact, 3 when broken. */
import { openDb } from '../db';
import { verifyAuditChain } from '../services/audit';
import { commandLine } from './args';
import { existingDbFile } from './db-file';

const { values } = commandLine({ db: { type: 'string' } }, 'npm run audit:verify [-- --db PATH]');
const file = existingDbFile(values.db);
const { rows, breaks } = await verifyAuditChain(openDb(file));
if (!breaks.length) {
  console.log(`审计链完整 / audit chain intact: ${rows} rows (${file})`);
} else {
  console.error(`审计链被破坏 / audit chain BROKEN: ${breaks.length} problem(s) in ${rows} rows (${file})`);
  for (const b of breaks.slice(0, 50))
    console.error(`  row ${b.id}: ${b.problem === 'hash' ? '内容与哈希不符 / content does not match its hash' : '链接断开 / link to previous row broken'}`);
  process.exit(3);
}
