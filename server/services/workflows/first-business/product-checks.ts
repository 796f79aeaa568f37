/**
 * Every check of a product's first-variety review (首营品种, 第二篇 3.1): the record's required details, the
 * approval number, the manufacturer (and a device's manufacturing licence), its scope category within our
 * own valid licences (the rule COMPANY_OUT_OF_SCOPE's test), storage, and the price limits (第五篇 4).
 */
import { licenceCovers, productCategory, scopeCategories, withinValidity, type ProductRow, type RuleContext } from '../../../../schema/rules';
import { isDevice } from '../../../../schema/rules/scope';
import { blank } from '../../../../schema/rules/rule';
import { text, type Check } from './check';

const field = (p: ProductRow, k: string) => (p as unknown as Record<string, unknown>)[k];

export function productChecks(p: ProductRow, ctx: RuleContext): Check[] {
  const device = isDevice(p);
  const required: [string, string, string][] = [
    ['generic_name', '通用名称', 'generic name'],
    ['spec', '规格', 'specification'],
    ['unit', '单位', 'unit'],
    ...(device ? [] : [['dosage_form', '剂型', 'dosage form'] as [string, string, string]]),
  ];
  const missing = required.filter(([k]) => blank(field(p, k)));
  const checks: Check[] = [
    {
      key: 'details',
      label: text('品种基本信息', 'Product details'),
      blocking: true,
      source: '第二篇 3.8; 第四篇 一.4',
      fields: missing.map(([k]) => k),
      ...(missing.length
        ? { status: 'fail', detail: text(`缺少：${missing.map((m) => m[1]).join('、')}`, `Missing: ${missing.map((m) => m[2]).join(', ')}`) }
        : {
            status: 'pass',
            detail: text(`${p.generic_name} ${p.dosage_form ?? ''} ${p.spec} / ${p.unit}`, `${p.generic_name} ${p.dosage_form ?? ''} ${p.spec} / ${p.unit}`),
          }),
    },
  ];
  checks.push(
    present(
      p,
      'approval_no',
      device ? text('医疗器械注册证/备案凭证编号', 'Device registration / filing no.') : text('药品批准文号', 'Drug approval number'),
      '第二篇 3.1; 第四篇 一.4',
    ),
  );
  checks.push(present(p, 'manufacturer', text('生产企业', 'Manufacturer'), '第二篇 3.8; 第四篇 一.4'));
  checks.push(
    device
      ? present(p, 'manufacturer_license', text('生产许可证号/备案凭证编号', 'Manufacturing licence / filing no.'), '第四篇 一.4')
      : {
          key: 'manufacturer_license',
          label: text('生产许可证号/备案凭证编号', 'Manufacturing licence / filing no.'),
          status: 'na',
          blocking: true,
          source: '第四篇 一.4',
          fields: ['manufacturer_license'],
          detail: text('药品不适用', 'Not for drugs'),
        },
  );
  if (device) {
    checks.push({
      key: 'device_class',
      label: text('器械类别', 'Device class'),
      blocking: true,
      source: '第四篇 一.3',
      fields: ['device_class'],
      ...(p.device_class
        ? { status: 'pass', detail: text(`第${{ I: '一', II: '二', III: '三' }[p.device_class]}类`, `Class ${p.device_class}`) }
        : { status: 'fail', detail: text('未登记器械类别', 'No device class recorded') }),
    });
  }
  checks.push(scopeCheck(p, ctx));
  checks.push({
    key: 'storage',
    label: text('储存条件', 'Storage conditions'),
    blocking: true,
    source: '第二篇 3.5',
    fields: ['storage'],
    ...(p.storage
      ? {
          status: 'pass',
          detail: text(
            `已登记（${p.storage === 'cold' || p.storage === 'frozen' ? '冷链品种，购货单位须审核储存条件' : '非冷链'}）`,
            `Recorded (${p.storage === 'cold' || p.storage === 'frozen' ? 'cold chain: buyers need a storage review' : 'not cold chain'})`,
          ),
        }
      : { status: 'fail', detail: text('未登记储存条件', 'No storage condition recorded') }),
  });
  checks.push(priceCheck(p));
  return checks;
}

function present(p: ProductRow, key: string, label: { zh: string; en: string }, source: string): Check {
  const v = field(p, key);
  return blank(v)
    ? { key, label, status: 'fail', blocking: true, source, fields: [key], detail: text(`未登记${label.zh}`, `No ${label.en.toLowerCase()} recorded`) }
    : { key, label, status: 'pass', blocking: true, source, fields: [key], detail: text(String(v), String(v)) };
}

/** Within our own scope today: the test of COMPANY_OUT_OF_SCOPE, with today instead of a sale date. */
function scopeCheck(p: ProductRow, ctx: RuleContext): Check {
  const base = {
    key: 'scope',
    label: text('在本企业经营范围内', 'Within our own business scope'),
    blocking: true,
    source: '第二篇 3.1; 第五篇 1.2',
    fields: ['scope_category'],
  };
  const category = productCategory(p);
  if (!category) return { ...base, status: 'fail', detail: text('未登记经营范围类别', 'No scope category recorded') };
  const valid = ctx.companyLicenses().filter((l) => withinValidity(ctx.asOf, l.valid_from, l.valid_to));
  const covering = valid.find((l) => licenceCovers(l, category));
  if (covering)
    return {
      ...base,
      status: 'pass',
      detail: text(
        `${category}：本企业证照 ${covering.number ?? ''} 有效期至 ${covering.valid_to ?? '长期'}`,
        `${category}: our licence ${covering.number ?? ''} valid to ${covering.valid_to ?? 'indefinite'}`,
      ),
    };
  const scope = [...new Set(valid.flatMap((l) => [...scopeCategories(l.scope)]))].join('、') || '无';
  return {
    ...base,
    status: 'fail',
    detail: text(
      `${category} 不在本企业有效证照的经营范围内（${scope}）`,
      `${category} is outside our valid licences' scope (${scope === '无' ? 'none' : scope})`,
    ),
  };
}

/** 第五篇 4: the government cap and the sales head's range must be consistent (floor ≤ ceiling ≤ cap). */
function priceCheck(p: ProductRow): Check {
  const base = { key: 'price', label: text('限价', 'Price limits'), source: '第五篇 4.1–4.4', fields: ['price_cap', 'price_min', 'price_max'] };
  const { price_cap: cap, price_min: min, price_max: max } = p;
  if (min != null && max != null && min > max)
    return { ...base, blocking: true, status: 'fail', detail: text(`限价下限 ${min} 高于上限 ${max}`, `Floor ${min} is above the ceiling ${max}`) };
  if (cap != null && max != null && max > cap)
    return { ...base, blocking: true, status: 'fail', detail: text(`限价上限 ${max} 高于最高限价 ${cap}`, `Ceiling ${max} is above the price cap ${cap}`) };
  const range = min != null || max != null ? `，销售部限价 ${min ?? '—'}～${max ?? '—'}` : '';
  const rangeEn = min != null || max != null ? `, sales range ${min ?? '—'}–${max ?? '—'}` : '';
  if (cap == null)
    return {
      ...base,
      blocking: false,
      status: 'warn',
      detail: text(`未登记最高限价${range}（如有政府限价请登记）`, `No price cap recorded${rangeEn} (record the government cap if there is one)`),
    };
  return { ...base, blocking: false, status: 'pass', detail: text(`最高限价 ${cap}${range}`, `Price cap ${cap}${rangeEn}`) };
}
