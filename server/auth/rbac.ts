/** Enforces schema/permissions.ts: actions per role, field guards and record scopes. */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { ROLE } from '../../schema/enums';
import { msg, type Lang } from '../../schema/messages';
import { can, canSetField, ownScope, type Action } from '../../schema/permissions';
import { stepOwned } from '../../schema/lifecycle';
import { registry } from '../../schema/resources';
import type { Db } from '../db';
import { forbidden } from '../errors';
import type { Actor } from '../services/context';

const ACTION_LABELS: Record<Action, [string, string]> = {
  list: ['查看列表', 'list'],
  show: ['查看', 'view'],
  export: ['导出', 'export'],
  create: ['新建', 'create'],
  edit: ['修改', 'edit'],
  delete: ['作废', 'void'],
};

function roleNames(actor: Actor, lang: Lang): string {
  const i = lang === 'en' ? 1 : 0;
  return actor.roles.map((r) => ROLE.labels[r as keyof typeof ROLE.labels]?.[i] ?? r).join('、') || '-';
}

export function authorize(actor: Actor, resource: Resource, action: Action, lang: Lang): void {
  if (can(actor.roles, resource.name, action)) return;
  throw forbidden(
    msg(lang, 'forbidden_action', {
      roles: roleNames(actor, lang),
      action: ACTION_LABELS[action][lang === 'en' ? 1 : 0],
      resource: resource.label[lang === 'en' ? 1 : 0],
    }),
  );
}

/** A value sent for a guarded field must not change it unless one of the actor's roles may set it. */
export function checkFieldGuards(
  actor: Actor,
  resource: Resource,
  values: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  lang: Lang,
): void {
  for (const [key, value] of Object.entries(values)) {
    // step-owned fields are the lifecycle's (server/services/lifecycle.ts checkStepOwned, checked before this)
    if (stepOwned(resource.name, key) || canSetField(actor.roles, resource.name, key)) continue;
    const before = current ? current[key] : (resource.fields[key]?.default ?? null);
    if (JSON.stringify(value ?? null) !== JSON.stringify(before ?? null)) {
      throw forbidden(msg(lang, 'forbidden_field', { field: resource.fields[key].label[lang === 'en' ? 1 : 0], roles: roleNames(actor, lang) }));
    }
  }
}

function splitPath(resource: Resource, path: string): { via?: string; target?: Resource; field: string } {
  const [first, second] = path.split('.');
  if (!second) return { field: first };
  return { via: first, target: registry.get(resource.fields[first].ref!)!, field: second };
}

/** The condition of the own-record path alone (undefined when unrestricted). */
function ownCondition(db: Db, actor: Actor, resource: Resource, action: Action): SQL | undefined {
  const path = ownScope(actor.roles, resource.name, action);
  if (!path) return undefined;
  const own = actor.salesperson ?? null;
  if (own == null) return sql`FALSE`;
  const p = splitPath(resource, path);
  if (!p.via) return eq(resource.table[p.field], own);
  return inArray(resource.table[p.via], db.select({ id: p.target!.table.id }).from(p.target!.table).where(eq(p.target!.table[p.field], own)));
}

/** Roles that see every import (its original file, rejected rows and report); others see their own. */
export const IMPORT_READERS: readonly string[] = ['admin', 'qa', 'auditor'];

/**
 * Side doors: records that are ABOUT another record (audit_log, signatures and findings name it by
 * `resource` + `record_id`) are shown exactly when that record would be; imports, their rejected rows and
 * the findings of rows that became no record belong to the user who imported them (IMPORT_READERS see all).
 */
function sideDoorCondition(db: Db, actor: Actor, resource: Resource): SQL | undefined {
  const t = resource.table;
  const conds: SQL[] = [];
  if (Object.hasOwn(resource.fields, 'resource') && Object.hasOwn(resource.fields, 'record_id')) {
    for (const target of registry.values()) {
      const own = ownCondition(db, actor, target, 'show');
      if (own) conds.push(sql`(${t.resource} <> ${target.name} OR ${t.record_id} IN (SELECT ${target.table.id} FROM ${target.table} WHERE ${own}))`);
    }
  }
  if (!actor.roles.some((r) => IMPORT_READERS.includes(r))) {
    const ownImports = sql`(SELECT id FROM imports WHERE created_by = ${actor.id ?? -1})`;
    if (resource.name === 'imports') conds.push(sql`${t.created_by} = ${actor.id ?? -1}`);
    else if (resource.name === 'import_rejects') conds.push(sql`${t.import} IN ${ownImports}`);
    else if (resource.name === 'findings') conds.push(sql`(${t.import} IS NULL OR ${t.record_id} IS NOT NULL OR ${t.import} IN ${ownImports})`);
  }
  return conds.length ? and(...conds) : undefined;
}

/** The list condition limiting a scoped role to its own records (undefined when unrestricted). */
export function scopeCondition(db: Db, actor: Actor, resource: Resource, action: Action = 'list'): SQL | undefined {
  const own = ownCondition(db, actor, resource, action);
  const side = sideDoorCondition(db, actor, resource);
  return own && side ? and(own, side) : (own ?? side);
}

/**
 * Whether a (new or stored) record lies inside the actor's scope for `action` (show, create, edit, delete;
 * a verb counts as edit). Callers should pass the action: without it the scope is the one of reads, which a
 * multi-role user's read-only role lifts for writes too.
 */
export async function inScope(db: Db, actor: Actor, resource: Resource, record: Record<string, unknown>, action?: Action): Promise<boolean> {
  // A stored record about another one (or from an import): the same condition as the list, on its id.
  const side = typeof record.id === 'number' ? sideDoorCondition(db, actor, resource) : undefined;
  if (
    side &&
    !(await db
      .select({ id: resource.table.id })
      .from(resource.table)
      .where(and(eq(resource.table.id, record.id as number), side))
      .get())
  )
    return false;
  const path = ownScope(actor.roles, resource.name, action);
  if (!path) return true;
  const own = actor.salesperson ?? null;
  if (own == null) return false;
  const p = splitPath(resource, path);
  if (!p.via) return record[p.field] === own;
  const parent =
    record[p.via] == null
      ? undefined
      : await db
          .select()
          .from(p.target!.table)
          .where(eq(p.target!.table.id, record[p.via] as number))
          .get();
  return !!parent && (parent as Record<string, unknown>)[p.field] === own;
}

export async function checkScope(db: Db, actor: Actor, resource: Resource, record: Record<string, unknown>, lang: Lang, action?: Action): Promise<void> {
  if (!(await inScope(db, actor, resource, record, action))) throw forbidden(msg(lang, 'forbidden_record'));
}
