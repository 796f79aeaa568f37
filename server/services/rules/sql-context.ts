/**
 * The RuleContext over SQL: each lookup is one indexed query, cached for the life of the context (one
 * write, one re-check batch), so a rule asking twice costs nothing. Building it is async (the settings are
 * prefetched); the rules stay pure and synchronous. On SQLite its look-ups are synchronous queries. On
 * PostgreSQL (whose queries are all async) a look-up not in the cache answers "nothing" (undefined, []) and is
 * noted; `settled(rc, run)` runs the synchronous evaluation, loads what it asked for, and runs it again until
 * nothing was missing — a look-up that depends on another (an order, then its contract) takes one more round.
 * The misses of one round are loaded one query per kind (`id = ANY(…)`: every product a batch of lines asked
 * for at once), so `settled` over many records (evaluateTargets' prefetch) costs a few round trips, not one per
 * look-up. Pure rules make the re-runs harmless; the last run saw only real rows.
 */
import { and, asc, desc, eq, inArray, isNull, lte, ne, type Placeholder, sql } from 'drizzle-orm';
import type { ResourceTable, RowOf } from '../../../schema/define';
import type { RuleContext } from '../../../schema/rules';
import { forgetParts } from '../../../schema/rules/rule';
import { splitList } from '../../../schema/rules';
import { loadSettings } from '../settings';
import type { RuleSettings } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import { currentConnection, type Db, engineOf } from '../../db';

/** What a context still has to load (PostgreSQL): filled by the look-ups of the last synchronous run. */
const pendingOf = new WeakMap<RuleContext, Map<string, () => Promise<unknown>>>();

/**
 * Runs the synchronous `run` over `rc` until every look-up it made was answered from the cache (SQLite: at once;
 * PostgreSQL: after loading the misses of each run). Every synchronous use of a context from createSqlContext
 * goes through it.
 */
export async function settled<T>(rc: RuleContext, run: () => T): Promise<T> {
  for (;;) {
    const out = run();
    const pending = pendingOf.get(rc);
    if (!pending?.size) return out;
    const loads = [...pending.values()];
    pending.clear();
    for (const load of loads) await load();
    forgetParts(rc); // the rules' per-line parts were built from the placeholders
  }
}

/** (id, date) look-ups loaded for many pairs at once on PostgreSQL: the rows found, by `${id}@${date}` */
type PairLoad = (db: Db, ids: number[], dates: string[]) => Promise<Map<string, unknown>>;

/** the trainings held by a salesperson on or before a date (sql-context's heldOn), per pair: `probe` picks one */
const trainingsOn =
  (probe: string, columns: string): PairLoad =>
  async (db, ids, dates) => {
    const rows = (await db.all(
      sql`SELECT v.sp, v.d, x.* FROM unnest(${sql.param(ids)}::bigint[], ${sql.param(dates)}::text[]) AS v(sp, d) CROSS JOIN LATERAL (${sql.raw(`SELECT ${columns} FROM trainings
        WHERE salesperson = v.sp AND date <= v.d AND date <> '' AND voided_at IS NULL${probe} LIMIT 1`)}) x`,
    )) as Record<string, unknown>[];
    return new Map(rows.map(({ sp, d, ...r }) => [`${Number(sp)}@${d}`, r]));
  };

/** The (id, date) look-ups batched on PostgreSQL, by statement name (the same rows as their one-pair queries). */
const BY_ID_ON: Record<string, PairLoad | undefined> = {
  'trainings:latest': trainingsOn(' ORDER BY date DESC, id DESC', 'id, salesperson, date, topic, passed'),
  'trainings:passed': trainingsOn(' AND passed', 'id'),
};

export async function createSqlContext(db: Db, asOf: string): Promise<RuleContext> {
  return sqlContext(db, asOf, await loadSettings(db));
}

/** A look-up's statement on SQLite, prepared once per connection (building Drizzle's SQL cost more than running it). */
type Lookup = { get(p: Record<string, unknown>): unknown; all(p: Record<string, unknown>): unknown };
const prepared = new WeakMap<object, Map<string, Lookup>>();
function lookup(db: Db, key: string, build: () => Lookup): Lookup {
  const connection = currentConnection(db);
  let perConnection = prepared.get(connection);
  if (!perConnection) prepared.set(connection, (perConnection = new Map()));
  let q = perConnection.get(key);
  if (!q) perConnection.set(key, (q = build()));
  return q;
}

