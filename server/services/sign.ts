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
import { toWellFormed } from '../../schema/unicode';
import { forbidden, validationError } from '../errors';
import { lockedUntil, recordFailure, recordSuccess } from '../auth/lockout';
import { passwordChangeRequired } from '../auth/password-change';
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
    // Text as SQLite stores it (a lone surrogate reads back as U+FFFD), so the hash is the stored record's.
    .map((k) => [k, typeof row[k] === 'string' ? toWellFormed(row[k] as string) : (row[k] ?? null)]);
  return createHash('sha256')
    .update(JSON.stringify([resource.name, content]))
    .digest('hex');
}

/**
 * The signer proves who they are again: their password, checked before anything is written. A wrong one
 * counts with the sign-in's lockout (server/auth/lockout.ts): guessing through a signed verb locks the
 * account as guessing at the sign-in does, and a locked account signs nothing.
 */
export async function confirmPassword(ctx: ServiceContext, password: unknown): Promise<void> {
  const row =
    ctx.actor.id == null
      ? undefined
      : ((await ctx.db
          .select({
            id: users.id,
            password: users.password,
            failed_logins: users.failed_logins,
            locked_until: users.locked_until,
            must_change_password: users.must_change_password,
          })
          .from(users)
          .where(eq(users.id, ctx.actor.id))
          .get()) as
          | { id: number; password: string | null; failed_logins: number | null; locked_until: string | null; must_change_password: boolean | null }
          | undefined);
  const locked = row && lockedUntil(row, ctx.clock);
  if (locked) throw forbidden(msg(ctx.lang, 'account_locked', { until: locked }));
  // A password someone else set (or the first start's) is no proof of who signs.
  if (row?.must_change_password) throw passwordChangeRequired(ctx.lang);
  const ok = typeof password === 'string' && password && row?.password ? await verify(row.password, password).catch(() => false) : false;
  if (!ok) {
    const lock = row ? await recordFailure(ctx.db, ctx.clock, row) : null;
    if (lock) throw forbidden(msg(ctx.lang, 'account_locked', { until: lock }));
    throw validationError(msg(ctx.lang, 'signature_password'), { password: msg(ctx.lang, 'signature_password') });
  }
  if (row) await recordSuccess(ctx.db, row);
}

export async function writeSignature(ctx: ServiceContext, resource: Resource, row: Row, meaning: string, comment: string | null) {
  return await ctx.db
    .insert(signatures)
    .values({
      resource: resource.name,
      record_id: row.id,
      meaning,
      signer: ctx.actor.id!,
      signer_name: ctx.actor.display_name,
      signed_at: ctx.clock.now().toISOString(),
      record_hash: recordHash(resource, row),
      comment,
      created_at: ctx.clock.now().toISOString(),
      created_by: ctx.actor.id,
      updated_at: ctx.clock.now().toISOString(),
      updated_by: ctx.actor.id,
    })
    .returning()
    .get();
}

const FINAL_STATES = new Set(['approved', 'signed', 'closed']);

/** Once a record is approved or signed, every further edit must say why (GSP: changes are justified). */
export async function editNeedsReason(db: Db, resource: Resource, row: Row): Promise<boolean> {
  if (row.qa_status === 'approved' || FINAL_STATES.has(row.status as string)) return true;
  const signed = await db
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(eq(signatures.resource, resource.name), eq(signatures.record_id, row.id)))
    .limit(1)
    .get();
  return !!signed;
}

/** A record's signatures, each marked valid while the record still hashes to what was signed. */
export async function signaturesOf(db: Db, resource: Resource, row: Row) {
  const hash = recordHash(resource, row);
  return (
    (
      await db
        .select()
        .from(signatures)
        .where(and(eq(signatures.resource, resource.name), eq(signatures.record_id, row.id)))
        .orderBy(asc(signatures.id))
        .all()
    )
      // superseded: an approval the record no longer has (a change returned it to review, schema/lifecycle.ts)
      .map((s) => ({ ...s, valid: s.record_hash === hash, superseded: signatureSuperseded(resource.name, row, s.meaning) }))
  );
}
