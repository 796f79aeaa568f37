/**
 * The demo seed on real SQLite files: every resource populated, 18 months of sales for ~40 customers of
 * every type, a few planted amount mismatches, one user per role with random passwords, an audit row per
 * record, and the same business data from two seeds on the same day (the second: the run's demo database,
 * test/helpers/demo-database.ts, seeded by the same code and shared with the browser tests).
 */
import { verify } from '@node-rs/argon2';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_TYPE, ROLE } from '../../schema/enums';
import { registry } from '../../schema/resources';
import { createAdmin, randomPassword, type Credential } from '../../server/bootstrap';
import { fixedDayClock } from '../../server/clock';
import { openDb, type Db } from '../../server/db';
import { seedDemo } from '../../server/seed/demo';
import { testOnPg } from '../helpers/app';
import { demoDatabase } from '../helpers/demo-database';
import { engineDb, type EngineDb } from '../helpers/engine-db';
import { sqlAll } from '../helpers/sql';

const TODAY = '2026-06-30';
/** written by services other than the seed, or only by imports and sign-ins */
const NOT_SEEDED = new Set(['audit_log', 'imports', 'import_rejects', 'findings']);

interface Seeded {
  db: Db;
  close(): Promise<void>;
  creds: Credential[];
  ms?: number;
}

/** A fresh seed on the engine under test (in the pg project: PostgreSQL). */
async function seedFresh(): Promise<Seeded> {
  const e: EngineDb = await engineDb();
  const clock = fixedDayClock(TODAY);
  await createAdmin(e.db, clock, randomPassword());
  const started = performance.now();
  const creds = await seedDemo(e.db, clock);
  return { db: e.db, close: () => e.close(), creds, ms: performance.now() - started };
}

/**
 * A copy of the demo database this test run seeded once for every file that needs one (demo-database.ts): a
 * SQLite file on both projects, so in the pg project the PostgreSQL seed is compared with the SQLite one.
 */
async function runDemoCopy(): Promise<Seeded> {
  const demo = await demoDatabase(TODAY);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-seed-'));
  fs.copyFileSync(demo.file, path.join(dir, 'gsp.db'));
  const db = openDb(path.join(dir, 'gsp.db'));
  return {
    db,
    close: async () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    creds: demo.creds,
  };
}

/** Rows as SQLite gives them on either engine (PostgreSQL's booleans as 1/0), to compare the two seeds. */
const rows = async (db: Db, text: string, ...params: unknown[]) =>
  (await sqlAll(db, text, ...params)).map((r) => {
    for (const [k, v] of Object.entries(r)) if (typeof v === 'boolean') r[k] = v ? 1 : 0;
    return r;
  });
const one = async (db: Db, text: string, ...params: unknown[]) => (await rows(db, text, ...params))[0];
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;

