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
import { demoDatabase } from '../helpers/demo-database';

const TODAY = '2026-06-30';
/** written by services other than the seed, or only by imports and sign-ins */
const NOT_SEEDED = new Set(['audit_log', 'imports', 'import_rejects', 'findings']);

interface Seeded {
  db: Db;
  dir: string;
  creds: Credential[];
  ms?: number;
}

async function seedFresh(): Promise<Seeded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-seed-'));
  const db = openDb(path.join(dir, 'gsp.db'));
  const clock = fixedDayClock(TODAY);
  await createAdmin(db, clock, randomPassword());
  const started = performance.now();
  const creds = await seedDemo(db, clock);
  return { db, dir, creds, ms: performance.now() - started };
}

/** A copy of the demo database this test run seeded once for every file that needs one (demo-database.ts). */
async function runDemoCopy(): Promise<Seeded> {
  const demo = await demoDatabase(TODAY);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gsp-seed-'));
  fs.copyFileSync(demo.file, path.join(dir, 'gsp.db'));
  return { db: openDb(path.join(dir, 'gsp.db')), dir, creds: demo.creds };
}

const rows = (db: Db, sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as Record<string, any>[];
const one = (db: Db, sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as Record<string, any>;
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;

describe('demo seed', () => {
  let a: Seeded;
  let b: Seeded;

  beforeAll(async () => {
    a = await seedFresh();
    // the second seed of the day: the run's demo database (seeded the same way, shared with the browser tests)
    b = await runDemoCopy();
    console.log(`seedDemo: ${Math.round(a.ms!)} ms`);
  }, 900_000);

  afterAll(() => {
    for (const s of [a, b]) {
      if (!s) continue;
      s.db.$client.close();
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  });

  it('fills in the company letterhead the printed documents use', () => {
    const company = rows(a.db, `SELECT key, value FROM settings WHERE key LIKE 'company%'`);
    expect(company.map((r) => r.key).sort()).toEqual(['companyAddress', 'companyLegalRep', 'companyName', 'companyPhone', 'companyQualityContact']);
    for (const r of company) expect(JSON.parse(r.value)).not.toContain('请在系统设置中填写');
  });

  it('populates every resource', () => {
    const empty = [...registry.keys()].filter((name) => !NOT_SEEDED.has(name) && one(a.db, `SELECT count(*) AS n FROM "${name}"`).n === 0);
    expect(empty).toEqual([]);
  });

  it('has at least 2,000 sales lines over 17+ months ending by today', () => {
    expect(one(a.db, 'SELECT count(*) AS n FROM sales_lines').n).toBeGreaterThanOrEqual(2000);
    const { first, last } = one(a.db, 'SELECT min(sale_date) AS first, max(sale_date) AS last FROM sales_lines');
    expect(last <= TODAY).toBe(true);
    expect(monthIndex(last) - monthIndex(first)).toBeGreaterThanOrEqual(17);
    // Orders carry 1–5 lines, and the lines copy their order's date and customer.
    const sizes = rows(a.db, 'SELECT count(*) AS n FROM sales_lines GROUP BY "order"').map((r) => r.n);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(
      one(a.db, 'SELECT count(*) AS n FROM sales_lines l JOIN sales_orders o ON o.id = l."order" WHERE l.sale_date <> o.sale_date OR l.customer <> o.customer')
        .n,
    ).toBe(0);
  });

  it('has ~40 customers covering every customer type', () => {
    expect(one(a.db, 'SELECT count(*) AS n FROM customers').n).toBeGreaterThanOrEqual(35);
    const types = new Set(rows(a.db, 'SELECT DISTINCT type FROM customers').map((r) => r.type));
    expect([...CUSTOMER_TYPE.values].filter((t) => !types.has(t))).toEqual([]);
    // and the customers who actually bought something cover them too
    const buying = new Set(rows(a.db, 'SELECT DISTINCT c.type FROM sales_orders o JOIN customers c ON c.id = o.customer').map((r) => r.type));
    expect(buying.size).toBe(CUSTOMER_TYPE.values.length);
  });

  it('keeps amount = quantity × unit price except a few planted mismatches', () => {
    const bad = one(a.db, 'SELECT count(*) AS n FROM sales_lines WHERE abs(round(quantity * unit_price, 2) - amount) > 0.01').n;
    expect(bad).toBeGreaterThanOrEqual(1);
    expect(bad).toBeLessThanOrEqual(10);
  });

  it('creates one user per role, the salesperson linked to a salesperson record', () => {
    const users = rows(a.db, 'SELECT username, roles, salesperson FROM users');
    for (const role of ROLE.values) {
      expect(
        users.filter((u) => JSON.parse(u.roles).includes(role)).map((u) => u.username),
        role,
      ).toHaveLength(1);
    }
    const sales = users.find((u) => JSON.parse(u.roles).includes('sales'))!;
    expect(sales.salesperson).not.toBeNull();
    expect(one(a.db, 'SELECT count(*) AS n FROM salespeople WHERE id = ?', sales.salesperson).n).toBe(1);
    expect(a.creds.map((c) => c.role).sort()).toEqual(ROLE.values.filter((r) => r !== 'admin').sort());
  });

  it('gives every demo user its own random password', async () => {
    const passwords = [...a.creds, ...b.creds].map((c) => c.password);
    expect(new Set(passwords).size).toBe(passwords.length); // distinct within a seed and across two seeds
    for (const p of passwords) expect(p.length).toBeGreaterThanOrEqual(12);
    const sales = a.creds.find((c) => c.role === 'sales')!;
    const hash = one(a.db, 'SELECT password FROM users WHERE username = ?', sales.username).password;
    expect(await verify(hash, sales.password)).toBe(true);
    expect(await verify(hash, b.creds.find((c) => c.role === 'sales')!.password)).toBe(false);
  });

  it('has an audit row for every seeded record', () => {
    const missing: string[] = [];
    for (const name of registry.keys()) {
      if (NOT_SEEDED.has(name)) continue;
      const n = one(
        a.db,
        `SELECT count(*) AS n FROM "${name}" t WHERE NOT EXISTS (
        SELECT 1 FROM audit_log x WHERE x.resource = ? AND x.record_id = t.id AND x.action IN ('create', 'sign'))`,
        name,
      ).n;
      if (n) missing.push(`${name}: ${n}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives the same business data for the same day', () => {
    // Bookkeeping stamps and password hashes differ between runs; everything else must not.
    const strip = (name: string, r: Record<string, unknown>) => {
      const { created_at: _c, updated_at: _u, reviewed_at: _r, signed_at: _s, superseded_at: _sa, ...rest } = r;
      if (name === 'users') delete rest.password;
      return rest;
    };
    for (const name of registry.keys()) {
      if (NOT_SEEDED.has(name)) continue; // the audit chain and the rules' findings carry run timestamps
      const ra = rows(a.db, `SELECT * FROM "${name}" ORDER BY id`).map((r) => strip(name, r));
      const rb = rows(b.db, `SELECT * FROM "${name}" ORDER BY id`).map((r) => strip(name, r));
      expect(rb, name).toEqual(ra);
    }
  });
});
