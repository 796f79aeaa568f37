/**
 * The rule thresholds, stored in `settings` (editable by admin, audited) over RULES.md's defaults. Reads only:
 * the rules call them inside writes; the rows are created by settings-defaults.ts through the write service.
 */
import { eq } from 'drizzle-orm';
import { resolveSettings, type RuleSettingKey, type RuleSettings } from '../../schema/rules/settings';
import { settings } from '../../schema/tables';
import type { Db } from '../db';

export async function loadSettings(db: Db): Promise<RuleSettings> {
  return resolveSettings((await db.select({ key: settings.key, value: settings.value }).from(settings).all()) as { key: string; value: unknown }[]);
}

export async function readSetting<K extends RuleSettingKey>(db: Db, key: K): Promise<RuleSettings[K]> {
  const row = (await db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.key, key)).get()) as
    | { key: string; value: unknown }
    | undefined;
  return resolveSettings(row ? [row] : [])[key];
}
