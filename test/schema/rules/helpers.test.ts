import path from 'node:path';
/** The helpers under the rules: dates, scope matching, person names, settings, expiry lists, memory context. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EXPIRY_FIELDS,
  createMemoryContext,
  expiringWithin,
  expiryWindow,
  licenceCovers,
  looksLikeIndividual,
  looksLikePersonName,
  permittedLicenceKinds,
  productCategory,
  resolveSettings,
  scopeCategories,
  splitList,
} from '../../../schema/rules';
import { addDays, addMonths, dateOf, daysBetween, deadlineState, endOfMonth, isIsoDate, monthsFromTo, withinValidity } from '../../../schema/rules/dates';
import { SAMPLES_DIR } from '../../helpers/shared';

describe('dates', () => {
  it('isIsoDate: a real YYYY-MM-DD day, as Date.UTC reads it (years before 100 refused)', () => {
    // the definition it replaced: a regex and a round trip through Date.UTC
    const byDate = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
    };
    const cases = [
      '2024-02-29',
      '2023-02-29',
      '1900-02-29',
      '2000-02-29',
      '0099-01-01',
      '0100-01-01',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-4-01',
      '2024/04/01',
      '2024-04-01 ',
      '２０２４-04-01',
      '2024-04-0a',
      '',
      '2024-04-01T00:00',
      '9999-12-31',
      '2024-１2-01',
    ];
    for (let y = 1999; y <= 2001; y++)
      for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) cases.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    for (const s of cases) expect(isIsoDate(s), s).toBe(byDate(s));
    expect(isIsoDate(20240101)).toBe(false);
  });

  it('adds days across months, leap days and DST changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-05-02', 15)).toBe('2024-05-17');
    expect(addDays('2024-03-10', -10)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-05-17', '2024-05-02')).toBe(-15);
  });
  it('reads the date of a timestamp in China time', () => {
    expect(dateOf('2024-03-05')).toBe('2024-03-05');
    expect(dateOf('2024-03-05 23:59')).toBe('2024-03-05');
    expect(dateOf('2024-03-05T23:59:00')).toBe('2024-03-05');
    expect(dateOf('2024-03-05T16:00:00Z')).toBe('2024-03-06');
    expect(dateOf('2024-03-05T15:59:59.000Z')).toBe('2024-03-05');
    expect(dateOf('2024-03-05T08:00:00+08:00')).toBe('2024-03-05');
    expect(dateOf('2024-02-30')).toBeNull();
    expect(dateOf('')).toBeNull();
    expect(dateOf(null)).toBeNull();
  });
  it('handles months', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthsFromTo('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsFromTo('2024-03', '2024-02')).toEqual([]);
    expect(endOfMonth('2024-02')).toBe('2024-02-29');
    expect(endOfMonth('2026-05')).toBe('2026-05-31');
  });
  it('validity is inclusive on both ends, open when a bound is missing', () => {
    expect(withinValidity('2024-05-02', '2024-05-02', '2024-05-02')).toBe(true);
    expect(withinValidity('2024-05-02', null, '2024-05-01')).toBe(false);
    expect(withinValidity('2024-05-02', '2024-05-03', null)).toBe(false);
    expect(withinValidity('2024-05-02', null, undefined)).toBe(true);
  });
  it('deadline: day N in time, day N+1 late', () => {
    expect(deadlineState('2024-05-02', 15, '2024-05-17', '2024-12-31')).toBe('on_time');
    expect(deadlineState('2024-05-02', 15, '2024-05-18', '2024-12-31')).toBe('late');
    expect(deadlineState('2024-05-02', 15, null, '2024-05-17')).toBe('pending');
    expect(deadlineState('2024-05-02', 15, null, '2024-05-18')).toBe('overdue');
  });
});

describe('scope categories', () => {
  it('splits licence scope text on 、，,;；/ and matches the vocabulary', () => {
    expect(splitList('中成药、化学药制剂，抗生素制剂,生化药品;生物制品；疫苗/中药饮片')).toHaveLength(7);
    expect([...scopeCategories('中成药、化学药制剂、抗生素制剂')]).toEqual(['中成药', '化学药制剂', '抗生素制剂']);
    expect([...scopeCategories(['第二类医疗器械', '第三类医疗器械'])]).toEqual(['第二类医疗器械', '第三类医疗器械']);
    expect([...scopeCategories('二类医疗器械、Ⅲ类、III类医疗器械')]).toEqual(['第二类医疗器械', '第三类医疗器械']);
    expect([...scopeCategories('蛋白同化制剂/肽类激素')]).toEqual(['蛋白同化制剂/肽类激素']);
    expect([...scopeCategories('生物制品（除疫苗、血液制品）')]).toEqual(['生物制品']);
    expect([...scopeCategories('生物制品(含疫苗)')]).toEqual(['生物制品', '疫苗']);
    expect([...scopeCategories('内科；外科')]).toEqual([]);
  });
  it('takes a device category from its class', () => {
    expect(productCategory({ id: 1, kind: 'device', device_class: 'III', scope_category: '体外诊断试剂' })).toBe('第三类医疗器械');
    expect(productCategory({ id: 1, kind: 'device', scope_category: '第二类医疗器械' })).toBe('第二类医疗器械');
    expect(productCategory({ id: 1, kind: 'drug', scope_category: '中成药' })).toBe('中成药');
    expect(productCategory({ id: 1, kind: 'drug', scope_category: null })).toBeNull();
  });
  it('knows which licence kinds permit which products', () => {
    expect(permittedLicenceKinds({ id: 1, kind: 'drug' })).toEqual(['drug_business', 'medical_institution']);
    expect(permittedLicenceKinds({ id: 1, kind: 'device', device_class: 'III' })).toEqual(['device_business', 'medical_institution']);
    expect(permittedLicenceKinds({ id: 1, kind: 'device', device_class: 'II' })).toContain('device_filing');
    expect(permittedLicenceKinds({ id: 1, kind: 'device', device_class: 'I' })).toContain('business');
    expect(permittedLicenceKinds({ id: 1, kind: 'device', device_class: 'II' })).not.toContain('business');
  });
  it('a hospital licence with an empty scope covers every category; a business licence only class I', () => {
    expect(licenceCovers({ customer: 1, kind: 'medical_institution', scope: null }, '疫苗')).toBe(true);
    expect(licenceCovers({ customer: 1, kind: 'medical_institution', scope: [] }, '第三类医疗器械')).toBe(true);
    expect(licenceCovers({ customer: 1, kind: 'business', scope: null }, '第一类医疗器械')).toBe(true);
    expect(licenceCovers({ customer: 1, kind: 'business', scope: null }, '第二类医疗器械')).toBe(false);
    expect(licenceCovers({ customer: 1, kind: 'device_filing', scope: null }, '第二类医疗器械')).toBe(true);
    expect(licenceCovers({ customer: 1, kind: 'drug_business', scope: '中成药' }, '化学药制剂')).toBe(false);
  });
});

describe('looksLikePersonName', () => {
  const csv = fs.readFileSync(path.join(SAMPLES_DIR, 'customers.csv'), 'utf8').replace(/^\uFEFF/, '');
  const names = csv
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',')[0]);

  it('takes none of the sample customers (all organisations) for a person', () => {
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => looksLikePersonName(n) || looksLikeIndividual(n))).toEqual([]);
  });
  it.each(['张伟', '欧阳娜娜', '朱杰', '王秀英', '李娜', ' 刘洋 ', '司马光'])('%s is a person', (n) => {
    expect(looksLikePersonName(n)).toBe(true);
  });
  it.each([
    '协和医院',
    '同仁堂',
    '惠民诊所',
    '康泰药店',
    '国药控股',
    '卫生院',
    '张庄卫生室',
    '仁和大药房',
    '第一门诊部',
    '红星药店',
    '城关卫生所',
    '武汉市',
    '九州通',
    '欧阳',
    '张',
    'Zhang Wei',
    '张伟伟伟伟',
    '王氏药行',
    '李记药铺',
  ])('%s is not a person', (n) => {
    expect(looksLikePersonName(n)).toBe(false);
  });
  it('reads 个人 / 患者 / 散客 as an individual buyer', () => {
    expect(looksLikeIndividual('患者李某某')).toBe(true);
    expect(looksLikeIndividual('零售散客')).toBe(true);
    expect(looksLikeIndividual('个人')).toBe(true);
    expect(looksLikeIndividual('个人诊所')).toBe(false);
  });
});

describe('settings', () => {
  it('defaults, table rows with JSON values, and bad values falling back', () => {
    expect(resolveSettings().receiptConfirmDays).toBe(15);
    const s = resolveSettings([
      { key: 'receiptConfirmDays', value: '20' },
      { key: 'majorContractAmount', value: 300000 },
      { key: 'adrDays', value: 'abc' },
      { key: 'complaintDays', value: -1 },
      { key: 'licenseExpiryWarningDays', value: '[90, 30]' },
      { key: 'unknown', value: 1 },
    ]);
    expect(s).toMatchObject({ receiptConfirmDays: 20, majorContractAmount: 300000, adrDays: 15, complaintDays: 15, licenseExpiryWarningDays: [30, 90] });
    expect(resolveSettings({ licenseExpiryWarningDays: '30、60' }).licenseExpiryWarningDays).toEqual([30, 60]);
  });
});

describe('expiry lists', () => {
  const licences = [
    { id: 1, valid_to: '2024-06-30' },
    { id: 2, valid_to: '2024-07-30' },
    { id: 3, valid_to: '2024-07-31' },
    { id: 4, valid_to: '2024-06-29' },
    { id: 5, valid_to: null },
    { id: 6, valid_to: '2024-09-28' },
  ];
  it('lists what ends within N days (valid_to on as-of = 0 days left), soonest first', () => {
    const out = expiringWithin(licences, EXPIRY_FIELDS.customer_licenses, '2024-06-30', 30);
    expect(out.map((e) => [e.item.id, e.daysLeft])).toEqual([
      [1, 0],
      [2, 30],
    ]);
    expect(expiringWithin(licences, ['valid_to'], '2024-06-30', 30, { includeExpired: true })[0]).toMatchObject({ daysLeft: -1, window: 'expired' });
  });
  it('places a date in the 30/60/90 windows', () => {
    expect(expiryWindow('2024-07-30', '2024-06-30')).toBe(30);
    expect(expiryWindow('2024-07-31', '2024-06-30')).toBe(60);
    expect(expiryWindow('2024-09-28', '2024-06-30')).toBe(90);
    expect(expiryWindow('2024-09-29', '2024-06-30')).toBeNull();
    expect(expiryWindow('2024-06-29', '2024-06-30')).toBe('expired');
  });
  it('watches a salesperson permit and labour contract', () => {
    const sp = [{ id: 1, permit_valid_to: '2024-07-10', contract_end: '2024-08-10' }];
    expect(expiringWithin(sp, EXPIRY_FIELDS.salespeople, '2024-06-30', 60).map((e) => e.field)).toEqual(['permit_valid_to', 'contract_end']);
  });
});

describe('createMemoryContext', () => {
  it('indexes rows by id and parent, skips voided rows, and takes later additions', () => {
    const ctx = createMemoryContext({
      asOf: '2024-06-30',
      settings: { adrDays: 3 },
      customers: [{ id: 1, name: 'A' }, { id: 2, name: 'B', voided_at: '2024-01-01' } as never],
      customerLicenses: [
        { id: 1, customer: 1, kind: 'business' },
        { id: 2, customer: 1, kind: 'drug_business' },
      ],
      recalls: [{ id: 1, product: 7, batches: '00581、00890', started_at: '2024-01-01' }],
      lines: [{ id: 1, order: 5, product: 7 }],
    });
    expect(ctx.customer(1)?.name).toBe('A');
    expect(ctx.customer(2)).toBeUndefined();
    expect(ctx.customerLicenses(1)).toHaveLength(2);
    expect(ctx.customerLicenses(9)).toEqual([]);
    expect(ctx.recallsCovering(7, '00890')).toHaveLength(1);
    expect(ctx.recallsCovering(7, '0089')).toHaveLength(0);
    expect(ctx.orderLines(5)).toHaveLength(1);
    expect(ctx.settings.adrDays).toBe(3);
    ctx.add('customers', { id: 3, name: '张伟', qa_status: 'pending' });
    ctx.add('customerLicenses', { id: 2, customer: 1, kind: 'medical_institution' });
    expect(ctx.customer(3)?.qa_status).toBe('pending');
    expect(ctx.customerLicenses(1).map((l) => l.kind)).toEqual(['business', 'medical_institution']);
  });
});
