/**
 * The settings rows every database has, created through the write service (audited) on first start and
 * after an upgrade: the rule thresholds over RULES.md's defaults and the company's letterhead (a placeholder
 * for the admin to fill in). Kept apart from the reads (settings.ts), which the rules use inside writes.
 */
import { registry } from '../../schema/resources';
import { COMPANY_SETTINGS } from '../../schema/company-settings';
import { RULE_SETTING_DEFAULTS, RULE_SETTING_LABELS, type RuleSettingKey } from '../../schema/rules/settings';
import { settings } from '../../schema/tables';
import { COMPANY_UNSET } from '../documents/company';
import type { ServiceContext } from './context';
import { createRecord } from './write';

/** Adds a row for every threshold and company field the table lacks, so admins see and edit them all. */
export async function ensureSettings(ctx: ServiceContext): Promise<void> {
  const have = new Set((await ctx.db.select({ key: settings.key }).from(settings).all()).map((r) => r.key));
  const add = async (key: string, value: unknown, description: string, reason: string) => {
    if (!have.has(key)) await createRecord(ctx, registry.get('settings')!, { key, value, description }, { reason });
  };
  for (const key of Object.keys(RULE_SETTING_DEFAULTS) as RuleSettingKey[]) {
    await add(key, RULE_SETTING_DEFAULTS[key], RULE_SETTING_LABELS[key][0], '默认设置 RULES.md');
  }
  // the company's name, address, legal rep. printed on documents, next to the rule thresholds
  for (const [key, [description]] of Object.entries(COMPANY_SETTINGS)) await add(key, COMPANY_UNSET, description, '本企业信息（打印单据）');
}
