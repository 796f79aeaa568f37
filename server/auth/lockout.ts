/**
 * Sign-in protection: an account locks after MAX_FAILURES consecutive wrong passwords (stored, so it
 * survives restarts), and each client address gets a bounded number of attempts per minute (in memory).
 */
import { eq, sql } from 'drizzle-orm';
import { users } from '../../schema/tables';
import type { Clock } from '../clock';
import { type Db, transaction } from '../db';

export const MAX_FAILURES = 10;
export const LOCK_MINUTES = 30;
export const ATTEMPTS_PER_MINUTE = 30;

export function lockedUntil(user: { locked_until: string | null }, clock: Clock): string | null {
  return user.locked_until && user.locked_until > clock.now().toISOString() ? user.locked_until : null;
}

/** Counts a failure; returns the lock time when this failure locked the account. */
/** Counted in the database (one statement), so parallel guesses cannot each read the same old count. */
export async function recordFailure(db: Db, clock: Clock, user: { id: number }): Promise<string | null> {
  return transaction(db, async () => {
    const { failures } = (await db.get(
      sql`UPDATE users SET failed_logins = COALESCE(failed_logins, 0) + 1 WHERE id = ${user.id} RETURNING failed_logins AS failures`,
    )) as { failures: number };
    if (failures < MAX_FAILURES) return null;
    const lock = new Date(clock.now().getTime() + LOCK_MINUTES * 60_000).toISOString();
    await db.update(users).set({ locked_until: lock }).where(eq(users.id, user.id)).run();
    return lock;
  });
}

export async function recordSuccess(db: Db, user: { id: number; failed_logins: number | null }): Promise<void> {
  if (user.failed_logins)
    await transaction(db, async () => await db.update(users).set({ failed_logins: 0, locked_until: null }).where(eq(users.id, user.id)).run());
}

/** A fixed-window counter per client address. */
export function attemptLimiter(limit = ATTEMPTS_PER_MINUTE, windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string, now = Date.now()): number => {
    const w = windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (windows.size > 10_000) windows.clear(); // bounded memory under a spray of addresses
      windows.set(key, { start: now, count: 1 });
      return 0;
    }
    w.count++;
    return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
  };
}
