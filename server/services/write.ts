/**
 * The write path of single records: parse → permissions, scope, field guards, lifecycle → one synchronous
 * transaction writing the record, its inline children, the audit rows and the findings of the rules it
 * touches. Used by the API, the verbs, the seed and the master-data imports alike. Its bulk part,
 * server/services/bulk/ (the sales-ledger merge, voiding a whole import), writes millions of records in
 * raw SQL with the same guarantees, listed and tested there.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { hashSync } from '@node-rs/argon2';
import type { Resource } from '../../schema/define';
import { msg } from '../../schema/messages';
import { registry } from '../../schema/resources';
import { parseRecord, type FieldErrors } from '../../schema/validate';
import { badRequest, conflict, notFound, preconditionRequired, validationError } from '../errors';
import { authorize, checkFieldGuards, checkScope } from '../auth/rbac';
import { passwordProblem } from '../auth/password-policy';
import { writeAudit } from './audit';
import { afterUpdate, writeHooks } from './hooks';
import { enforceRules, isRuleKind } from './rules/enforce';
import { resolveAllFor } from './rules/findings';
import { editNeedsReason } from './sign';
import { checkStepOwned, lifecycleExempt, parentReviewChanges, raiseSuperseded, supersedeOnUpdate, supersedeParents } from './lifecycle';
import { LIFECYCLE } from '../../schema/lifecycle';
import { APPROVAL_SUPERSEDED } from '../../schema/rules';
import { inTransaction, type ServiceContext } from './context';
import { refuseLegacyDocument } from './verbs/legacy-guard';
import { refuseWhileMerging } from './bulk/merging-guard';
import { childRows, findRow, inlineChildren, prefetchRows, readRecord, rememberRow, serialize, type Row } from './records';

export interface WriteOptions {
  /**
   * An imported historical record: legacy required fields may be empty and the rules record findings
   * instead of refusing. Permissions, scope and field guards apply as for any write.
   */
  historical?: boolean;
  /** what the legacy system recorded about the record's approvals (schema/legacy.ts), kept beside it */
  legacyFacts?: Record<string, unknown> | null;
  /** why the change was made (kept in the audit row) */
  reason?: string | null;
  /** set by workflow verbs, whose own role list replaces the generic edit grant and field guards */
  verb?: boolean;
  /** an API edit: the record and every child sent with an id must carry the `version` read (428 without) */
  requireVersion?: boolean;
  /** a child voided with its parent (the parent's beforeVoid already decided) */
  parentVoided?: boolean;
  /** the demo seed (server/seed/writer.ts): its made-up history is written in its states, not through the steps */
  seed?: boolean;
  /** written by an import: historical, yet bound by the lifecycle like any edit (server/services/lifecycle.ts) */
  imported?: boolean;
}

type Values = Record<string, unknown>;

async function parseOrThrow(ctx: ServiceContext, resource: Resource, input: Values, mode: 'create' | 'update', opts: WriteOptions, id?: number) {
  const { values, errors } = parseRecord(resource, input, { lang: ctx.lang, mode, historical: opts.historical });
  const childErrors = parseChildren(ctx, resource, input, opts);
  Object.assign(errors, childErrors);
  for (const [key, spec] of Object.entries(resource.fields)) {
    if (spec.kind !== 'password' || typeof values[key] !== 'string') continue;
    const username = values.username ?? (id != null ? (await findRow(ctx.db, resource, id))?.username : undefined);
    const problem = passwordProblem(values[key] as string, typeof username === 'string' ? username : null);
    if (problem) errors[key] = msg(ctx.lang, problem);
  }
  if (Object.keys(errors).length) throw validationError(msg(ctx.lang, 'invalid_input'), errors);
  // Hash outside the transaction: argon2 is deliberately slow and must not hold the write lock.
  for (const [key, spec] of Object.entries(resource.fields)) {
    if (spec.kind === 'password' && typeof values[key] === 'string') values[key] = hashSync(values[key] as string);
  }
  return values;
}

