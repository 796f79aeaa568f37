/**
 * A RuleContext over plain arrays of rows, indexed into Maps once. Tests use it; the importer uses it with
 * the master data it loaded, and `add()`s the records it creates (pending customers, orders, lines) so
 * later rows see them. Voided rows (voided_at set) are left out, as the server's context does.
 */
import type { RuleContext } from './context';
import { trainingsHeldIn } from './staff';
import { splitList } from './scope';
import { resolveSettings, type RuleSettings } from './settings';
import type {
  AuthorizationRow,
  BatchRow,
  CompanyLicenseRow,
  ContractRow,
  CustomerAgentRow,
  CustomerLicenseRow,
  CustomerRow,
  Id,
  Loose,
  ProductRow,
  RecallRow,
  SalespersonRow,
  SalesLineRow,
  SalesOrderRow,
  TrainingRow,
} from './types';

/**
 * A row as given to the memory context: its id and any of its fields. A database row or an import's
 * pending record is complete; a test gives only what its case is about. The context hands rows back as
 * the rule row types say (what a rule may rely on for stored records).
 */
export type MemoryRow<R> = Loose<R> & { id: Id };
/** Rows grouped under a parent (licences, lines): the id may be absent. */
type MemoryChild<R> = Loose<R>;

export interface MemoryData {
  asOf: string;
  settings?: Partial<RuleSettings> | RuleSettings;
  companyLicenses?: readonly MemoryChild<CompanyLicenseRow>[];
  customers?: readonly MemoryRow<CustomerRow>[];
  customerLicenses?: readonly MemoryChild<CustomerLicenseRow>[];
  customerAgents?: readonly MemoryChild<CustomerAgentRow>[];
  salespeople?: readonly MemoryRow<SalespersonRow>[];
  authorizations?: readonly MemoryChild<AuthorizationRow>[];
  trainings?: readonly MemoryChild<TrainingRow>[];
  products?: readonly MemoryRow<ProductRow>[];
  batches?: readonly MemoryRow<BatchRow>[];
  recalls?: readonly MemoryRow<RecallRow>[];
  contracts?: readonly MemoryRow<ContractRow>[];
  orders?: readonly MemoryRow<SalesOrderRow>[];
  lines?: readonly MemoryChild<SalesLineRow>[];
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
  put(row: T) {
    this.map.set(row.id, row);
  }
  get(id: Id) {
    return this.map.get(id);
  }
}
/** What Grouped answers for a key without rows: one array, so that look-ups memoised by array identity
 * (staff.ts trainingIndex) hit instead of indexing a new empty array per call (0.5 s per 100k ledger rows). */
const NONE: readonly never[] = Object.freeze([]);
/** Rows grouped by a key; a row with an id replaces its earlier version. */
class Grouped<T extends { id?: Id | null }> {
  readonly map = new Map<unknown, T[]>();
  constructor(private readonly key: (row: T) => unknown) {}
  put(row: T) {
    const k = this.key(row);
    const list = (this.map.get(k) ?? []).filter((r) => row.id == null || r.id !== row.id);
    list.push(row);
    this.map.set(k, list);
  }
  get(k: unknown): readonly T[] {
    return this.map.get(k) ?? NONE;
  }
}

const norm = (s: string) => s.replace(/\s+/g, '');
/** A given row as the rule row type (see MemoryRow): the one place the memory context trusts its input. */
const trusted = <R>(row: Loose<R>): R => row as unknown as R;

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
  const lines = new Grouped<Loose<SalesLineRow>>((r) => r.order);
  const cases = new Grouped<{ id?: Id; batch: Id; found_at: string }>((r) => r.batch);

  const sinks: { [C in Collection]: (row: RowOf<C>) => void } = {
    companyLicenses: (r) => {
      const i = r.id == null ? -1 : company.findIndex((c) => c.id === r.id);
      if (i >= 0) company[i] = trusted(r);
      else company.push(trusted(r));
    },
    customers: (r) => customers.put(trusted(r)),
    customerLicenses: (r) => licences.put(trusted(r)),
    customerAgents: (r) => agents.put(trusted(r)),
    salespeople: (r) => salespeople.put(trusted(r)),
    authorizations: (r) => letters.put(trusted(r)),
    trainings: (r) => trainings.put(trusted(r)),
    products: (r) => products.put(trusted(r)),
    batches: (r) => batches.put(trusted(r)),
    recalls: (r) => {
      recalls.put(trusted(r));
      recallsByProduct.put(trusted(r));
    },
    contracts: (r) => contracts.put(trusted(r)),
    orders: (r) => orders.put(trusted(r)),
    lines: (r) => lines.put(r),
    nonconformities: (r) => cases.put(r),
  };
  const add = <C extends Collection>(collection: C, row: RowOf<C>) => {
    if (live(row)) (sinks[collection] as (r: RowOf<C>) => void)(row);
  };
  for (const c of Object.keys(sinks) as Collection[]) for (const row of data[c] ?? []) add(c, row);

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
    trainingsHeld: (id, date) => trainingsHeldIn(trainings.get(id), date),
    product: (id) => products.get(id),
    batch: (id) => batches.get(id),
    recallsCovering: (productId, batchNo) => recallsByProduct.get(productId).filter((r) => splitList(r.batches).includes(norm(batchNo))),
    recall: (id) => recalls.get(id),
    contract: (id) => contracts.get(id),
    order: (id) => orders.get(id),
    orderLines: (orderId) => lines.get(orderId),
    nonconformingSince: (batchId) => cases.get(batchId).reduce<string | null>((min, c) => (!min || c.found_at < min ? c.found_at : min), null),
  };
}
