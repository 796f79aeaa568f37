/**
 * `npm run db:migrate`: migrates the database the console would open — PostgreSQL when DATABASE_URL is set
 * (it wins over GSP_DB), else the SQLite file (GSP_DB, else data/gsp.db) — and says which, in one line.
 */
import { databaseTarget, describeDatabase } from '../env';
import { migrateDatabase } from '../migrate';
import { commandLine } from './args';

commandLine({}, 'npm run db:migrate   (DATABASE_URL=postgres://… or GSP_DB=PATH)');
const target = databaseTarget();
await migrateDatabase(target);
console.log(`已迁移 / migrated: ${describeDatabase(target)}`);