/** Validates inline children up front so a bad line is reported as `sales_lines.2.quantity`. */
function parseChildren(ctx: ServiceContext, resource: Resource, input: Values, opts: WriteOptions): FieldErrors {
  const errors: FieldErrors = {};
  for (const child of inlineChildren(resource)) {
    const items = input[child.name];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      errors[child.name] = msg(ctx.lang, 'not_list');
      continue;
    }
    items.forEach((item: Values, i) => {
      const withParent = { ...item, [child.parent!.field]: 1 }; // the parent id is filled in on write
      const r = parseRecord(child, withParent, { lang: ctx.lang, mode: item?.id ? 'update' : 'create', historical: opts.historical });
      for (const [k, m] of Object.entries(r.errors)) errors[`${child.name}.${i}.${k}`] = m;
    });
  }
  return errors;
}

/**
 * References must point at existing, non-voided records (the FK alone would give a bare SQLite error).
 * On an edit only a reference that changes is checked: a record whose customer was voided later can
 * still be corrected, it just cannot be pointed at a voided record anew.
 */
async function checkReferences(ctx: ServiceContext, resource: Resource, values: Values, errors: FieldErrors, prefix = '', current?: Row) {
  for (const [key, spec] of Object.entries(resource.fields)) {
    if (spec.kind !== 'ref' || values[key] == null || spec.derive) continue;
    if (current && current[key] === values[key]) continue;
    const target = registry.get(spec.ref!)!;
    const row = await findRow(ctx.db, target, values[key] as number);
    const params = { target: target.label[ctx.lang === 'en' ? 1 : 0], value: values[key] as number };
    if (!row) errors[prefix + key] = msg(ctx.lang, 'ref_missing', params);
    else if (target.system && row.voided_at) errors[prefix + key] = msg(ctx.lang, 'ref_voided', params);
  }
}

/** Natural keys are unique among live records (voided ones keep their numbers for the record). */
async function checkNaturalKeys(ctx: ServiceContext, resource: Resource, merged: Values, selfId: number | null, errors: FieldErrors, prefix = '') {
  const t = resource.table;
  for (const keys of resource.naturalKey) {
    if (keys.some((k) => merged[k] == null || merged[k] === '')) continue;
    const conds = keys.map((k) => eq(t[k], merged[k]));
    if (resource.system) conds.push(isNull(t.voided_at));
    if (selfId != null) conds.push(ne(t.id, selfId));
    const dup = (await ctx.db
      .select({ id: t.id })
      .from(t)
      .where(and(...conds))
      .limit(1)
      .get()) as { id: number } | undefined;
    if (dup) {
      const fields = keys.map((k) => resource.fields[k].label[ctx.lang === 'en' ? 1 : 0]).join(' + ');
      for (const k of keys) errors[prefix + k] = msg(ctx.lang, 'duplicate_key', { fields, id: dup.id });
    }
  }
}

/** Fills fields copied from a referenced record (a line's sale date and customer come from its order). */
async function derive(ctx: ServiceContext, resource: Resource, values: Values, current?: Row) {
  for (const [key, spec] of Object.entries(resource.fields)) {
    if (!spec.derive) continue;
    const via = values[spec.derive.via] ?? current?.[spec.derive.via];
    const target = registry.get(resource.fields[spec.derive.via].ref!)!;
    const src = via == null ? undefined : await findRow(ctx.db, target, via as number);
    values[key] = src ? src[spec.derive.field] : null;
  }
}

/**
 * After a record changed, refresh the copies other (live) records keep of its fields. Each refreshed record
 * changed too: it gets a new version, its updated stamps and its own audit row (before/after as they were).
 */
