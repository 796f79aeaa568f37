/**
 * Generated from the permission data (schema/permissions.ts, schema/legacy.ts): every import kind × every
 * role, through POST /api/imports, gives what that role could do through the API.
 *  - a kind whose resource the role may not create: refused up front, 403 with a message naming it;
 *  - an allowed kind (the samples' kinds): a row setting a guarded field the role may not set is rejected
 *    with the API's reason, the same row without it is created; approvals the file claims are never
 *    written into our approval fields, only kept as legacy facts, trusted only for roles that could grant them;
 *  - the sales ledger: a role scoped to its own orders imports only rows naming itself as 业务员.
 */
import Papa from 'papaparse';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKind } from '../../imports/headers/kinds';
import { SALES_LEDGER_KIND } from '../../imports/headers/ledger-fields';
import { normalizeHeader } from '../../imports/headers/normalize-header';
import { importableKinds, importTarget } from '../../imports/run/pipeline';
import { ROLE } from '../../schema/enums';
import { canGrant, workflowOwnedFields } from '../../schema/legacy';
import { can, canSetField, ownScope, type Role } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { login, type TestServer } from '../helpers/app';
import { sample, startImportServer, uploadImport } from './pipeline-fixtures';
import { sqlAll, sqlGet, sqlValue } from '../helpers/sql';

const ROLES = ROLE.values as readonly Role[];
const PASSWORD = 'import-roles-password-1';
const OWN = '高刚'; // the sales user's salesperson (salespeople.csv)
const OTHER = '马丽';

let server: TestServer;
let admin: string;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  ({ server, cookie: admin } = await startImportServer());
  const own = await sqlValue(server.db, 'SELECT id FROM salespeople WHERE name = ?', OWN);
  cookies.admin = admin;
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const res = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { Cookie: admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: `imp_${role}`,
        display_name: role,
        roles: [role],
        password: PASSWORD,
        active: true,
        ...(role === 'sales' && { salesperson: own }),
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    cookies[role] = await login(server.url, `imp_${role}`, PASSWORD);
  }
}, 120_000);
afterAll(() => server?.close());

const csv = (rows: Record<string, string>[]) => ({ name: 'rows.csv', bytes: Buffer.from(Papa.unparse(rows), 'utf8') });
const post = async (role: Role, file: { name: string; bytes: Buffer }, kind: string, dryRun = false) => {
  const res = await uploadImport(server.url, cookies[role], file, { kind, ...(dryRun && { dryRun: 'true' }) });
  return { status: res.status, body: await res.json() };
};

