/** The wizard's import kinds and mapping fields are the importer's own (imports/headers/kinds.ts), per role. */
import { describe, expect, it } from 'vitest';
import { buildMeta } from '../../schema/meta';
import { registry } from '../../schema/resources';
import { can } from '../../schema/permissions';
import { getKind } from '../../imports/headers/kinds';
import { importableKinds } from '../../imports/run/pipeline';
import { canImport, kindFields, kindLabel, kindOptions, MIGRATION_ORDER, SALES_LEDGER_KIND } from '../../web/src/imports/kinds';

const meta = buildMeta(registry);

describe('import kinds in the wizard', () => {
  it('list the business kinds the importer accepts (admin), DOMAIN.md migration order first', () => {
    const kinds = kindOptions(meta, ['admin']).map((k) => k.kind);
    expect(importableKinds()).toEqual(expect.arrayContaining(kinds));
    // link tables kept inside another record and the system's own tables are not offered (issue 13 item 4)
    for (const internal of ['invoice_slips', 'invoice_lines', 'users', 'settings']) expect(kinds).not.toContain(internal);
    expect(kinds).toEqual(expect.arrayContaining(['customers', 'customer_licenses', 'batches', 'recall_notices', SALES_LEDGER_KIND]));
    expect(kinds.slice(0, MIGRATION_ORDER.length)).toEqual(MIGRATION_ORDER);
    expect(kinds).not.toContain('findings');
    expect(kinds).not.toContain('audit_log');
    expect(kinds).not.toContain('imports');
  });

  it('offer the same fields as the importer maps headers to, for every kind', () => {
    for (const kind of importableKinds()) {
      expect(
        kindFields(meta, kind).map((f) => f.key),
        kind,
      ).toEqual(getKind(kind)!.fields.map((f) => f.key));
    }
    // a batches file names its product by approval number (+ spec)
    expect(kindFields(meta, 'batches').map((f) => f.key)).toEqual(expect.arrayContaining(['product', 'product.approval_no', 'product.spec']));
    expect(kindFields(meta, SALES_LEDGER_KIND)[0]).toMatchObject({ key: 'order_no', label: { zh: '单据编号' } });
  });

  it('follow the permission matrix: a role imports what it may create', () => {
    for (const role of ['office', 'finance', 'warehouse', 'sales', 'qa']) {
      const kinds = kindOptions(meta, [role]).map((k) => k.kind);
      for (const k of kinds) expect(can([role], k === SALES_LEDGER_KIND ? 'sales_orders' : k, 'create'), `${role} ${k}`).toBe(true);
      expect(kinds.length, role).toBeGreaterThan(0);
    }
    expect(kindOptions(meta, ['office']).map((k) => k.kind)).toEqual(expect.arrayContaining(['company_licenses', 'salespeople', 'authorizations']));
    expect(kindOptions(meta, ['office']).map((k) => k.kind)).not.toContain(SALES_LEDGER_KIND);
    expect(kindOptions(meta, ['sales']).map((k) => k.kind)).toContain(SALES_LEDGER_KIND);
    expect(canImport(meta, ['auditor'])).toBe(false);
    expect(canImport(meta, ['reviewer'])).toBe(false);
    expect(canImport(meta, ['admin'])).toBe(true);
    expect(canImport(undefined, ['admin'])).toBe(false);
  });

  it('label kinds in the UI language', () => {
    expect(kindLabel(meta, 'customers', 'zh')).toBe('购货单位');
    expect(kindLabel(meta, 'customers', 'en')).toBe('Customers');
    expect(kindLabel(meta, SALES_LEDGER_KIND, 'zh')).toBe('销售台账');
    expect(kindLabel(meta, 'nope', 'zh')).toBe('nope');
  });
});