describe('demo seed', () => {
  let a: Seeded;
  let b: Seeded;

  beforeAll(async () => {
    a = await seedFresh();
    // the second seed of the day: the run's demo database (seeded the same way, shared with the browser tests)
    b = await runDemoCopy();
    console.log(`seedDemo (${testOnPg() ? 'PostgreSQL' : 'SQLite'}): ${Math.round(a.ms!)} ms`);
  }, 900_000);

  afterAll(async () => {
    for (const s of [a, b]) await s?.close();
  });

  it('fills in the company letterhead the printed documents use', async () => {
    const company = await rows(a.db, `SELECT key, value FROM settings WHERE key LIKE 'company%'`);
    expect(company.map((r) => r.key).sort()).toEqual(['companyAddress', 'companyLegalRep', 'companyName', 'companyPhone', 'companyQualityContact']);
    for (const r of company) expect(JSON.parse(r.value)).not.toContain('请在系统设置中填写');
  });

  it('populates every resource', async () => {
    const empty: string[] = [];
    for (const name of registry.keys()) if (!NOT_SEEDED.has(name) && (await one(a.db, `SELECT count(*) AS n FROM "${name}"`)).n === 0) empty.push(name);
    expect(empty).toEqual([]);
  });

  it('has at least 2,000 sales lines over 17+ months ending by today', async () => {
    expect((await one(a.db, 'SELECT count(*) AS n FROM sales_lines')).n).toBeGreaterThanOrEqual(2000);
    const { first, last } = await one(a.db, 'SELECT min(sale_date) AS first, max(sale_date) AS last FROM sales_lines');
    expect(last <= TODAY).toBe(true);
    expect(monthIndex(last) - monthIndex(first)).toBeGreaterThanOrEqual(17);
    // Orders carry 1–5 lines, and the lines copy their order's date and customer.
    const sizes = (await rows(a.db, 'SELECT count(*) AS n FROM sales_lines GROUP BY "order"')).map((r) => r.n);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(
      (
        await one(
          a.db,
          'SELECT count(*) AS n FROM sales_lines l JOIN sales_orders o ON o.id = l."order" WHERE l.sale_date <> o.sale_date OR l.customer <> o.customer',
        )
      ).n,
    ).toBe(0);
  });

  it('has ~40 customers covering every customer type', async () => {
    expect((await one(a.db, 'SELECT count(*) AS n FROM customers')).n).toBeGreaterThanOrEqual(35);
    const types = new Set((await rows(a.db, 'SELECT DISTINCT type FROM customers')).map((r) => r.type));
    expect([...CUSTOMER_TYPE.values].filter((t) => !types.has(t))).toEqual([]);
    // and the customers who actually bought something cover them too
    const buying = new Set((await rows(a.db, 'SELECT DISTINCT c.type FROM sales_orders o JOIN customers c ON c.id = o.customer')).map((r) => r.type));
    expect(buying.size).toBe(CUSTOMER_TYPE.values.length);
  });

  it('keeps amount = quantity × unit price except a few planted mismatches', async () => {
    const bad = (await one(a.db, 'SELECT count(*) AS n FROM sales_lines WHERE abs(round(CAST(quantity * unit_price AS NUMERIC), 2) - amount) > 0.01')).n;
    expect(bad).toBeGreaterThanOrEqual(1);
    expect(bad).toBeLessThanOrEqual(10);
  });

  it('creates one user per role, the salesperson linked to a salesperson record', async () => {
    const users = await rows(a.db, 'SELECT username, roles, salesperson FROM users');
    for (const role of ROLE.values) {
      expect(
        users.filter((u) => JSON.parse(u.roles).includes(role)).map((u) => u.username),
        role,
      ).toHaveLength(1);
    }
    const sales = users.find((u) => JSON.parse(u.roles).includes('sales'))!;
    expect(sales.salesperson).not.toBeNull();
    expect((await one(a.db, 'SELECT count(*) AS n FROM salespeople WHERE id = ?', sales.salesperson)).n).toBe(1);
    expect(a.creds.map((c) => c.role).sort()).toEqual(ROLE.values.filter((r) => r !== 'admin').sort());
  });

  it('gives every demo user its own random password', async () => {
    const passwords = [...a.creds, ...b.creds].map((c) => c.password);
    expect(new Set(passwords).size).toBe(passwords.length); // distinct within a seed and across two seeds
    for (const p of passwords) expect(p.length).toBeGreaterThanOrEqual(12);
    const sales = a.creds.find((c) => c.role === 'sales')!;
    const hash = (await one(a.db, 'SELECT password FROM users WHERE username = ?', sales.username)).password;
    expect(await verify(hash, sales.password)).toBe(true);
    expect(await verify(hash, b.creds.find((c) => c.role === 'sales')!.password)).toBe(false);
  });

  it('has an audit row for every seeded record', async () => {
    const missing: string[] = [];
    for (const name of registry.keys()) {
      if (NOT_SEEDED.has(name)) continue;
      const n = (
        await one(
          a.db,
          `SELECT count(*) AS n FROM "${name}" t WHERE NOT EXISTS (
        SELECT 1 FROM audit_log x WHERE x.resource = ? AND x.record_id = t.id AND x.action IN ('create', 'sign'))`,
          name,
        )
      ).n;
      if (n) missing.push(`${name}: ${n}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives the same business data for the same day', async () => {
    // Bookkeeping stamps and password hashes differ between runs; everything else must not.
    const strip = (name: string, r: Record<string, unknown>) => {
      const { created_at: _c, updated_at: _u, reviewed_at: _r, signed_at: _s, superseded_at: _sa, ...rest } = r;
      if (name === 'users') delete rest.password;
      return rest;
    };
    for (const name of registry.keys()) {
      if (NOT_SEEDED.has(name)) continue; // the audit chain and the rules' findings carry run timestamps
      const ra = (await rows(a.db, `SELECT * FROM "${name}" ORDER BY id`)).map((r) => strip(name, r));
      const rb = (await rows(b.db, `SELECT * FROM "${name}" ORDER BY id`)).map((r) => strip(name, r));
      expect(rb, name).toEqual(ra);
    }
  });
});
