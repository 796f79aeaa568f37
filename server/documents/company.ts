/**
 * Our own company as the documents print it: name, address, legal representative, phone and the quality
 * contact from `settings` (created on first start with a placeholder for the admin to fill in), and the
 * licences in force from company_licenses.
 */
import { and, asc, inArray, isNull } from 'drizzle-orm';
import { companyLicenses, settings } from '../../schema/tables';
import type { Db } from '../db';
import { label, setDocumentTimeZone } from './format';
import { BUSINESS_TIME_ZONE_SETTING } from '../../schema/time-zone';
import { COMPANY_SETTINGS, type CompanySettingKey } from '../../schema/company-settings';

/** what a company field holds until the admin fills it in (created by services/settings-defaults.ts) */
export const COMPANY_UNSET = '（请在系统设置中填写）';

export interface Company {
  name: string;
  address: string;
  legalRep: string;
  phone: string;
  qualityContact: string;
  /** licences in force: 药品经营许可证 鄂AA…, … */
  licences: { kind: string; number: string; validTo: string | null }[];
}

/** A stored setting value: JSON text, or a plain string. */
function parseSetting(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function settingText(v: unknown): string {
  const value = parseSetting(v);
  return value == null || value === '' ? COMPANY_UNSET : String(value);
}

export async function loadCompany(db: Db, today: string): Promise<Company> {
  const rows = await db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(and(inArray(settings.key, [...Object.keys(COMPANY_SETTINGS), BUSINESS_TIME_ZONE_SETTING]), isNull(settings.voided_at)))
    .all();
  // the documents print times in the business time zone, as the screens show them
  setDocumentTimeZone(parseSetting(rows.find((r) => r.key === BUSINESS_TIME_ZONE_SETTING)?.value));
  const get = (k: CompanySettingKey) => settingText(rows.find((r) => r.key === k)?.value);
  const licences = (await db.select().from(companyLicenses).where(isNull(companyLicenses.voided_at)).orderBy(asc(companyLicenses.id)).all())
    .filter((l) => (!l.valid_from || l.valid_from <= today) && (!l.valid_to || l.valid_to >= today))
    .map((l) => ({ kind: label('company_licenses', 'kind', l.kind), number: l.number as string, validTo: (l.valid_to as string | null) ?? null }));
  return {
    name: get('companyName'),
    address: get('companyAddress'),
    legalRep: get('companyLegalRep'),
    phone: get('companyPhone'),
    qualityContact: get('companyQualityContact'),
    licences,
  };
}
