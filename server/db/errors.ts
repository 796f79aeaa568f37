/**
 * Lock waits that gave up: nothing was written (the transaction rolled back), so HTTP answers 503 with
 * Retry-After and busy-retry may run the request again. SQLite: busy_timeout ran out (SQLITE_BUSY and its
 * extended codes). PostgreSQL: lock_timeout (55P03) or a deadlock victim (40P01).
 */
export const isDatabaseBusy = (e: unknown): boolean => {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY_') === true || code === '55P03' || code === '40P01';
};
