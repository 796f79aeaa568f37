/**
 * Salesperson authorisation over HTTP: the office issues letters (others may not: 403), an unsealed letter
 * or one ending before it starts is refused, and the qualification view rates letters, labour contract,
 * permit and trainings valid / expiring / expired by today's date and the settings' warning windows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlowServer, type FlowServer } from './flow-users';

let f: FlowServer;
let person: number;
beforeAll(async () => {
  f = await startFlowServer('2025-06-30');
  const p = await f.call('office', 'POST', '/salespeople', {
    name: '孙悦',
    id_no: '420106199004217315',
    employee_no: 'XS-021',
    contract_start: '2023-07-01',
    contract_end: '2025-08-15',
    social_insurance: true,
    permit_no: 'SG700123',
    permit_valid_to: '2025-06-20',
  });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  person = p.body.id;
  expect(
    (await f.call('office', 'POST', '/trainings', { salesperson: person, date: '2023-07-03', topic: '新员工岗前培训', hours: 8, passed: true })).status,
  ).toBe(201);
});
afterAll(() => f.srv.close());

const letter = (no: string, extra: Record<string, unknown> = {}) => ({
  document_no: no,
  salesperson: person,
  varieties: ['中成药', '化学药制剂'],
  regions: ['湖北省'],
  valid_from: '2025-01-01',
  valid_to: '2025-12-31',
  sealed: true,
  ...extra,
});

describe('issuing letters', () => {
  it('only the office (or admin) issues letters: sales, QA and the head of sales get 403', async () => {
    for (const role of ['sales', 'sales_head', 'qa']) {
      const r = await f.call(role, 'POST', '/authorizations', letter(`SQ-X-${role}`));
      expect(r.status, role).toBe(403);
      expect(r.body.message).toMatch(/不能新建「销售人员授权书」/);
    }
  });

  it('refuses an unsealed letter and one whose term ends before it starts, saying why (zh/en)', async () => {
    const unsealed = await f.call('office', 'POST', '/authorizations', letter('SQ-2025-001', { sealed: false }));
    expect(unsealed.status).toBe(400);
    expect(unsealed.body.errors.sealed).toBe('授权书须加盖本企业公章和法定代表人印章后方可签发');
    const backwards = await f.call('office', 'POST', '/authorizations', letter('SQ-2025-001', { valid_from: '2025-12-31', valid_to: '2025-01-01' }), 'en');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.valid_to).toBe('Valid to (2025-01-01) must not be before valid from (2025-12-31)');
    const list = await f.call('admin', 'GET', `/authorizations?filter=${encodeURIComponent(JSON.stringify({ salesperson: person }))}`);
    expect(list.body).toEqual([]);
  });

  it('issues a sealed letter, and refuses un-sealing it afterwards', async () => {
    const ok = await f.call('office', 'POST', '/authorizations', letter('SQ-2025-001'));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const unseal = await f.call('office', 'PUT', `/authorizations/${ok.body.id}`, { ...ok.body, sealed: false });
    expect(unseal.status).toBe(400);
    expect(unseal.body.errors.sealed).toMatch(/加盖本企业公章/);
  });
});

describe('the qualification view', () => {
  it('rates each document by today (2025-06-30) and the warning windows', async () => {
    expect((await f.call('office', 'POST', '/authorizations', letter('SQ-2024-009', { valid_from: '2024-01-01', valid_to: '2024-12-31' }))).status).toBe(201);
    expect(
      (await f.call('office', 'POST', '/trainings', { salesperson: person, date: '2025-03-01', topic: 'GSP 销售管理制度培训', hours: 4, passed: true })).status,
    ).toBe(201);
    const r = await f.call('sales', 'GET', `/workflows/authorisation/salespeople/${person}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const q = r.body;
    expect(q.windows).toEqual([30, 60, 90]);
    const byTitle = Object.fromEntries(q.items.map((i: { title: string; kind: string }) => [`${i.kind}:${i.title}`, i]));
    // ends 2025-12-31: 184 days left, beyond every window
    expect(byTitle['letter:SQ-2025-001']).toMatchObject({ state: 'valid', daysLeft: 184 });
    expect(byTitle['letter:SQ-2025-001'].detail.zh).toBe('品种：中成药、化学药制剂；地域：湖北省；已盖章');
    expect(byTitle['letter:SQ-2024-009']).toMatchObject({ state: 'expired', daysLeft: -181 });
    // labour contract to 2025-08-15: 46 days, inside the 60-day window
    expect(byTitle['contract:劳动合同']).toMatchObject({ state: 'expiring', daysLeft: 46 });
    expect(byTitle['permit:SG700123']).toMatchObject({ state: 'expired', daysLeft: -10 });
    expect(byTitle['training:GSP 销售管理制度培训']).toMatchObject({ state: 'valid' });
    // the permit has expired, so the salesperson is not qualified to sell
    expect(q.qualified).toBe(false);
  });

  it("follows the settings' windows and a renewed permit", async () => {
    const settings = (await f.call('admin', 'GET', `/settings?filter=${encodeURIComponent(JSON.stringify({ key: 'licenseExpiryWarningDays' }))}`)).body;
    expect((await f.call('admin', 'PUT', `/settings/${settings[0].id}`, { ...settings[0], value: [15, 30] })).status).toBe(200);
    const current = (await f.call('office', 'GET', `/salespeople/${person}`)).body;
    expect((await f.call('office', 'PUT', `/salespeople/${person}`, { ...current, permit_valid_to: '2027-06-20' })).status).toBe(200);
    const q = (await f.call('office', 'GET', `/workflows/authorisation/salespeople/${person}`)).body;
    expect(q.windows).toEqual([15, 30]);
    expect(q.items.find((i: { kind: string }) => i.kind === 'contract').state).toBe('valid');
    expect(q.qualified).toBe(true);
  });

  it('a salesperson without any letter shows it missing', async () => {
    const p = await f.call('office', 'POST', '/salespeople', { name: '新人甲', id_no: '420106199004217315' });
    const q = (await f.call('office', 'GET', `/workflows/authorisation/salespeople/${p.body.id}`)).body;
    expect(q.items.map((i: { kind: string; state: string }) => `${i.kind}:${i.state}`)).toEqual(['letter:missing', 'contract:missing', 'permit:missing']);
    expect(q.qualified).toBe(false);
  });
});