/** a look-up's query for one id (a value on PostgreSQL, the placeholder of the prepared statement on SQLite) */
type Built = { get(): unknown; all(): unknown; prepare(): Lookup };

/** @db-sync the rules are synchronous, so are the look-ups they make on SQLite. */
function sqlContext(db: Db, asOf: string, settings: RuleSettings): RuleContext {
  const cache = new Map<string, unknown>();
  const pending = new Map<string, () => Promise<unknown>>();
  const async = engineOf(db).dialect === 'postgres';
  let misses = 0;
  // a value computed from other look-ups is cached only when none of them missed (else it saw placeholders)
  const memo = <T>(key: string, load: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const before = misses;
    const v = load();
    if (misses === before) cache.set(key, v);
    return v;
  };
  /** one query: run now (SQLite), or noted and answered with `none` until settled() loaded it (PostgreSQL) */
  const query = <T>(key: string, q: () => { get(): unknown; all(): unknown }, many: boolean, none: T): T => {
    if (!async) return (many ? q().all() : q().get()) as T;
    misses++;
    if (!pending.has(key)) pending.set(key, async () => cache.set(key, await (many ? q().all() : q().get())));
    return none;
  };
  /**
   * PostgreSQL: the misses of one kind (one statement) in this round, loaded together by settled() in one query
   * over all their items, each item's key answered (`none` for an item the query did not find).
   */
  const groups = new Map<string, Map<unknown, { item: unknown; key: string }>>();
  const batched = <I, K, T>(statement: string, key: string, item: I, itemKey: K, none: T, load: (items: I[]) => Promise<Map<K, unknown>>): T => {
    misses++;
    let group = groups.get(statement);
    if (!group) {
      groups.set(statement, (group = new Map()));
      const mine = group;
      pending.set(statement, async () => {
        groups.delete(statement);
        const found = await load([...mine.values()].map((e) => e.item as I));
        for (const [k, e] of mine) cache.set(e.key, found.has(k as K) ? found.get(k as K) : Array.isArray(none) ? [] : none);
      });
    }
    group.set(itemKey, { item, key });
    return none;
  };
  /** by one value: `column = ANY(values)` answering each value (its row by id, or its rows in id order) */
  const missing = <T>(statement: string, key: string, value: number, none: T, load: (values: number[]) => Promise<Map<number, unknown>>): T =>
    batched(statement, key, value, value, none, load);
  /** by an id and a date (BY_ID_ON: a LATERAL probe per pair) */
  const missingOn = <T>(statement: string, key: string, id: number, date: string, none: T, load: PairLoad): T =>
    batched(statement, key, [id, date] as const, `${id}@${date}`, none, (pairs) =>
      load(
        db,
        pairs.map((p) => p[0]),
        pairs.map((p) => p[1]),
      ),
    );
  /** a look-up by one id: on SQLite through its statement prepared once per connection */
  const byValue = <T>(statement: string, build: (id: number | Placeholder) => Built, value: number, many: boolean): T => {
    const q = lookup(db, statement, () => build(sql.placeholder('id')).prepare());
    return (many ? q.all({ id: value }) : q.get({ id: value })) as T;
  };
  const byId =
    <T extends ResourceTable>(table: T, name: string) =>
    (value: number) =>
      memo(`${name}:${value}`, () =>
        async
          ? missing<RowOf<T> | undefined>(`${name}:id`, `${name}:${value}`, value, undefined, async (values) => {
              const rows = (await db
                .select()
                .from(table)
                .where(and(inArray(table.id, values), isNull(table.voided_at)))
                .all()) as { id: number }[];
              return new Map(rows.map((r) => [r.id, r]));
            })
          : byValue<RowOf<T> | undefined>(
              `${name}:id`,
              (id) =>
                db
                  .select()
                  .from(table)
                  .where(and(eq(table.id, id), isNull(table.voided_at))) as unknown as Built,
              value,
              false,
            ),
      );
  /** a look-up by an id and a date (placeholders `id`, `date` of the prepared statement on SQLite) */
  const byIdOn = <T>(
    key: string,
    statement: string,
    build: (id: number | Placeholder, date: string | Placeholder) => Built,
    id: number,
    date: string,
    none: T,
  ): T =>
    // memoised under the query's own key: that is where settled() stores what it loaded (PostgreSQL)
    memo(key, () => {
      const many = BY_ID_ON[statement];
      if (async && many) return missingOn(statement, key, id, date, none, many);
      if (async) return query(key, () => build(id, date), false, none);
      const q = lookup(db, statement, () => build(sql.placeholder('id'), sql.placeholder('date')).prepare());
      return q.get({ id, date }) as T;
    });
  const tr = t.trainings;
  /** the salesperson's trainings dated on or before `date` (dates are ISO text: write.ts validates them) */
  const heldOn = (id: number | Placeholder, date: string | Placeholder) =>
    and(eq(tr.salesperson, id), lte(tr.date, date), ne(tr.date, ''), isNull(tr.voided_at));
  const latestTraining = (id: number | Placeholder, date: string | Placeholder) =>
    db
      .select({ id: tr.id, salesperson: tr.salesperson, date: tr.date, topic: tr.topic, passed: tr.passed })
      .from(tr)
      .where(heldOn(id, date))
      .orderBy(desc(tr.date), desc(tr.id))
      .limit(1) as unknown as Built;
  const passedTraining = (id: number | Placeholder, date: string | Placeholder) =>
    db
      .select({ id: tr.id })
      .from(tr)
      .where(and(heldOn(id, date), eq(tr.passed, true)))
      .limit(1) as unknown as Built;
  const byRef =
    <T extends ResourceTable>(table: T, name: string, column: string) =>
    (value: number) =>
      memo(`${name}@${value}`, () =>
        async
          ? missing<RowOf<T>[]>(`${name}@${column}`, `${name}@${value}`, value, [], async (values) => {
              const rows = (await db
                .select()
                .from(table)
                .where(and(inArray(table[column], values), isNull(table.voided_at)))
                .orderBy(asc(table.id))
                .all()) as Record<string, unknown>[];
              const out = new Map<number, unknown[]>();
              for (const r of rows) {
                const v = r[column] as number;
                if (!out.has(v)) out.set(v, []);
                out.get(v)!.push(r);
              }
              return out as Map<number, unknown>;
            })
          : byValue<RowOf<T>[]>(
              `${name}@${column}`,
              (id) =>
                db
                  .select()
                  .from(table)
                  .where(and(eq(table[column], id), isNull(table.voided_at)))
                  .orderBy(asc(table.id)) as unknown as Built,
              value,
              true,
            ),
      );
  const recallsOf = byRef(t.recalls, 'recalls', 'product');

  const rc: RuleContext = {
    asOf,
    settings,
    companyLicenses: () =>
      memo('company', () =>
        query<RowOf<typeof t.companyLicenses>[]>('company', () => db.select().from(t.companyLicenses).where(isNull(t.companyLicenses.voided_at)), true, []),
      ),
    customer: byId(t.customers, 'customer'),
    customerLicenses: byRef(t.customerLicenses, 'licences', 'customer'),
    customerAgents: byRef(t.customerAgents, 'agents', 'customer'),
    salesperson: byId(t.salespeople, 'salesperson'),
    authorizations: byRef(t.authorizations, 'letters', 'salesperson'),
    // two probes of the trainings' (salesperson, date) and (salesperson, passed, date) indexes per sale date,
    // not every training of the salesperson: the load bench's salesperson gathers thousands (loading them
    // was ≈ 5 ms of a training create's CPU at 1M lines; mapping whole rows before that, 20 % of the server's)
    trainingsHeld: (id, date) =>
      memo(`held@${id}@${date}`, () => ({
        latest: byIdOn(`latest@${id}@${date}`, 'trainings:latest', latestTraining, id, date, undefined),
        passed: byIdOn(`passed@${id}@${date}`, 'trainings:passed', passedTraining, id, date, undefined) !== undefined,
      })),
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
  pendingOf.set(rc, pending);
  return rc;
}
