/**
 * A master record's edit re-checks the sales lines that use it only when it changes a column some rule
 * reads (server/services/rules/rule-reads.ts): the table is what the rules' code names, and an edit of an
 * unread column leaves the lines alone while one of a read column re-checks them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { buildWorld, compliantOrder, type World } from '../../helpers/world';
import { RULE_READS, linesMayChange } from '../../../server/services/rules/rule-reads';
import { scanRuleReads } from './rule-reads-scan';
import { sqlAll, sqlRun } from '../../helpers/sql';

let srv: TestServer;
let cookie: string;
let w: World;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${srv.url}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
const openRules = async (line: number) =>
  (
    await sqlAll<{ rule: string }>(srv.db, "SELECT rule FROM findings WHERE resource = 'sales_lines' AND record_id = ? AND status = 'open' ORDER BY rule", line)
  ).map((r) => r.rule);
const editCustomer = async (values: Record<string, unknown>) => {
  const version = (await api('GET', `/customers/${w.customer}`)).body.version;
  const r = await api('PUT', `/customers/${w.customer}`, { version, ...values, _reason: '测试' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  cookie = await login(srv.url);
  w = await buildWorld(srv.db, srv.clock);
});
afterAll(() => srv.close());

describe('which master columns the rules read', () => {
  it('is what the rules’ code names (regenerate RULE_READS from the printed table when this fails)', () => {
    const scanned = scanRuleReads();
    expect(RULE_READS, `RULE_READS is stale; the rules now read:\n${JSON.stringify(scanned, null, 1)}`).toEqual(scanned);
    // what the load bench edits: a phone number is only checked for being there (RECORD_INCOMPLETE, devices)
    expect(RULE_READS.customers.presence).toContain('contact_phone');
    expect(RULE_READS.customers.value).toEqual(expect.arrayContaining(['qa_status', 'type', 'name']));
  });

  it('decides per column: read values, filled ↔ blank for presence reads, never the write stamps', () => {
    const before = { id: 1, name: 'A', contact_phone: '1', contact_name: 'x', version: 1, updated_at: 'a' };
    expect(linesMayChange('customers', before, { ...before, version: 2, updated_at: 'b', contact_name: 'y' })).toBe(false);
    expect(linesMayChange('customers', before, { ...before, contact_phone: '2' })).toBe(false);
    expect(linesMayChange('customers', before, { ...before, contact_phone: ' ' })).toBe(true);
    expect(linesMayChange('customers', before, { ...before, name: 'B' })).toBe(true);
    expect(linesMayChange('customers', undefined, before)).toBe(true);
    expect(linesMayChange('sales_orders', before, { ...before, contact_name: 'y' })).toBe(true);
  });
});

describe('a customer edit and its sales lines', () => {
  it('re-checks the lines only when a column a rule reads changed', async () => {
    const order = await api('POST', '/sales_orders', compliantOrder(w, 'XS-READS-1'));
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const line = order.body.sales_lines[0].id as number;
    expect(await openRules(line)).toEqual([]);
    // What a re-check of the line would now find, put in behind the write service's back: a buyer no longer approved.
    await sqlRun(srv.db, "UPDATE customers SET qa_status = 'pending' WHERE id = ?", w.customer);

    await editCustomer({ contact_phone: '13800001111' }); // filled → filled: not a rule input
    await editCustomer({ contact_name: '杨海' }); // read by no rule
    expect(await openRules(line)).toEqual([]);

    await editCustomer({ contact_phone: '' }); // filled → blank: RECORD_INCOMPLETE could change
    expect(await openRules(line)).toContain('BUYER_NOT_APPROVED');
  });
});
