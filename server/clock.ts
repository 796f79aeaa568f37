/** The server's clock. GSP_TODAY (YYYY-MM-DD) pins the date for demos and reproducible tests. */
export interface Clock {
  now(): Date;
  /** today's date as YYYY-MM-DD (local business date) */
  today(): string;
}

export function systemClock(): Clock {
  return { now: () => new Date(), today: () => localDate(new Date()) };
}

/** A clock pinned to a day: the time of day still runs, so audit timestamps stay ordered. */
export function fixedDayClock(day: string): Clock {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`GSP_TODAY must be YYYY-MM-DD, got "${day}"`);
  const start = Date.now();
  const base = Date.parse(`${day}T09:00:00+08:00`);
  return { now: () => new Date(base + (Date.now() - start)), today: () => day };
}

/** The clock with its business date moved to `day` (rules judge as of then); timestamps keep the real time. */
export function asOfClock(clock: Clock, day: string): Clock {
  return { now: () => clock.now(), today: () => day };
}

/** Dates are business dates in China (UTC+8), whatever the server's zone. */
function localDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
