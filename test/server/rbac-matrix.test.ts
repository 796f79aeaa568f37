/**
 * The whole permission matrix over HTTP: every role of DOMAIN.md × every registry resource × every action of
 * schema/permissions.ts ACTIONS, generated from MATRIX. Allowed → 2xx, denied → exactly 403 with a Chinese message.
 *
 * - list = GET /api/:res, show = GET /api/:res/:id, export = GET /api/:res with the export's range: at the API
 *   level export IS a list (the server has no separate export route, so it cannot tell them apart).
 * - create = POST a valid body, edit = PUT a harmless change with the current version and a `_reason`,
 *   delete = DELETE a fresh record with X-Reason (the fixture stays for the other cases).
 * - read-only resources (audit_log, findings, imports, import_rejects, signatures) refuse create/edit/delete
 *   through CRUD for every role, admin included, whatever the matrix's `*` says.
 * Field guards and own-record scopes are not matrix denials: bodies touch only unguarded fields and scoped
 * roles act on their own records; rbac-records.test.ts tests guards and scopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action, type Role } from '../../schema/permissions';
import { ROLE } from '../../schema/enums';
import { registry } from '../../schema/resources';
import { buildRbacWorld, REASON, ROLES, type RbacWorld, type Reply } from '../helpers/rbac-world';
import { importableKinds } from '../../imports/run/pipeline';
import { IMPORT_READERS } from '../../server/auth/rbac';
import { MADE_BY_STEP } from '../../schema/workflows/fulfilment';

const RESOURCES = [...registry.values()];
const CHINESE = /[\u4e00-\u9fff]/;

/**
 * Known conflicts outside RBAC: the matrix allows the action (the authorisation passes), but a live rule
 * refuses every body the role may send. Asserted as they are (400 with the rule code), so a fix shows up here.
 */
// Allowed cases a GSP rule refuses (none today: a slip awaiting its review is saved with an open finding).
const KNOWN_CONFLICTS: Record<string, { rule: string; why: string }> = {};
const ACTION_LABELS: Record<Action, string> = { list: '查看列表', show: '查看', export: '导出', create: '新建', edit: '修改', delete: '作废' };

/** The refusal the server must give: the read-only resource, or the role, action and resource named in Chinese. */
function denialMessage(role: Role, resource: string, action: Action): RegExp {
  const res = registry.get(resource)!;
  if (res.readOnly && action !== 'list' && action !== 'show' && action !== 'export') return new RegExp(`^${resource} 为只读`);
  return new RegExp(`^您的角色（${ROLE.labels[role][0]}）不能${ACTION_LABELS[action]}「${res.label[0]}」$`);
}

function expectedAllowed(role: Role, resource: string, action: Action): boolean {
  const readOnly = registry.get(resource)!.readOnly;
  if (readOnly && (action === 'create' || action === 'edit' || action === 'delete')) return false;
  return can([role], resource, action);
}

let w: RbacWorld;
beforeAll(async () => {
  w = await buildRbacWorld();
});
afterAll(async () => {
  await w?.srv.close();
});

async function perform(role: Role, resource: string, action: Action): Promise<Reply> {
  const res = registry.get(resource)!;
  const id = w.fixture[resource];
  switch (action) {
    case 'list':
      return w.call(role, 'GET', `/${resource}?sort=${encodeURIComponent('["id","ASC"]')}&range=${encodeURIComponent('[0,24]')}`);
    case 'export': // react-admin's export: the same list, up to 1000 rows
      return w.call(role, 'GET', `/${resource}?sort=${encodeURIComponent('["id","ASC"]')}&range=${encodeURIComponent('[0,999]')}`);
    case 'show':
      return w.call(role, 'GET', `/${resource}/${id}`);
    case 'create':
      return w.call(role, 'POST', `/${resource}`, res.readOnly ? {} : await w.cases[resource].create(w.next(), role));
    case 'edit': {
      const current = await w.row(resource, id);
      const change = res.readOnly ? {} : w.cases[resource].edit(w.next());
      return w.call(role, 'PUT', `/${resource}/${id}`, { ...change, version: current.version, _reason: REASON });
    }
    case 'delete': {
      const target = res.readOnly ? id : (await w.adminCreate(resource, await w.cases[resource].create(w.next(), 'admin'))).id;
      return w.call(role, 'DELETE', `/${resource}/${target}`, undefined, { 'x-reason': encodeURIComponent(REASON) });
    }
  }
}

