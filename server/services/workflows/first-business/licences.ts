/**
 * The licences a customer must hold for its type (第五篇 2.1: 《营业执照》 and 《药品经营许可证》 or
 * 《医疗机构执业许可证》; devices: 医疗器械经营许可证 or the class II filing), each a check: held, valid
 * today, with a business scope, and flagged when it ends within the settings' warning windows.
 */
import { CUSTOMER_LICENSE_KIND, type CUSTOMER_TYPE } from '../../../../schema/enums';
import { dateOf, expiryWindow, scopeCategories, withinValidity, type CustomerLicenseRow, type RuleContext } from '../../../../schema/rules';
import { text, type Check } from './check';

type Kind = NonNullable<CustomerLicenseRow['kind']>;
type CustomerType = (typeof CUSTOMER_TYPE.values)[number];

/** Per customer type, the licence groups it needs: one licence of each group (any kind within a group). */
export const LICENCES_BY_TYPE: Record<CustomerType, readonly (readonly Kind[])[]> = {
  wholesaler: [['business'], ['drug_business']],
  retailer: [['business'], ['drug_business']],
  medical_institution: [['medical_institution']],
  device_dealer: [['business'], ['device_business', 'device_filing']],
  other_legal: [['business']],
  individual: [],
};

const zh = (k: Kind) => CUSTOMER_LICENSE_KIND.labels[k][0];
const en = (k: Kind) => CUSTOMER_LICENSE_KIND.labels[k][1];
// A 营业执照 states no drug/device scope; the others must name what the holder may trade in (a hospital's
// licence without a scope covers everything: schema/rules/scope.ts licenceCovers).
const needsScope = (k: Kind) => k === 'drug_business' || k === 'device_business' || k === 'device_filing';

export function licenceChecks(type: CustomerType, licences: readonly CustomerLicenseRow[], ctx: RuleContext): Check[] {
  const asOf = ctx.asOf;
  return LICENCES_BY_TYPE[type].map((kinds): Check => {
    const label = text(kinds.map((k) => `《${zh(k)}》`).join('或'), kinds.map(en).join(' or '));
    const base = { key: `licence:${kinds.join('|')}`, label, blocking: true, source: '第五篇 2.1; 第四篇 一.3', fields: ['customer_licenses'] };
    const held = licences.filter((l) => kinds.includes(l.kind));
    if (held.length === 0) {
      return {
        ...base,
        status: 'fail',
        detail: text(
          `未登记${label.zh}，请索取并登记证照（证号、经营范围、有效期）`,
          `No ${label.en} on file: obtain it and record its number, scope and validity`,
        ),
      };
    }
    const valid = held.filter((l) => withinValidity(asOf, l.valid_from, l.valid_to));
    if (valid.length === 0) {
      const l = held[0];
      const notYet = dateOf(l.valid_from) != null && dateOf(l.valid_from)! > asOf;
      return {
        ...base,
        status: 'fail',
        detail: notYet
          ? text(`${zh(l.kind)} ${l.number ?? ''} 自 ${l.valid_from} 起才生效`, `${en(l.kind)} ${l.number ?? ''} is valid only from ${l.valid_from}`)
          : text(
              `${zh(l.kind)} ${l.number ?? ''} 已于 ${l.valid_to} 过期，请索取换发后的证照`,
              `${en(l.kind)} ${l.number ?? ''} expired on ${l.valid_to}: obtain the renewed licence`,
            ),
      };
    }
    const scoped = valid.filter((l) => !needsScope(l.kind) || scopeCategories(l.scope).size > 0);
    if (scoped.length === 0) {
      const l = valid[0];
      return {
        ...base,
        status: 'fail',
        detail: text(
          `${zh(l.kind)} ${l.number ?? ''} 未登记经营范围，无法核对可销售的品种`,
          `${en(l.kind)} ${l.number ?? ''} has no business scope recorded, so what may be sold cannot be checked`,
        ),
      };
    }
    // The one lasting longest speaks for the group.
    const best = [...scoped].sort((a, b) => ((dateOf(b.valid_to) ?? '9999') > (dateOf(a.valid_to) ?? '9999') ? 1 : -1))[0];
    const scope = [...scopeCategories(best.scope)].join('、');
    const to = dateOf(best.valid_to);
    const window = expiryWindow(to, asOf, ctx.settings.licenseExpiryWarningDays);
    const scopeZh = scope ? `，经营范围：${scope}` : '';
    const scopeEn = scope ? `, scope: ${scope}` : '';
    return {
      ...base,
      status: typeof window === 'number' ? 'warn' : 'pass',
      detail:
        typeof window === 'number'
          ? text(
              `${zh(best.kind)} ${best.number ?? ''} 有效期至 ${to}（${window} 天内到期，请及时索取换发证照）${scopeZh}`,
              `${en(best.kind)} ${best.number ?? ''} valid to ${to} (ends within ${window} days: ask for the renewal)${scopeEn}`,
            )
          : text(
              `${zh(best.kind)} ${best.number ?? ''} 有效期至 ${to ?? '长期'}${scopeZh}`,
              `${en(best.kind)} ${best.number ?? ''} valid to ${to ?? 'indefinite'}${scopeEn}`,
            ),
    };
  });
}
