/**
 * The master data a ledger import resolves against and the rules read, loaded ONCE per import into
 * in-memory maps (DOMAIN.md natural keys) and a memory RuleContext holding everything the SQL one reads
 * (server/services/rules/sql-context.ts; test/imports/rule-parity.test.ts compares them). Records the import creates (pending
 * customers, products, batches, salespeople) are added to both, so later rows find and see them.
 */
import { isNull } from 'drizzle-orm';
import { createMemoryContext, type CustomerRow, type MemoryContext, type MemoryData, type ProductRow } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import type { ResourceTable, RowOf } from '../../../schema/define';
import type { Db } from '../../../server/db';
import { loadSettings } from '../../../server/services/settings';
import { isWhiteSpaceCode } from '../../../schema/files/cells';

// Keys are built from the same few hundred names on every row of a ledger: remembered (bounded). A key
// without white space (nearly every one: and batch numbers, new on every row, would only churn the map) is
// itself, found by a loop over its characters.
const keyTexts = new Map<string, string>();
function hasWhiteSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isWhiteSpaceCode(s.charCodeAt(i))) return true;
  return false;
}
export function keyText(s: unknown): string {
  if (s == null) return '';
  const str = String(s);
  if (!hasWhiteSpace(str)) return str;
  let k = keyTexts.get(str);
  if (k === undefined) {
    k = str.replace(/\s+/g, '');
    if (keyTexts.size >= 50_000) keyTexts.clear();
    keyTexts.set(str, k);
  }
  return k;
}
export const productKey = (approval: unknown, spec: unknown) => `${keyText(approval)}|${keyText(spec)}`;
export const batchKey = (product: number, batchNo: unknown) => `${product}|${keyText(batchNo)}`;

/** A map whose ambiguous keys (two records) resolve to nothing. */
export class UniqueMap {
  private readonly m = new Map<string, number>();
  set(k: string, id: number) {
    if (!k) return;
    const had = this.m.get(k);
    this.m.set(k, had === undefined || had === id ? id : 0);
  }
  get(k: string): number | undefined {
    const v = this.m.get(k);
    return v ? v : undefined;
  }
  ambiguous(k: string): boolean {
    return this.m.get(k) === 0;
  }
}

export interface Master {
  ctx: MemoryContext;
  /** what ctx was made of (a staging thread evaluating rules makes its own from it) */
  data: MemoryData;
  customersByCredit: UniqueMap;
  customersByName: UniqueMap;
  productsByKey: UniqueMap;
  productsByApproval: UniqueMap;
  productsByNameSpec: UniqueMap;
  productsByName: UniqueMap;
  batchesByKey: UniqueMap;
  salespeopleByName: UniqueMap;
  contractsByNo: UniqueMap;
  /** names of customers / products by id, for messages */
  counts: Record<string, number>;
}

const live = async <T extends ResourceTable>(db: Db, table: T) => (await db.select().from(table).where(isNull(table.voided_at)).all()) as RowOf<T>[];

export async function loadMaster(db: Db, asOf: string): Promise<Master> {
  const customers = await live(db, t.customers);
  const products = await live(db, t.products);
  const batches = await live(db, t.batches);
  const salespeople = await live(db, t.salespeople);
  const contracts = await live(db, t.contracts);
  const data: MemoryData = {
    asOf,
    settings: await loadSettings(db),
    companyLicenses: await live(db, t.companyLicenses),
    customers,
    customerLicenses: await live(db, t.customerLicenses),
    customerAgents: await live(db, t.customerAgents),
    salespeople,
    authorizations: await live(db, t.authorizations),
    trainings: await live(db, t.trainings),
    products,
    batches,
    recalls: await live(db, t.recalls),
    contracts,
    // the day each batch was found nonconforming dates its 不合格 status (BATCH_BLOCKED), as on live entry
    nonconformities: (await live(db, t.nonconformities)).flatMap((c) => (c.batch != null ? [{ id: c.id, batch: c.batch, found_at: c.found_at }] : [])),
  };
  const m: Master = {
    ctx: createMemoryContext(data),
    data,
    customersByCredit: new UniqueMap(),
    customersByName: new UniqueMap(),
    productsByKey: new UniqueMap(),
    productsByApproval: new UniqueMap(),
    productsByNameSpec: new UniqueMap(),
    productsByName: new UniqueMap(),
    batchesByKey: new UniqueMap(),
    salespeopleByName: new UniqueMap(),
    contractsByNo: new UniqueMap(),
    counts: { customers: customers.length, products: products.length, batches: batches.length, salespeople: salespeople.length, contracts: contracts.length },
  };
  for (const c of customers) indexCustomer(m, c);
  for (const p of products) indexProduct(m, p);
  for (const b of batches) if (b.product != null) m.batchesByKey.set(batchKey(b.product, b.batch_no), b.id);
  for (const s of salespeople) m.salespeopleByName.set(keyText(s.name), s.id);
  for (const c of contracts) m.contractsByNo.set(keyText(c.contract_no), c.id);
  return m;
}

export function indexCustomer(m: Master, c: Pick<CustomerRow, 'id' | 'name' | 'credit_code'>) {
  if (c.credit_code) m.customersByCredit.set(keyText(c.credit_code).toUpperCase(), c.id);
  m.customersByName.set(keyText(c.name), c.id);
}

export function indexProduct(m: Master, p: Pick<ProductRow, 'id' | 'generic_name' | 'spec' | 'approval_no'>) {
  if (p.approval_no) {
    m.productsByKey.set(productKey(p.approval_no, p.spec), p.id);
    m.productsByApproval.set(keyText(p.approval_no), p.id);
  }
  m.productsByNameSpec.set(productKey(p.generic_name, p.spec), p.id);
  m.productsByName.set(keyText(p.generic_name), p.id);
}