async function propagate(ctx: ServiceContext, resource: Resource, before: Row, after: Row, opts: WriteOptions) {
  for (const other of registry.values()) {
    const derived = Object.entries(other.fields).filter(
      ([, spec]) => spec.derive && other.fields[spec.derive.via].ref === resource.name && before[spec.derive.field] !== after[spec.derive.field],
    );
    for (const via of new Set(derived.map(([, spec]) => spec.derive!.via))) {
      const t = other.table;
      const rows = (await ctx.db
        .select()
        .from(t)
        .where(and(eq(t[via], after.id), ...(other.system ? [isNull(t.voided_at)] : [])))
        .all()) as Row[];
      for (const current of rows) {
        const set: Values = {};
        for (const [key, spec] of derived) if (spec.derive!.via === via && current[key] !== after[spec.derive!.field]) set[key] = after[spec.derive!.field];
        if (!Object.keys(set).length) continue;
        const row = (await ctx.db
          .update(t)
          .set({ ...set, ...(other.system && { ...stamp(ctx, 'updated'), version: (current.version ?? 1) + 1 }) })
          .where(eq(t.id, current.id))
          .returning()
          .get()) as Row;
        rememberRow(ctx.db, other, row);
        await writeAudit(ctx, 'update', other.name, row.id, serialize(other, current), serialize(other, row), opts.reason);
        await propagate(ctx, other, current, row, opts);
      }
    }
  }
}

function stamp(ctx: ServiceContext, kind: 'created' | 'updated'): Values {
  return { [`${kind}_at`]: ctx.clock.now().toISOString(), [`${kind}_by`]: ctx.actor.id };
}

async function insertRow(ctx: ServiceContext, resource: Resource, values: Values, opts: WriteOptions, prefix = ''): Promise<Row> {
  authorize(ctx.actor, resource, 'create', ctx.lang);
  // A record starts in its initial state: step-owned fields are its verbs' (schema/lifecycle.ts).
  if (!lifecycleExempt(opts)) checkStepOwned(ctx, resource, values, undefined, prefix);
  checkFieldGuards(ctx.actor, resource, values, undefined, ctx.lang);
  await refuseLegacyDocument(ctx, resource, values); // a line added to a legacy order
  const errors: FieldErrors = {};
  await checkReferences(ctx, resource, values, errors, prefix);
  await checkNaturalKeys(ctx, resource, values, null, errors, prefix);
  if (Object.keys(errors).length) throw validationError(msg(ctx.lang, 'invalid_input'), errors);
  await derive(ctx, resource, values);
  await writeHooks(resource)?.beforeWrite?.(ctx, values, undefined, opts);
  await checkScope(ctx.db, ctx.actor, resource, values, ctx.lang, 'create');
  const legacy = prefix === '' && opts.legacyFacts ? { legacy_facts: opts.legacyFacts } : {};
  const row = (await ctx.db
    .insert(resource.table)
    .values({ ...values, ...legacy, ...stamp(ctx, 'created'), ...stamp(ctx, 'updated') })
    .returning()
    .get()) as Row;
  rememberRow(ctx.db, resource, row);
  await writeAudit(ctx, 'create', resource.name, row.id, null, serialize(resource, row), opts.reason);
  if (!lifecycleExempt(opts)) await returnParentsToReview(ctx, resource, undefined, row, opts);
  return row;
}

/** A new or changed licence / agent of an approved customer sends the customer back to review. */
async function returnParentsToReview(ctx: ServiceContext, resource: Resource, before: Row | undefined, after: Row, opts: WriteOptions) {
  const changed = parentReviewChanges(resource, before, after);
  if (!changed.length) return;
  await supersedeParents(ctx, resource, before, after, changed, (parentRes, parent, reset) =>
    updateRow(ctx, parentRes, parent, reset, { ...opts, verb: true, reason: opts.reason ?? APPROVAL_SUPERSEDED }),
  );
}

