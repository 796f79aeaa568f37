/**
 * References in a master-data file, written as the target's natural key (DOMAIN.md): customers by
 * 单位名称 or 统一社会信用代码, salespeople by 姓名, products by 批准文号 + 规格, batches by product + 批号,
 * contracts by 合同编号, orders by 单据编号 … The reference's own column holds the target field it is
 * labelled like (单位名称 → customers.name); `ref.field` columns hold the target's other key fields
 * (批准文号 → product.approval_no). Looked up with indexed queries inside the import's transaction, so
 * records created by earlier rows of the same file are found too.
 */
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import type { Lang } from '../../schema/messages';
import { registry } from '../../schema/resources';
import type { Db } from '../../server/db';
import { normalizeHeader } from '../headers/normalize-header';
import { imsg } from './messages';

export interface RefError {
  field: string;
  message: string;
}

/** The target field a reference's own column names (its label is that field's label or alias). */
export function ownField(res: Resource, key: string): string | null {
  const spec = res.fields[key];
  const target = registry.get(spec.ref!);
  if (!target) return null;
  const own = normalizeHeader(spec.label[0]);
  for (const [tk, ts] of Object.entries(target.fields)) {
    if ([ts.label[0], ...ts.aliases].some((n) => normalizeHeader(n) === own)) return tk;
  }
  return null;
}

const blank = (v: unknown) => v == null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && !v.length);
const canon = (field: string, v: unknown) => (field === 'credit_code' && typeof v === 'string' ? v.trim().toUpperCase() : typeof v === 'string' ? v.trim() : v);

/** Live records of `res` whose fields equal `values` (at most 2: enough to tell unique from ambiguous). */
export async function findByKey(db: Db, res: Resource, values: Record<string, unknown>): Promise<number[]> {
  const t = res.table;
  const conds: SQL[] = Object.entries(values).map(([k, v]) => eq(t[k], canon(k, v)));
  if (res.system) conds.push(isNull(t.voided_at));
  return (
    (await db
      .select({ id: t.id })
      .from(t)
      .where(and(...conds))
      .limit(2)
      .all()) as { id: number }[]
  ).map((r) => r.id);
}

/** Refs whose target's natural key includes another ref (a batch needs its product) come last. */
function refOrder(res: Resource): string[] {
  const refs = Object.entries(res.fields)
    .filter(([, s]) => s.kind === 'ref' && !s.derive && !s.readOnly)
    .map(([k]) => k);
  const needsRef = (k: string) =>
    (registry.get(res.fields[k].ref!)?.naturalKey ?? []).flat().some((f) => registry.get(res.fields[k].ref!)!.fields[f]?.kind === 'ref');
  return [...refs.filter((k) => !needsRef(k)), ...refs.filter(needsRef)];
}

/**
 * Resolves every reference of a normalised row in place: `values[ref]` becomes the target's id (or is
 * deleted when nothing was written for it); `ref.field` sub-keys are removed. Returns the errors.
 */
export async function resolveRefs(db: Db, res: Resource, values: Record<string, unknown>, lang: Lang, headerOf: (k: string) => string): Promise<RefError[]> {
  const errors: RefError[] = [];
  for (const key of refOrder(res)) {
    const spec = res.fields[key];
    const target = registry.get(spec.ref!)!;
    const own = ownField(res, key);
    const given: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (k.startsWith(`${key}.`) && !blank(v)) given[k.slice(key.length + 1)] = v;
    }
    if (!blank(values[key]) && own) given[own] = values[key];
    for (const k of Object.keys(values)) if (k.startsWith(`${key}.`)) delete values[k];
    if (!Object.keys(given).length) {
      if (!blank(values[key]) && !own && Number.isInteger(Number(values[key]))) {
        values[key] = Number(values[key]);
        continue;
      }
      delete values[key];
      continue;
    }
    // a key part that is itself a reference (a batch's product) comes from this row's resolved reference to that resource
    const fromRow = (f: string): unknown => {
      const fs = target.fields[f];
      if (fs?.kind !== 'ref') return given[f];
      const sibling = Object.entries(res.fields).find(([k2, s2]) => k2 !== key && s2.kind === 'ref' && s2.ref === fs.ref);
      return sibling ? values[sibling[0]] : undefined;
    };
    let found: number[] | null = null;
    for (const keys of target.naturalKey) {
      const vals = Object.fromEntries(keys.map((f) => [f, fromRow(f)]));
      if (keys.some((f) => blank(vals[f]) || (target.fields[f]?.kind === 'ref' && typeof vals[f] !== 'number'))) continue;
      found = await findByKey(db, target, vals);
      if (found.length) break;
    }
    if (!found?.length) {
      // no complete natural key: the fields given, as far as they go (一个通用名称 alone, unique)
      const plain = Object.fromEntries(Object.entries(given).filter(([f]) => target.fields[f] && target.fields[f].kind !== 'ref'));
      if (Object.keys(plain).length && !found) found = await findByKey(db, target, plain);
    }
    const shown = Object.values(given).map(String).join(' ');
    if (!found?.length) {
      errors.push({ field: headerOf(key), message: imsg(lang, 'not_found', { target: target.label[lang === 'en' ? 1 : 0], value: shown }) });
      delete values[key];
    } else if (found.length > 1) {
      const keys = target.naturalKey.map((k) => k.map((f) => target.fields[f].label[lang === 'en' ? 1 : 0]).join('+')).join(lang === 'en' ? ' or ' : ' 或 ');
      errors.push({ field: headerOf(key), message: imsg(lang, 'ambiguous', { target: target.label[lang === 'en' ? 1 : 0], value: shown, keys }) });
      delete values[key];
    } else {
      values[key] = found[0];
    }
  }
  return errors;
}

/** The existing live record a row updates: the first natural key of `res` the row fills and that matches. */
export async function existingRecord(db: Db, res: Resource, values: Record<string, unknown>): Promise<number | null> {
  for (const keys of res.naturalKey) {
    if (keys.some((k) => blank(values[k]))) continue;
    const ids = await findByKey(db, res, Object.fromEntries(keys.map((k) => [k, values[k]])));
    if (ids.length) return ids[0];
  }
  return null;
}
