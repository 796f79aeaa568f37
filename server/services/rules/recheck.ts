/**
 * The daily rule re-check, incremental and resumable: from the as-of of the last completed re-check to
 * today it re-evaluates only the time-driven rules (schema/rules: `periodic` / `timeDriven`) and only on
 * the records whose result can change in between (recheck-candidates.ts). Each batch — its findings
 * through the findings service and the progress row — is one short transaction, so a restart continues
 * after the last committed batch and other writers wait at most one batch. The server runs the batches in
 * a worker thread (recheck-runner.ts); the CLI and the tests call `recheck()`.
 */
import { evaluate, rulesFor, type RecordKind } from '../../../schema/rules';
import type { Clock } from '../../clock';
import type { Db } from '../../db';
import { SYSTEM_ACTOR, inTransaction, type ServiceContext } from '../context';
import { loadSettings } from '../settings';
import { RECHECK_KINDS, candidatePage, type CandidatePage } from './recheck-candidates';
import { activeFindingsOf, resolveAllFor, syncFindings } from './findings';
import { fingerprintOf, readProgress, writeProgress, type RecheckProgress } from './recheck-progress';
import { createSqlContext } from './sql-context';
import { saleLineViewsOf, viewOf } from './views';
import { findingContext } from './finding-context';

export interface RecheckResult { asOf: string; since: string | null; records: number; opened: number; resolved: number; ms: number }

/** Records per batch (orders for sales_lines): a batch holds the write lock for some ms, not seconds. */
export const RECHECK_BATCH = { sales_lines: 100, other: 400 };

const codesOf = (kind: RecordKind, timeDriven?: boolean) => new Set(rulesFor(kind, timeDriven ? { timeDriven } : {}).map((r) => r.code));

/**
 * Starts the re-check as of `asOf`, or continues the one under way for that day. `full`: evaluate every
 * record of each kind instead of the window (also when there is no completed re-check to start from,
 * as-of went back, or the thresholds changed). Returns the progress (status 'done' when nothing is left).
 */
export function beginRecheck(db: Db, clock: Clock, asOf: string, opts: { full?: boolean } = {}): RecheckProgress {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  return inTransaction(ctx, () => {
    const fingerprint = fingerprintOf(loadSettings(db));
    const p = readProgress(db);
    const same = p && p.as_of === asOf && p.fingerprint === fingerprint && !opts.full;
    if (same) return p; // under way: continue it; done: nothing left for that day
    const from = p?.fingerprint === fingerprint && !opts.full && p.last_done && p.last_done <= asOf ? p.last_done : null;
    const now = clock.now().toISOString();
    const fresh: RecheckProgress = {
      status: 'running', as_of: asOf, since: from, last_done: p?.last_done ?? null, fingerprint, kind: RECHECK_KINDS[0], last_id: 0,
      records: 0, opened: 0, resolved: 0, batches: 0, started_at: now, updated_at: now, finished_at: null, work_ms: 0,
    };
    writeProgress(db, fresh);
    return fresh;
  });
}

/** Evaluates the next batch of the running re-check in one transaction; returns the progress after it. */
export function recheckBatch(db: Db, clock: Clock): RecheckProgress {
  const ctx: ServiceContext = { db, clock, actor: SYSTEM_ACTOR, lang: 'zh' };
  const started = performance.now();
  return inTransaction(ctx, (tx) => {
    const p = readProgress(db);
    if (!p || p.status !== 'running') throw new Error('no re-check under way (beginRecheck first)');
    const settings = loadSettings(tx.db);
    let kind = p.kind as RecordKind;
    let page: CandidatePage = { ids: [], allRules: new Set() };
    // skip to the next kind with candidates
    for (let after = p.last_id; ; after = 0) {
      page = candidatePage(db, kind, { since: p.since, asOf: p.as_of }, settings, after, kind === 'sales_lines' ? RECHECK_BATCH.sales_lines : RECHECK_BATCH.other);
      if (page.ids.length) break;
      const next = RECHECK_KINDS[RECHECK_KINDS.indexOf(kind) + 1];
      if (!next) break;
      kind = next;
    }
    const now = clock.now().toISOString();
    const next: RecheckProgress = { ...p, kind, updated_at: now, batches: p.batches + 1 };
    if (!page.ids.length) {
      Object.assign(next, { status: 'done', last_done: p.as_of, finished_at: now, last_id: 0, kind: null });
    } else {
      const r = evaluatePage(tx, kind, page, p.as_of);
      Object.assign(next, { last_id: page.ids[page.ids.length - 1], records: p.records + r.records, opened: p.opened + r.opened, resolved: p.resolved + r.resolved });
    }
    next.work_ms = p.work_ms + Math.round(performance.now() - started);
    writeProgress(db, next);
    return next;
  });
}

function evaluatePage(ctx: ServiceContext, kind: RecordKind, page: CandidatePage, asOf: string) {
  const rc = createSqlContext(ctx.db, asOf);
  const out = { records: 0, opened: 0, resolved: 0 };
  const add = (r: { opened: number; resolved: number }) => { out.records++; out.opened += r.opened; out.resolved += r.resolved; };
  const timeCodes = codesOf(kind, true);
  if (kind === 'sales_lines') {
    const views = saleLineViewsOf(ctx.db, page.ids);
    const active = activeFindingsOf(ctx, kind, [...views.values()].flat().map((v) => v.id!));
    const allCodes = codesOf(kind);
    for (const [order, lines] of views) {
      const all = page.allRules.has(order);
      for (const v of lines) {
        const found = evaluate(kind, v, rc, all ? {} : { timeDriven: true });
        add(syncFindings(ctx, kind, v.id!, all ? allCodes : timeCodes, found, findingContext(kind, v as Record<string, any>, rc), active.get(v.id!)));
      }
    }
    return out;
  }
  const active = activeFindingsOf(ctx, kind, page.ids);
  for (const id of page.ids) {
    const view = viewOf(ctx.db, kind, id);
    add(view
      ? syncFindings(ctx, kind, id, timeCodes, evaluate(kind, view as never, rc, { timeDriven: true }), findingContext(kind, view as Record<string, any>, rc), active.get(id))
      : resolveAllFor(ctx, kind, id));
  }
  return out;
}

/** The whole re-check as of a date, synchronously (CLI, tests); continues one under way for that date. */
export function recheck(db: Db, clock: Clock, asOf = clock.today(), opts: { full?: boolean; maxBatches?: number } = {}): RecheckResult & { progress: RecheckProgress } {
  const started = Date.now();
  let p = beginRecheck(db, clock, asOf, opts);
  const before = { records: p.records, opened: p.opened, resolved: p.resolved };
  for (let n = 0; p.status === 'running' && n < (opts.maxBatches ?? Infinity); n++) p = recheckBatch(db, clock);
  return {
    asOf, since: p.since, records: p.records - before.records, opened: p.opened - before.opened, resolved: p.resolved - before.resolved,
    ms: Date.now() - started, progress: p,
  };
}
