/**
 * Date arithmetic on `YYYY-MM-DD` strings. Everything goes through Date.UTC, so the result never depends
 * on the machine's time zone. ISO dates compare correctly as strings; helpers here are for the rest.
 *
 * Convention for "within N days of X" (every deadline rule): the deadline is `addDays(X, N)` and is still
 * in time; the first late day is `addDays(X, N + 1)`. Example: outbound 2024-05-01, 15 days → confirming
 * on 2024-05-16 is in time, 2024-05-17 is late.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Business dates are China dates: a timestamp with a zone is read in UTC+8. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export type IsoDate = string;

// and the last two answers in front of it: one line's rules ask about the same few strings in a row
let lastA = '';
let lastAOk = false;
let lastB = '';
let lastBOk = false;

export function isIsoDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  if (s === lastA) return lastAOk;
  if (s === lastB) return lastBOk;
  const ok = isIsoDateSeen(s);
  lastB = lastA;
  lastBOk = lastAOk;
  lastA = s;
  lastAOk = ok;
  return ok;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** `YYYY-MM-DD` naming a real day, read character by character (a regex and a Date per string before; a
 * cache of strings could not help an import, whose cells are new strings every row). Years before 100 are
 * refused, as Date.UTC (which reads them as 19xx) made them. */
function isIsoDateSeen(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

// Day numbers and the dates they name, remembered both ways (bounded; pure caches): the deadline rules
// call addDays/daysBetween for every row of an import, and Date formatting is the slow part.
const dayOf = new Map<string, number>();
const isoOf = new Map<number, string>();

function toDayNumber(date: IsoDate): number {
  const hit = dayOf.get(date);
  if (hit !== undefined) return hit;
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const day = Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS;
  if (dayOf.size >= 100_000) dayOf.clear();
  dayOf.set(date, day);
  return day;
}

function fromDayNumber(day: number): IsoDate {
  let iso = isoOf.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoOf.size >= 100_000) isoOf.clear();
    isoOf.set(day, iso);
  }
  return iso;
}

/**
 * The calendar date of a date or timestamp value: `2024-03-05`, `2024-03-05 14:00`, `2024-03-05T14:00`
 * → `2024-03-05`; a timestamp carrying a zone (`…Z`, `…+00:00`) is converted to China time first.
 * Anything unreadable → null.
 */
export function dateOf(value: string | null | undefined): IsoDate | null {
  if (value == null) return null;
  if (typeof value === 'string' && value.length === 10 && isIsoDate(value)) return value;
  const s = String(value).trim();
  if (s === '') return null;
  if (isIsoDate(s)) return s;
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  }
  const head = s.slice(0, 10);
  return isIsoDate(head) && /^[ T]/.test(s.slice(10)) ? head : null;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** `YYYY-MM` of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** The month after (or before, with a negative step) `YYYY-MM`. */
export function addMonths(month: string, step: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + step;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last` inclusive (`YYYY-MM`); empty when `first` is later. */
export function monthsFromTo(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function endOfMonth(month: string): IsoDate {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** Inclusive on both ends; a missing bound is open. */
export function withinValidity(date: IsoDate, from: string | null | undefined, to: string | null | undefined): boolean {
  const f = dateOf(from);
  const t = dateOf(to);
  return (f === null || f <= date) && (t === null || date <= t);
}

/**
 * Where `done` stands against a deadline `addDays(start, days)` as of `asOf`:
 * 'on_time' — done on or before the deadline; 'late' — done after it; 'overdue' — not done and the
 * deadline has passed (asOf > deadline); 'pending' — not done, deadline not passed yet.
 */
export type DeadlineState = 'on_time' | 'late' | 'overdue' | 'pending';
export function deadlineState(start: IsoDate, days: number, done: string | null | undefined, asOf: IsoDate): DeadlineState {
  const deadline = addDays(start, days);
  const d = dateOf(done);
  if (d !== null) return d <= deadline ? 'on_time' : 'late';
  return asOf > deadline ? 'overdue' : 'pending';
}
