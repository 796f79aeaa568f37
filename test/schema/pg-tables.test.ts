/**
 * The PostgreSQL tables (schema/pg/) are built from the same table plans as the SQLite ones: every plan has
 * its table among drizzle-kit's exports, the checked-in drizzle-pg/ (and drizzle/) describe the definitions
 * as they are now (a changed definition without `npm run db:generate` fails here), and the pg tables do not
 * change the SQLite ones. Needs no cluster: test/schema/dialect-parity.test.ts compares migrated databases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgExports from '../../schema/pg/index';
import { pgTables } from '../../schema/pg/tables';
import { getTablePlans } from '../../schema/table-plan';
import * as sqliteExports from '../../schema/tables';
import { ROOT } from '../../server/root';

const lastSnapshot = (dir: string) => {
  const meta = path.join(ROOT, dir, 'meta');
  const last = fs
    .readdirSync(meta)
    .filter((f) => f.endsWith('_snapshot.json'))
    .sort()
    .at(-1)!;
  return JSON.parse(fs.readFileSync(path.join(meta, last), 'utf8'));
};

describe('PostgreSQL tables from the table plans', () => {
  it('drizzle-kit sees a pg table for every declared table, under its own name', () => {
    const exported = Object.entries(pgExports).map(([name, t]) => [name, pgConfig(t as never).name]);
    expect(exported.map(([name, table]) => (name === table ? name : `${name} ≠ ${table}`)).sort()).toEqual([...getTablePlans().keys()].sort());
    expect([...pgTables.keys()]).toEqual([...getTablePlans().keys()]);
  });

  it('drizzle-pg/ is generated from the definitions as they are now', async () => {
    const current = generateDrizzleJson(pgExports);
    expect(await generateMigration(lastSnapshot('drizzle-pg'), current)).toEqual([]);
  });

  it('drizzle/ (SQLite) is generated from the definitions as they are now', async () => {
    const current = await generateSQLiteDrizzleJson(sqliteExports);
    expect(await generateSQLiteMigration(lastSnapshot('drizzle'), current)).toEqual([]);
  });

  it('each SQLite table keeps its columns, in the same order, beside its pg twin', () => {
    for (const name of getTablePlans().keys()) {
      const sqlite = Object.values(sqliteExports).find((t) => {
        try {
          return sqliteConfig(t as never).name === name;
        } catch {
          return false;
        }
      });
      expect(
        sqliteConfig(sqlite as never).columns.map((c) => c.name),
        name,
      ).toEqual(pgConfig(pgTables.get(name)!).columns.map((c) => c.name));
    }
  });
});
