/**
 * Enforces schema/lifecycle.ts in the one write path (server/services/write.ts), for every role, admin
 * included: a generic create or update never sets a step-owned field (its verb does), and a change to what an
 * approval covered returns the record to review, with an APPROVAL_SUPERSEDED finding.
 */
import type { Resource } from '../../schema/define';
import { LIFECYCLE, stepKeys, stepOwned, type Review } from '../../schema/lifecycle';
import { msg, type Lang } from '../../schema/messages';
import { registry } from '../../schema/resources';
import { APPROVAL_SUPERSEDED, ruleMeta } from '../../schema/rules';
import type { FieldErrors } from '../../schema/validate';
import { findVerbSpec } from '../../schema/verbs';
import { validationError } from '../errors';
import type { ServiceContext } from './context';
import { syncFindings } from './rules/findings';
import { findRow, type Row } from './records';

type Values = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const idx = (lang: Lang) => (lang === 'en' ? 1 : 0);

export interface LifecycleOptions {
  verb?: boolean;
  historical?: boolean;
  seed?: boolean;
  imported?: boolean;
}

/**
 * Whether this write may set step-owned fields and keep approvals: a verb (it is the step), the demo seed
 * (it writes a made-up history in its states: server/seed/writer.ts) and a historical record written by the
 * server itself (a chain step's own parts, test fixtures of legacy documents). An import is never exempt: it
 * keeps what a file says of step-owned fields as legacy facts (schema/legacy.ts takeLegacy), and a re-import
 * that changes what an approval covered sends the record back to review like any edit.
 */
export function lifecycleExempt(opts: LifecycleOptions): boolean {
  return !!opts.verb || !!opts.seed || (!!opts.historical && !opts.imported);
}

/** The steps that set a field, as the user reads them: 「首营审核批准」或「首营审核驳回」. */
export function stepLabels(resource: string, field: string, lang: Lang): string {
  const names = stepKeys(resource, field).map((k) => {
    const [res, verb] = k.split('/');
    return findVerbSpec(res, verb)?.label[lang] ?? verb;
  });
  return names.join(lang === 'en' ? ' / ' : '」/「');
}

/**
 * A step-owned field sent with a generic write must equal what the record has (on create: its initial value,
 * the field's default or empty) — an unchanged value sent back by a form passes. 400 naming field and step.
 */
export function checkStepOwned(ctx: ServiceContext, resource: Resource, values: Values, current: Row | undefined, prefix = ''): void {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) {
    const owned = stepOwned(resource.name, key);
    if (!owned) continue;
    const before = current ? current[key] : (resource.fields[key]?.default ?? null);
    if (same(value, before)) continue;
    if (owned.plain?.includes(String(value)) && owned.plain.includes(String(before))) continue;
    const field = resource.fields[key].label[idx(ctx.lang)];
    errors[prefix + key] = msg(ctx.lang, 'step_owned', { field, steps: stepLabels(resource.name, key, ctx.lang) });
  }
  const first = Object.values(errors)[0];
  if (first) throw validationError(first, errors);
}

/**
 * Before an update of an approved record: the reviewed fields it changes. When there are any, the review's
 * reset is added to `values` (the record goes back to review in the same write).
 */
export function supersedeOnUpdate(resource: Resource, current: Row, values: Values): string[] {
  const review = LIFECYCLE[resource.name]?.review;
  if (!review?.approved(current)) return [];
  const changed = review.fields.filter((k) => k in values && !same(values[k], current[k]));
  if (changed.length) Object.assign(values, review.reset);
  return changed;
}

/** The fields of a licence or agent whose creation or change returns its (approved) parent to review. */
export function parentReviewChanges(resource: Resource, before: Row | undefined, after: Row): string[] {
  const rp = LIFECYCLE[resource.name]?.reviewsParent;
  if (!rp || !resource.parent) return [];
  return rp.fields.filter((k) => (before ? !same(before[k], after[k]) : after[k] != null && after[k] !== ''));
}

/**
 * Returns the approved parents of a changed child to review (the customer of a licence; both customers when
 * the licence moved). `apply` writes the reset as a step (audited like a verb's change).
 */
export async function supersedeParents(
  ctx: ServiceContext,
  resource: Resource,
  before: Row | undefined,
  after: Row,
  changed: string[],
  apply: (parentRes: Resource, parent: Row, reset: Values) => Row | Promise<Row>,
): Promise<void> {
  const parentRes = registry.get(resource.parent!.resource)!;
  const review = LIFECYCLE[parentRes.name]?.review;
  if (!review) return;
  const field = resource.parent!.field;
  const ids = new Set([after[field], before?.[field]].filter((v): v is number => typeof v === 'number'));
  const i = idx(ctx.lang);
  const labels = changed.map((k) => `${resource.label[i]}·${resource.fields[k].label[i]}`);
  for (const id of ids) {
    const parent = await findRow(ctx.db, parentRes, id);
    if (!parent || parent.voided_at || !review.approved(parent)) continue;
    const row = await apply(parentRes, parent, { ...review.reset });
    await raiseSuperseded(
      ctx,
      parentRes,
      row,
      review,
      changed.map((k) => `${resource.name}.${k}`),
      labels,
    );
  }
}

/** Opens the APPROVAL_SUPERSEDED finding on the record returned to review. */
export async function raiseSuperseded(ctx: ServiceContext, resource: Resource, row: Row, review: Review, fields: string[], labels?: string[]): Promise<void> {
  const names = (lang: Lang) => (labels && lang === ctx.lang ? labels : fields.map((k) => resource.fields[k]?.label[idx(lang)] ?? k));
  const text = (lang: Lang) =>
    msg(lang, 'approval_superseded', {
      approval: review.label[lang],
      state: review.backTo[lang],
      fields: names(lang).join(lang === 'en' ? ', ' : '、'),
    });
  const meta = ruleMeta(APPROVAL_SUPERSEDED)!;
  const customer = resource.name === 'customers' ? row.id : ((row.customer as number | null) ?? null);
  // No code is "evaluated" here, so an earlier APPROVAL_SUPERSEDED of the record stays open beside this one.
  await syncFindings(
    ctx,
    resource.name,
    row.id,
    new Set(),
    [
      {
        code: meta.code,
        severity: meta.severity,
        source: meta.source,
        fields,
        message: { zh: text('zh'), en: text('en') },
      },
    ],
    {
      customer,
      salesperson: (row.salesperson as number | null) ?? null,
      product: resource.name === 'products' ? row.id : ((row.product as number | null) ?? null),
      batch: (row.batch as number | null) ?? null,
      // the business date of what was approved (a line's sale, a contract's signing); master records have none
      record_date: ((row.sale_date ?? row.signed_at) as string | null | undefined)?.slice(0, 10) ?? null,
    },
  );
}

/** After a verb: a record approved again resolves its APPROVAL_SUPERSEDED findings. */
export async function resolveSupersededIfApproved(ctx: ServiceContext, resource: Resource, row: Row): Promise<void> {
  const review = LIFECYCLE[resource.name]?.review;
  if (review?.approved(row)) await syncFindings(ctx, resource.name, row.id, new Set([APPROVAL_SUPERSEDED]), []);
}

/** Whether a signature of this meaning stood for an approval the record no longer has (shown superseded). */
export function signatureSuperseded(resource: string, row: Row, meaning: string): boolean {
  const review = LIFECYCLE[resource]?.review;
  return !!review && review.meanings.includes(meaning) && !review.approved(row);
}
