/**
 * Generated from the declaration (schema/lifecycle.ts) and the matrix (schema/permissions.ts): for every
 * step-owned field and every role that may create or edit its resource, a plain POST or PUT that sets it is
 * refused with 400 naming the field and its step. A resource or field added to the declaration is covered
 * here without a new test; one added to the registry without a create/edit case fails rbac-world's build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../schema/define';
import { LIFECYCLE, stepKeys, stepOwnedFields, type StepOwned } from '../../schema/lifecycle';
import { can, type Role } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { findVerbSpec } from '../../schema/verbs';
import { buildRbacWorld, REASON, ROLES, type Body, type RbacWorld } from '../helpers/rbac-world';

let w: RbacWorld;
beforeAll(async () => {
  w = await buildRbacWorld();
}, 120_000);
afterAll(async () => {
  await w?.srv.close();
});

/** A valid value of the field's kind that differs from `current` (and is not a value plain writes may set). */
function otherValue(spec: FieldSpec, current: unknown, owned: StepOwned): unknown {
  switch (spec.kind) {
    case 'enum':
      return spec.enum!.values.find((v) => v !== current && v !== spec.default && !owned.plain?.includes(v));
    case 'date':
      return current === '2025-06-03' ? '2025-06-04' : '2025-06-03';
    case 'datetime':
      return current === '2025-06-03T09:00:00.000Z' ? '2025-06-04T09:00:00.000Z' : '2025-06-03T09:00:00.000Z';
    case 'int':
    case 'number':
    case 'money':
    case 'ref':
      return (Number(current) || 0) + 1;
    case 'bool':
      return !current;
    default:
      return current === '伪造的签名' ? '另一个伪造的签名' : '伪造的签名';
  }
}

const fields = stepOwnedFields();

describe('the declaration', () => {
  it('names real fields and real steps; reviewed fields exist and are not step-owned', () => {
    for (const { resource, field } of fields) {
      expect(registry.get(resource)?.fields[field], `${resource}.${field}`).toBeDefined();
      for (const key of stepKeys(resource, field)) expect(findVerbSpec(...(key.split('/') as [string, string])), key).toBeDefined();
    }
    for (const [resource, l] of Object.entries(LIFECYCLE)) {
      const res = registry.get(resource)!;
      for (const k of [...(l.review?.fields ?? []), ...(l.reviewsParent?.fields ?? [])]) {
        expect(res.fields[k], `${resource}.${k}`).toBeDefined();
        expect(l.owned[k], `${resource}.${k} reviewed and step-owned`).toBeUndefined();
      }
      for (const k of Object.keys(l.review?.reset ?? {})) expect(l.owned[k] ?? l.review!.fields.includes(k), `${resource}.${k}`).toBeTruthy();
      if (l.reviewsParent) expect(LIFECYCLE[res.parent!.resource]?.review, `${resource}'s parent has a review`).toBeDefined();
    }
  });

  it('covers every resource with workflow verbs', () => {
    const withVerbs = new Set(
      [...registry.keys()].filter((r) =>
        ['approve', 'close', 'review', 'pick', 'forward', 'report', 'notify', 'confirm', 'submit'].some((v) => findVerbSpec(r, v)),
      ),
    );
    for (const r of withVerbs) expect(LIFECYCLE[r], r).toBeDefined();
  });
});

describe('a plain write never sets a step-owned field, whoever writes it', () => {
  for (const action of ['create', 'edit'] as const) {
    it(`${action}: 400 naming the field and its step for every role with ${action} access`, async () => {
      const attempts: { label: string; run: () => Promise<{ status: number; body: any }>; field: string }[] = [];
      for (const { resource, field, owned } of fields) {
        const res = registry.get(resource)!;
        if (res.readOnly) continue;
        for (const role of ROLES.filter((r) => can([r], resource, action))) {
          const label = `${role} ${action} ${resource}.${field}`;
          if (action === 'create') {
            attempts.push({
              label,
              field,
              run: async () => {
                const body = { ...(await w.cases[resource].create(w.next(), role as Role)) } as Body;
                body[field] = otherValue(res.fields[field], res.fields[field].default ?? null, owned);
                return w.call(role, 'POST', `/${resource}`, body);
              },
            });
          } else {
            const id = w.fixture[resource];
            attempts.push({
              label,
              field,
              run: async () => {
                const row = await w.row(resource, id);
                return w.call(role, 'PUT', `/${resource}/${id}`, {
                  [field]: otherValue(res.fields[field], row[field], owned),
                  version: row.version,
                  _reason: REASON,
                });
              },
            });
          }
        }
      }
      expect(attempts.length).toBeGreaterThan(action === 'create' ? 20 : 40);
      const failures: string[] = [];
      // a few at a time: one server, one database
      for (let i = 0; i < attempts.length; i += 8) {
        await Promise.all(
          attempts.slice(i, i + 8).map(async (a) => {
            const r = await a.run();
            const text = r.body?.errors?.[a.field];
            if (r.status !== 400 || typeof text !== 'string' || !text.includes('只能由工作流步骤'))
              failures.push(`${a.label}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          }),
        );
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it('the value a form sends back unchanged passes, for every step-owned field of every fixture', async () => {
    for (const resource of new Set(fields.map((f) => f.resource))) {
      if (registry.get(resource)!.readOnly || !can(['admin'], resource, 'edit')) continue;
      const id = w.fixture[resource];
      const whole = (await w.call('admin', 'GET', `/${resource}/${id}`)).body;
      const r = await w.call('admin', 'PUT', `/${resource}/${id}`, { ...whole, _reason: REASON });
      expect(r.status, `${resource}: ${JSON.stringify(r.body)}`).toBe(200);
    }
  });
});
