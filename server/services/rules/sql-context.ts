/**
 * The RuleContext over SQL: each lookup is one indexed query, cached for the life of the context (one
 * write, one re-check batch), so a rule asking twice costs nothing. Building it is async (the settings are
 * prefetched); the rules stay synchronous, and so do its look-ups on SQLite. Next step for the PostgreSQL
 * engine (#17): prefetch the look-ups a record's rules need (the rule-reads of rules/rule-reads.ts) here too.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ResourceTable, RowOf } from '../../../schema/define';
import type { RuleContext } from '../../../schema/rules';
import { splitList } from '../../../schema/rules';
import { loadSettings } from '../settings';
import type { RuleSettings } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import { currentConnection, type Db } from '../../db';

export async function createSqlContext(db: Db, asOf: string): Promise<RuleContext> {
  return sqlContext(db, asOf, await loadSettings(db));
}

/** A look-up's statement, prepared once per connection (building Drizzle's SQL cost more than running it). */
type Lookup = { get(p: { id: number }): unknown; all(p: { id: number }): unknown };
const prepared = new WeakMap<object, Map<string, Lookup>>();
function lookup(db: Db, key: string, build: () => Lookup): Lookup {
  const connection = currentConnection(db);
  let perConnection = prepared.get(connection);
  if (!perConnection) prepared.set(connection, (perConnection = new Map()));
  let q = perConnection.get(key);
  if (!q) perConnection.set(key, (q = build()));
  return q;
}

/** @db-sync the rules are synchronous, so are the look-ups they make on SQLite. */
function sqlContext(db: Db, asOf: string, settings: RuleSettings): RuleContext {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, load: () => T): T => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as T;
  };
  const id = sql.placeholder('id');
  const byId =
    <T extends ResourceTable>(table: T, name: string) =>
    (value: number) =>
      memo(
        `${name}:${value}`,
        () =>
          lookup(db, `${name}:id`, () =>
            db
              .select()
              .from(table)
              .where(and(eq(table.id, id), isNull(table.voided_at)))
              .prepare(),
          ).get({ id: value }) as RowOf<T> | undefined,
      );
  const byRef =
    <T extends ResourceTable>(table: T, name: string, column: string) =>
    (value: number) =>
      memo(
        `${name}@${value}`,
        () =>
          lookup(db, `${name}@${column}`, () =>
            db
              .select()
              .from(table)
              .where(and(eq(table[column], id), isNull(table.voided_at)))
              .orderBy(asc(table.id))
              .prepare(),
          ).all({ id: value }) as RowOf<T>[],
      );
  const recallsOf = byRef(t.recalls, 'recalls', 'product');

  return {
    asOf,
    settings,
    companyLicenses: () =>
      memo('company', () => db.select().from(t.companyLicenses).where(isNull(t.companyLicenses.voided_at)).all() as RowOf<typeof t.companyLicenses>[]),
    customer: byId(t.customers, 'customer'),
    customerLicenses: byRef(t.customerLicenses, 'licences', 'customer'),
    customerAgents: byRef(t.customerAgents, 'agents', 'customer'),
    salesperson: byId(t.salespeople, 'salesperson'),
    authorizations: byRef(t.authorizations, 'letters', 'salesperson'),
    trainings: byRef(t.trainings, 'trainings', 'salesperson'),
    product: byId(t.products, 'product'),
    batch: byId(t.batches, 'batch'),
    recallsCovering: (productId, batchNo) =>
      memo(`recalls@${productId}:${batchNo}`, () => recallsOf(productId).filter((r) => splitList(r.batches).includes(batchNo))),
    recall: byId(t.recalls, 'recall'),
    contract: byId(t.contracts, 'contract'),
    order: byId(t.salesOrders, 'order'),
    orderLines: byRef(t.salesLines, 'lines', 'order'),
    nonconformingSince: (batchId) =>
      memo(`nc@${batchId}`, () =>
        byRef(t.nonconformities, 'nonconformities', 'batch')(batchId).reduce<string | null>((min, c) => (!min || c.found_at < min ? c.found_at : min), null),
      ),
  };
}
