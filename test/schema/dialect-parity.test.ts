/**
 * The two migration sets describe the same schema: a real SQLite file migrated with drizzle/ and a real
 * PostgreSQL database migrated with drizzle-pg/, each introspected through its own catalogue (PRAGMA
 * table_info / index_list / index_xinfo / foreign_key_list; information_schema, pg_index, pg_constraint,
 * pg_trigger), have the same tables, columns (name, nullability, default, type family), primary keys,
 * indexes (keys, unique, partial predicate), foreign keys, append-only triggers, and `q` search indexes on
 * the declared columns (SQLite FTS5 tables, PostgreSQL pg_trgm GIN indexes). And on PostgreSQL the audit log
 * refuses UPDATE, DELETE and TRUNCATE, stored attachments are never deleted or rewritten, and the application
 * role of ops/pg/app-role.sql has no UPDATE or DELETE privilege on the audit log.
 */
import { writerOf } from '../../server/db';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getResource, registry } from '../../schema/resources';
import { pgTables } from '../../schema/pg/tables';
import { getTablePlans } from '../../schema/table-plan';
import { openDb, type Db } from '../../server/db';
import { migratePostgres } from '../../server/migrate';
import { ROOT } from '../../server/root';
import { admin, scratchDatabase, testPgUrl, withDatabase, type ScratchDatabase } from '../helpers/pg';

const pgUrl = testPgUrl('dialect-parity');

/** One schema, as either catalogue describes it, in comparable terms. */
interface Schema {
  /** table → column → "family notnull default" */
  columns: Record<string, Record<string, string>>;
  primaryKeys: Record<string, string[]>;
  /** index name → "table (keys) unique? where …" */
  indexes: Record<string, string>;
  /** "table.column → table.column" */
  foreignKeys: string[];
  triggers: string[];
  /** "table.column" with a substring-search index */
  searchIndexes: string[];
  /** PostgreSQL: "table.column" with the index of its characters, for a `q` shorter than a trigram (drizzle-pg/0007) */
  shortSearchIndexes: string[];
}

/** SQL text as both engines may print it: no quotes, no parentheses, no spaces, no casts, lower case. */
const norm = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/::[a-z ]+/gi, '')
    .replace(/[`"()\s]/g, '')
    .toLowerCase();

/** Where a CREATE INDEX's WHERE clause starts in SQLite's stored SQL. */
const predicateOf = (createSql: string) => /\)\s+WHERE\s+(.*)$/is.exec(createSql)?.[1];

/** SQLite stores booleans as 0/1 integers: the table plans say which integer columns are booleans. */
const isBool = (table: string, column: string) => getTablePlans().get(table)?.columns[column]?.type === 'bool';

function sqliteSchema(db: Db): Schema {
  const client = db.$client;
  const all = <T>(sql: string, ...args: unknown[]) => client.prepare(sql).all(...args) as T[];
  const fts = all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'`);
  const isFts = (name: string) => fts.some((f) => name === f.name || name.startsWith(`${f.name}_`));
  const tables = all<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
  )
    .map((t) => t.name)
    .filter((t) => !isFts(t));
  const s: Schema = { columns: {}, primaryKeys: {}, indexes: {}, foreignKeys: [], triggers: [], searchIndexes: [], shortSearchIndexes: [] };
  for (const table of tables) {
    const cols = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`PRAGMA table_info(${JSON.stringify(table)})`);
    s.columns[table] = Object.fromEntries(
      cols.map((c) => {
        const family = isBool(table, c.name) && c.type.toLowerCase() === 'integer' ? 'bool' : c.type.toLowerCase();
        return [c.name, `${family} ${c.notnull || c.pk ? 'not null' : 'null'} ${norm(c.dflt_value)}`];
      }),
    );
    s.primaryKeys[table] = cols.filter((c) => c.pk).map((c) => c.name);
    for (const ix of all<{ name: string; unique: number; origin: string; partial: number }>(`PRAGMA index_list(${JSON.stringify(table)})`)) {
      if (ix.origin === 'pk') continue;
      const createSql = all<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, ix.name)[0].sql;
      // index_xinfo names plain columns; an expression key (cid -2) is read from the CREATE INDEX text.
      const keyText = /\bON\s+\S+\s*\((.*)\)(\s+WHERE|$)/is.exec(createSql)![1].split(',');
      const keys = all<{ seqno: number; cid: number; name: string | null; key: number }>(`PRAGMA index_xinfo(${JSON.stringify(ix.name)})`)
        .filter((k) => k.key)
        .map((k) => (k.cid === -2 ? norm(keyText[k.seqno]) : k.name!));
      s.indexes[ix.name] = `${table} (${keys.join(', ')})${ix.unique ? ' unique' : ''}${ix.partial ? ` where ${norm(predicateOf(createSql))}` : ''}`;
    }
    for (const fk of all<{ table: string; from: string; to: string }>(`PRAGMA foreign_key_list(${JSON.stringify(table)})`)) {
      s.foreignKeys.push(`${table}.${fk.from} → ${fk.table}.${fk.to}`);
    }
  }
  s.triggers = all<{ name: string; tbl_name: string }>(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'`)
    .filter((t) => !isFts(t.name))
    .map((t) => t.name);
  for (const f of fts) {
    const content = /content='([^']+)'/.exec(f.sql)![1];
    for (const c of all<{ name: string }>(`PRAGMA table_info(${JSON.stringify(f.name)})`)) s.searchIndexes.push(`${content}.${c.name}`);
  }
  return s;
}

