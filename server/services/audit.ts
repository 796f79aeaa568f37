/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so a row changed or
 * removed behind the application's back is detected by verifyAuditChain().
 */
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { auditLog } from '../../schema/tables';
import { toWellFormed } from '../../schema/unicode';
import { appendLater, type Db, primeWriteTransactions, sectionMemo } from '../db';
import type { ServiceContext } from './context';

export type AuditAction = 'create' | 'update' | 'void' | 'sign';

interface AuditContent {
  at: string;
  actor: number | null;
  action: string;
  resource: string;
  record_id: number | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** The hash of one row: its content as stored (JSON text for before/after) chained to the previous hash. */
export function auditHash(prev: string | null, r: AuditContent): string {
  const canonical = JSON.stringify([prev, r.at, r.actor, r.action, r.resource, r.record_id, r.before, r.after, r.reason]);
  return createHash('sha256').update(canonical).digest('hex');
}

type AuditArgs = [
  ctx: ServiceContext,
  action: AuditAction,
  resource: string,
  recordId: number,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  reason?: string | null,
];

/** The row's content as stored and hashed. */
function auditContent(...[ctx, action, resource, recordId, before, after, reason]: AuditArgs): AuditContent {
  return {
    at: ctx.clock.now().toISOString(),
    actor: ctx.actor.id,
    action,
    resource,
    record_id: recordId,
    before: before && JSON.stringify(before),
    after: after && JSON.stringify(after),
    // What SQLite stores (a lone surrogate becomes U+FFFD), so the hash covers exactly the stored text.
    reason: reason == null ? null : toWellFormed(reason),
  };
}

const AUDIT_TABLE = 'audit_log';
const TAIL = 'tail';
/** the columns an audit row is written with (before/after as the JSON text the hash covers) */
const AUDIT_COLUMNS = ['at', 'actor', 'action', 'resource', 'record_id', 'before', 'after', 'reason', 'prev_hash', 'hash'] as const;
const lastHash = (db: Db) => db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
// PostgreSQL: every write transaction reads the tail with its BEGIN and write lock (one round trip, server/db/pg.ts)
primeWriteTransactions('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1', (rows, memo) =>
  memo.set(AUDIT_TABLE, TAIL, (rows[0] as { hash: string | null } | undefined)?.hash ?? null),
);

/**
 * Appends one audit row; call it inside the transaction that makes the change, so both land or neither.
 * The write transaction holds the database's one write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory
 * lock every writer takes, server/db/pg.ts), so nobody else appends between reading the last hash and
 * inserting the next: the chain cannot fork.
 */
export async function writeAudit(...args: AuditArgs): Promise<void> {
  const [ctx, , , , before, after] = args;
  const content = auditContent(...args);
  // PostgreSQL: the tail is read once per write section and then kept there — the section holds the write lock,
  // so only its own appends move the tail (its memo forgets it at any other audit_log write and at a rollback
  // to a savepoint) — and the row goes with the transaction's next statement (appendLater), which the engine
  // sends before anything that reads the log.
  const memo = sectionMemo(ctx.db);
  const readTail = async () => ((await lastHash(ctx.db).get()) as { hash: string | null } | undefined)?.hash ?? null;
  const prev = memo ? await memo.read(AUDIT_TABLE, TAIL, readTail) : await readTail();
  const hash = auditHash(prev, content);
  const row = { ...content, prev_hash: prev, hash };
  if (
    !appendLater(
      ctx.db,
      AUDIT_TABLE,
      AUDIT_COLUMNS,
      AUDIT_COLUMNS.map((c) => row[c]),
    )
  ) {
    await ctx.db
      .insert(auditLog)
      .values({ ...content, before, after, prev_hash: prev, hash })
      .run();
  }
  memo?.set(AUDIT_TABLE, TAIL, hash);
}

/**
 * writeAudit for the SQLite bulk merge's synchronous transaction.
 * @db-sync the bulk merge's transaction is synchronous; everything else calls writeAudit.
 */
export function writeAuditSync(...args: AuditArgs): void {
  const [ctx, , , , before, after] = args;
  const content = auditContent(...args);
  const last = lastHash(ctx.db).get() as { hash: string | null } | undefined;
  const prev = last?.hash ?? null;
  ctx.db
    .insert(auditLog)
    .values({ ...content, before, after, prev_hash: prev, hash: auditHash(prev, content) })
    .run();
}

export interface ChainBreak {
  id: number;
  problem: 'hash' | 'prev_hash';
}

/** Rows read per page while verifying (keyset by id: a page is one short read, the chain may be millions of rows). */
const VERIFY_PAGE = 5000;

/** Walks the whole chain in id order; returns the rows whose hash or link does not match. */
export async function verifyAuditChain(db: Db): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  let prev: string | null = null;
  let rows = 0;
  for (let after = 0; ; ) {
    // raw SQL: before/after as the stored JSON text the hash covers (the table's columns would parse it)
    const page = (await db.all(
      sql`SELECT id, at, actor, action, resource, record_id, before, after, reason, prev_hash, hash FROM audit_log WHERE id > ${after} ORDER BY id LIMIT ${VERIFY_PAGE}`,
    )) as (AuditContent & { id: number; prev_hash: string | null; hash: string })[];
    for (const r of page) {
      rows++;
      if (r.prev_hash !== prev) breaks.push({ id: r.id, problem: 'prev_hash' });
      if (auditHash(r.prev_hash, r) !== r.hash) breaks.push({ id: r.id, problem: 'hash' });
      prev = r.hash;
    }
    if (page.length < VERIFY_PAGE) return { rows, breaks };
    after = page[page.length - 1].id;
  }
}
