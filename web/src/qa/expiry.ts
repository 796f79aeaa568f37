/** The filters of the expiry review lists (pure, so test/web can check the window arithmetic). */
import { addDays } from '../../../schema/rules/dates';
import { EXPIRY_FIELDS } from '../../../schema/rules/expiry';
import { resolveSettings } from '../../../schema/rules/settings';

export type ExpiryWindow = number | 'expired';

/**
 * Records whose `field` ends within `window` days of as-of (a document is valid through its last day, so
 * as-of itself counts: asOf ≤ field ≤ asOf + N), or that already ended ('expired': field < as-of).
 */
export function expiryFilter(field: string, asOf: string, window: ExpiryWindow): Record<string, string> {
  if (window === 'expired') return { [`${field}_lt`]: asOf };
  return { [`${field}_gte`]: asOf, [`${field}_lte`]: addDays(asOf, window) };
}

/** The watched (resource, field) pairs, in the order of schema/rules/expiry.ts. */
export const EXPIRY_TARGETS = Object.entries(EXPIRY_FIELDS).flatMap(([resource, fields]) =>
  (fields as readonly string[]).map((field) => ({ resource, field })),
);

/** The warning windows from the settings rows (licenseExpiryWarningDays), defaults otherwise. */
export const expiryWindows = (rows: readonly { key: string; value: unknown }[] | undefined) => [...resolveSettings(rows ?? []).licenseExpiryWarningDays];
