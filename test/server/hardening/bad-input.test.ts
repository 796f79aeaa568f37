/**
 * Issue 12 items 2, 11, 12, 16, 17 over HTTP: bad input is a 400 with a message (never a 500), ill-formed
 * Unicode never reaches the audit chain, a full disk says so (507), a PUT must carry its version (428),
 * settings keep their declared type. Plus property tests (fast-check) over the list-query parser and the JSON bodies.
 */
import { pgUrlOf, writerOf, type Db } from '../../../server/db';
import { testOnPg } from '../../helpers/app';
import { admin as pgAdmin } from '../../helpers/pg';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../schema/resources';
import { verifyAuditChain } from '../../../server/services/audit';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { createRecord } from '../../../server/services/write';
import { customerBody, startApi, type Api } from '../api-client';
import { uploadImport } from '../../imports/pipeline-fixtures';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sqlAll, sqlGet, sqlValue } from '../../helpers/sql';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.server.close());

/** A raw request (the body as given, not re-encoded), as admin unless a cookie is given. */
async function raw(method: string, p: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.server.url}/api${p}`, {
    method,
    body,
    headers: { Cookie: api.cookie, ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
  });
  const text = await res.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body: json };
}
const listQ = (res: string, params: Record<string, string>) => `/${res}?${new URLSearchParams(params)}`;

async function newCustomer(name: string) {
  const r = await raw('POST', '/customers', JSON.stringify(customerBody(name)));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/**
 * `npm run audit:verify` on the database under test. Asynchronous: a spawnSync blocked this process — the server
 * under test — for the seconds the CLI takes, past the keep-alive timeout, and the next request reused a socket
 * the server had closed meanwhile (ECONNRESET).
 */
async function auditVerifyCli(): Promise<{ status: number | null; out: string }> {
  const root = path.resolve(__dirname, '../../..');
  // the SQLite file, or on PostgreSQL DATABASE_URL (which wins over --db)
  const pg = pgUrlOf(api.server.db);
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/cli/audit-verify.ts'), ...(pg ? [] : ['--db', api.server.dbFile])], {
    env: { ...process.env, ...(pg && { DATABASE_URL: pg }) },
    timeout: 60_000,
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, out };
}

describe('item 2: lone surrogates', () => {
  it('a body string, key or _reason holding "\\ud800" is refused with 400 on every JSON path', async () => {
    const c = await newCustomer('孤立代理项药店');
    // JSON.stringify writes a lone surrogate as the escape \ud800: exactly what the attacker sent
    const cases: [string, string, string][] = [
      ['POST', '/customers', JSON.stringify({ ...customerBody('A药店'), _reason: '\ud800' })],
      ['POST', '/customers', JSON.stringify(customerBody('B\udc00药店'))],
      ['POST', '/customers', JSON.stringify({ ...customerBody('C药店'), ['x\ud800']: 1 })],
      ['PUT', `/customers/${c.id}`, JSON.stringify({ ...c, address: '新地址', _reason: '\ud800' })],
      ['DELETE', `/customers/${c.id}`, JSON.stringify({ reason: '\ud800' })],
      ['POST', '/auth/login', JSON.stringify({ username: 'admin\ud800', password: 'x' })],
    ];
    for (const [method, p, body] of cases) {
      expect(body).toContain('\\ud'); // sent as the escape, not as UTF-8
      const r = await raw(method, p, body);
      expect(r.status, `${method} ${p} ${body}`).toBe(400);
      expect(r.body.message).toContain('无效的 Unicode');
    }
    expect((await raw('GET', `/customers/${c.id}`)).body.version).toBe(1);
  });

  it('an X-Reason header or a filter that decodes to ill-formed text is refused with 400', async () => {
    const c = await newCustomer('头部药店');
    const r = await raw('PUT', `/customers/${c.id}`, JSON.stringify({ ...c, address: '1号' }), { 'X-Reason': '%ED%A0%80' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('X-Reason');
    const en = await raw('GET', listQ('customers', { filter: JSON.stringify({ q: '\ud800' }) }), undefined, { 'Accept-Language': 'en' });
    expect(en.status).toBe(400);
    expect(en.body.message).toContain('ill-formed Unicode');
  });

  it('a reason that reaches the audit trail by another path is hashed as stored: the chain stays intact', async () => {
    const ctx = { db: api.server.db, clock: api.server.clock, actor: SYSTEM_ACTOR, lang: 'zh' as const };
    await createRecord(ctx, registry.get('customers')!, customerBody('内部路径药店'), { reason: 'legacy \ud800 reason' });
    const stored = (await sqlGet(api.server.db, 'SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1')) as { reason: string };
    expect(stored.reason).toBe('legacy \ufffd reason');
    expect((await verifyAuditChain(api.server.db)).breaks).toEqual([]);
    const v = await raw('GET', '/system/audit-verify');
    expect(v.body.intact).toBe(true);
    const cli = await auditVerifyCli();
    expect(cli.status, cli.out).toBe(0);
    expect(cli.out).toContain('audit chain intact');
  });

  it('an upload whose file name is not valid UTF-8 is stored with U+FFFD, and the chain stays intact', async () => {
    const csv = '证照类型,证号,经营范围,经营方式,有效期起,有效期至\n营业执照,91420100965442577E,,,2015-05-01,\n';
    const boundary = 'gspboundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncompany_licenses\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lic`,
    );
    const tail = Buffer.from(`.csv"; filename*=UTF-8''%ED%A0%80.csv\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, Buffer.from([0xed, 0xa0, 0x80]), tail]);
    const res = await fetch(`${api.server.url}/api/imports`, {
      method: 'POST',
      body,
      headers: { Cookie: api.cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    const out = await res.json();
    expect(res.status, JSON.stringify(out)).toBe(201);
    const row = (await raw('GET', `/imports/${out.id}`)).body;
    expect(row.file_name).toBe('lic\ufffd\ufffd\ufffd.csv');
    expect((await verifyAuditChain(api.server.db)).breaks).toEqual([]);
  });
});

describe('item 2: an import cell holding a lone surrogate (XLSX _xD800_)', () => {
  it('is refused with its reason in the report, nothing of it stored, and the chain stays intact', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('证照');
    ws.addRow(['证照类型', '证号', '经营范围', '经营方式', '有效期起', '有效期至']);
    ws.addRow(['营业执照', '9142_xD800_0100965442577E', '', '', '2015-05-01', '']); // the reader decodes _xD800_ to U+D800
    ws.addRow(['营业执照', '91420100965442577F', '', '', '2015-05-01', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await uploadImport(api.server.url, api.cookie, { name: 'licences.xlsx', bytes }, { kind: 'company_licenses' });
    const out = await res.json();
    expect(res.status, JSON.stringify(out)).toBe(201);
    expect(out.report.counts).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    expect(JSON.stringify(out.report.rejected)).toContain('无效的 Unicode');
    const numbers = (await sqlAll<{ number: string }>(api.server.db, 'SELECT number FROM company_licenses')).map((r) => r.number);
    expect(numbers).toContain('91420100965442577F');
    expect(numbers.filter((n) => n.includes('\ufffd') || n.includes('_x'))).toEqual([]);
    expect((await verifyAuditChain(api.server.db)).breaks).toEqual([]);
  });
});

describe('item 11: hostile input answers 400 with a message', () => {
  it('a malformed Origin on a POST (a form-like body: hono/csrf checks those, test/server/hardening/csrf.test.ts)', async () => {
    for (const origin of ['http://[', '::::', 'http://a b']) {
      const r = await raw('POST', '/customers', JSON.stringify(customerBody('跨站药店')), { Origin: origin, 'Content-Type': 'text/plain' });
      expect(r.status, origin).toBe(403);
      expect(r.body.message).toBe('拒绝来自其他网站的请求');
    }
  });

  it('filter and sort keys from Object.prototype, a huge range', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'toString_gte', '__defineGetter__']) {
      const f = await raw('GET', listQ('customers', { filter: `{"${key}":1}` }));
      expect(f.status, `filter ${key}`).toBe(400);
      expect(f.body.message).toMatch(/筛选|查询参数/);
      const s = await raw('GET', listQ('customers', { sort: JSON.stringify([key, 'ASC']) }));
      expect(s.status, `sort ${key}`).toBe(400);
    }
    for (const range of ['[0,99999999999999999999]', '[1e400,2]', '[0,1.5]', '[-1,3]', '{"0":1}']) {
      const r = await raw('GET', listQ('customers', { range }));
      expect(r.status, range).toBe(400);
      expect(r.body.message).toContain('range');
    }
  });

  it('X-Reason: %zz', async () => {
    const c = await newCustomer('百分号药店');
    for (const [method, body] of [
      ['PUT', JSON.stringify({ ...c, address: 'x' })],
      ['DELETE', undefined],
    ] as const) {
      const r = await raw(method, `/customers/${c.id}`, body, { 'X-Reason': '%zz' });
      expect(r.status, method).toBe(400);
      expect(r.body.message).toContain('X-Reason');
    }
  });

  it('a settings value nested 5,000 deep', async () => {
    const s = (await raw('GET', listQ('settings', { filter: JSON.stringify({ key: 'majorContractAmount' }) }))).body[0];
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const r = await raw('PUT', `/settings/${s.id}`, `{"value":${deep},"version":${s.version}}`);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('嵌套');
  });
});

// fast-check: a failing case is shrunk to the smallest input and replays with the seed it prints.
const KEYS = [
  'name',
  'q',
  'id',
  'ids',
  'voided',
  'credit_limit_gte',
  'type',
  'type_neq',
  'region_q',
  '__proto__',
  'constructor',
  'toString',
  'version',
  'password',
  'customer.name',
  'created_at_lt',
  '',
  ' ',
  '\u0000',
  '名称',
  'a'.repeat(300),
];
const key = fc.constantFrom(...KEYS);
// biome-ignore lint/correctness/noPrecisionLoss: a literal beyond 2^53, as a client may send it, is the point
const BEYOND_2_53 = 99999999999999999999;
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, 0.1, 2 ** 53 + 1, 1e-320, BEYOND_2_53),
  key,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('%zz', "'; DROP TABLE customers; --", '2025-06-30', 'retailer', '\ud800', '\udfff', ''),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
const object = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });
const RUNS = { seed: 20261206, numRuns: 250 };

describe('item 11: property tests (fast-check) — never a 500', () => {
  it('GET lists with random filter / sort / range', async () => {
    const resources = ['customers', 'sales_orders', 'sales_lines', 'audit_log', 'findings', 'users', 'settings'];
    const params = fc.record(
      {
        filter: fc.oneof(
          object.map((o) => JSON.stringify(o)),
          value.map((v) => JSON.stringify(v) ?? ''),
        ),
        sort: fc.oneof(
          fc.tuple(key, fc.constantFrom('ASC', 'DESC', 'asc', '')).map((t) => JSON.stringify(t)),
          value.map((v) => JSON.stringify(v) ?? ''),
        ),
        range: fc.oneof(
          fc.tuple(fc.nat(60), fc.nat(120)).map((t) => JSON.stringify(t)),
          value.map((v) => JSON.stringify(v) ?? ''),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...resources), params, async (res, ps) => {
        const p = listQ(res, ps as Record<string, string>);
        const r = await raw('GET', p);
        expect([200, 400], `${decodeURIComponent(p)} → ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
        if (r.status === 400) expect(typeof r.body.message).toBe('string');
      }),
      RUNS,
    );
  });

  it('POST / PUT random JSON bodies', async () => {
    const c = await newCustomer('随机药店');
    let n = 0;
    const body = fc.oneof(
      { weight: 9, arbitrary: fc.tuple(fc.boolean(), object).map(([base, o]) => JSON.stringify({ ...(base ? customerBody(`随机${n++}`) : {}), ...o })) },
      { weight: 1, arbitrary: value.map((v) => JSON.stringify(v) ?? '') },
    );
    const reason = fc.option(
      fc.string({ unit: 'binary-ascii', maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), body, reason, async (post, b, why) => {
        const [method, p] = post ? ['POST', '/customers'] : ['PUT', `/customers/${c.id}`];
        const r = await raw(method, p, b, why === undefined ? {} : { 'X-Reason': why });
        expect(r.status, `${method} ${b.slice(0, 200)} → ${JSON.stringify(r.body).slice(0, 200)}`).toBeLessThan(500);
      }),
      { ...RUNS, numRuns: 150 },
    );
    expect((await verifyAuditChain(api.server.db)).breaks).toEqual([]);
  });
});

