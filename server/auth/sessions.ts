/** Sign-in sessions: a random cookie token, stored only as its SHA-256, with a sliding expiry. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { sessions, users } from '../../schema/tables';
import type { Clock } from '../clock';
import { type Db, transaction } from '../db';
import { preparedRead } from '../db/prepared';
import { isDatabaseBusy } from '../errors';
import type { Actor } from '../services/context';

export const SESSION_COOKIE = 'gsp_session';
export const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const expiry = (clock: Clock) => new Date(clock.now().getTime() + SESSION_HOURS * 3600_000).toISOString();

export async function createSession(db: Db, clock: Clock, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await transaction(
    db,
    async () =>
      await db
        .insert(sessions)
        .values({ id: digest(token), user: userId, created_at: clock.now().toISOString(), expires_at: expiry(clock) })
        .run(),
  );
  return token;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await transaction(
    db,
    async () =>
      await db
        .delete(sessions)
        .where(eq(sessions.id, digest(token)))
        .run(),
  );
}

/** Every session of the user but the one with `keepToken` (after the user changed their own password). */
export async function endOtherSessions(db: Db, userId: number, keepToken: string): Promise<void> {
  await transaction(
    db,
    async () =>
      await db
        .delete(sessions)
        .where(and(eq(sessions.user, userId), ne(sessions.id, digest(keepToken))))
        .run(),
  );
}

export async function endAllSessions(db: Db, userId: number): Promise<void> {
  await transaction(db, async () => await db.delete(sessions).where(eq(sessions.user, userId)).run());
}

// Every API request looks its session up: prepared once (db/prepared.ts) — building it each time cost ≈ 0.15 ms
// on SQLite, a third of a small request's CPU, and more on PostgreSQL (the adapter maps the tables too).
async function lookUpSession(db: Db, id: string, now: string): Promise<unknown> {
  const q = preparedRead(db, 'session_user', () =>
    db
      .select({
        id: users.id,
        username: users.username,
        display_name: users.display_name,
        roles: users.roles,
        salesperson: users.salesperson,
        active: users.active,
        must_change_password: users.must_change_password,
        expires_at: sessions.expires_at,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.user))
      // A voided user is gone: their open sessions end with them (login refuses them too).
      .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expires_at, sql.placeholder('now')), isNull(users.voided_at))),
  );
  return q.get({ id, now });
}

/** The signed-in user for a cookie token, or undefined; extends the session on use. */
export async function sessionUser(db: Db, clock: Clock, token: string | undefined): Promise<Actor | undefined> {
  if (!token) return undefined;
  const id = digest(token);
  const row = (await lookUpSession(db, id, clock.now().toISOString())) as (Actor & { active: boolean; expires_at: string }) | undefined;
  if (!row?.active) return undefined;
  // Slide the expiry at most once a minute, so reads do not turn into writes.
  // Another connection holding the write lock (an import's merge) only postpones the slide: a read never waits.
  if (Date.parse(row.expires_at) - clock.now().getTime() < SESSION_HOURS * 3600_000 - 60_000) {
    try {
      await transaction(
        db,
        async () =>
          await db
            .update(sessions)
            .set({ expires_at: expiry(clock) })
            .where(eq(sessions.id, id))
            .run(),
      );
    } catch (e) {
      if (!isDatabaseBusy(e)) throw e;
    }
  }
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    roles: row.roles ?? [],
    salesperson: row.salesperson ?? null,
    must_change_password: !!row.must_change_password,
  };
}
