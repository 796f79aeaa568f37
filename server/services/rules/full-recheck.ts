/**
 * The full re-evaluation (`npm run recheck -- --all`, and the reference the incremental re-check is tested
 * against): runs the time-dependent rules on every record they apply to as of a date, and re-evaluates
 * every record with an open finding, so fixed records resolve and newly overdue ones open. Batches of
 * records per transaction keep the lock short. The daily re-check is the incremental one (recheck-run.ts).
 */
import { and, asc, gt, inArray, isNull } from 'drizzle-orm';
import { RECORD_KINDS, evaluate, rulesFor, type RecordKind } from '../../../schema/rules';
import { findings } from '../../../schema/tables';
import { registry } from '../../../schema/resources';
import type { Clock } from '../../clock';
import type { Db } from '../../db';
import { SYSTEM_ACTOR, inTransaction, type ServiceContext } from '../context';
import { resolveAllFor, syncFindings } from './findings';
import { createSqlContext, settled } from './sql-context';
import { viewOf } from './views';
import { findingContext } from './finding-context';

export interface RecheckResult {
  asOf: string;
  records: number;
  opened: number;
  resolved: number;
  ms: number;
}

const BATCH = 500;

async function idsOf(db: Db, kind: RecordKind, after: number): Promise<number[]> {
  const t = registry.get(kind)!.table;
  return (
    (await db
      .select({ id: t.id })
      .from(t)
      .where(and(isNull(t.voided_at), gt(t.id, after)))
      .orderBy(asc(t.id))
      .limit(BATCH)
      .all()) as { id: number }[]
  ).map((r) => r.id);
}

/** `all`: every record of every kind (after a bulk master-data change), not only the time-dependent ones. */
export async function fullRecheck(db: Db, clock: Clock, asOf = clock.today(), opts: { all?: boolean } = {}): Promise<RecheckResult> {
  const started = Date.now();
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  const result: RecheckResult = { asOf, records: 0, opened: 0, resolved: 0, ms: 0 };
  const run = (kind: RecordKind, ids: number[]) =>
    inTransaction(ctx, async (tx) => {
      const rc = await createSqlContext(tx.db, asOf);
      const codes = new Set(rulesFor(kind).map((r) => r.code));
      for (const id of ids) {
        const view = await viewOf(tx.db, kind, id);
        // the rules and the finding's context read through rc: settled() loads what they ask for (PostgreSQL;
        // without it every look-up answered "nothing" there and a complete record read as incomplete)
        const evaluated =
          view && (await settled(rc, () => [evaluate(kind, view as never, rc), findingContext(kind, view as Record<string, any>, rc)] as const));
        const r = evaluated ? await syncFindings(tx, kind, id, codes, ...evaluated) : await resolveAllFor(tx, kind, id);
        result.records++;
        result.opened += r.opened;
        result.resolved += r.resolved;
      }
    });
  // 1. every record a periodic rule applies to
  for (const kind of RECORD_KINDS) {
    if (!opts.all && !rulesFor(kind, { periodic: true }).length) continue;
    for (let ids = await idsOf(db, kind, 0); ids.length; ids = await idsOf(db, kind, ids[ids.length - 1])) await run(kind, ids);
  }
  // 2. every other record with an active finding
  const periodicKinds = new Set<string>(RECORD_KINDS.filter((k) => opts.all || rulesFor(k, { periodic: true }).length));
  const open = (
    await db
      .selectDistinct({ resource: findings.resource, record_id: findings.record_id })
      .from(findings)
      .where(inArray(findings.status, ['open', 'acknowledged']))
      .all()
  ).filter((f) => f.record_id != null && !periodicKinds.has(f.resource) && (RECORD_KINDS as readonly string[]).includes(f.resource));
  for (let i = 0; i < open.length; i += BATCH) {
    const slice = open.slice(i, i + BATCH);
    for (const kind of new Set(slice.map((f) => f.resource)))
      await run(
        kind as RecordKind,
        slice.filter((f) => f.resource === kind).map((f) => f.record_id!),
      );
  }
  result.ms = Date.now() - started;
  return result;
}