/**
 * A full disk as the engine reports it, until the returned function undoes it. SQLite: its own "database or disk
 * is full" (SQLITE_FULL) at a page limit of the current size. PostgreSQL: the server's 53100 disk_full, raised by
 * a trigger on the customers table (a real full disk needs a file system of its own).
 */
async function diskFull(db: Db): Promise<() => Promise<void>> {
  if (testOnPg()) {
    const url = pgUrlOf(db)!;
    await pgAdmin(url, (c) =>
      c.query(`CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;
        CREATE TRIGGER test_disk_full BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION test_disk_full()`),
    );
    return async () => void (await pgAdmin(url, (c) => c.query('DROP TRIGGER test_disk_full ON customers; DROP FUNCTION test_disk_full()')));
  }
  const sqlite = writerOf(db);
  sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
  return async () => void sqlite.pragma('max_page_count = 4294967294');
}

describe('item 12: a full disk', () => {
  it('answers 507 "磁盘空间不足" and nothing is written; /api/health reports free space', async () => {
    const count = () => sqlValue(api.server.db, 'SELECT COUNT(*) AS n FROM customers');
    const before = await count();
    const restore = await diskFull(api.server.db);
    try {
      const r = await raw('POST', '/customers', JSON.stringify(customerBody('满盘药店', { address: 'x'.repeat(200_000) })));
      expect(r.status).toBe(507);
      expect(r.body.message).toContain('磁盘空间不足');
    } finally {
      await restore();
    }
    expect(await count()).toBe(before);
    const h = await fetch(`${api.server.url}/api/health`); // no sign-in
    const health = await h.json();
    expect(h.status).toBe(200);
    expect(health.db).toBe('ok');
    expect(health.disk.free_bytes).toBeGreaterThan(0);
    expect(health.disk.total_bytes).toBeGreaterThanOrEqual(health.disk.free_bytes);
    expect(typeof health.disk.low).toBe('boolean');
  });
});

