/**
 * PostgreSQL errors after which nothing was written (the statement failed, the transaction rolled back): the
 * write lock or a row lock not granted within lock_timeout (55P03 lock_not_available), a statement stopped by
 * statement_timeout (57014 query_canceled), a deadlock victim (40P01), a serialization failure (40001).
 */
const PG_BUSY = new Set(['55P03', '57014', '40P01', '40001']);

/**
 * Lock waits that gave up: nothing was written (the transaction rolled back), so HTTP answers 503 with
 * Retry-After and busy-retry may run the request again. SQLite: busy_timeout ran out (SQLITE_BUSY and its
 * extended codes). PostgreSQL: PG_BUSY.
 */
export const isDatabaseBusy = (e: unknown): boolean => {
  // Drizzle's node-postgres driver wraps the driver's error (DrizzleQueryError, the pg error as its cause)
  const err = e as { code?: string; cause?: { code?: string } } | null;
  const code = err?.code ?? err?.cause?.code;
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') === true || (!!code && PG_BUSY.has(code));
};
