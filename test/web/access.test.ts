import { MADE_BY_STEP } from '../../schema/workflows/fulfilment';
import { describe, expect, it } from 'vitest';
import { ACTIONS, MATRIX, can } from '../../schema/permissions';
import { registry } from '../../schema/resources';
import { AUDIT_VERIFIERS, canAccessFor, PAGES } from '../../web/src/auth/access';

const ROLES = Object.keys(MATRIX);
const isReadOnly = (name: string) => !!registry.get(name)?.readOnly;

describe('canAccess from the permission matrix', () => {
  it("answers every registry resource × matrix action exactly as schema/permissions.ts does (users aside; the chain's step-made records aside)", () => {
    for (const role of ROLES) {
      for (const resource of registry.keys()) {
        if (resource === 'users') continue;
        for (const action of ACTIONS) {
          const byStep = !!MADE_BY_STEP[resource]?.[action as 'create' | 'edit' | 'delete'];
          const expected = can([role], resource, action) && !byStep && (['list', 'show', 'export'].includes(action) || !isReadOnly(resource));
          expect(canAccessFor([role], { resource, action }, { isReadOnly }), `${role} ${action} ${resource}`).toBe(expected);
        }
      }
    }
  });

  it('maps react-admin action names onto the matrix', () => {
    expect(canAccessFor(['sales'], { resource: 'customers', action: 'read' })).toBe(true);
    expect(canAccessFor(['sales'], { resource: 'customers', action: 'clone' })).toBe(true);
    expect(canAccessFor(['sales'], { resource: 'products', action: 'write' })).toBe(false);
    expect(canAccessFor(['sales'], { resource: 'products', action: 'something' })).toBe(false);
    expect(canAccessFor(['sales'], { action: 'list' })).toBe(false);
  });

  it('never lets a role write a read-only resource', () => {
    expect(canAccessFor(['admin'], { resource: 'findings', action: 'edit' }, { isReadOnly })).toBe(false);
    expect(canAccessFor(['admin'], { resource: 'audit_log', action: 'delete' }, { isReadOnly })).toBe(false);
    expect(canAccessFor(['admin'], { resource: 'findings', action: 'list' }, { isReadOnly })).toBe(true);
  });

  it('combines roles: any role that grants the action grants it', () => {
    expect(canAccessFor(['auditor'], { resource: 'products', action: 'edit' })).toBe(false);
    expect(canAccessFor(['auditor', 'sales_head'], { resource: 'products', action: 'edit' })).toBe(true);
    expect(canAccessFor([], { resource: 'products', action: 'list' })).toBe(false);
    expect(canAccessFor(['nobody'], { resource: 'products', action: 'list' })).toBe(false);
  });

  it('shows the accounts screen only to roles that manage accounts', () => {
    expect(canAccessFor(['admin'], { resource: 'users', action: 'list' })).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      expect(canAccessFor([role], { resource: 'users', action: 'list' }), role).toBe(false);
    }
  });

  it('applies the field guards to `resource.field` writes', () => {
    expect(canAccessFor(['sales'], { resource: 'customers.qa_status', action: 'write' })).toBe(false);
    expect(canAccessFor(['sales'], { resource: 'customers.name', action: 'write' })).toBe(true);
    expect(canAccessFor(['sales'], { resource: 'customers.qa_status', action: 'read' })).toBe(true);
    // Approvals and reviews are step-owned (schema/lifecycle.ts): set by their verbs only, by no role's plain
    // write — admin's corrections included.
    for (const role of ['qa', 'admin', 'sales_head']) {
      expect(canAccessFor([role], { resource: 'customers.qa_status', action: 'write' }), role).toBe(false);
      expect(canAccessFor([role], { resource: 'customers.storage_reviewed_at', action: 'write' }), role).toBe(false);
      expect(canAccessFor([role], { resource: 'sales_lines.price_approved_by', action: 'create' }), role).toBe(false);
    }
    // An order's status may still move between draft and confirmed in its form (the server checks the values).
    expect(canAccessFor(['sales'], { resource: 'sales_orders.status', action: 'edit' })).toBe(true);
    // The guard alone is not enough: the role must be able to edit the record too.
    expect(canAccessFor(['finance'], { resource: 'customers.credit_limit', action: 'edit' })).toBe(true);
    expect(canAccessFor(['reviewer'], { resource: 'customers.credit_limit', action: 'edit' })).toBe(false);
  });

  it('answers workflow verbs from their signer roles; admin signs nothing', () => {
    expect(canAccessFor(['qa'], { resource: 'customers', action: 'approve' })).toBe(true);
    expect(canAccessFor(['admin'], { resource: 'customers', action: 'approve' })).toBe(false);
    expect(canAccessFor(['admin'], { resource: 'findings', action: 'waive' })).toBe(false);
    expect(canAccessFor(['sales_vp'], { resource: 'contracts', action: 'approve' })).toBe(true);
    expect(canAccessFor(['sales'], { resource: 'contracts', action: 'approve' })).toBe(false);
    expect(canAccessFor(['reviewer'], { resource: 'outbound_slips', action: 'review' })).toBe(true);
    expect(canAccessFor(['warehouse'], { resource: 'outbound_slips', action: 'review' })).toBe(false);
    // made / voided only by the chain's steps: no generic create or delete button, the steps are offered instead
    expect(canAccessFor(['finance'], { resource: 'invoices', action: 'create' })).toBe(false);
    expect(canAccessFor(['finance'], { resource: 'payments', action: 'delete' })).toBe(false);
    expect(canAccessFor(['finance'], { resource: 'payments', action: 'create' })).toBe(true);
    expect(canAccessFor(['finance'], { resource: 'payments', action: 'void-payment' })).toBe(true);
    expect(canAccessFor(['warehouse'], { resource: 'outbound_slips', action: 'delete' })).toBe(false);
    expect(canAccessFor(['warehouse'], { resource: 'outbound_slips', action: 'void-slip' })).toBe(true);
  });

  it('opens the console pages to whoever may read what they show', () => {
    for (const role of ROLES) {
      expect(canAccessFor([role], { resource: 'dashboard', action: 'list' })).toBe(true);
      expect(canAccessFor([role], { resource: 'audit-verify', action: 'list' }), role).toBe(AUDIT_VERIFIERS.includes(role));
    }
    expect(Object.keys(PAGES)).toContain('qa/recalls');
  });
});
