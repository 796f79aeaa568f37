/** Reading records the way the API shows them: write-only fields removed, inline children embedded. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { registry } from '../../schema/resources';
import type { Db } from '../db';

export type Row = Record<string, unknown> & { id: number; version?: number };

export function serialize(resource: Resource, row: Record<string, unknown>): Row {
  const out = { ...row };
  for (const [key, spec] of Object.entries(resource.fields)) if (spec.writeOnly) delete out[key];
  return out as Row;
}

export function findRow(db: Db, resource: Resource, id: number): Row | undefined {
  return db.select().from(resource.table).where(eq(resource.table.id, id)).get() as Row | undefined;
}

export function inlineChildren(resource: Resource): Resource[] {
  return [...registry.values()].filter((c) => c.parent?.resource === resource.name && c.parent.inline);
}

export function childRows(db: Db, child: Resource, parentId: number): Row[] {
  const t = child.table;
  return db.select().from(t).where(and(eq(t[child.parent!.field], parentId), isNull(t.voided_at))).orderBy(asc(t.id)).all() as Row[];
}

/** The record as GET /api/:res/:id returns it. */
export function readRecord(db: Db, resource: Resource, id: number): Row | undefined {
  const row = findRow(db, resource, id);
  if (!row) return undefined;
  const out = serialize(resource, row);
  for (const child of inlineChildren(resource)) out[child.name] = childRows(db, child, id).map((r) => serialize(child, r));
  return out;
}
