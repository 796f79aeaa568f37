/**
 * Brings a database to the current schema: a SQLite file through drizzle/ (openDb migrates it), a PostgreSQL
 * database through drizzle-pg/ — the two migration sets generated from the same table plans
 * (schema/table-plan.ts). drizzle-orm records what it applied (SQLite: __drizzle_migrations; PostgreSQL:
 * drizzle.__drizzle_migrations), so running it again applies only what is new.
 */
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { openDb } from './db';
import type { DatabaseTarget } from './env';
import { ROOT } from './root';

export const PG_MIGRATIONS = path.join(ROOT, 'drizzle-pg');

/** Applies drizzle-pg/ to the PostgreSQL database at `url` (connecting as the role that owns the tables). */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The migrator's own "schema already exists" notices are noise on a re-run.
    await client.query('SET client_min_messages = warning');
    await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS });
  } finally {
    await client.end();
  }
}

export async function migrateDatabase(target: DatabaseTarget): Promise<void> {
  if (target.engine === 'postgresql') return migratePostgres(target.url);
  openDb(target.file).$client.close();
}
