/**
 * Issue #17's acceptance: 8 concurrent writers (each a signed-in user of the least-privileged role that can do
 * its write, over the real HTTP API) for a bounded time, on SQLite and — in the vitest project "pg" — on
 * PostgreSQL. Writers: 2 salespeople create complaints (automatic TS-YYYYMM-NNN numbers); 2 after-sales
 * clerks create quality-feedback forms (ZL-YYYYMM-NNN) and void each; 2 salespeople and 2 after-sales
 * clerks increment a counter on one shared complaint by versioned PUTs (read, +1, PUT with the version read:
 * a 409 on a stale version is a correct answer, retried from a fresh read).
 * After the run: no lost update (the counter = the sum of each writer's acknowledged increments, the version
 * moved once per increment); the numbers taken are unique and gap-free per series — the number is the next
 * free one chosen under the write lock, a voided record keeps its number and a refused create rolls its
 * number back (server/services/workflows/aftersales/numbering.ts, write.ts createRecord), so a series has no
 * holes; the audit chain verifies with one row per acknowledged write; no 5xx (a 503 busy answer is retried
 * after its Retry-After and counted).
 * GSP_CONCURRENCY_SECONDS sets the run's length (default 5; the issue's figure is 30).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOf } from '../../server/db';
import { verifyAuditChain } from '../../server/services/audit';
import { buildWorld, type World } from '../helpers/world';
import { login, startTestServer, type TestServer } from '../helpers/app';
import { providerFor } from './api-client';

const SECONDS = Number(process.env.GSP_CONCURRENCY_SECONDS ?? 5);
const PASSWORD = 'writer-password-2025';

interface Tally {
  writes: number;
  conflicts: number;
  busy: number;
  increments: number;
  numbers: string[];
  /** hand-typed order numbers this writer got (201) and lost to the other writer (400 duplicate) */
  orders: string[];
  duplicates: number;
  iteration: number;
}

let srv: TestServer;
let world: World;
let admin: string;

type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;

