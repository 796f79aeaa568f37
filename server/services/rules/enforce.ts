/**
 * Live enforcement: after a write (inside its transaction) the rules run on every record it touches. A
 * new `error` finding on the written record refuses the write (HTTP 400, the rule code on the field);
 * everything else becomes, stays or stops being a finding. Historical records (imports, demo data) are
 * never refused: their errors are findings for QA.
 */
import type { FieldErrors } from '../../../schema/validate';
import { RECORD_KINDS, evaluate, rulesFor, type Finding, type RecordKind, type RecordViews } from '../../../schema/rules';
import * as t from '../../../schema/tables';
import { msg } from '../../../schema/messages';
import { validationError } from '../../errors';
import { engineOf } from '../../db';
import { inTransaction, type ServiceContext } from '../context';
import { activeFindingsOf, resolveAllFor, syncFindings, type FindingRow } from './findings';
import { liveRowsIn } from './bulk-rows';
import { createSqlContext, settled } from './sql-context';
import { deferredTargetsOf, resolveDeferred, targetsOf, type Target } from './targets';
import { saleLineViewsOf, viewOf, viewsOf } from './views';
import { fieldFor } from './field-map';
import { findingContext } from './finding-context';

const RULE_KINDS = new Set<string>(RECORD_KINDS);
const LIVE_CODES = new Map<string, Set<string>>();
function liveCodes(kind: RecordKind): Set<string> {
  if (!LIVE_CODES.has(kind)) LIVE_CODES.set(kind, new Set(rulesFor(kind, { periodic: false }).map((r) => r.code)));
  return LIVE_CODES.get(kind)!;
}

/**
 * Errors that describe a workflow step still to come rather than a wrong entry: an outbound slip is
 * written when the goods are picked and reviewed afterwards (the review verb resolves the finding), so
 * a slip awaiting review is saved with an open finding; one reviewed by its own picker is refused.
 */
const AWAITING_STEP: Record<string, (view: Record<string, unknown>) => boolean> = {
  OUTBOUND_NOT_REVIEWED: (slip) => !slip.reviewed_by,
  // A draft order's line may wait for the sales head's price approval (sales_lines/approve-price);
  // confirming the order refuses it while unapproved (server/services/workflows/fulfilment/confirm-order.ts).
  PRICE_OUT_OF_RANGE: (line) => line.order_status === 'draft',
};

export interface EnforceOptions {
  historical?: boolean;
  /** ids of inline children in the order the client sent them (to name `sales_lines.2.batch`) */
  childIds?: number[];
  /** an edit's record before it: a master edit re-checks dependants only when a column rules read changed */
  before?: Record<string, any>;
}

export async function enforceRules(ctx: ServiceContext, resource: string, row: Record<string, any>, opts: EnforceOptions = {}): Promise<void> {
  if (ctx.deferredRules && opts.historical) {
    // a sales record's lines are looked up at the flush, for all such writes at once (resolveDeferred)
    const notes = (!opts.before && deferredTargetsOf(resource, row)) || (await targetsOf(ctx.db, resource, row, opts.before));
    for (const n of notes) ctx.deferredRules.set('linesOf' in n ? `${n.linesOf}-lines:${n.id}` : `${n.kind}:${n.id}`, n);
    return;
  }
  const targets = dedupe(await targetsOf(ctx.db, resource, row, opts.before));
  if (!targets.length) return;
  await evaluateTargets(ctx, resource, targets, opts);
}

/** Evaluates the records a bulk writer deferred, each once, in transactions of `batch` records. */
export async function flushRules(ctx: ServiceContext, batch = 500): Promise<number> {
  const notes = [...(ctx.deferredRules?.values() ?? [])];
  ctx.deferredRules?.clear();
  const plain = { ...ctx, deferredRules: undefined };
  const all = await resolveDeferred(plain.db, notes);
  for (let i = 0; i < all.length; i += batch) {
    await inTransaction(plain, (tx) => evaluateTargets(tx, '', all.slice(i, i + batch), { historical: true }));
  }
  return all.length;
}