/** `propagateNow: false` when the caller propagates itself, after writing the inline children it was sent. */
async function updateRow(
  ctx: ServiceContext,
  resource: Resource,
  current: Row,
  values: Values,
  opts: WriteOptions,
  prefix = '',
  propagateNow = true,
): Promise<Row> {
  if (!opts.verb) {
    authorize(ctx.actor, resource, 'edit', ctx.lang);
    await checkScope(ctx.db, ctx.actor, resource, current, ctx.lang, 'edit');
    if (!lifecycleExempt(opts)) checkStepOwned(ctx, resource, values, current, prefix);
    checkFieldGuards(ctx.actor, resource, values, current, ctx.lang);
    await refuseLegacyDocument(ctx, resource, current);
  }
  await refuseWhileMerging(ctx, current);
  const errors: FieldErrors = {};
  await checkReferences(ctx, resource, values, errors, prefix, current);
  await checkNaturalKeys(ctx, resource, { ...current, ...values }, current.id, errors, prefix);
  if (Object.keys(errors).length) throw validationError(msg(ctx.lang, 'invalid_input'), errors);
  await derive(ctx, resource, values, current);
  await writeHooks(resource)?.beforeWrite?.(ctx, values, current, opts);
  await checkScope(ctx.db, ctx.actor, resource, { ...current, ...values }, ctx.lang, 'edit');
  if (prefix === '' && opts.legacyFacts) values = { ...values, legacy_facts: opts.legacyFacts };
  // An approval never silently survives a change to what it covered: the record goes back to review.
  const superseded = lifecycleExempt(opts) ? [] : supersedeOnUpdate(resource, current, values);
  const changed = Object.keys(values).filter((k) => JSON.stringify(values[k]) !== JSON.stringify(current[k]));
  if (!changed.length) return current;
  if (!opts.verb && !opts.reason?.trim() && resource.system && (await editNeedsReason(ctx.db, resource, current))) {
    throw validationError(msg(ctx.lang, 'reason_required'), { [`${prefix}_reason`]: msg(ctx.lang, 'reason_required') });
  }
  const row = (await ctx.db
    .update(resource.table)
    .set({ ...values, ...stamp(ctx, 'updated'), version: (current.version ?? 1) + 1 })
    .where(eq(resource.table.id, current.id))
    .returning()
    .get()) as Row;
  rememberRow(ctx.db, resource, row);
  await writeAudit(ctx, 'update', resource.name, row.id, serialize(resource, current), serialize(resource, row), opts.reason);
  await afterUpdate(ctx, resource, current, row); // e.g. a new password ends the user's sessions (hooks.ts)
  if (superseded.length) await raiseSuperseded(ctx, resource, row, LIFECYCLE[resource.name].review!, superseded);
  if (!lifecycleExempt(opts)) await returnParentsToReview(ctx, resource, current, row, opts);
  if (propagateNow) await propagate(ctx, resource, current, row, opts);
  return row;
}

/** A workflow verb's changes: written and audited like an edit, permitted by the verb's own roles. */
export async function applyChanges(ctx: ServiceContext, resource: Resource, current: Row, changes: Values, opts: WriteOptions): Promise<Row> {
  return updateRow(ctx, resource, current, changes, { ...opts, verb: true });
}

async function voidRow(ctx: ServiceContext, resource: Resource, current: Row, reason: string, opts: WriteOptions = {}): Promise<Row> {
  if (!opts.verb) {
    authorize(ctx.actor, resource, 'delete', ctx.lang);
    await checkScope(ctx.db, ctx.actor, resource, current, ctx.lang, 'delete');
  }
  await refuseWhileMerging(ctx, current);
  await writeHooks(resource)?.beforeVoid?.(ctx, current, opts);
  const row = (await ctx.db
    .update(resource.table)
    .set({ voided_at: ctx.clock.now().toISOString(), voided_by: ctx.actor.id, void_reason: reason, version: (current.version ?? 1) + 1 })
    .where(eq(resource.table.id, current.id))
    .returning()
    .get()) as Row;
  rememberRow(ctx.db, resource, row);
  await writeAudit(ctx, 'void', resource.name, row.id, serialize(resource, current), serialize(resource, row), reason);
  await afterUpdate(ctx, resource, current, row);
  if (isRuleKind(resource.name)) await resolveAllFor(ctx, resource.name, row.id);
  return row;
}