describe('every kind × every role: refused up front exactly when the role may not create the resource', () => {
  const template = new Map<string, Buffer>();
  beforeAll(async () => {
    for (const kind of importableKinds()) {
      const res = await fetch(`${server.url}/api/import-templates/${kind}.xlsx`, { headers: { Cookie: admin } });
      expect(res.status, `template ${kind}: ${await res.clone().text()}`).toBe(200);
      template.set(kind, Buffer.from(await res.arrayBuffer()));
    }
  }, 60_000);

  it('403 with the reason, or the file is accepted (dry run of the template)', async () => {
    let refused = 0;
    for (const role of ROLES) {
      for (const kind of importableKinds()) {
        const r = await post(role, { name: `${kind}.xlsx`, bytes: template.get(kind)! }, kind, true);
        const target = importTarget(kind);
        if (can([role], target, 'create')) {
          expect(r.status, `${role} ${kind}: ${JSON.stringify(r.body)}`).toBe(200);
        } else {
          refused++;
          expect(r.status, `${role} ${kind}`).toBe(403);
          const none = !importableKinds().some((k) => can([role], importTarget(k), 'create'));
          expect(r.body.message).toContain(none ? '不能导入文件' : `无权新建${registry.get(target)!.label[0]}`);
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  }, 120_000);
});

/** The sample file's first row with its natural key made new, so the row creates a record. */
const SAMPLE_KINDS: Record<string, { file: string; fresh: (row: Record<string, string>, tag: string) => void }> = {
  customers: {
    file: 'customers.csv',
    fresh: (r, t) => {
      r['单位名称'] = `测试医药${t}有限公司`;
      r['统一社会信用代码'] = '';
    },
  },
  products: {
    file: 'products.csv',
    fresh: (r, t) => {
      r['规格'] = `${r['规格']}-${t}`;
    },
  },
  batches: {
    file: 'batches.csv',
    fresh: (r, t) => {
      r['批号'] = `T${t}`;
    },
  },
  contracts: {
    file: 'contracts.csv',
    fresh: (r, t) => {
      r['合同编号'] = `HT-T-${t}`;
      r['销售人员'] = OWN;
    },
  },
};

function firstRow(file: string): Record<string, string> {
  const text = fs.readFileSync(sample(file), 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data[0];
}
const fieldOf = (kind: string, header: string) => getKind(kind)!.index.get(normalizeHeader(header))?.[0]?.key;

describe('allowed kinds: guarded fields refused as by the API, approvals only ever legacy facts', () => {
  for (const [kind, spec] of Object.entries(SAMPLE_KINDS)) {
    for (const role of ROLES.filter((r) => can([r], kind, 'create'))) {
      it(`${kind} as ${role}`, async () => {
        const owned = workflowOwnedFields(kind);
        const base = firstRow(spec.file);
        // the guarded, non-workflow fields the role may not set (the API's 403 forbidden_field)
        const forbidden = Object.keys(base).filter((h) => {
          const f = fieldOf(kind, h);
          return f && base[h] !== '' && !owned.includes(f) && !canSetField([role], kind, f);
        });
        const full = { ...base };
        spec.fresh(full, `${role}a`);
        const cleaned = { ...base };
        spec.fresh(cleaned, `${role}b`);
        for (const h of forbidden) cleaned[h] = '';
        const r = await post(role, csv([full, cleaned]), kind);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        const rejected = r.body.report.rejected.map((x: { row: number }) => x.row);
        expect(rejected, JSON.stringify(r.body.report.rejected)).toEqual(forbidden.length ? [2] : []);
        if (forbidden.length) expect(r.body.report.rejected[0].errors[0].message).toMatch(/不能修改/);
        // what was created: our approval fields at their initial values, the file's claims as legacy facts
        const res = registry.get(kind)!;
        const rows = await sqlAll(server.db, `SELECT * FROM "${kind}" WHERE import_id = ?`, r.body.id);
        expect(rows.length).toBe(forbidden.length ? 1 : 2);
        const claims = Object.keys(base).filter((h) => owned.includes(fieldOf(kind, h)!) && base[h] !== '');
        for (const row of rows) {
          for (const f of owned) expect(row[f] ?? null, `${kind}.${f}`).toEqual(res.fields[f].default ?? null);
          if (!claims.length) continue;
          const facts = JSON.parse(row.legacy_facts);
          expect(facts).toMatchObject({ file: 'rows.csv', trusted: canGrant([role], kind) });
          expect(Object.keys(facts.fields).length).toBe(claims.length);
        }
        if (claims.length && !canGrant([role], kind))
          expect(r.body.report.findings.some((f: { rule: string }) => f.rule === 'IMPORT_LEGACY_UNTRUSTED')).toBe(true);
        expect(
          await sqlGet(server.db, `SELECT count(*) AS n FROM signatures WHERE resource = ? AND record_id IN (${rows.map((x) => x.id).join(',') || 0})`, kind),
        ).toEqual({ n: 0 });
      });
    }
  }
});

describe('the sales ledger: own-record scope as in the API', () => {
  const ledgerRow = (no: string, person: string) => ({
    单据编号: no,
    销售日期: '2024-06-03',
    购货单位: '郑州市润泽医药有限公司',
    通用名称: '阿莫西林胶囊',
    规格: '0.25g×24粒',
    批准文号: '国药准字H20022891',
    批号: '00581',
    数量: '10',
    单价: '12',
    金额: '120',
    业务员: person,
  });
  for (const role of ROLES.filter((r) => can([r], 'sales_orders', 'create'))) {
    it(`as ${role}`, async () => {
      const r = await post(role, csv([ledgerRow(`XS-T-${role}-1`, OWN), ledgerRow(`XS-T-${role}-2`, OTHER)]), SALES_LEDGER_KIND);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const scoped = ownScope([role], 'sales_orders', 'create') != null;
      expect(r.body.report.counts).toMatchObject({ rows: 2, imported: scoped ? 1 : 2, rejected: scoped ? 1 : 0 });
      if (scoped) expect(r.body.report.rejected[0]).toMatchObject({ row: 3, errors: [{ field: '业务员' }] });
      // what the role imported it can read through the API (its scope)
      const list = await fetch(`${server.url}/api/sales_orders?filter=${encodeURIComponent(JSON.stringify({ import_id: r.body.id }))}`, {
        headers: { Cookie: cookies[role] },
      });
      expect((await list.json()).length).toBe(scoped ? 1 : 2);
    });
  }
});
