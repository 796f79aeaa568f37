/**
 * `npm run recheck [-- --as-of YYYY-MM-DD] [--db PATH] [--all]`: the periodic rule re-check, as the server runs it
 * daily; `--all` re-evaluates every record (after bulk master-data changes).
 */
import { clockFromEnv, fixedDayClock } from '../clock';
import { openDb } from '../db';
import { recheck } from '../services/rules/recheck';
import { existingDbFile } from './db-file';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const asOf = opt('--as-of');
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('--as-of 应为 YYYY-MM-DD / --as-of must be YYYY-MM-DD');
  process.exit(2);
}
const file = existingDbFile(args);
const clock = asOf ? fixedDayClock(asOf) : clockFromEnv();
const r = recheck(openDb(file), clock, clock.today(), { all: args.includes('--all') });
console.log(`规则复核 / re-check as of ${r.asOf}: ${r.records} records, ${r.opened} findings opened, ${r.resolved} resolved (${r.ms} ms, ${file})`);