function checkVersion(ctx: ServiceContext, current: Row, sent: unknown, opts: WriteOptions) {
  if (sent === undefined || sent === null) {
    // Internal writers (importer, seed, workflows) and the bulk-edit route (PUT /api/:res/bulk) send none.
    if (opts.requireVersion) throw preconditionRequired(msg(ctx.lang, 'version_precondition'));
    return;
  }
  if (Number(sent) !== current.version) {
    throw conflict(msg(ctx.lang, 'version_conflict', { sent: String(sent), current: current.version ?? 1 }));
  }
}

/** Writes the inline children sent with a parent: with id → update, without → create, left out → void. */
/** Returns the ids of the children written, in the order the client sent them. */
async function writeChildren(ctx: ServiceContext, resource: Resource, parentId: number, input: Values, opts: WriteOptions, isNew: boolean): Promise<number[]> {
  const written: number[] = [];
  for (const child of inlineChildren(resource)) {
    const items = input[child.name] as Values[] | undefined;
    if (!items) continue;
    const field = child.parent!.field;
    const existing = new Map(isNew ? [] : (await childRows(ctx.db, child, parentId)).map((r) => [r.id, r]));
    const kept = new Set<number>();
    for (const [i, item] of items.entries()) {
      const prefix = `${child.name}.${i}.`;
      const current = item.id != null ? existing.get(Number(item.id)) : undefined;
      if (item.id != null && !current)
        throw validationError(msg(ctx.lang, 'invalid_input'), { [`${prefix}id`]: msg(ctx.lang, 'not_found', { resource: child.name, id: String(item.id) }) });
      const mode = current ? 'update' : 'create';
      const { values } = parseRecord(child, { ...item, [field]: parentId }, { lang: ctx.lang, mode, historical: opts.historical });
      values[field] = parentId;
      if (current) {
        checkVersion(ctx, current, item.version, opts);
        kept.add(current.id);
        written.push((await updateRow(ctx, child, current, values, opts, prefix)).id);
      } else {
        written.push((await insertRow(ctx, child, values, opts, prefix)).id);
      }
    }
    for (const [id, row] of existing) if (!kept.has(id)) await voidRow(ctx, child, row, opts.reason || msg(ctx.lang, 'removed_from_parent'), opts);
  }
  return written;
}

/**
 * Before a batch of creates in one write section (the demo seed's createAll): the records their references
 * (and their inline children's) point at, read per table in one query each (prefetchRows; PostgreSQL only). The
 * checks themselves are unchanged: each create still checks each reference, answered from the section's memo.
 */
export async function prefetchReferences(ctx: ServiceContext, resource: Resource, inputs: readonly Values[]): Promise<void> {
  const wanted = new Map<string, number[]>();
  const collect = (res: Resource, values: Values) => {
    for (const [key, spec] of Object.entries(res.fields)) {
      const id = values[key];
      if (spec.kind !== 'ref' || spec.derive || typeof id !== 'number') continue;
      wanted.set(spec.ref!, [...(wanted.get(spec.ref!) ?? []), id]);
    }
    for (const child of inlineChildren(res)) for (const item of (values[child.name] as Values[] | undefined) ?? []) collect(child, item);
  };
  for (const input of inputs) collect(resource, input);
  for (const [name, ids] of wanted) await prefetchRows(ctx.db, registry.get(name)!, ids);
}

