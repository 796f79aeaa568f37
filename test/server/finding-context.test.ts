/**
 * Issue 13 item 2: findings merged by a ledger import carry the business date, customer, salesperson,
 * product and batch of their record, so QA's filters (by customer, by business month) find them, and the
 * dashboard's monthly chart buckets them by business date with the empty months in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestServer } from '../helpers/app';
import { sample, startImportServer, uploadImport } from '../imports/pipeline-fixtures';

let server: TestServer;
let qa: string;
let importId: number;

const get = async (cookie: string, p: string) => {
  const res = await fetch(`${server.url}/api${p}`, { headers: { Cookie: cookie } });
  expect(res.status, p).toBe(200);
  return res.json();
};
const findings = (filter: Record<string, unknown>) =>
  get(qa, `/findings?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,999]`) as Promise<Array<Record<string, any>>>;

beforeAll(async () => {
  const started = await startImportServer();
  server = started.server;
  const res = await uploadImport(server.url, started.cookie, sample('ledger.xlsx'), { kind: 'sales-ledger' });
  expect(res.status).toBe(201);
  importId = (await res.json()).id;
  const user = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { Cookie: started.cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'qa1', display_name: '质管', roles: ['qa'], password: 'qa-password-2025', active: true }),
  });
  expect(user.status).toBe(201);
  qa = await login(server.url, 'qa1', 'qa-password-2025');
}, 120_000);
afterAll(() => server.close());

describe('imported findings carry their record context', () => {
  it('every finding on an imported sales line or slip has date, customer and salesperson; lines also product and batch', async () => {
    const imported = await findings({ import: importId });
    expect(imported.length).toBeGreaterThan(0);
    for (const f of imported) {
      expect(f.record_date, JSON.stringify(f)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(f.customer, JSON.stringify(f)).toEqual(expect.any(Number));
      expect(f.salesperson, JSON.stringify(f)).toEqual(expect.any(Number));
      if (f.resource === 'sales_lines') {
        expect(f.product).toEqual(expect.any(Number));
        const line = await get(qa, `/sales_lines/${f.record_id}`);
        expect([f.customer, f.product, f.batch, f.record_date]).toEqual([line.customer, line.product, line.batch ?? null, line.sale_date]);
      }
    }
  });

  it('filters by customer and by business month return the imported findings', async () => {
    const imported = await findings({ import: importId });
    const customer = imported[0].customer;
    const byCustomer = await findings({ customer });
    const expected = imported.filter((f) => f.customer === customer).map((f) => f.id);
    expect(byCustomer.map((f) => f.id)).toEqual(expect.arrayContaining(expected));
    expect(byCustomer.every((f) => f.customer === customer)).toBe(true);

    const month = imported[0].record_date.slice(0, 7);
    const byMonth = await findings({ record_date_gte: `${month}-01`, record_date_lte: `${month}-31` });
    const inMonth = imported.filter((f) => f.record_date.startsWith(month)).map((f) => f.id);
    expect(inMonth.length).toBeGreaterThan(0);
    expect(byMonth.map((f) => f.id)).toEqual(expect.arrayContaining(inMonth));
  });

  it('the monthly chart counts them in their business months, with no month left out', async () => {
    const imported = await findings({ import: importId });
    const stats = (await get(qa, '/system/findings-stats')) as { byMonth: Array<{ month: string; opened: number }> };
    const months = stats.byMonth.map((m) => m.month);
    // consecutive months from the first to the last
    for (let i = 1; i < months.length; i++) {
      const [y, m] = months[i - 1].split('-').map(Number);
      expect(months[i]).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`);
    }
    const perMonth = new Map<string, number>();
    for (const f of imported) perMonth.set(f.record_date.slice(0, 7), (perMonth.get(f.record_date.slice(0, 7)) ?? 0) + 1);
    for (const [month, n] of perMonth) expect(stats.byMonth.find((m) => m.month === month)!.opened).toBeGreaterThanOrEqual(n);
  });
});