const PG_FAMILY: Record<string, string> = { integer: 'integer', bigint: 'integer', text: 'text', 'double precision': 'real', boolean: 'bool' };

async function pgSchema(client: pg.Client): Promise<Schema> {
  const rows = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  const s: Schema = { columns: {}, primaryKeys: {}, indexes: {}, foreignKeys: [], triggers: [], searchIndexes: [], shortSearchIndexes: [] };
  for (const c of await rows<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  )) {
    s.columns[c.table_name] ??= {};
    s.columns[c.table_name][c.column_name] =
      `${PG_FAMILY[c.data_type] ?? c.data_type} ${c.is_nullable === 'NO' ? 'not null' : 'null'} ${norm(c.column_default)}`;
  }
  const constraints = await rows<{ table: string; type: string; cols: string[]; ref_table: string | null; ref_cols: string[] | null }>(
    `SELECT c.conrelid::regclass::text AS table, c.contype AS type,
            array(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY i) AS cols,
            c.confrelid::regclass::text AS ref_table,
            array(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY i) AS ref_cols
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype IN ('p', 'f')`,
  );
  for (const c of constraints) {
    if (c.type === 'p') s.primaryKeys[c.table] = c.cols;
    else s.foreignKeys.push(`${c.table}.${c.cols[0]} → ${c.ref_table}.${c.ref_cols![0]}`);
  }
  for (const ix of await rows<{ name: string; table: string; unique: boolean; method: string; opclasses: string[]; keys: string[]; predicate: string | null }>(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS table, i.indisunique AS unique, am.amname AS method,
            array(SELECT opcname::text FROM unnest(i.indclass) k(oid) JOIN pg_opclass o ON o.oid = k.oid) AS opclasses,
            array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k) AS keys,
            pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT i.indisprimary`,
  )) {
    if (ix.method === 'gin' && ix.opclasses.includes('gin_trgm_ops')) {
      s.searchIndexes.push(`${ix.table}.${ix.keys[0]}`);
      continue;
    }
    const chars = ix.method === 'gin' && /^string_to_array\(lower\((\w+)\), NULL::text\)$/.exec(ix.keys[0]);
    if (chars) {
      s.shortSearchIndexes.push(`${ix.table}.${chars[1]}`);
      continue;
    }
    const keys = ix.keys.map((k) => (/^\w+$/.test(k) ? k : norm(k)));
    s.indexes[ix.name] = `${ix.table} (${keys.join(', ')})${ix.unique ? ' unique' : ''}${ix.predicate ? ` where ${norm(ix.predicate)}` : ''}`;
  }
  s.triggers = (
    await rows<{ name: string }>(`SELECT tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`)
  ).map((t) => t.name);
  return s;
}

/** PostgreSQL's TRUNCATE skips row triggers, so it has a statement trigger SQLite (no TRUNCATE) needs not. */
const TRUNCATE_GUARDS = ['attachments_no_truncate', 'audit_log_no_truncate'];

describe.skipIf(!pgUrl)('drizzle/ (SQLite) and drizzle-pg/ (PostgreSQL) describe the same schema', () => {
  let scratch: ScratchDatabase;
  let lite: Schema;
  let post: Schema;
  let sqlite: Db;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-parity-'));
    sqlite = openDb(path.join(dir, 'gsp.db'));
    scratch = await scratchDatabase(pgUrl!, 'dialect-parity');
    await migratePostgres(scratch.url);
    lite = sqliteSchema(sqlite);
    post = await pgSchema(scratch.client);
  });
  afterAll(async () => {
    sqlite?.$client.close();
    await scratch?.drop();
  });

  it('has every declared table, and only those, on both engines', () => {
    // plus the re-check's own state and the kept live-row counts, hand-written in both sets (drizzle/0019,
    // drizzle-pg/0003_recheck_tables.sql; drizzle/0021, drizzle-pg/0004_live_counts.sql)
    const declared = [...getTablePlans().keys(), 'rule_recheck', 'rule_recheck_pending', 'row_counts'].sort();
    expect(Object.keys(lite.columns).sort()).toEqual(declared);
    expect(Object.keys(post.columns).sort()).toEqual(declared);
  });

  it('has the same columns: name, order, type family, nullability and default', () => {
    expect(post.columns).toEqual(lite.columns);
    // the comparison is not vacuous: every family occurs, booleans included
    const families = new Set(Object.values(lite.columns).flatMap((cols) => Object.values(cols).map((c) => c.split(' ')[0])));
    expect([...families].sort()).toEqual(['bool', 'integer', 'real', 'text']);
  });

  it('has the same primary keys and foreign keys', () => {
    expect(post.primaryKeys).toEqual(lite.primaryKeys);
    expect(post.foreignKeys.sort()).toEqual(lite.foreignKeys.sort());
    expect(lite.foreignKeys).toContain('sessions.user → users.id');
  });

  it('has the same indexes: keys, uniqueness and partial predicate (the live-rows sort indexes included)', () => {
    expect(post.indexes).toEqual(lite.indexes);
    expect(lite.indexes.findings__sort_record_date_nulls_last).toBe('findings (record_dateisnull, record_date, id) where voided_atisnull');
    expect(Object.keys(lite.indexes).length).toBeGreaterThan(200);
  });

  it('has the same append-only and live-count triggers, plus the TRUNCATE guards PostgreSQL needs', () => {
    const isCount = (t: string) => /_count_(insert|delete|void|truncate)$/.test(t);
    const guards = lite.triggers.filter((t) => !isCount(t)).sort();
    expect(guards).toEqual(['attachments_content_fixed', 'attachments_no_delete', 'audit_log_no_delete', 'audit_log_no_update']);
    expect(post.triggers.filter((t) => !isCount(t)).sort()).toEqual([...guards, ...TRUNCATE_GUARDS].sort());
    // the kept counts follow the same inserts, deletes and voids (PostgreSQL's TRUNCATE besides); what they count:
    // test/server/list-live-counts.test.ts, test/imports/pg-live-counts.test.ts
    const counts = lite.triggers.filter(isCount).sort();
    expect(counts).toContain('sales_lines_count_void');
    expect(post.triggers.filter((t) => isCount(t) && !t.endsWith('_count_truncate')).sort()).toEqual(counts);
  });

  it('indexes the declared `q` search columns on both engines (FTS5 trigram tables; pg_trgm GIN indexes)', () => {
    const declared = [...registry.values()].flatMap((r) => r.textIndex.map((c) => `${r.name}.${c}`)).sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(lite.searchIndexes.sort()).toEqual(declared);
    expect(post.searchIndexes.sort()).toEqual(declared);
    // and, on PostgreSQL, by their characters for a shorter `q` (SQLite has no such index: LIKE reads the column)
    expect(post.shortSearchIndexes.sort()).toEqual(declared);
  });

  it('Drizzle writes and reads back the same values through either table: ids, booleans, JSON as written, doubles, defaults', async () => {
    const pgDb = drizzlePg(scratch.client);
    const rows = [
      ['users', { username: 'qa1', display_name: '质量员', roles: ['qa', 'sales'], active: false, legacy_facts: { b: 1, a: [2, '二'] } }],
      ['products', { generic_name: '阿莫西林胶囊', imported: true, price_cap: 12.345, price_min: 0.1 + 0.2 }],
      ['settings', { key: 'k', value: { z: null, a: 1.5 } }],
    ] as const;
    for (const [name, values] of rows) {
      const onSqlite = await sqliteDrizzle(writerOf(sqlite)).insert(getResource(name)!.table).values(values).returning().get();
      const [onPg] = await pgDb.insert(pgTables.get(name)!).values(values).returning();
      expect(onPg, name).toEqual(onSqlite);
    }
    // the JSON text as written on both engines (the hashes read it)
    const stored = (await scratch.client.query(`SELECT legacy_facts FROM users WHERE username = 'qa1'`)).rows[0].legacy_facts;
    expect(stored).toBe(sqlite.$client.prepare(`SELECT legacy_facts FROM users WHERE username = 'qa1'`).pluck().get());
    expect(stored).toBe('{"b":1,"a":[2,"二"]}');
  });

  describe('append-only on PostgreSQL', () => {
    const refused = async (sql: string, message: RegExp) => {
      await expect(scratch.client.query(sql)).rejects.toThrow(message);
    };

    it('the audit log takes an INSERT and refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
      const { rows } = await scratch.client.query(
        `INSERT INTO audit_log (at, action, resource, record_id, after, hash) VALUES ('2025-06-30T01:00:00.000Z', 'create', 'customers', 1, '{"b":1,"a":2}', 'h1') RETURNING id, after`,
      );
      // JSON is kept as written (no jsonb key reordering under the hash)
      expect(rows[0].after).toBe('{"b":1,"a":2}');
      await refused(`UPDATE audit_log SET reason = 'tidy' WHERE id = ${rows[0].id}`, /audit_log is append-only: UPDATE refused/);
      await refused(`DELETE FROM audit_log WHERE id = ${rows[0].id}`, /audit_log is append-only: DELETE refused/);
      await refused('TRUNCATE audit_log', /audit_log is append-only: TRUNCATE refused/);
      expect((await scratch.client.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(1);
    });

    it('a stored attachment is never deleted or rewritten; only its supersession is written', async () => {
      const { rows } = await scratch.client.query(
        `INSERT INTO attachments (resource, record_id, kind, file_name, mime, size, sha256) VALUES ('customers', 1, 'licence_scan', 'a.pdf', 'application/pdf', 10, 'abc') RETURNING id`,
      );
      const id = rows[0].id;
      await refused(`UPDATE attachments SET sha256 = 'def' WHERE id = ${id}`, /a stored attachment is never rewritten/);
      await refused(`UPDATE attachments SET size = 11 WHERE id = ${id}`, /a stored attachment is never rewritten/);
      await refused(`DELETE FROM attachments WHERE id = ${id}`, /attachments are never deleted/);
      await scratch.client.query(`UPDATE attachments SET superseded_at = '2025-07-01T00:00:00.000Z', sha256 = sha256, version = version + 1 WHERE id = ${id}`);
      expect((await scratch.client.query(`SELECT sha256, version FROM attachments WHERE id = ${id}`)).rows[0]).toEqual({ sha256: 'abc', version: 2 });
    });
  });
});

/**
 * The README's PostgreSQL runbook as written: the superuser creates an owner role (no superuser rights) and the
 * application role, and a database the owner owns; the owner migrates (pg_trgm included) and runs
 * ops/pg/app-role.sql; the console's role then writes records but cannot rewrite the audit log.
 */
describe.skipIf(!pgUrl)('the runbook: owner role, application role (ops/pg/app-role.sql)', () => {
  const password = `pw-${process.pid}-${Date.now()}`;
  const owner = { name: `gsp_t_owner_${process.pid}`, password };
  const role = { name: `gsp_t_app_${process.pid}`, password };
  const script = path.join(ROOT, 'ops/pg/app-role.sql');
  let scratch: ScratchDatabase;
  let app: pg.Client;

  beforeAll(async () => {
    await admin(pgUrl!, async (c) => {
      for (const r of [owner, role]) await c.query(`CREATE ROLE "${r.name}" LOGIN PASSWORD '${r.password}'`);
    });
    scratch = await scratchDatabase(pgUrl!, 'runbook', { owner: owner.name });
    const ownerUrl = withDatabase(pgUrl!, scratch.name, owner);
    await migratePostgres(ownerUrl);
    const psql = (...vars: string[]) =>
      execFileSync('psql', [ownerUrl, '-q', ...vars.flatMap((v) => ['-v', v]), '-f', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    psql(`app_role=${role.name}`);
    // idempotent, and with a password for a role that exists already it creates nothing
    psql(`app_role=${role.name}`, 'app_password=ignored');
    app = new pg.Client({ connectionString: withDatabase(pgUrl!, scratch.name, role) });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await scratch?.drop();
    await admin(pgUrl!, async (c) => {
      for (const r of [role, owner]) await c.query(`DROP ROLE IF EXISTS "${r.name}"`);
    });
  });

  it('the owner, not a superuser, migrated everything, the trigram search indexes included', async () => {
    const { rows } = await scratch.client.query(
      `SELECT r.rolsuper, (SELECT count(*)::int FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%') AS trgm,
              (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') AS audit_owner
         FROM pg_roles r WHERE r.rolname = $1`,
      [owner.name],
    );
    expect(rows[0]).toEqual({ rolsuper: false, trgm: 3, audit_owner: owner.name });
  });

  it('the application role writes business records and appends to the audit log', async () => {
    const u = await app.query(`INSERT INTO users (username, display_name, roles) VALUES ('qa1', '质量员', '["qa"]') RETURNING id`);
    await app.query(`UPDATE users SET display_name = '质量负责人' WHERE id = ${u.rows[0].id}`);
    await app.query(
      `INSERT INTO audit_log (at, action, resource, record_id, hash) VALUES ('2025-06-30T02:00:00.000Z', 'update', 'users', ${u.rows[0].id}, 'h2')`,
    );
    expect((await app.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(1);
  });

  it('has no UPDATE, DELETE or TRUNCATE privilege on the audit log, nor DELETE on attachments, and cannot drop a trigger', async () => {
    await expect(app.query(`UPDATE audit_log SET reason = 'x'`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app.query('DELETE FROM attachments')).rejects.toThrow(/permission denied for table attachments/);
    await expect(app.query('DROP TRIGGER audit_log_no_update ON audit_log')).rejects.toThrow(/must be owner/);
  });
});
