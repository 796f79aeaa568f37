import { describe, expect, it } from 'vitest';
import { P, SALE, findings, runCase, sell, world, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
const cust = (w: World) => w.customers[0];
const lic = (w: World, kind: string) => w.customerLicenses.find((l) => l.kind === kind)!;
const onlyLicences = (w: World, ...kinds: string[]) => {
  w.customerLicenses = w.customerLicenses.filter((l) => kinds.includes(l.kind ?? ''));
};
const table: Record<string, Case[]> = {
  BUYER_INDIVIDUAL: [
    {
      name: 'type 个人',
      fires: true,
      set: (w) => {
        cust(w).type = 'individual';
      },
    },
    {
      name: 'unknown buyer named 张伟',
      fires: true,
      set: (w) => {
        Object.assign(cust(w), { type: null, name: '张伟' });
      },
    },
    {
      name: 'unknown buyer named 欧阳娜娜',
      fires: true,
      set: (w) => {
        Object.assign(cust(w), { type: null, name: '欧阳娜娜' });
      },
    },
    {
      name: 'unknown buyer named 患者李某',
      fires: true,
      set: (w) => {
        Object.assign(cust(w), { type: null, name: '患者李某' });
      },
    },
    {
      name: 'unknown organisation',
      fires: false,
      set: (w) => {
        Object.assign(cust(w), { type: null, name: '荆州市民生民大药房有限公司' });
      },
    },
    {
      name: 'a known type wins over a person-like name',
      fires: false,
      set: (w) => {
        cust(w).name = '张伟';
      },
    },
    { name: 'compliant', fires: false, set: () => {} },
  ],
  BUYER_NOT_APPROVED: [
    {
      name: 'pending',
      fires: true,
      set: (w) => {
        Object.assign(cust(w), { qa_status: 'pending', qa_approved_at: null });
      },
    },
    {
      name: 'rejected',
      fires: true,
      set: (w) => {
        cust(w).qa_status = 'rejected';
      },
    },
    {
      name: 'approved the day after the sale',
      fires: true,
      set: (w) => {
        cust(w).qa_approved_at = '2024-05-03';
      },
    },
    {
      name: 'approved on the sale date',
      fires: false,
      set: (w) => {
        cust(w).qa_approved_at = SALE;
      },
    },
    {
      name: 'approved on the sale date, stored with a time',
      fires: false,
      set: (w) => {
        cust(w).qa_approved_at = `${SALE} 15:00`;
      },
    },
    {
      name: 'approved, legacy record without a date',
      fires: false,
      set: (w) => {
        cust(w).qa_approved_at = null;
      },
    },
  ],
  BUYER_LICENSE_MISSING: [
    { name: 'drug, buyer has only a business licence', fires: true, set: (w) => onlyLicences(w, 'business') },
    { name: 'drug, buyer has only device licences', fires: true, set: (w) => onlyLicences(w, 'device_business', 'business') },
    {
      name: 'class III device to a drug-only retailer',
      fires: true,
      set: (w) => {
        sell(w, P.sterile);
        onlyLicences(w, 'drug_business', 'business');
      },
    },
    {
      name: 'class III device, buyer holds only a class II filing',
      fires: true,
      set: (w) => {
        sell(w, P.sterile);
        onlyLicences(w, 'drug_business');
        w.customerLicenses.push({ customer: 1, kind: 'device_filing', number: '鄂汉械备1号', scope: '第二类医疗器械' });
      },
    },
    {
      name: 'class II device, buyer holds a class II filing',
      fires: false,
      set: (w) => {
        sell(w, P.classII);
        onlyLicences(w);
        w.customerLicenses.push({ customer: 1, kind: 'device_filing', number: '鄂汉械备1号' });
      },
    },
    {
      name: 'class I device, buyer holds only a business licence',
      fires: false,
      set: (w) => {
        sell(w, P.classI);
        onlyLicences(w, 'business');
      },
    },
    {
      name: 'class II device, buyer holds only a business licence',
      fires: true,
      set: (w) => {
        sell(w, P.classII);
        onlyLicences(w, 'business');
      },
    },
    {
      name: 'drug to a hospital (医疗机构执业许可证)',
      fires: false,
      set: (w) => {
        onlyLicences(w);
        w.customerLicenses.push({ customer: 1, kind: 'medical_institution', number: 'PDY0001', scope: null });
      },
    },
    { name: 'compliant', fires: false, set: () => {} },
  ],
  BUYER_LICENSE_EXPIRED: [
    {
      name: 'valid to the day before the sale',
      fires: true,
      set: (w) => {
        lic(w, 'drug_business').valid_to = '2024-05-01';
      },
    },
    {
      name: 'valid to the sale date (inclusive)',
      fires: false,
      set: (w) => {
        lic(w, 'drug_business').valid_to = SALE;
      },
    },
    {
      name: 'valid only from the day after the sale',
      fires: true,
      set: (w) => {
        lic(w, 'drug_business').valid_from = '2024-05-03';
      },
    },
    {
      name: 'valid from the sale date',
      fires: false,
      set: (w) => {
        lic(w, 'drug_business').valid_from = SALE;
      },
    },
    {
      name: 'an expired and a renewed licence',
      fires: false,
      set: (w) => {
        w.customerLicenses.push({ ...lic(w, 'drug_business'), id: 9, valid_to: '2023-12-31' });
      },
    },
    {
      name: 'expired device licence for a class III device',
      fires: true,
      set: (w) => {
        sell(w, P.sterile);
        lic(w, 'device_business').valid_to = '2024-04-30';
      },
    },
    {
      name: 'a valid licence of another kind does not help',
      fires: true,
      set: (w) => {
        lic(w, 'drug_business').valid_to = '2024-04-30';
      },
    },
  ],
  BUYER_OUT_OF_SCOPE: [
    {
      name: 'antibiotic, scope without 抗生素制剂',
      fires: true,
      set: (w) => {
        lic(w, 'drug_business').scope = '中成药、化学药制剂、生化药品';
      },
    },
    {
      name: 'scope text with mixed separators',
      fires: false,
      set: (w) => {
        lic(w, 'drug_business').scope = '中成药，化学药制剂/抗生素制剂;生化药品';
      },
    },
    {
      name: 'hospital licence with an empty scope covers all',
      fires: false,
      set: (w) => {
        onlyLicences(w);
        w.customerLicenses.push({ customer: 1, kind: 'medical_institution', number: 'PDY0001', scope: '' });
      },
    },
    {
      name: 'hospital licence listing other categories',
      fires: true,
      set: (w) => {
        onlyLicences(w);
        w.customerLicenses.push({ customer: 1, kind: 'medical_institution', number: 'PDY0001', scope: ['中成药'] });
      },
    },
    {
      name: 'class III device, device licence for class II only',
      fires: true,
      set: (w) => {
        sell(w, P.sterile);
        lic(w, 'device_business').scope = '第二类医疗器械';
      },
    },
    {
      name: 'class III device written as Ⅲ类',
      fires: false,
      set: (w) => {
        sell(w, P.sterile);
        lic(w, 'device_business').scope = 'Ⅱ类、Ⅲ类医疗器械';
      },
    },
    {
      name: 'vaccine, scope 生物制品（除疫苗）',
      fires: true,
      set: (w) => {
        sell(w, P.vaccine);
        lic(w, 'drug_business').scope = '生物制品（除疫苗）';
      },
    },
    {
      name: 'vaccine, scope 生物制品（含疫苗）',
      fires: false,
      set: (w) => {
        sell(w, P.vaccine);
        lic(w, 'drug_business').scope = '生物制品（含疫苗）';
      },
    },
    {
      name: 'drug licence without a recorded scope',
      fires: true,
      set: (w) => {
        lic(w, 'drug_business').scope = null;
      },
    },
    { name: 'compliant', fires: false, set: () => {} },
  ],
  BUYER_CREDIT_UNREVIEWED: [
    {
      name: 'never reviewed',
      fires: true,
      set: (w) => {
        cust(w).credit_reviewed_at = null;
      },
    },
    {
      name: 'reviewed after the sale',
      fires: true,
      set: (w) => {
        cust(w).credit_reviewed_at = '2024-05-03';
      },
    },
    {
      name: 'reviewed on the sale date',
      fires: false,
      set: (w) => {
        cust(w).credit_reviewed_at = SALE;
      },
    },
  ],
  BUYER_STORAGE_UNREVIEWED: [
    {
      name: 'cold product, storage never reviewed',
      fires: true,
      set: (w) => {
        sell(w, P.cold);
        cust(w).storage_reviewed_at = null;
      },
    },
    {
      name: 'frozen product, reviewed after the sale',
      fires: true,
      set: (w) => {
        sell(w, P.cold);
        w.products[P.cold - 1].storage = 'frozen';
        cust(w).storage_reviewed_at = '2024-06-01';
      },
    },
    {
      name: 'cold product, reviewed on the sale date',
      fires: false,
      set: (w) => {
        sell(w, P.cold);
        cust(w).storage_reviewed_at = SALE;
      },
    },
    {
      name: 'room-temperature product, never reviewed',
      fires: false,
      set: (w) => {
        cust(w).storage_reviewed_at = null;
      },
    },
  ],
};

describe('buyer rules', () => {
  for (const [code, cases] of Object.entries(table)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }

  const LICENCE = ['BUYER_LICENSE_MISSING', 'BUYER_LICENSE_EXPIRED', 'BUYER_OUT_OF_SCOPE'];
  const licenceCodes = (w: World) =>
    findings(w, 'sales_lines', w.line)
      .map((f) => f.code)
      .filter((c) => LICENCE.includes(c));
  it.each([
    [
      'missing wins over expired and out of scope',
      (w: World) => {
        lic(w, 'drug_business').kind = 'business';
      },
      ['BUYER_LICENSE_MISSING'],
    ],
    [
      'expired wins over out of scope',
      (w: World) => {
        Object.assign(lic(w, 'drug_business'), { valid_to: '2024-01-01', scope: '中成药' });
      },
      ['BUYER_LICENSE_EXPIRED'],
    ],
    [
      'out of scope alone',
      (w: World) => {
        lic(w, 'drug_business').scope = '中成药';
      },
      ['BUYER_OUT_OF_SCOPE'],
    ],
  ] as const)('licence rules: at most one fires — %s', (_n, set, expected) => {
    const w = world();
    set(w);
    expect(licenceCodes(w)).toEqual(expected);
  });

  it('says what is wrong and what fixes it, with the dates', () => {
    const w = world();
    lic(w, 'drug_business').valid_to = '2024-03-31';
    const [f] = findings(w, 'sales_lines', w.line, 'BUYER_LICENSE_EXPIRED');
    expect(f.message.zh).toBe(
      '购货单位「武汉市国泰惠医药有限公司」的药品经营许可证（鄂AA3944846）已于 2024-03-31 过期（销售日期 2024-05-02）。请索取有效证照后更新购货单位证照。',
    );
    expect(f.message.en).toContain('expired on 2024-03-31');
    expect(f.fields).toEqual(['customer']);
    expect(f.source).toBe('第五篇 2.1; 第二篇 3.4');
  });
});
