/** Signed approvals: password re-entry, self-approval refused, a later edit breaks the signature. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { createApprovableCustomer } from '../helpers/first-business-file';
import { attachAs } from '../helpers/attachments';
import { apiCaller } from './api-client';

let srv: TestServer;
let admin: string;
let qa: string;
let finance: string;
const QA_PASSWORD = 'qa-password-0001';
const FINANCE_PASSWORD = 'finance-password-0001';

const call = apiCaller(() => srv.url);

beforeAll(async () => {
  srv = await startTestServer();
  admin = await login(srv.url);
  const u = await call(admin, 'POST', '/users', { username: 'qa1', display_name: '吴静', roles: ['qa'], password: QA_PASSWORD, active: true });
  expect(u.status).toBe(201);
  qa = await login(srv.url, 'qa1', QA_PASSWORD);
  const f = await call(admin, 'POST', '/users', { username: 'fin1', display_name: '周会计', roles: ['finance'], password: FINANCE_PASSWORD, active: true });
  expect(f.status).toBe(201);
  finance = await login(srv.url, 'fin1', FINANCE_PASSWORD);
});
afterAll(() => srv.close());

const customer = (name: string) => ({ name, type: 'retailer', region: '湖北省武汉市' });
// A customer whose first-business file is complete, so the approval is not refused by the 首营 checklist.
let n = 0;
const approvable = (name: string) =>
  createApprovableCustomer(
    async (res, body) => {
      const r = await call(admin, 'POST', `/${res}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    },
    name,
    ++n,
    {},
    async (id, input) => {
      const r = await call(finance, 'POST', `/customers/${id}/credit-review`, { password: FINANCE_PASSWORD, ...input });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    },
    attachAs(srv.url, admin),
  );

describe('first-business approval of a customer', () => {
  it('needs the signer password, then approves, signs and audits', async () => {
    const c = { id: await approvable('武汉市同济大药房') };
    expect((await call(admin, 'GET', `/customers/${c.id}`)).body.qa_status).toBe('pending');
    const wrong = await call(qa, 'POST', `/customers/${c.id}/approve`, { password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.password).toMatch(/密码不正确/);
    expect((await call(admin, 'GET', `/customers/${c.id}`)).body.qa_status).toBe('pending');

    const ok = await call(qa, 'POST', `/customers/${c.id}/approve`, { password: QA_PASSWORD, comment: '证照齐全' });
    expect(ok.status).toBe(200);
    expect(ok.body.record).toMatchObject({ qa_status: 'approved', qa_approved_at: '2025-06-30', qa_approved_by: '吴静' });
    expect(ok.body.signature).toMatchObject({ meaning: 'approve_first_business', signer_name: '吴静', comment: '证照齐全' });

    // the credit review (finance, signed) and QA's approval
    const sigs = (await call(qa, 'GET', `/customers/${c.id}/signatures`)).body.filter((s: { meaning: string }) => s.meaning === 'approve_first_business');
    expect(sigs).toHaveLength(1);
    expect(sigs[0].valid).toBe(true);
    const audit = (await call(admin, 'GET', `/audit_log?filter=${encodeURIComponent(JSON.stringify({ resource: 'signatures', action: 'sign' }))}`)).body;
    expect(audit.some((a: { record_id: number }) => a.record_id === sigs[0].id)).toBe(true);
  });

  const approval = async (id: number) =>
    (await call(admin, 'GET', `/customers/${id}/signatures`)).body.find((s: { meaning: string }) => s.meaning === 'approve_first_business');

  it('shows the signature as broken — and superseded, the customer back to review — once an approved field is edited', async () => {
    const c = { id: await approvable('武汉市仁和诊所') };
    await call(qa, 'POST', `/customers/${c.id}/approve`, { password: QA_PASSWORD });
    const current = (await call(admin, 'GET', `/customers/${c.id}`)).body;
    const change = { ...current, address: '湖北省武汉市江汉区解放大道 1 号' };
    const unexplained = await call(admin, 'PUT', `/customers/${c.id}`, change);
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.errors._reason).toMatch(/修改须填写修改原因/);
    expect((await approval(c.id)).valid).toBe(true);
    const edited = await call(admin, 'PUT', `/customers/${c.id}`, { ...change, _reason: '客户搬迁，更新地址' });
    expect(edited.status).toBe(200);
    const audit = (
      await call(admin, 'GET', `/audit_log?filter=${encodeURIComponent(JSON.stringify({ resource: 'customers', record_id: c.id, action: 'update' }))}`)
    ).body;
    expect(audit[0].reason).toBe('客户搬迁，更新地址');
    expect(await approval(c.id)).toMatchObject({ valid: false, superseded: true });
    expect(edited.body).toMatchObject({ qa_status: 'pending', qa_approved_at: null, qa_approved_by: null });
  });

  it('refuses self-approval and approval by a role without the right', async () => {
    const own = (await call(qa, 'POST', '/customers', customer('武汉市自建药店'))).body;
    const self = await call(qa, 'POST', `/customers/${own.id}/approve`, { password: QA_PASSWORD });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/不能审批自己创建的记录/);
    const byAdmin = await call(admin, 'POST', `/customers/${own.id}/approve`, { password: 'test-admin-password-1' });
    expect(byAdmin.status).toBe(403);
    expect((await call(admin, 'GET', `/customers/${own.id}`)).body.qa_status).toBe('pending');
  });

  it('does not let a non-QA role set the approval fields through a plain edit', async () => {
    const u = await call(admin, 'POST', '/users', { username: 'sales9', display_name: '马丽', roles: ['sales'], password: 'sales-password-9', active: true });
    expect(u.status).toBe(201);
    const sales = await login(srv.url, 'sales9', 'sales-password-9');
    const created = await call(sales, 'POST', '/customers', { ...customer('武汉市新开药房'), qa_status: 'approved' });
    expect(created.status).toBe(400);
    expect(created.body.errors.qa_status).toMatch(/只能由工作流步骤「首营审核批准」/);
    const pending = await call(sales, 'POST', '/customers', customer('武汉市新开药房'));
    expect(pending.status).toBe(201);
    expect(pending.body.qa_status).toBe('pending');
  });
});
