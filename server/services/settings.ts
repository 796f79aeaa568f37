/** The rule thresholds, stored in `settings` (editable by admin, audited) over RULES.md's defaults. */
import { eq } from 'drizzle-orm';
import { registry } from '../../schema/resources';
import { RULE_SETTING_DEFAULTS, RULE_SETTING_LABELS, resolveSettings, type RuleSettingKey, type RuleSettings } from '../../schema/rules/settings';
import { settings } from '../../schema/tables';
import type { Db } from '../db';
import type { ServiceContext } from './context';
import { createRecord } from './write';
import { ensureCompanySettings } from '../documents/company';

export function loadSettings(db: Db): RuleSettings {
  return resolveSettings(db.select({ key: settings.key, value: settings.value }).from(settings).all() as { key: string; value: unknown }[]);
}

export function readSetting<K extends RuleSettingKey>(db: Db, key: K): RuleSettings[K] {
  const row = db.select({ key: settings.key, value: settings.value }).from(settings).where(eq(settings.key, key)).get() as { key: string; value: unknown } | undefined;
  return resolveSettings(row ? [row] : [])[key];
}

/** Adds a row for every threshold the table lacks, so admins see and edit them all. */
export function ensureSettings(ctx: ServiceContext): void {
  const have = new Set(ctx.db.select({ key: settings.key }).from(settings).all().map((r) => r.key));
  for (const key of Object.keys(RULE_SETTING_DEFAULTS) as RuleSettingKey[]) {
    if (have.has(key)) continue;
    createRecord(ctx, registry.get('settings')!, {
      key, value: RULE_SETTING_DEFAULTS[key], description: RULE_SETTING_LABELS[key][0],
    }, { reason: '默认设置 RULES.md' });
  }
  ensureCompanySettings(ctx); // the company's name, address, legal rep. printed on documents
}
