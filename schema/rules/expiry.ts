/**
 * Expiry watch lists for QA (not rule codes): licences, authorisation letters, powers of attorney,
 * permits and labour contracts expiring within N days of as-of. A document is valid through its
 * `valid_to` day, so "expiring within 30 days" means asOf ≤ valid_to ≤ asOf + 30 (0 days left = last day).
 */
import { RULE_SETTING_DEFAULTS } from './settings';
import { dateOf, daysBetween } from './dates';

/** The expiry-date fields of each resource the lists watch. */
export const EXPIRY_FIELDS = {
  company_licenses: ['valid_to'],
  customer_licenses: ['valid_to'],
  customer_agents: ['attorney_valid_to'],
  authorizations: ['valid_to'],
  salespeople: ['permit_valid_to', 'contract_end'],
} as const satisfies Record<string, readonly string[]>;

export interface Expiring<T> {
  item: T;
  field: string;
  valid_to: string;
  /** days from as-of to valid_to: 0 on the last valid day, negative once expired */
  daysLeft: number;
  /** the smallest warning window it falls in, or 'expired' */
  window: number | 'expired';
}

/** The smallest window (days) a validity end falls in as of a date; 'expired' if past; null if further out. */
export function expiryWindow(
  validTo: string | null | undefined,
  asOf: string,
  windows: readonly number[] = RULE_SETTING_DEFAULTS.licenseExpiryWarningDays,
): number | 'expired' | null {
  const to = dateOf(validTo);
  if (!to) return null;
  const left = daysBetween(asOf, to);
  if (left < 0) return 'expired';
  return [...windows].sort((a, b) => a - b).find((w) => left <= w) ?? null;
}

/**
 * Items whose `fields` end within `days` of as-of, soonest first (one entry per item and field). With
 * `includeExpired`, already expired ones are listed too (window 'expired').
 */
export function expiringWithin<T extends object>(
  items: readonly T[],
  fields: readonly string[],
  asOf: string,
  days: number,
  opts: { includeExpired?: boolean } = {},
): Expiring<T>[] {
  const out: Expiring<T>[] = [];
  for (const item of items) {
    for (const field of fields) {
      const to = dateOf((item as Record<string, unknown>)[field] as string | null | undefined);
      if (!to) continue;
      const left = daysBetween(asOf, to);
      if (left > days || (left < 0 && !opts.includeExpired)) continue;
      out.push({ item, field, valid_to: to, daysLeft: left, window: left < 0 ? 'expired' : (expiryWindow(to, asOf, [days]) as number) });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}