describe('item 16: a PUT must carry its version', () => {
  it('428 with a message without version; the bulk-edit route is documented and works', async () => {
    const c = await newCustomer('版本药店');
    const { version: _v, ...noVersion } = c;
    const r = await raw('PUT', `/customers/${c.id}`, JSON.stringify({ ...noVersion, address: '覆盖' }));
    expect(r.status).toBe(428);
    expect(r.body.message).toContain('缺少版本号');
    const en = await raw('PUT', `/customers/${c.id}`, JSON.stringify({ address: '覆盖' }), { 'Accept-Language': 'en' });
    expect(en.body.message).toContain('Missing version');
    expect((await raw('GET', `/customers/${c.id}`)).body.address).toBe(c.address);
    const bulk = await raw('PUT', '/customers/bulk', JSON.stringify({ ids: [c.id], data: { address: '批量地址' } }));
    expect(bulk.status).toBe(200);
    expect((await raw('GET', `/customers/${c.id}`)).body).toMatchObject({ address: '批量地址', version: 2 });
  });
});

describe('item 17: settings keep their declared type', () => {
  it('a wrong type is refused (400, the expected type named), nothing stored; the right type is stored', async () => {
    const get = async (key: string) => (await raw('GET', listQ('settings', { filter: JSON.stringify({ key }) }))).body[0];
    const cases: [string, unknown][] = [
      ['majorContractAmount', 'abc'],
      ['majorContractAmount', -5],
      ['majorContractAmount', [1]],
      ['majorContractAmount', '500000'],
      ['complaintDays', 1.5],
      ['complaintDays', true],
      ['complaintDays', { a: 1 }],
      ['licenseExpiryWarningDays', 30],
      ['licenseExpiryWarningDays', []],
      ['licenseExpiryWarningDays', [30, 'x']],
      ['companyName', 12],
      ['companyName', ['a']],
    ];
    for (const [key, value] of cases) {
      const s = await get(key);
      const r = await raw('PUT', `/settings/${s.id}`, JSON.stringify({ value, version: s.version }));
      expect(r.status, `${key} = ${JSON.stringify(value)}`).toBe(400);
      expect(r.body.errors.value, key).toMatch(Array.isArray(value) && !value.length ? /必填/ : new RegExp(key));
      expect((await get(key)).value).toEqual(s.value);
    }
    const days = await get('licenseExpiryWarningDays');
    const ok = await raw('PUT', `/settings/${days.id}`, JSON.stringify({ value: [90, 30, 30], version: days.version }));
    expect(ok.status).toBe(200);
    expect(ok.body.value).toEqual([30, 90]);
    const free = await raw('POST', '/settings', JSON.stringify({ key: 'someOtherSetting', value: { any: 'json' } }));
    expect(free.status).toBe(201);
  });
});