const counts = new Map<Role, { allowed: number; denied: number }>();
for (const role of ROLES) {
  describe(role, () => {
    for (const resource of RESOURCES) {
      for (const action of ACTIONS) {
        const allowed = expectedAllowed(role, resource.name, action);
        const c = counts.get(role) ?? { allowed: 0, denied: 0 };
        c[allowed ? 'allowed' : 'denied']++;
        counts.set(role, c);
        const key = `${role} ${action} ${resource.name}`;
        const known = KNOWN_CONFLICTS[key];
        const name = `${key} → ${resource.name === 'imports' && action === 'create' ? 'upload: 400 without a file / 403' : allowed ? '2xx' : '403'}${known ? ` (known conflict: 400 ${known.rule}, ${known.why})` : ''}`;
        it(name, async () => {
          const r = await perform(role, resource.name, action);
          const detail = `${name}: got ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`;
          if (resource.name === 'imports' && action === 'create') {
            // POST /api/imports is the upload endpoint: a role that may import some kind gets 400 for a
            // body without a file; a role that may import nothing is refused before reading it.
            const mayImport = importableKinds().some((k) => can([role], k === 'sales-ledger' ? 'sales_orders' : k, 'create'));
            expect(r.status, detail).toBe(mayImport ? 400 : 403);
            return;
          }
          if (allowed && action === 'show' && (resource.name === 'imports' || resource.name === 'import_rejects') && !IMPORT_READERS.includes(role)) {
            // The fixture import is the system's: another user's import lies outside one's own records (a
            // scope denial, rbac.ts IMPORT_READERS; hardening/scope-side-doors.test.ts), the list just omits it.
            expect(r.status, detail).toBe(403);
            expect(r.body.message, detail).toBe('这条记录不属于您负责的范围');
            return;
          }
          if (allowed && MADE_BY_STEP[resource.name]?.[action as 'create' | 'edit' | 'delete']) {
            // the matrix lets the role run the step; the generic route refuses (made / voided only by the step)
            expect(r.status, detail).toBe(400);
            expect(r.body.message, detail).toContain('只能由');
            return;
          }
          if (known) {
            expect(allowed, `${key} is no longer allowed by the matrix: drop it from KNOWN_CONFLICTS`).toBe(true);
            expect(r.status, `${detail} — fixed? drop it from KNOWN_CONFLICTS`).toBe(400);
            expect(JSON.stringify(r.body), detail).toContain(known.rule);
          } else if (allowed) {
            expect(r.status >= 200 && r.status < 300, detail).toBe(true);
            if (action === 'show') expect(r.body.id, detail).toBe(w.fixture[resource.name]);
            if (action === 'list' || action === 'export') expect(Array.isArray(r.body), detail).toBe(true);
          } else {
            expect(r.status, detail).toBe(403);
            expect(r.body.message, detail).toMatch(CHINESE);
            expect(r.body.message, detail).toMatch(denialMessage(role, resource.name, action));
          }
        });
      }
    }
  });
}

describe('summary', () => {
  it('covers every role of DOMAIN.md, every registry resource and every action', () => {
    const total = [...counts.values()].reduce((t, c) => t + c.allowed + c.denied, 0);
    expect(total).toBe(ROLES.length * RESOURCES.length * ACTIONS.length);
    const lines = [...counts].map(
      ([role, c]) =>
        `  ${role.padEnd(12)} ${String(c.allowed + c.denied).padStart(4)} cases: ${String(c.allowed).padStart(3)} allowed, ${String(c.denied).padStart(3)} denied`,
    );
    const known = Object.keys(KNOWN_CONFLICTS).length;
    console.log(
      `RBAC matrix: ${total} cases (${ROLES.length} roles × ${RESOURCES.length} resources × ${ACTIONS.length} actions; ${known} allowed case(s) refused by a rule, see KNOWN_CONFLICTS)\n${lines.join('\n')}`,
    );
  });
});
