/**
 * Our own company as the documents print it: name, address, legal representative, phone and the quality
 * contact from `settings` (created on first start with a placeholder for the admin to fill in), and the
 * licences in force from company_licenses.
 */
import { and, asc, inArray, isNull } from 'drizzle-orm';
import { registry } from '../../schema/resources';
import { companyLicenses, settings } from '../../schema/tables';
import type { Db } from '../db';
import type { ServiceContext } from '../services/context';
import { createRecord } from '../services/write';
import { label } from './format';

import { COMPANY_SETTINGS, type CompanySettingKey } from '../../schema/company-settings';

export { COMPANY_SETTINGS, type CompanySettingKey };
const UNSET = '（请在系统设置中填写）';

export interface Company {
  name: string;
  address: string;
  legalRep: string;
  phone: string;
  qualityContact: string;
  /** licences in force: 药品经营许可证 鄂AA…, … */
  licences: { kind: string; number: string; validTo: string | null }[];
}

/** Adds the company rows the settings table lacks, so the admin sees them next to the rule thresholds. */
export function ensureCompanySettings(ctx: ServiceContext): void {
  const have = new Set(ctx.db.select({ key: settings.key }).from(settings).all().map((r) => r.key));
  for (const [key, [description]] of Object.entries(COMPANY_SETTINGS)) {
    if (!have.has(key)) createRecord(ctx, registry.get('settings')!, { key, value: UNSET, description }, { reason: '本企业信息（打印单据）' });
  }
}

function settingText(v: unknown): string {
  let value = v;
  if (typeof v === 'string') {
    try { value = JSON.parse(v); } catch { /* a plain string */ }
  }
  return value == null || value === '' ? UNSET : String(value);
}

export function loadCompany(db: Db, today: string): Company {
  const rows = db.select({ key: settings.key, value: settings.value }).from(settings)
    .where(and(inArray(settings.key, Object.keys(COMPANY_SETTINGS)), isNull(settings.voided_at))).all();
  const get = (k: CompanySettingKey) => settingText(rows.find((r) => r.key === k)?.value);
  const licences = db.select().from(companyLicenses).where(isNull(companyLicenses.voided_at)).orderBy(asc(companyLicenses.id)).all()
    .filter((l) => (!l.valid_from || l.valid_from <= today) && (!l.valid_to || l.valid_to >= today))
    .map((l) => ({ kind: label('company_licenses', 'kind', l.kind), number: l.number as string, validTo: (l.valid_to as string | null) ?? null }));
  return {
    name: get('companyName'), address: get('companyAddress'), legalRep: get('companyLegalRep'),
    phone: get('companyPhone'), qualityContact: get('companyQualityContact'), licences,
  };
}
