/**
 * Dates as legacy ledgers write them → 'YYYY-MM-DD' (datetimes → 'YYYY-MM-DDTHH:MM:SS+08:00'):
 * Excel serials (1900 system, with its phantom 1900-02-29, and 1904), 2024-03-05, 2024/3/5, 2024.03.05,
 * 2024年3月5日, 20240305, '2024-03-05 10:20', and a month alone (2026-05, 2026年5月, 202605) = the month's
 * last day, as 有效期至 2026-05 means.
 */
import { isDateCell, isErrorCell, type Cell } from '../../schema/files/cells';
import { Invalid, normError, shown, wrap, type NormResult } from './messages';
import { toHalfWidth } from './width';
import { excelSerialToDate, pad, type DateParts } from '../../schema/files/excel-date';

export { excelSerialToDate };

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const endOfMonth = (y: number, m: number) => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS[m - 1]);

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= endOfMonth(y, m);
}

/**
 * The common shapes without regular expressions: 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日(号).
 * Returns 'YYYY-MM-DD', false when there is no such day, undefined for any other shape (then the regexes).
 */
function isoFast(s: string): string | false | undefined {
  const n = s.length;
  if (n < 8 || n > 11) return undefined;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    y = y * 10 + c;
  }
  const sep = s.charCodeAt(4);
  const cn = sep === 0x5e74; // 年
  if (!cn && sep !== 45 && sep !== 47 && sep !== 46) return undefined;
  let i = 5;
  let m = 0;
  let digits = 0;
  for (; i < n && digits < 2; i++, digits++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
  }
  if (!digits || s.charCodeAt(i) !== (cn ? 0x6708 /* 月 */ : sep)) return undefined;
  i++;
  let d = 0;
  digits = 0;
  for (; i < n && digits < 2; i++, digits++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    d = d * 10 + c;
  }
  if (!digits) return undefined;
  if (cn && i < n && (s.charCodeAt(i) === 0x65e5 /* 日 */ || s.charCodeAt(i) === 0x53f7) /* 号 */) i++;
  if (i !== n) return undefined;
  if (!isValidYmd(y, m, d)) return false;
  return n === 10 && !cn && sep === 45 ? s : `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const FULL =
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s*(?:T|\s)\s*(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})\s*秒?|分)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTH = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月)$/;
const MONTH_COMPACT = /^(\d{4})(\d{2})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;

export interface DateOptions {
  /** the workbook's date system, for serial numbers */
  date1904?: boolean;
  /** offset appended to datetimes (the wholesaler's local time) */
  tzOffset?: string;
}

function dateTextRaw(raw: string, opts: DateOptions): DateParts | Invalid {
  const fast = isoFast(raw);
  if (fast) return { date: fast };
  if (fast === false) return normError('bad_date', { value: shown(raw) });
  const s = toHalfWidth(raw).trim();
  let m = FULL.exec(s) ?? CHINESE.exec(s) ?? COMPACT.exec(s);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (!isValidYmd(y, mo, d)) return normError('bad_date', { value: shown(raw) });
    const out: DateParts = { date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}` };
    if (m[4] !== undefined) {
      const [h, mi, se] = [+m[4], +(m[5] ?? 0), +(m[6] ?? 0)];
      if (h > 23 || mi > 59 || se > 59) return normError('not_datetime', { value: shown(raw) });
      if (h || mi || se) out.time = `${pad(h)}:${pad(mi)}:${pad(se)}`;
    }
    return out;
  }
  m = MONTH.exec(s) ?? MONTH_COMPACT.exec(s);
  if (m) {
    const y = +m[1];
    const mo = +(m[2] ?? m[3]);
    if (!isValidYmd(y, mo, 1)) return normError('bad_date', { value: shown(raw) });
    return { date: `${pad(y, 4)}-${pad(mo)}-${pad(endOfMonth(y, mo))}` };
  }
  if (SERIAL.test(s)) {
    const parts = excelSerialToDate(Number(s), opts.date1904);
    if (parts) return parts;
  }
  return normError('not_date', { value: shown(raw) });
}

function partsRaw(cell: Cell, opts: DateOptions): DateParts | null | Invalid {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell.trim() === '' ? null : dateTextRaw(cell, opts);
  if (typeof cell === 'number') {
    const p = excelSerialToDate(cell, opts.date1904);
    if (p) return p;
    return Math.floor(cell) === 60 && !opts.date1904 ? normError('date_1900_bug') : normError('not_date', { value: cell });
  }
  if (isDateCell(cell)) return cell;
  if (isErrorCell(cell)) return normError('excel_error', { value: cell.error });
  return normError('not_date', { value: String(cell) });
}

/** A date field: 'YYYY-MM-DD' (a time of day, if any, is dropped). */
export function dateRaw(cell: Cell, opts: DateOptions = {}): string | null | Invalid {
  if (typeof cell === 'string') {
    const fast = isoFast(cell);
    if (fast) return fast;
  }
  const r = partsRaw(cell, opts);
  return r === null || r instanceof Invalid ? r : r.date;
}

/** A datetime field: 'YYYY-MM-DD' when no time was given, else 'YYYY-MM-DDTHH:MM:SS+08:00'. */
export function dateTimeRaw(cell: Cell, opts: DateOptions = {}): string | null | Invalid {
  const r = partsRaw(cell, opts);
  if (r === null || r instanceof Invalid) return r;
  return r.time ? `${r.date}T${r.time}${opts.tzOffset ?? '+08:00'}` : r.date;
}

export const parseDate = (cell: Cell, opts: DateOptions = {}): NormResult<string | null> => wrap(dateRaw(cell, opts));
export const parseDateTime = (cell: Cell, opts: DateOptions = {}): NormResult<string | null> => wrap(dateTimeRaw(cell, opts));
