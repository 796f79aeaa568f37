/**
 * The daily rule re-check, incremental and resumable: from the as-of of the last completed re-check to
 * today it re-evaluates only the time-driven rules (schema/rules: `periodic` / `timeDriven`) and only on
 * the records whose result can change in between (recheck-candidates.ts). A batch is evaluated in a read
 * transaction; its writes — the changed findings through the findings service, and the progress row — are
 * one short write transaction, so a restart continues after the last committed batch and other writers
 * wait at most for one batch's writes. The server runs the batches in a worker thread (recheck-runner.ts);
 * the CLI and the tests call `recheck()`.
 */
import { evaluate, rulesFor, type Finding, type RecordKind } from '../../../schema/rules';
import type { Clock } from '../../clock';
import { sql } from 'drizzle-orm';
import { type Db, engineOf, readerOf } from '../../db';
import { SYSTEM_ACTOR, inTransaction, type ServiceContext } from '../context';
import { loadSettings } from '../settings';
import { RECHECK_KINDS, candidatePage, kindOf, type CandidatePage } from './recheck-candidates';
import { activeFindingsOf, findingsChange, resolveAllFor, syncFindings, type FindingRow } from './findings';
import { clearDependents, fingerprintOf, pendingUpto, readProgress, writeProgress, type RecheckProgress } from './recheck-progress';
import { createSqlContext, settled } from './sql-context';
import { saleLineViewsOf, viewOf } from './views';
import { findingContext } from './finding-context';

export interface RecheckResult {
  asOf: string;
  since: string | null;
  records: number;
  opened: number;
  resolved: number;
  ms: number;
}

/**
 * At most this many candidates per batch (orders for sales_lines); a batch ends early once it has been
 * evaluating for `ms`, or has `maxChanges` records whose findings change (each written and audited while
 * the write lock is held).
 */
export const RECHECK_BATCH = { sales_lines: 250, other: 500, ms: 80, maxChanges: 100 };

const codesOf = (kind: RecordKind, timeDriven?: boolean) => new Set(rulesFor(kind, timeDriven ? { timeDriven } : {}).map((r) => r.code));

/**
 * Starts the re-check as of `asOf`, or continues the one under way for that day. `full`: evaluate every
 * record of each kind instead of the window (also when there is no completed re-check to start from,
 * as-of went back, or the thresholds changed). Returns the progress (status 'done' when nothing is left).
 */
export async function beginRecheck(db: Db, clock: Clock, asOf: string, opts: { full?: boolean } = {}): Promise<RecheckProgress> {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  return inTransaction(ctx, async () => {
    const fingerprint = fingerprintOf(await loadSettings(db));
    const p = await readProgress(db);
    const same = p && p.as_of === asOf && p.fingerprint === fingerprint && !opts.full;
    if (same) return p; // under way: continue it; done: nothing left for that day
    const from = p?.fingerprint === fingerprint && !opts.full && p.last_done && p.last_done <= asOf ? p.last_done : null;
    const now = clock.now().toISOString();
    const fresh: RecheckProgress = {
      status: 'running',
      as_of: asOf,
      since: from,
      last_done: p?.last_done ?? null,
      fingerprint,
      kind: RECHECK_KINDS[0],
      last_id: 0,
      pending_upto: await pendingUpto(db),
      records: 0,
      opened: 0,
      resolved: 0,
      batches: 0,
      started_at: now,
      updated_at: now,
      finished_at: null,
      work_ms: 0,
    };
    await writeProgress(db, fresh);
    return fresh;
  });
}

/**
 * A mark that moves whenever another connection commits. SQLite: the read connection's data_version (our
 * writer's commits included). PostgreSQL: the current snapshot (xmin:xmax:in-progress ids) — a write that
 * commits afterwards either was in progress (it leaves the list) or takes an id not handed out yet (xmax moves);
 * it also moves for writes elsewhere in the cluster, which only costs a batch evaluated twice.
 */
function changeMark(db: Db): () => Promise<number | string> {
  if (engineOf(db).dialect === 'postgres') return async () => ((await db.get(sql`SELECT pg_current_snapshot()::text AS mark`)) as { mark: string }).mark;
  const reader = readerOf(db);
  return async () => reader.pragma('data_version', { simple: true }) as number;
}

/**
 * The next batch of the running re-check; returns the progress after it. Two steps, so that the write lock
 * is held only while findings change: the candidates are read and evaluated outside it (the read connection,
 * WAL: no lock, the server's writers go on), then the records whose findings change are written with the progress
 * in one write transaction. If another connection committed in between (changeMark), the batch
 * is evaluated again inside the write transaction, so nothing is written from a stale read.
 */
export async function recheckBatch(db: Db, clock: Clock): Promise<RecheckProgress> {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  const started = performance.now();
  const version = changeMark(db);
  const seen = await version();
  const first = await readProgress(db);
  if (first?.status !== 'running') throw new Error('no re-check under way (beginRecheck first)');
  const { kind, page } = await nextPage(db, await loadSettings(db), first);
  const planned = {
    p: first,
    seen,
    kind,
    page,
    ev: page.ids.length ? await evaluatePage(ctx, kindOf(kind), page, first.as_of, started + RECHECK_BATCH.ms) : null,
  };
  return inTransaction(ctx, async (tx) => {
    const p = (await readProgress(db))!;
    // another runner moved on meanwhile: leave it to that one
    if (p.status !== 'running' || p.batches !== planned.p.batches || p.as_of !== planned.p.as_of) return p;
    let ev = planned.ev;
    if (ev && (await version()) !== planned.seen) {
      const upTo = ev.lastId;
      ev = await evaluatePage(tx, kindOf(planned.kind), { ...planned.page, ids: planned.page.ids.filter((id) => id <= upTo) }, p.as_of, Infinity);
    }
    const now = clock.now().toISOString();
    const next: RecheckProgress = { ...p, kind: planned.kind, updated_at: now, batches: p.batches + 1 };
    if (!ev) {
      Object.assign(next, { status: 'done', last_done: p.as_of, finished_at: now, last_id: 0, kind: null });
      await clearDependents(db, p.pending_upto);
    } else {
      const written = await applyChanges(tx, kindOf(planned.kind), ev.changes);
      Object.assign(next, { last_id: ev.lastId, records: p.records + ev.records, opened: p.opened + written.opened, resolved: p.resolved + written.resolved });
    }
    next.work_ms = p.work_ms + Math.round(performance.now() - started);
    await writeProgress(db, next);
    return next;
  });
}

