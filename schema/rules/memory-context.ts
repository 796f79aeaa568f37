/**
 * A RuleContext over plain arrays of rows, indexed into Maps once. Tests use it; the importer uses it with
 * the master data it loaded, and `add()`s the records it creates (pending customers, orders, lines) so
 * later rows see them. Voided rows (voided_at set) are left out, as the server's context does.
 */
import type { RuleContext } from './context';
import { splitList } from './scope';
import { resolveSettings, type RuleSettings } from './settings';
import type {
  AuthorizationRow, BatchRow, CompanyLicenseRow, ContractRow, CustomerAgentRow, CustomerLicenseRow, CustomerRow, Id,
  ProductRow, RecallRow, SalespersonRow, SalesLineRow, SalesOrderRow, TrainingRow,
} from './types';

export interface MemoryData {
  asOf: string;
  settings?: Partial<RuleSettings> | RuleSettings;
  companyLicenses?: readonly CompanyLicenseRow[];
  customers?: readonly CustomerRow[];
  customerLicenses?: readonly CustomerLicenseRow[];
  customerAgents?: readonly CustomerAgentRow[];
  salespeople?: readonly SalespersonRow[];
  authorizations?: readonly AuthorizationRow[];
  trainings?: readonly TrainingRow[];
  products?: readonly ProductRow[];
  batches?: readonly BatchRow[];
  recalls?: readonly RecallRow[];
  contracts?: readonly ContractRow[];
  orders?: readonly SalesOrderRow[];
  lines?: readonly SalesLineRow[];
  /** 已售不合格品处理 cases: the day each batch was found nonconforming (BATCH_BLOCKED dates the status by it) */
  nonconformities?: readonly { id?: Id; batch: Id; found_at: string }[];
}
type Collection = Exclude<keyof MemoryData, 'asOf' | 'settings'>;
type RowOf<C extends Collection> = NonNullable<MemoryData[C]>[number];

export interface MemoryContext extends RuleContext {
  /** index one more row (or a new version of a row with the same id) */
  add<C extends Collection>(collection: C, row: RowOf<C>): void;
}

const live = (row: object) => (row as { voided_at?: unknown }).voided_at == null;

class ById<T extends { id: Id }> {
  readonly map = new Map<Id, T>();
  put(row: T) { this.map.set(row.id, row); }
  get(id: Id) { return this.map.get(id); }
}
/** Rows grouped by a key; a row with an id replaces its earlier version. */
class Grouped<T extends { id?: Id }> {
  readonly map = new Map<unknown, T[]>();
  constructor(private readonly key: (row: T) => unknown) {}
  put(row: T) {
    const k = this.key(row);
    const list = (this.map.get(k) ?? []).filter((r) => row.id == null || r.id !== row.id);
    list.push(row);
    this.map.set(k, list);
  }
  get(k: unknown): readonly T[] { return this.map.get(k) ?? []; }
}

const norm = (s: string) => s.replace(/\s+/g, '');

export function createMemoryContext(data: MemoryData): MemoryContext {
  const company: CompanyLicenseRow[] = [];
  const customers = new ById<CustomerRow>();
  const licences = new Grouped<CustomerLicenseRow>((r) => r.customer);
  const agents = new Grouped<CustomerAgentRow>((r) => r.customer);
  const salespeople = new ById<SalespersonRow>();
  const letters = new Grouped<AuthorizationRow>((r) => r.salesperson);
  const trainings = new Grouped<TrainingRow>((r) => r.salesperson);
  const products = new ById<ProductRow>();
  const batches = new ById<BatchRow>();
  const recalls = new ById<RecallRow>();
  const recallsByProduct = new Grouped<RecallRow>((r) => r.product);
  const contracts = new ById<ContractRow>();
  const orders = new ById<SalesOrderRow>();
  const lines = new Grouped<SalesLineRow>((r) => r.order);
  const cases = new Grouped<{ id?: Id; batch: Id; found_at: string }>((r) => r.batch);

  const sinks: { [C in Collection]: (row: RowOf<C>) => void } = {
    companyLicenses: (r) => { const i = r.id == null ? -1 : company.findIndex((c) => c.id === r.id); if (i >= 0) company[i] = r; else company.push(r); },
    customers: (r) => customers.put(r),
    customerLicenses: (r) => licences.put(r),
    customerAgents: (r) => agents.put(r),
    salespeople: (r) => salespeople.put(r),
    authorizations: (r) => letters.put(r),
    trainings: (r) => trainings.put(r),
    products: (r) => products.put(r),
    batches: (r) => batches.put(r),
    recalls: (r) => { recalls.put(r); recallsByProduct.put(r); },
    contracts: (r) => contracts.put(r),
    orders: (r) => orders.put(r),
    lines: (r) => lines.put(r),
    nonconformities: (r) => cases.put(r),
  };
  const add = <C extends Collection>(collection: C, row: RowOf<C>) => {
    if (live(row)) (sinks[collection] as (r: RowOf<C>) => void)(row);
  };
  for (const c of Object.keys(sinks) as Collection[]) for (const row of data[c] ?? []) add(c, row as never);

  return {
    asOf: data.asOf,
    settings: resolveSettings(data.settings as Record<string, unknown> | undefined),
    add,
    companyLicenses: () => company,
    customer: (id) => customers.get(id),
    customerLicenses: (id) => licences.get(id),
    customerAgents: (id) => agents.get(id),
    salesperson: (id) => salespeople.get(id),
    authorizations: (id) => letters.get(id),
    trainings: (id) => trainings.get(id),
    product: (id) => products.get(id),
    batch: (id) => batches.get(id),
    recallsCovering: (productId, batchNo) =>
      recallsByProduct.get(productId).filter((r) => splitList(r.batches).includes(norm(batchNo))),
    recall: (id) => recalls.get(id),
    contract: (id) => contracts.get(id),
    order: (id) => orders.get(id),
    orderLines: (orderId) => lines.get(orderId),
    nonconformingSince: (batchId) => cases.get(batchId).reduce<string | null>((min, c) => (!min || c.found_at < min ? c.found_at : min), null),
  };
}
