/**
 * Excel serial numbers → calendar dates (1900 system with its phantom 1900-02-29, and 1904): the XLSX sheet
 * scanner turns date-formatted numbers into dates with it, and the importer's date parser accepts serials.
 */
const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30); // serial 61 = 1900-03-01; serials 1..59 are one day later (below)
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const MAX_SERIAL = 2_958_465; // 9999-12-31

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export interface DateParts {
  date: string;
  time?: string;
}

/**
 * Excel serial → calendar date (and time when not midnight). Null when out of range or for the
 * 1900 system's serial 60, Excel's non-existent 1900-02-29.
 */
export function excelSerialToDate(serial: number, date1904 = false): DateParts | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= MAX_SERIAL + 1) return null;
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days++;
    secs = 0;
  }
  let t: number;
  if (date1904) t = EPOCH_1904 + days * DAY_MS;
  else if (days === 60) return null;
  else t = (days < 60 ? EPOCH_1900 + DAY_MS : EPOCH_1900) + days * DAY_MS;
  const out: DateParts = { date: iso(t) };
  if (secs) out.time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  return out;
}
