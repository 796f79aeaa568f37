/** Business-date arithmetic on YYYY-MM-DD strings (UTC-based, so no time-zone drift). */

const toUtc = (d: string): number => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * 86_400_000);
}

/** same day n months later, clamped to the month's end (01-31 + 1 month = 02-28) */
export function addMonths(d: string, n: number): string {
  const y = +d.slice(0, 4);
  const m = +d.slice(5, 7) - 1 + n;
  const day = +d.slice(8, 10);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(y, m, Math.min(day, last)));
}

/** 0 = Sunday … 6 = Saturday */
export const weekday = (d: string): number => new Date(toUtc(d)).getUTCDay();
export const monthOf = (d: string): string => d.slice(0, 7);
export const monthStart = (d: string): string => `${d.slice(0, 7)}-01`;
export const monthEnd = (d: string): string => addDays(addMonths(monthStart(d), 1), -1);
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
export const compact = (d: string): string => d.replaceAll('-', '');

/** a timestamp on a business day, in China time (stored by the write service as UTC ISO) */
export const at = (d: string, hour: number, minute: number): string => `${d}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