/** The next non-empty page of candidates from where the progress stands (moving on to the next kinds). */
async function nextPage(
  db: Db,
  settings: Awaited<ReturnType<typeof loadSettings>>,
  p: RecheckProgress,
): Promise<{ kind: (typeof RECHECK_KINDS)[number]; page: CandidatePage }> {
  let kind = p.kind as (typeof RECHECK_KINDS)[number];
  for (let after = p.last_id; ; after = 0) {
    const window = { since: p.since, asOf: p.as_of, pendingUpto: p.pending_upto };
    const page = await candidatePage(db, kind, window, settings, after, kindOf(kind) === 'sales_lines' ? RECHECK_BATCH.sales_lines : RECHECK_BATCH.other);
    const next = RECHECK_KINDS[RECHECK_KINDS.indexOf(kind) + 1];
    if (page.ids.length || !next) return { kind, page };
    kind = next;
  }
}

/** A record whose findings change: what syncFindings needs to write it. */
interface Change {
  id: number;
  codes: ReadonlySet<string>;
  found: Finding[];
  extra: ReturnType<typeof findingContext> | null;
  active: FindingRow[];
}

/**
 * Evaluates the page's records in id order until `until` (performance.now()) or MAX_CHANGES records with
 * changes; `lastId`: the last one done (an order id for sales_lines).
 */
async function evaluatePage(ctx: ServiceContext, kind: RecordKind, page: CandidatePage, asOf: string, until: number) {
  const rc = await createSqlContext(ctx.db, asOf);
  const out = { records: 0, lastId: page.ids[page.ids.length - 1], changes: [] as Change[] };
  const timeCodes = codesOf(kind, true);
  const consider = async (
    id: number,
    codes: ReadonlySet<string>,
    view: Record<string, any> | undefined,
    evaluated: () => Finding[],
    active: FindingRow[] = [],
  ) => {
    out.records++;
    // the rules and the finding's context read through rc: settled() loads what they ask for (PostgreSQL)
    const [found, extra] = view ? await settled(rc, () => [evaluated(), findingContext(kind, view, rc)] as const) : [[], null];
    if (view ? findingsChange(codes, found, active) : active.some((f) => f.status !== 'waived')) {
      out.changes.push({ id, codes, found, extra, active });
    }
  };
  const full = () => performance.now() > until || out.changes.length >= RECHECK_BATCH.maxChanges;
  if (kind === 'sales_lines') {
    const views = await saleLineViewsOf(ctx.db, page.ids);
    const active = await activeFindingsOf(
      ctx,
      kind,
      [...views.values()].flat().map((v) => v.id!),
    );
    const allCodes = codesOf(kind);
    for (const order of page.ids) {
      const all = page.allRules.has(order);
      for (const v of views.get(order) ?? [])
        await consider(v.id!, all ? allCodes : timeCodes, v, () => evaluate(kind, v, rc, all ? {} : { timeDriven: true }), active.get(v.id!));
      if (full()) return { ...out, lastId: order };
    }
    return out;
  }
  const active = await activeFindingsOf(ctx, kind, page.ids);
  for (const id of page.ids) {
    const view = (await viewOf(ctx.db, kind, id)) as Record<string, any> | undefined;
    await consider(id, timeCodes, view, () => evaluate(kind, view as never, rc, { timeDriven: true }), active.get(id));
    if (full()) return { ...out, lastId: id };
  }
  return out;
}

async function applyChanges(ctx: ServiceContext, kind: RecordKind, changes: readonly Change[]) {
  const out = { opened: 0, resolved: 0 };
  for (const c of changes) {
    const r = c.extra ? await syncFindings(ctx, kind, c.id, c.codes, c.found, c.extra, c.active) : await resolveAllFor(ctx, kind, c.id);
    out.opened += r.opened;
    out.resolved += r.resolved;
  }
  return out;
}

/** The whole re-check as of a date, synchronously (CLI, tests); continues one under way for that date. */
export async function recheck(
  db: Db,
  clock: Clock,
  asOf = clock.today(),
  opts: { full?: boolean; maxBatches?: number } = {},
): Promise<RecheckResult & { progress: RecheckProgress }> {
  const started = Date.now();
  let p = await beginRecheck(db, clock, asOf, opts);
  const before = { records: p.records, opened: p.opened, resolved: p.resolved };
  for (let n = 0; p.status === 'running' && n < (opts.maxBatches ?? Infinity); n++) p = await recheckBatch(db, clock);
  return {
    asOf,
    since: p.since,
    records: p.records - before.records,
    opened: p.opened - before.opened,
    resolved: p.resolved - before.resolved,
    ms: Date.now() - started,
    progress: p,
  };
}