/** /api as the user of this session cookie; a 503 busy answer is retried after its Retry-After (counted). */
function caller(cookie: string, tally?: Tally): Call {
  return async (method, path, body, headers = {}) => {
    for (;;) {
      const res = await fetch(`${srv.url}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 503 && tally) {
        tally.busy++;
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      return { status: res.status, body: text ? JSON.parse(text) : null };
    }
  };
}

async function signIn(username: string, role: string, extra: Record<string, unknown> = {}): Promise<string> {
  const made = await caller(admin)('POST', '/users', { username, display_name: username, roles: [role], password: PASSWORD, active: true, ...extra });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return login(srv.url, username, PASSWORD);
}

/** One column of every record of a resource, read page by page with the unmodified simple-rest client as admin. */
async function column(resource: string, field: string): Promise<string[]> {
  const dp = providerFor(srv.url, admin);
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const { data } = await dp.getList(resource, { filter: {}, sort: { field: 'id', order: 'ASC' }, pagination: { page, perPage: 1000 } });
    out.push(...data.map((r) => r[field] as string));
    if (data.length < 1000) return out;
  }
}

const fail = (what: string, r: { status: number; body: any }) => new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);

beforeAll(async () => {
  srv = await startTestServer();
  world = await buildWorld(srv.db, srv.clock);
  admin = await login(srv.url);
});
afterAll(() => srv?.close());

describe(`8 concurrent writers for ${SECONDS} s (${process.env.GSP_TEST_ENGINE === 'pg' ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('lose no update, take unique gap-free numbers and keep the audit chain, one row per write', { timeout: SECONDS * 1000 + 120_000 }, async () => {
    const complaint = { customer: world.customer, channel: 'phone', received_at: '2025-06-20', description: '计数 0' };
    // the order writers are the world's salesperson (a salesperson creates only their own orders)
    const sales = await Promise.all([0, 1, 2, 3].map((i) => signIn(`sales${i}`, 'sales', i < 2 ? { salesperson: world.salesperson } : {})));
    const clerks = await Promise.all([0, 1, 2, 3].map((i) => signIn(`after${i}`, 'after_sales')));
    const shared = await caller(sales[0])('POST', '/complaints', complaint);
    if (shared.status !== 201) throw fail('shared complaint', shared);
    const before = await verifyAuditChain(srv.db);

    const deadline = Date.now() + SECONDS * 1000;
    const tallies: Tally[] = [];
    const writer = (cookie: string, step: (call: Call, t: Tally) => Promise<void>) => {
      const t: Tally = { writes: 0, conflicts: 0, busy: 0, increments: 0, numbers: [], orders: [], duplicates: 0, iteration: 0 };
      tallies.push(t);
      const call = caller(cookie, t);
      return (async () => {
        for (; Date.now() < deadline; t.iteration++) await step(call, t);
        return t;
      })();
    };
    // Order and slip numbers are typed by the user (a natural key, checked inside the write transaction):
    // every 4th step both complaint writers race to create a draft order under the same number — one wins,
    // the other is refused as a duplicate.
    const createComplaint = async (call: Call, t: Tally) => {
      if (t.iteration % 4 === 0) {
        const order_no = `XS-C-${t.iteration / 4}`;
        const o = await call('POST', '/sales_orders', {
          order_no,
          customer: world.customer,
          salesperson: world.salesperson,
          contract: world.contract,
          sale_date: '2025-06-30',
        });
        if (o.status === 201) {
          t.writes++;
          t.orders.push(order_no);
        } else if (o.status === 400 && /已存在/.test(o.body?.errors?.order_no)) t.duplicates++;
        else throw fail('order', o);
        return;
      }
      const r = await call('POST', '/complaints', { ...complaint, description: '胶囊破损' });
      if (r.status !== 201) throw fail('complaint', r);
      t.writes++;
      t.numbers.push(r.body.complaint_no);
    };
    const feedbackThenVoid = async (call: Call, t: Tally) => {
      const r = await call('POST', '/quality_feedback', { source: 'customer', customer: world.customer, description: '包装标签模糊' });
      if (r.status !== 201) throw fail('feedback', r);
      t.writes++;
      t.numbers.push(r.body.form_no);
      const v = await call('DELETE', `/quality_feedback/${r.body.id}`, undefined, { 'x-reason': encodeURIComponent('录入重复') });
      if (v.status !== 200) throw fail('void', v);
      t.writes++;
    };
    const increment = async (call: Call, t: Tally) => {
      const cur = await call('GET', `/complaints/${shared.body.id}`);
      if (cur.status !== 200) throw fail('read', cur);
      const n = Number(/计数 (\d+)/.exec(cur.body.description)![1]);
      const r = await call('PUT', `/complaints/${shared.body.id}`, { description: `计数 ${n + 1}`, version: cur.body.version });
      if (r.status === 409) t.conflicts++;
      else if (r.status !== 200) throw fail('increment', r);
      else {
        t.writes++;
        t.increments++;
      }
    };
    const started = performance.now();
    const done = await Promise.all([
      writer(sales[0], createComplaint),
      writer(sales[1], createComplaint),
      writer(clerks[0], feedbackThenVoid),
      writer(clerks[1], feedbackThenVoid),
      writer(sales[2], increment),
      writer(sales[3], increment),
      writer(clerks[2], increment),
      writer(clerks[3], increment),
    ]);
    const seconds = (performance.now() - started) / 1000;

    // no lost update: every acknowledged increment is in the final state, the version moved once per write
    const increments = done.reduce((s, t) => s + t.increments, 0);
    const final = await caller(admin)('GET', `/complaints/${shared.body.id}`);
    expect(final.body.description).toBe(`计数 ${increments}`);
    expect(final.body.version).toBe(shared.body.version + increments);

    // numbers unique and gap-free per series (the shared complaint took TS-202506-001)
    const series = (taken: string[], head: string, first: number) => {
      expect(new Set(taken).size).toBe(taken.length);
      const seq = taken.map((no) => {
        expect(no.startsWith(head)).toBe(true);
        return Number(no.slice(head.length));
      });
      seq.sort((a, b) => a - b);
      expect(seq).toEqual(seq.map((_, i) => first + i));
    };
    const complaintNos = done.slice(0, 2).flatMap((t) => t.numbers);
    const feedbackNos = done.slice(2, 4).flatMap((t) => t.numbers);
    expect(shared.body.complaint_no).toBe('TS-202506-001');
    series(complaintNos, 'TS-202506-', 2);
    series(feedbackNos, 'ZL-202506-', 1);
    // and the database holds exactly those (no record written without an answer)
    expect((await column('complaints', 'complaint_no')).sort()).toEqual([shared.body.complaint_no, ...complaintNos].sort());

    // each hand-typed order number is held by exactly one order, the one whose create was acknowledged
    const orderNos = done.slice(0, 2).flatMap((t) => t.orders);
    expect(new Set(orderNos).size).toBe(orderNos.length);
    expect((await column('sales_orders', 'order_no')).sort()).toEqual([...orderNos].sort());
    const duplicates = done.reduce((s, t) => s + t.duplicates, 0);

    // the audit chain verifies and grew by one row per acknowledged write
    const writes = done.reduce((s, t) => s + t.writes, 0);
    const after = await verifyAuditChain(srv.db);
    expect(after.breaks).toEqual([]);
    expect(after.rows - before.rows).toBe(writes);

    const sum = (k: 'writes' | 'conflicts' | 'busy') => done.reduce((s, t) => s + t[k], 0);
    console.log(
      `[concurrency] ${engineOf(srv.db).dialect}: 8 writers ${seconds.toFixed(1)} s — ` +
        `${sum('writes')} writes (${complaintNos.length} complaints, ${feedbackNos.length} feedback forms + voids, ${increments} increments), ` +
        `${orderNos.length} orders, ${duplicates} duplicate order numbers refused, ${sum('conflicts')} 409s, ${sum('busy')} 503s retried, numbers TS-202506-001…${String(complaintNos.length + 1).padStart(3, '0')}, ` +
        `ZL-202506-001…${String(feedbackNos.length).padStart(3, '0')}, audit rows +${after.rows - before.rows}`,
    );
    expect(sum('writes')).toBeGreaterThan(0);
    expect(increments).toBeGreaterThan(0);
  });
});