async function evaluateTargets(ctx: ServiceContext, resource: string, targets: Target[], opts: EnforceOptions): Promise<void> {
  const rc = await createSqlContext(ctx.db, ctx.clock.today());
  const errors: FieldErrors = {};
  // The views and active findings of the targets, read per kind for all of them at once (a deferred pass
  // evaluates 500 records per transaction; a master edit re-checks up to 100 lines: targets.ts) — one view
  // and one findings query per record cost ~20 queries per line and 2–6 per other record before.
  const byKind = new Map<RecordKind, number[]>();
  for (const x of targets) {
    const ids = byKind.get(x.kind);
    if (ids) ids.push(x.id);
    else byKind.set(x.kind, [x.id]);
  }
  const views = new Map<RecordKind, Map<number, any>>();
  const active = new Map<RecordKind, Map<number, FindingRow[]>>();
  for (const [kind, ids] of byKind) {
    if (kind === 'sales_lines') views.set(kind, await lineViewsOf(ctx, ids));
    else if (ids.length > 1) views.set(kind, await viewsOf(ctx.db, kind, ids));
    if (ids.length > 1) active.set(kind, await activeFindingsOf(ctx, kind, ids));
  }
  // PostgreSQL: the rules' look-ups for all those records first, one query per kind and round (sql-context.ts
  // settled), so the loop below answers them from the context instead of a few round trips per record
  if (targets.length > 1 && engineOf(ctx.db).dialect === 'postgres') {
    await settled(rc, () => {
      for (const [kind, byId] of views)
        for (const view of byId.values()) {
          evaluate(kind, view, rc);
          findingContext(kind, view, rc);
        }
    });
  }
  for (const target of targets) {
    const view: any = views.has(target.kind) ? views.get(target.kind)!.get(target.id) : await viewOf(ctx.db, target.kind, target.id);
    if (!view) {
      await resolveAllFor(ctx, target.kind, target.id);
      continue;
    }
    const [found, extra] = await settled(rc, () => [evaluate(target.kind, view, rc), findingContext(target.kind, view, rc)] as const);
    const codes = new Set(rulesFor(target.kind).map((r) => r.code));
    const { openedFindings } = await syncFindings(ctx, target.kind, target.id, codes, found, extra, active.get(target.kind)?.get(target.id));
    if (!target.own || opts.historical) continue;
    for (const f of openedFindings) {
      if (f.severity !== 'error' || !liveCodes(target.kind).has(f.code) || AWAITING_STEP[f.code]?.(view)) continue;
      addError(errors, f, fieldsFor(resource, target, f, opts.childIds), ctx.lang);
    }
  }
  if (Object.keys(errors).length) throw validationError(msg(ctx.lang, 'rule_refused'), errors);
}

/** The views of live sales lines by id (views come per order: every line of their orders is built at once). */
async function lineViewsOf(ctx: ServiceContext, ids: number[]): Promise<Map<number, RecordViews['sales_lines']>> {
  const out = new Map<number, RecordViews['sales_lines']>();
  if (!ids.length) return out;
  const orders = (await liveRowsIn(ctx.db, t.salesLines, 'id', ids)).map((l) => l.order as number);
  for (const views of (await saleLineViewsOf(ctx.db, orders)).values()) for (const v of views) out.set(v.id as number, v);
  return out;
}

function fieldsFor(resource: string, target: Target, f: Finding, childIds?: number[]): string[] {
  const out = new Set<string>();
  for (const field of f.fields.length ? f.fields : ['']) out.add(fieldFor(resource, target, field, childIds));
  return [...out];
}

function addError(errors: FieldErrors, f: Finding, keys: string[], lang: 'zh' | 'en') {
  const text = `[${f.code}] ${lang === 'en' ? f.message.en : f.message.zh}`;
  for (const key of keys) {
    const k = key || 'root';
    if (k === 'root') continue;
    errors[k] = errors[k] ? `${errors[k]}；${text}` : text;
  }
  if (keys.every((k) => !k || k === 'root')) errors._rules = errors._rules ? `${errors._rules}；${text}` : text;
}

function dedupe(targets: Target[]): Target[] {
  const seen = new Map<string, Target>();
  for (const t of targets) {
    const key = `${t.kind}:${t.id}`;
    const had = seen.get(key);
    if (!had || (!had.own && t.own)) seen.set(key, t);
  }
  return [...seen.values()];
}

export function isRuleKind(resource: string): boolean {
  return RULE_KINDS.has(resource);
}
