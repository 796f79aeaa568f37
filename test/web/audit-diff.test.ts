import { describe, expect, it } from 'vitest';
import { buildMeta } from '../../schema/meta';
import { registry } from '../../schema/resources';
import { auditChanges, snapshot } from '../../web/src/generic/audit-diff';

const customers = buildMeta(registry).resources.find((r) => r.name === 'customers')!;

describe('audit diff', () => {
  it('lists only the changed fields, in registry order, without bookkeeping', () => {
    const before = { id: 1, version: 1, updated_at: 'a', name: '甲', contact_name: '李', region: '湖北省武汉市', cold_chain: null };
    const after = { id: 1, version: 2, updated_at: 'b', name: '甲', contact_name: '张', region: '湖北省宜昌市', cold_chain: false };
    const changes = auditChanges(customers, { before, after });
    // null → false is a real change (unknown → no).
    expect(changes.map((c) => c.key)).toEqual(['region', 'contact_name', 'cold_chain']);
    expect(changes[0]).toMatchObject({ before: '湖北省武汉市', after: '湖北省宜昌市', field: { label: { zh: '所在地区' } } });
  });

  it('shows every set field of a creation and treats null, "" and [] as the same empty value', () => {
    const changes = auditChanges(customers, { before: null, after: { id: 2, name: '乙', address: '', credit_code: null, type: 'retailer' } });
    expect(changes.map((c) => c.key)).toEqual(['name', 'type']);
  });

  it('accepts snapshots stored as JSON text and can omit fields', () => {
    expect(snapshot('{"a":1}')).toEqual({ a: 1 });
    expect(snapshot('not json')).toEqual({});
    expect(auditChanges(customers, { before: '{"name":"a"}', after: '{"name":"b"}' }, ['name'])).toEqual([]);
  });
});
