/**
 * Electronic signatures (GSP 计算机系统; 21 CFR 11 in spirit): the signer re-enters their password; the
 * signature keeps who, when, what it means and a hash of the record as signed, so a later change to the
 * record shows the signature as broken.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { verify } from '@node-rs/argon2';
import type { Resource } from '../../schema/define';
import { msg } from '../../schema/messages';
import { signatures, users } from '../../schema/tables';
import { validationError } from '../errors';
import type { Db } from '../db';
import type { ServiceContext } from './context';
import type { Row } from './records';
import { signatureSuperseded } from './lifecycle';

// Bookkeeping columns that change without changing what was signed.
const UNSIGNED = new Set(['version', 'created_at', 'created_by', 'updated_at', 'updated_by']);

/** Hash of the stored row (as findRow returns it, without embedded children). */
export function recordHash(resource: Resource, row: Record<string, unknown>): string {
  const content = Object.keys(row)
    .filter((k) => !UNSIGNED.has(k) && !resource.fields[k]?.writeOnly)
    .sort()
    .map((k) => [k, row[k] ?? null]);
  return createHash('sha256').update(JSON.stringify([resource.name, content])).digest('hex');
}

/** The signer proves who they are again: their password, checked before anything is written. */
export async function confirmPassword(ctx: ServiceContext, password: unknown): Promise<void> {
  const row = ctx.actor.id == null ? undefined : ctx.db.select({ password: users.password }).from(users).where(eq(users.id, ctx.actor.id)).get();
  const ok = typeof password === 'string' && password && row?.password ? await verify(row.password as string, password).catch(() => false) : false;
  if (!ok) throw validationError(msg(ctx.lang, 'signature_password'), { password: msg(ctx.lang, 'signature_password') });
}

export function writeSignature(ctx: ServiceContext, resource: Resource, row: Row, meaning: string, comment: string | null) {
  return ctx.db
    .insert(signatures)
    .values({
      resource: resource.name, record_id: row.id, meaning, signer: ctx.actor.id!, signer_name: ctx.actor.display_name,
      signed_at: ctx.clock.now().toISOString(), record_hash: recordHash(resource, row), comment,
      created_at: ctx.clock.now().toISOString(), created_by: ctx.actor.id, updated_at: ctx.clock.now().toISOString(), updated_by: ctx.actor.id,
    })
    .returning()
    .get();
}

const FINAL_STATES = new Set(['approved', 'signed', 'closed']);

/** Once a record is approved or signed, every further edit must say why (GSP: changes are justified). */
export function editNeedsReason(db: Db, resource: Resource, row: Row): boolean {
  if (row.qa_status === 'approved' || FINAL_STATES.has(row.status as string)) return true;
  const signed = db
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(eq(signatures.resource, resource.name), eq(signatures.record_id, row.id)))
    .limit(1)
    .get();
  return !!signed;
}

/** A record's signatures, each marked valid while the record still hashes to what was signed. */
export function signaturesOf(db: Db, resource: Resource, row: Row) {
  const hash = recordHash(resource, row);
  return db
    .select()
    .from(signatures)
    .where(and(eq(signatures.resource, resource.name), eq(signatures.record_id, row.id)))
    .orderBy(asc(signatures.id))
    .all()
    // superseded: an approval the record no longer has (a change returned it to review, schema/lifecycle.ts)
    .map((s) => ({ ...s, valid: s.record_hash === hash, superseded: signatureSuperseded(resource.name, row, s.meaning) }));
}
