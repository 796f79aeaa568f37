import type { Lang } from '../../schema/messages';
import type { Clock } from '../clock';
import { type Db, transaction } from '../db';
import type { Deferred } from './rules/targets';

export interface Actor {
  /** null only for the system itself (first start, scheduled jobs) */
  id: number | null;
  username: string;
  display_name: string;
  roles: string[];
  /** the salesperson record of a sales user: limits them to their own orders and contracts */
  salesperson?: number | null;
  /** a signed-in user who must change their password before anything else (server/auth/password-change.ts) */
  must_change_password?: boolean;
}

// The system itself (first start, demo seed, scheduled jobs) acts with the administrator's rights.
export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', display_name: '系统', roles: ['admin'] };

/** What every service verb runs with: the database (or the open transaction), the clock, who, and in which language. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  actor: Actor;
  lang: Lang;
  /**
   * Bulk writers (demo seed, importer) collect the records to re-check here instead of evaluating the
   * rules after every write; flushRules() then evaluates each once. Historical writes only: nothing is refused.
   */
  deferredRules?: Map<string, Deferred>;
}

/**
 * Runs `fn` in the write transaction (BEGIN IMMEDIATE on SQLite; a savepoint when already inside one).
 * `tx.db` is `ctx.db`: inside the callback's async context every query goes to the transaction's connection.
 */
export function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => Promise<T> | T): Promise<T> {
  return transaction(ctx.db, () => fn(ctx));
}
