/**
 * `npm run recheck [-- --as-of YYYY-MM-DD] [--db PATH] [--full | --all]`: the rule re-check as the server runs
 * it daily (incremental from the last completed one; continues one left unfinished). `--full` evaluates the
 * time-driven rules on every record; `--all` re-evaluates every rule on every record (after bulk
 * master-data changes).
 */
import { openDb } from '../db';
import { clockFromEnv } from '../env';
import { fixedDayClock } from '../clock';
import { fullRecheck } from '../services/rules/full-recheck';
import { recheck } from '../services/rules/recheck';
import { commandLine } from './args';
import { existingDbFile } from './db-file';

const { values } = commandLine(
  { 'as-of': { type: 'string' }, db: { type: 'string' }, full: { type: 'boolean' }, all: { type: 'boolean' } },
  'npm run recheck [-- --as-of YYYY-MM-DD] [--db PATH] [--full | --all]',
);
const asOf = values['as-of'];
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error('--as-of 应为 YYYY-MM-DD / --as-of must be YYYY-MM-DD');
  process.exit(2);
}
const file = existingDbFile(values.db);
const clock = asOf ? fixedDayClock(asOf) : clockFromEnv();
const db = openDb(file);
if (values.all) {
  const r = await fullRecheck(db, clock, clock.today(), { all: true });
  console.log(
    `规则全面复核 / full re-evaluation as of ${r.asOf}: ${r.records} records, ${r.opened} findings opened, ${r.resolved} resolved (${r.ms} ms, ${file})`,
  );
} else {
  const r = await recheck(db, clock, clock.today(), { full: values.full === true });
  console.log(
    `规则复核 / re-check as of ${r.asOf} (${r.since ? `since ${r.since}` : 'full'}): ${r.records} records, ${r.opened} findings opened, ${r.resolved} resolved (${r.ms} ms, ${file})`,
  );
}
