/** GET /api/meta: the registry the web builds its screens from — kinds, enum options, required flags. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registry } from '../../schema/resources';
import { ROLE, SCOPE_CATEGORIES } from '../../schema/enums';
import type { FieldMeta, Meta, ResourceMeta } from '../../schema/meta';
import { startApi, type Api } from './api-client';

let api: Api;
let meta: Meta;
const res = (name: string) => meta.resources.find((r) => r.name === name)!;
const field = (r: string, key: string) => res(r).fields.find((f) => f.key === key)!;

beforeAll(async () => {
  api = await startApi();
  const response = await api.http('/meta');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  meta = await response.json();
});
afterAll(() => api.server.close());

describe('GET /api/meta', () => {
  test('lists every registry resource, in registry order', () => {
    expect(meta.resources.map((r) => r.name)).toEqual([...registry.keys()]);
    for (const name of [
      'customers',
      'customer_licenses',
      'products',
      'batches',
      'sales_orders',
      'sales_lines',
      'salespeople',
      'users',
      'audit_log',
      'findings',
      'imports',
      'import_rejects',
      'settings',
    ]) {
      expect(meta.resources.map((r) => r.name)).toContain(name);
    }
  });

  test('every field of every resource carries its kind, required flag, reference and enum options', () => {
    for (const r of registry.values()) {
      const m: ResourceMeta = res(r.name);
      expect(
        m.fields.map((f) => f.key),
        r.name,
      ).toEqual(Object.keys(r.fields));
      for (const [key, spec] of Object.entries(r.fields)) {
        const f = m.fields.find((x) => x.key === key) as FieldMeta;
        expect({ kind: f.kind, required: f.required, ref: f.ref, options: f.options?.map((o) => o.id) }, `${r.name}.${key}`).toEqual({
          kind: spec.kind,
          required: spec.required,
          ref: spec.ref,
          options: spec.enum ? [...spec.enum.values] : undefined,
        });
        expect(f.label, `${r.name}.${key}`).toEqual({ zh: spec.label[0], en: spec.label[1] });
      }
      expect(m.readOnly, r.name).toBe(r.readOnly);
    }
  });

  test('customers: exact field metadata', () => {
    expect(res('customers').label).toEqual({ zh: '购货单位', en: 'Customers' });
    expect(field('customers', 'name')).toMatchObject({
      kind: 'text',
      required: true,
      label: { zh: '单位名称', en: 'Name' },
      readOnly: false,
      writeOnly: false,
    });
    expect(field('customers', 'type')).toMatchObject({
      kind: 'enum',
      required: true,
      options: [
        { id: 'wholesaler', zh: '药品批发企业', en: 'Drug wholesaler' },
        { id: 'retailer', zh: '药品零售企业', en: 'Drug retailer' },
        { id: 'medical_institution', zh: '医疗机构', en: 'Medical institution' },
        { id: 'device_dealer', zh: '医疗器械经营企业', en: 'Device dealer' },
        { id: 'other_legal', zh: '其他合法单位', en: 'Other legal entity' },
        { id: 'individual', zh: '个人', en: 'Individual' },
      ],
    });
    expect(field('customers', 'credit_code')).toMatchObject({ kind: 'text', required: false, check: 'credit_code' });
    expect(field('customers', 'qa_status')).toMatchObject({ kind: 'enum', required: true, default: 'pending' });
    expect(field('customers', 'cold_chain')).toMatchObject({ kind: 'bool', required: false });
    expect(field('customers', 'credit_limit')).toMatchObject({ kind: 'money', required: false });
    expect(field('customers', 'qa_approved_at')).toMatchObject({ kind: 'date', required: false });
    expect(res('customers').search).toEqual(['name', 'credit_code', 'contact_name', 'region']);
    expect(res('customers').naturalKey).toEqual([['credit_code'], ['name']]);
    expect(res('customers').children).toEqual([
      { resource: 'customer_licenses', field: 'customer', inline: false },
      { resource: 'customer_agents', field: 'customer', inline: false },
    ]);
  });

  test('references, lists, read-only and write-only fields, inline children', () => {
    expect(field('customer_licenses', 'customer')).toMatchObject({ kind: 'ref', ref: 'customers', required: true });
    expect(field('customer_licenses', 'scope')).toMatchObject({ kind: 'list', vocabulary: SCOPE_CATEGORIES });
    expect(field('batches', 'product')).toMatchObject({ kind: 'ref', ref: 'products', required: true });
    expect(field('products', 'special_control')).toMatchObject({
      kind: 'list',
      options: [
        { id: 'ephedrine', zh: '含麻黄碱类复方制剂', en: 'Ephedrine compound' },
        { id: 'codeine', zh: '含可待因复方口服溶液', en: 'Codeine oral solution' },
        { id: 'other', zh: '其他含特殊药品复方制剂', en: 'Other special-drug compound' },
      ],
    });
    expect(field('salespeople', 'id_no')).toMatchObject({ kind: 'text', required: true, check: 'id_no' });
    expect(field('users', 'password')).toMatchObject({ kind: 'password', writeOnly: true, required: false });
    expect(field('users', 'roles')).toMatchObject({ kind: 'list', required: true });
    expect(field('users', 'roles').options!.map((o) => o.id)).toEqual([...ROLE.values]);
    expect(field('sales_lines', 'sale_date')).toMatchObject({ kind: 'date', readOnly: true });
    expect(field('sales_lines', 'customer')).toMatchObject({ kind: 'ref', ref: 'customers', readOnly: true });
    expect(res('sales_lines').parent).toEqual({ resource: 'sales_orders', field: 'order', inline: true });
    expect(res('sales_orders').children).toEqual([{ resource: 'sales_lines', field: 'order', inline: true }]);
    for (const r of ['audit_log', 'findings', 'imports', 'import_rejects']) expect(res(r).readOnly, r).toBe(true);
    for (const r of ['customers', 'sales_orders', 'users', 'settings']) expect(res(r).readOnly, r).toBe(false);
  });

  test('roles, scope categories and areas', () => {
    expect(meta.roles.map((r) => r.id)).toEqual([...ROLE.values]);
    expect(meta.roles[0]).toEqual({ id: 'admin', zh: '系统管理员', en: 'Administrator' });
    expect(meta.scopeCategories).toEqual([...SCOPE_CATEGORIES]);
    expect(meta.areas.map((a) => a.key)).toEqual(['parties', 'products', 'sales', 'fulfilment', 'aftersales', 'system']);
  });
});