export async function createRecord(ctx: ServiceContext, resource: Resource, input: Values, opts: WriteOptions = {}): Promise<Row> {
  authorize(ctx.actor, resource, 'create', ctx.lang); // before validation: a denied user learns nothing from field errors
  const hooks = writeHooks(resource);
  const fill = !opts.historical ? hooks?.fillInput : undefined;
  // Parsed before the write lock (a password's hash is slow) — unless an automatic number must be filled in:
  // that is the next free one under the lock (read before it, a create whose transaction interleaves — on
  // PostgreSQL, or any transaction that awaits real I/O — could take the same number).
  const parsed = fill ? undefined : await parseOrThrow(ctx, resource, input, 'create', opts);
  return inTransaction(ctx, async (tx) => {
    if (fill) input = await fill(tx, input);
    const values = parsed ?? (await parseOrThrow(tx, resource, input, 'create', opts));
    const row = await insertRow(tx, resource, values, opts);
    const childIds = await writeChildren(tx, resource, row.id, input, opts, true);
    if (!opts.historical) await hooks?.afterWrite?.(tx, undefined, (await findRow(tx.db, resource, row.id))!);
    await enforceRules(tx, resource.name, row, { historical: opts.historical, childIds });
    return (await readRecord(tx.db, resource, row.id))!;
  });
}

export async function updateRecord(ctx: ServiceContext, resource: Resource, id: number, input: Values, opts: WriteOptions = {}): Promise<Row> {
  authorize(ctx.actor, resource, 'edit', ctx.lang);
  const values = await parseOrThrow(ctx, resource, input, 'update', opts, id);
  return inTransaction(ctx, async (tx) => {
    const current = await findRow(tx.db, resource, id);
    if (!current) throw notFound(msg(ctx.lang, 'not_found', { resource: resource.name, id }));
    if (current.voided_at) throw badRequest(msg(ctx.lang, 'already_voided'));
    checkVersion(ctx, current, input.version, opts);
    // Children sent with the parent carry the versions the client read: write them (deriving from the
    // updated parent) before refreshing the copies the unsent ones keep, or their versions would be stale.
    const row = await updateRow(tx, resource, current, values, opts, '', false);
    const childIds = await writeChildren(tx, resource, id, input, opts, false);
    await propagate(tx, resource, current, row, opts);
    if (!opts.historical) await writeHooks(resource)?.afterWrite?.(tx, current, (await findRow(tx.db, resource, id))!);
    // with inline children sent, what changed is more than the row: every dependant is re-checked
    const before = inlineChildren(resource).some((c) => input[c.name] !== undefined) ? undefined : current;
    await enforceRules(tx, resource.name, (await findRow(tx.db, resource, id))!, { historical: opts.historical, childIds, before });
    return (await readRecord(tx.db, resource, id))!;
  });
}

/** `verb`: a workflow step voids it (its own roles permit it; the generic route's refusals do not apply). */
export async function voidRecord(
  ctx: ServiceContext,
  resource: Resource,
  id: number,
  reason: string | null | undefined,
  opts: WriteOptions = {},
): Promise<Row> {
  if (!opts.verb) authorize(ctx.actor, resource, 'delete', ctx.lang);
  if (!reason?.trim()) throw validationError(msg(ctx.lang, 'void_reason_required'), { reason: msg(ctx.lang, 'void_reason_required') });
  return inTransaction(ctx, async (tx) => {
    const current = await findRow(tx.db, resource, id);
    if (!current) throw notFound(msg(ctx.lang, 'not_found', { resource: resource.name, id }));
    if (current.voided_at) throw badRequest(msg(ctx.lang, 'already_voided'));
    await voidRow(tx, resource, current, reason.trim(), opts);
    for (const child of inlineChildren(resource)) {
      for (const row of await childRows(tx.db, child, id)) await voidRow(tx, child, row, reason.trim(), { ...opts, parentVoided: true });
    }
    await writeHooks(resource)?.afterVoid?.(tx, current);
    // Records that read the voided one are re-checked (never refused: voiding is always allowed).
    await enforceRules(tx, resource.name, current, { historical: true });
    return (await readRecord(tx.db, resource, id))!;
  });
}
