/**
 * Brings a database to the current schema: a SQLite file through drizzle/ (openDb migrates it), a PostgreSQL
 * database through drizzle-pg/ — the two migration sets generated from the same table plans
 * (schema/table-plan.ts). drizzle-orm records what it applied (SQLite: __drizzle_migrations; PostgreSQL:
 * drizzle.__drizzle_migrations), so running it again applies only what is new.
 */
import fs from 'node:fs';
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

/**
 * How many of drizzle-pg/'s migrations the database at `url` has not applied yet; null when this role cannot tell
 * (the application role of ops/pg/app-role.sql has no access to the migrator's own schema: the owner migrates).
 */
async function pendingPgMigrations(url: string): Promise<number | null> {
  const journal = JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean; users: boolean }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present, to_regclass('public.users') IS NOT NULL AS users",
    );
    if (!rows[0].present) return rows[0].users ? null : journal.entries.length;
    const applied = await client.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations').catch(() => null);
    return applied ? Math.max(0, journal.entries.length - Number(applied.rows[0].n)) : null;
  } finally {
    await client.end();
  }
}

/**
 * At start-up on PostgreSQL: applies what is pending (a role that owns the schema: trials, tests); a database
 * whose migrations this role cannot read is taken as migrated by its owner (`npm run db:migrate`, the runbook).
 */
export async function migratePostgresIfNeeded(url: string): Promise<number> {
  const pending = await pendingPgMigrations(url);
  if (pending) await migratePostgres(url);
  return pending ?? 0;
}

export async function migrateDatabase(target: DatabaseTarget): Promise<void> {
  if (target.engine === 'postgresql') return migratePostgres(target.url);
  openDb(target.file).$client.close();
}
