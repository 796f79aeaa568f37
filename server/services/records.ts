/** Reading records the way the API shows them: write-only fields removed, inline children embedded. */
import { sectionMemo } from '../db';
import { preparedRead } from '../db/prepared';
import { and, asc, eq, getTableName, inArray, isNull, sql } from 'drizzle-orm';
import type { Resource } from '../../schema/define';
import { registry } from '../../schema/resources';
import type { Lang } from '../../schema/messages';
import type { Db } from '../db';
import { findingMessage } from './rules/finding-text';

export type Row = Record<string, unknown> & { id: number; version?: number };

/** The record as the API shows it; `lang` renders what is stored in both languages (a finding's message). */
export function serialize(resource: Resource, row: Record<string, unknown>, lang?: Lang): Row {
  const out = { ...row };
  if (lang && resource.name === 'findings') out.message = findingMessage({ message: row.message, detail: row.detail }, lang);
  for (const [key, spec] of Object.entries(resource.fields)) if (spec.writeOnly) delete out[key];
  return out as Row;
}

/** The better-sqlite3 connection under a Drizzle database or transaction (bulk SQL in the same transaction). */
export function clientOf(db: Db): Db['$client'] {
  return (db as { $client?: Db['$client'] }).$client ?? (db as unknown as { session: { client: Db['$client'] } }).session.client;
}

// Reading a row by id is the hottest query of every write (references, derived fields, version checks) and of
// every show: prepared once (db/prepared.ts), not built each time.
export async function findRow(db: Db, resource: Resource, id: number): Promise<Row | undefined> {
  const q = preparedRead(db, `row_${resource.name}`, () =>
    db
      .select()
      .from(resource.table)
      .where(eq(resource.table.id, sql.placeholder('id'))),
  );
  const load = async () => (await q.get({ id })) as Row | undefined;
  // PostgreSQL: inside a write section a row read before is answered from its memo until the section writes that
  // table (a create reads its order for the reference check, then for each derived field: one round trip, not three)
  const memo = sectionMemo(db);
  return memo ? memo.read(getTableName(resource.table), id, load) : load();
}

/**
 * PostgreSQL, inside a write section: the rows of `resource` with these ids read in one query into the section's
 * memo, so the findRow calls that follow (a batch of creates' reference checks and derived fields) are answered
 * without a round trip each. No-op on SQLite (a read there is no round trip) and outside a section.
 */
export async function prefetchRows(db: Db, resource: Resource, ids: Iterable<number>): Promise<void> {
  const memo = sectionMemo(db);
  if (!memo) return;
  const table = getTableName(resource.table);
  const wanted = [...new Set(ids)].filter((id) => Number.isInteger(id) && !memo.has(table, id));
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = (await db
      .select()
      .from(resource.table)
      .where(inArray(resource.table.id, wanted.slice(i, i + 1000)))
      .all()) as Row[];
    for (const r of rows) memo.set(table, r.id, r);
  }
}

/**
 * PostgreSQL: a row the write section just wrote (`returning()`, all columns) is what the next findRow of it
 * answers, without reading it back (no-op outside a section and on SQLite).
 */
export function rememberRow(db: Db, resource: Resource, row: Row): void {
  sectionMemo(db)?.set(getTableName(resource.table), row.id, row);
}

export function inlineChildren(resource: Resource): Resource[] {
  return [...registry.values()].filter((c) => c.parent?.resource === resource.name && c.parent.inline);
}

export async function childRows(db: Db, child: Resource, parentId: number): Promise<Row[]> {
  const t = child.table;
  return (await db
    .select()
    .from(t)
    .where(and(eq(t[child.parent!.field], parentId), isNull(t.voided_at)))
    .orderBy(asc(t.id))
    .all()) as Row[];
}

/** The record as GET /api/:res/:id returns it. */
export async function readRecord(db: Db, resource: Resource, id: number, lang?: Lang): Promise<Row | undefined> {
  const row = await findRow(db, resource, id);
  if (!row) return undefined;
  const out = serialize(resource, row, lang);
  for (const child of inlineChildren(resource)) out[child.name] = (await childRows(db, child, id)).map((r) => serialize(child, r));
  return out;
}
