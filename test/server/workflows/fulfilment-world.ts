/**
 * The fulfilment tests' world: the compliant world of test/helpers/world.ts on a real server, a special-control
 * product (含麻黄碱类复方制剂) the buyer may be sold, and one signed-in user per step of the chain.
 */
import { registry } from '../../../schema/resources';
import { SYSTEM_ACTOR } from '../../../server/services/context';
import { createRecord } from '../../../server/services/write';
import { login, startTestServer, type TestServer } from '../../helpers/app';
import { buildWorld, type World } from '../../helpers/world';

export const PASSWORD = 'fulfil-test-password-1';
export interface Reply {
  status: number;
  body: any;
}

/** who → [display name, roles]; `picker_reviewer` holds both roles (the double check must refuse them). */
export const PEOPLE = {
  sales: ['高刚', ['sales']],
  sales_head: ['刘经理', ['sales_head']],
  warehouse: ['孙库管', ['warehouse']],
  picker_reviewer: ['马强', ['warehouse', 'reviewer']],
  reviewer: ['钱敏', ['reviewer']],
  finance: ['周会计', ['finance']],
  other_sales: ['马丽', ['sales']],
} as const;
export type Who = keyof typeof PEOPLE | 'admin';

export interface FulfilmentWorld {
  srv: TestServer;
  world: World;
  special: { product: number; batch: number };
  call(who: Who, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** writes as the system, historically (records no live step can make: legacy slips) */
  legacy(resource: string, values: Record<string, unknown>): Promise<number>;
}

export async function startFulfilmentWorld(today = '2025-06-30'): Promise<FulfilmentWorld> {
  const srv = await startTestServer({ today });
  const world = await buildWorld(srv.db, srv.clock);
  const legacy = async (resource: string, values: Record<string, unknown>) =>
    (await createRecord({ db: srv.db, clock: srv.clock, actor: SYSTEM_ACTOR, lang: 'zh' }, registry.get(resource)!, values, { historical: true })).id;
  const product = await legacy('products', {
    kind: 'drug',
    generic_name: '复方盐酸伪麻黄碱缓释胶囊',
    dosage_form: '胶囊剂',
    spec: '10粒',
    unit: '盒',
    manufacturer: '中美天津史克制药有限公司',
    approval_no: '国药准字H10940187',
    scope_category: '化学药制剂',
    storage: 'normal',
    special_control: ['ephedrine'],
    price_cap: 30,
    qa_status: 'approved',
  });
  const batch = await legacy('batches', { product, batch_no: 'E2401', production_date: '2024-06-01', expiry_date: '2027-05-31', status: 'qualified' });
  const cookies: Record<string, string> = { admin: await login(srv.url) };
  const call: FulfilmentWorld['call'] = async (who, method, path, body, headers = {}) => {
    const res = await fetch(`${srv.url}/api${path}`, {
      method,
      headers: { cookie: cookies[who], ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed };
  };
  const other = await legacy('salespeople', { name: '马丽', id_no: '110101199003074696' });
  for (const [who, [name, roles]] of Object.entries(PEOPLE)) {
    const salesperson = who === 'sales' ? world.salesperson : who === 'other_sales' ? other : undefined;
    const r = await call('admin', 'POST', '/users', {
      username: `f_${who}`,
      display_name: name,
      roles,
      password: PASSWORD,
      active: true,
      ...(salesperson && { salesperson }),
    });
    if (r.status !== 201) throw new Error(`setup: user ${who}: ${JSON.stringify(r.body)}`);
    cookies[who] = await login(srv.url, `f_${who}`, PASSWORD);
  }
  return { srv, world, special: { product, batch }, call, legacy };
}

/** A draft order of the world's buyer by the sales user; lines default to 10 × 15.00 of the world's product. */
export function draftOrder(w: FulfilmentWorld, orderNo: string, lines: Record<string, unknown>[] = [{}], order: Record<string, unknown> = {}) {
  return {
    order_no: orderNo,
    customer: w.world.customer,
    salesperson: w.world.salesperson,
    contract: w.world.contract,
    sale_date: '2025-06-30',
    payment_method: 'transfer',
    ...order,
    sales_lines: lines.map((l) => {
      const line = { product: w.world.product, batch: w.world.batch, quantity: 10, unit_price: 15, ...l };
      return { amount: Math.round(Number(line.quantity) * Number(line.unit_price) * 100) / 100, ...line };
    }),
  };
}
