/**
 * The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so a row changed or
 * removed behind the application's back is detected by verifyAuditChain().
 */
import { createHash } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { auditLog } from '../../schema/tables';
import { toWellFormed } from '../../schema/unicode';
import type { Db } from '../db';
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
 * Async like every service (a PostgreSQL engine's statements are); on SQLite it runs the synchronous append.
 */
export async function writeAudit(...args: Parameters<typeof writeAuditSync>): Promise<void> {
  writeAuditSync(...args);
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
  const content: AuditContent = {
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
  // Inside the IMMEDIATE write transaction nobody else can append, so the chain cannot fork.
  const last = ctx.db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get() as { hash: string | null } | undefined;
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

/** Walks the whole chain in id order; returns the rows whose hash or link does not match. */
export function verifyAuditChain(db: Db): { rows: number; breaks: ChainBreak[] } {
  const stmt = db.$client.prepare('SELECT id, at, actor, action, resource, record_id, before, after, reason, prev_hash, hash FROM audit_log ORDER BY id');
  const breaks: ChainBreak[] = [];
  let prev: string | null = null;
  let rows = 0;
  for (const r of stmt.iterate() as IterableIterator<AuditContent & { id: number; prev_hash: string | null; hash: string }>) {
    rows++;
    if (r.prev_hash !== prev) breaks.push({ id: r.id, problem: 'prev_hash' });
    if (auditHash(r.prev_hash, r) !== r.hash) breaks.push({ id: r.id, problem: 'hash' });
    prev = r.hash;
  }
  return { rows, breaks };
}
