import { describe, expect, it } from 'vitest';
import { VERBS } from '../../server/services/verbs/index';
import { VERB_SPECS, availableVerbs, bulkVerbs, findVerbSpec, hasSignedVerbs } from '../../web/src/auth/verbs';

describe('workflow verbs in the console', () => {
  it('match the server definitions: resource, verb, meaning, roles, signed, comment, self-approval', () => {
    const server = [...VERBS.values()].map((v) => ({
      key: `${v.resource}/${v.verb}`,
      meaning: v.meaning,
      roles: [...v.roles].sort(),
      signed: v.signed !== false,
      commentRequired: !!v.commentRequired,
      noSelfApproval: v.noSelfApproval,
    }));
    const web = VERB_SPECS.map((v) => ({
      key: `${v.resource}/${v.verb}`,
      meaning: v.meaning,
      roles: [...v.roles].sort(),
      signed: v.signed,
      commentRequired: v.commentRequired,
      noSelfApproval: v.noSelfApproval,
    }));
    expect(web.sort((a, b) => a.key.localeCompare(b.key))).toEqual(server.sort((a, b) => a.key.localeCompare(b.key)));
  });

  it('are offered to the roles that may sign them, while the record is in a state they apply to', () => {
    const pending = { id: 1, qa_status: 'pending', created_by: 9 };
    expect(availableVerbs(['qa'], 'customers', pending).map((o) => o.spec.verb)).toEqual(['approve', 'reject']);
    expect(availableVerbs(['admin'], 'customers', pending)).toEqual([]);
    // a salesperson reviews the customer's credit (首营), never approves it
    expect(availableVerbs(['sales'], 'customers', pending).map((o) => o.spec.verb)).toEqual(['credit-review']);
    expect(availableVerbs(['qa'], 'customers', { ...pending, qa_status: 'approved' }).map((o) => o.spec.verb)).toEqual(['reject']);
    expect(availableVerbs(['qa'], 'customers', { ...pending, qa_status: 'rejected' }).map((o) => o.spec.verb)).toEqual(['approve']);
    expect(availableVerbs(['qa'], 'customers', { ...pending, voided_at: '2025-01-01T00:00:00Z' })).toEqual([]);
    expect(availableVerbs(['qa'], 'customers', undefined)).toEqual([]);
  });

  it('offer acknowledge only on open findings and waive until a finding is final', () => {
    const verbs = (status: string) => availableVerbs(['qa'], 'findings', { id: 1, status }).map((o) => o.spec.verb);
    expect(verbs('open')).toEqual(['acknowledge', 'waive']);
    expect(verbs('acknowledged')).toEqual(['waive']);
    expect(verbs('waived')).toEqual([]);
    expect(verbs('resolved')).toEqual([]);
  });

  it('follow the record state for contracts, prices, outbound slips and complaints', () => {
    expect(availableVerbs(['gm'], 'contracts', { id: 1, status: 'pending' }).map((o) => o.spec.verb)).toEqual(['approve', 'reject']);
    expect(availableVerbs(['sales'], 'contracts', { id: 1, status: 'draft' }).map((o) => o.spec.verb)).toEqual(['submit']);
    expect(availableVerbs(['sales'], 'contracts', { id: 1, status: 'approved' }).map((o) => o.spec.verb)).toEqual(['sign']);
    expect(availableVerbs(['gm'], 'contracts', { id: 1, status: 'signed' })).toEqual([]);
    expect(availableVerbs(['sales_head'], 'sales_lines', { id: 1, price_approved_by: null })).toHaveLength(1);
    expect(availableVerbs(['sales_head'], 'sales_lines', { id: 1, price_approved_by: '李总' })).toEqual([]);
    expect(availableVerbs(['reviewer'], 'outbound_slips', { id: 1, reviewed_by: null })).toHaveLength(1);
    expect(availableVerbs(['reviewer'], 'outbound_slips', { id: 1, reviewed_by: '马强' })).toEqual([]);
    // A handled complaint: measures may still be amended, followed up, reported to QA and closed (and a
    // corrective action opened from it at any stage).
    const handled = availableVerbs(['after_sales'], 'complaints', { id: 1, status: 'handled' }).map((o) => o.spec.verb);
    expect(handled.sort()).toEqual(['close', 'follow-up', 'handle', 'open-corrective-action', 'report-qa']);
    // A closed complaint already reported to QA: only the follow-up (and a corrective action) remains.
    expect(availableVerbs(['after_sales'], 'complaints', { id: 1, status: 'closed', reported_to_qa_at: '2025-06-01' }).map((o) => o.spec.verb)).toEqual([
      'follow-up',
      'open-corrective-action',
    ]);
  });

  it('are shown but blocked on a record the signer created (no self-approval)', () => {
    const own = availableVerbs(['qa'], 'customers', { id: 1, qa_status: 'pending', created_by: 5 }, 5);
    expect(own).toEqual([{ spec: findVerbSpec('customers', 'approve'), blocked: 'self_approval' }, { spec: findVerbSpec('customers', 'reject') }]);
    // Closing a complaint one registered is allowed.
    expect(availableVerbs(['qa'], 'complaints', { id: 1, status: 'open', created_by: 5 }, 5)[0].blocked).toBeUndefined();
  });

  it('list the bulk actions of a role and which resources carry signatures', () => {
    expect(bulkVerbs(['qa'], 'findings').map((v) => v.verb)).toEqual(['acknowledge', 'waive']);
    expect(bulkVerbs(['sales'], 'findings')).toEqual([]);
    expect(hasSignedVerbs('customers')).toBe(true);
    expect(hasSignedVerbs('batches')).toBe(false);
    expect(findVerbSpec('findings', 'acknowledge')?.signed).toBe(false);
  });
});
