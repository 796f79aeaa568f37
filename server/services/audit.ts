/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so a row changed or
 * removed behind the application's back is detected by verifyAuditChain().
 */
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { auditLog } from '../../schema/tables';
import { toWellFormed } from '../../schema/unicode';
import { type Db, engineOf } from '../db';
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

/**
 * Appends one audit row; call it inside the transaction that makes the change, so both land or neither.
 * Async like every service: on PostgreSQL the read of the last hash and the insert are awaited (the engine's
 * advisory write lock keeps the chain from forking); on SQLite they answer at once.
 */
export async function writeAudit(...args: Parameters<typeof writeAuditSync>): Promise<void> {
  const ctx = args[0];
  const content = auditContent(...args);
  const last = (await lastAudit(ctx).get()) as { hash: string | null } | undefined;
  await appendAudit(ctx, content, last?.hash ?? null, args[4], args[5]).run();
}

/**
 * writeAudit for the SQLite bulk merge's synchronous transaction.
 * @db-sync the bulk merge's transaction is synchronous; everything else calls writeAudit.
 */
export function writeAuditSync(
  ctx: ServiceContext,
  action: AuditAction,
  resource: string,
  recordId: number,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  reason?: string | null,
): void {
  const content = auditContent(ctx, action, resource, recordId, before, after, reason);
  // Inside the IMMEDIATE write transaction nobody else can append, so the chain cannot fork.
  const last = lastAudit(ctx).get() as { hash: string | null } | undefined;
  appendAudit(ctx, content, last?.hash ?? null, before, after).run();
}

function auditContent(...[ctx, action, resource, recordId, before, after, reason]: Parameters<typeof writeAuditSync>): AuditContent {
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

/** the last row's hash (the query; the caller runs it, awaited or inside the synchronous bulk merge) */
const lastAudit = (ctx: ServiceContext) => ctx.db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);

function appendAudit(ctx: ServiceContext, content: AuditContent, prev: string | null, before: unknown, after: unknown) {
  return ctx.db.insert(auditLog).values({ ...content, before, after, prev_hash: prev, hash: auditHash(prev, content) } as never);
}

export interface ChainBreak {
  id: number;
  problem: 'hash' | 'prev_hash';
}

/** Walks the whole chain in id order; returns the rows whose hash or link does not match. SQLite only (synchronous): verifyAudit on either engine. */
export function verifyAuditChain(db: Db): { rows: number; breaks: ChainBreak[] } {
  const check = chainCheck();
  for (const r of db.$client.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditRow>) check.row(r);
  return check.result;
}

/** verifyAuditChain on either engine: PostgreSQL's rows are read in pages by id (never the whole log in memory). */
export async function verifyAudit(db: Db): Promise<{ rows: number; breaks: ChainBreak[] }> {
  if (engineOf(db).dialect === 'sqlite') return verifyAuditChain(db);
  const check = chainCheck();
  for (let after = 0; ; ) {
    const page = (await db.all(sql`SELECT ${sql.raw(AUDIT_COLUMNS)} FROM audit_log WHERE id > ${after} ORDER BY id LIMIT ${AUDIT_PAGE}`)) as AuditRow[];
    for (const r of page) check.row(r);
    if (page.length < AUDIT_PAGE) return check.result;
    after = page[page.length - 1].id;
  }
}

type AuditRow = AuditContent & { id: number; prev_hash: string | null; hash: string };
const AUDIT_COLUMNS = 'id, at, actor, action, resource, record_id, before, after, reason, prev_hash, hash';
const AUDIT_PAGE = 5000;

function chainCheck() {
  const result = { rows: 0, breaks: [] as ChainBreak[] };
  let prev: string | null = null;
  return {
    result,
    row(r: AuditRow) {
      result.rows++;
      if (r.prev_hash !== prev) result.breaks.push({ id: r.id, problem: 'prev_hash' });
      if (auditHash(r.prev_hash, r) !== r.hash) result.breaks.push({ id: r.id, problem: 'hash' });
      prev = r.hash;
    },
  };
}
