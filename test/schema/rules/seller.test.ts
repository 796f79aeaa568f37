import { describe, it } from 'vitest';
import { P, SALE, runCase, sell, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
const sp = (w: World) => w.salespeople[0];
const letter = (w: World) => w.authorizations[0];
const drugLicence = (w: World) => w.companyLicenses.find((l) => l.kind === 'drug_business')!;

const table: Record<string, Case[]> = {
  COMPANY_OUT_OF_SCOPE: [
    { name: 'vaccine, our scope has no 疫苗', fires: true, set: (w) => sell(w, P.vaccine) },
    {
      name: 'our drug licence expired the day before',
      fires: true,
      set: (w) => {
        drugLicence(w).valid_to = '2024-05-01';
      },
    },
    {
      name: 'our drug licence valid to the sale date',
      fires: false,
      set: (w) => {
        drugLicence(w).valid_to = SALE;
      },
    },
    { name: 'class III device under our device licence', fires: false, set: (w) => sell(w, P.sterile) },
    {
      name: 'class I device under our business licence alone',
      fires: false,
      set: (w) => {
        sell(w, P.classI);
        w.companyLicenses = w.companyLicenses.filter((l) => l.kind === 'business');
      },
    },
    { name: 'compliant', fires: false, set: () => {} },
  ],
  SALESPERSON_UNAUTHORIZED: [
    {
      name: 'no letter',
      fires: true,
      set: (w) => {
        w.authorizations = [];
      },
    },
    {
      name: 'no salesperson on the sale',
      fires: true,
      set: (w) => {
        w.line.salesperson = null;
      },
    },
    {
      name: 'letter ended the day before the sale',
      fires: true,
      set: (w) => {
        letter(w).valid_to = '2024-05-01';
      },
    },
    {
      name: 'letter valid to the sale date',
      fires: false,
      set: (w) => {
        letter(w).valid_to = SALE;
      },
    },
    {
      name: 'letter without the company seal',
      fires: true,
      set: (w) => {
        letter(w).sealed = false;
      },
    },
    {
      name: 'salesperson without an ID number',
      fires: true,
      set: (w) => {
        sp(w).id_no = null;
      },
    },
    {
      name: 'varieties do not cover the product',
      fires: true,
      set: (w) => {
        letter(w).varieties = ['中成药'];
      },
    },
    {
      name: 'varieties name the product itself',
      fires: false,
      set: (w) => {
        letter(w).varieties = '中成药、阿莫西林胶囊';
      },
    },
    {
      name: 'varieties name the trade name',
      fires: false,
      set: (w) => {
        sell(w, P.special);
        letter(w).varieties = '新康泰克';
      },
    },
    {
      name: 'region not covered (湖南 buyer, 湖北 letter)',
      fires: true,
      set: (w) => {
        letter(w).regions = '湖北省';
        w.customers[0].region = '湖南省长沙市';
      },
    },
    {
      name: 'region covered by province + city',
      fires: false,
      set: (w) => {
        letter(w).regions = '湖北省武汉市';
      },
    },
    {
      name: 'region covered, written without 省',
      fires: false,
      set: (w) => {
        letter(w).regions = ['湖北'];
      },
    },
    {
      name: 'letter for another city',
      fires: true,
      set: (w) => {
        letter(w).regions = '湖北省宜昌市';
      },
    },
    {
      name: '全国',
      fires: false,
      set: (w) => {
        letter(w).regions = '全国';
      },
    },
    {
      name: 'a second, valid letter covers it',
      fires: false,
      set: (w) => {
        letter(w).regions = '河南省';
        w.authorizations.push({ ...letter(w), id: 2, regions: '湖北省' });
      },
    },
    { name: 'compliant', fires: false, set: () => {} },
  ],
  SALESPERSON_NOT_EMPLOYED: [
    {
      name: 'no labour contract',
      fires: true,
      set: (w) => {
        Object.assign(sp(w), { contract_start: null, contract_end: null });
      },
    },
    {
      name: 'contract ended the day before',
      fires: true,
      set: (w) => {
        sp(w).contract_end = '2024-05-01';
      },
    },
    {
      name: 'contract ends on the sale date',
      fires: false,
      set: (w) => {
        sp(w).contract_end = SALE;
      },
    },
    {
      name: 'contract starts the day after',
      fires: true,
      set: (w) => {
        sp(w).contract_start = '2024-05-03';
      },
    },
    {
      name: 'open-ended contract',
      fires: false,
      set: (w) => {
        sp(w).contract_end = null;
      },
    },
  ],
  SALESPERSON_UNCERTIFIED: [
    {
      name: 'no permit',
      fires: true,
      set: (w) => {
        Object.assign(sp(w), { permit_no: null, permit_valid_to: null });
      },
    },
    {
      name: 'permit expired the day before',
      fires: true,
      set: (w) => {
        sp(w).permit_valid_to = '2024-05-01';
      },
    },
    {
      name: 'permit valid to the sale date',
      fires: false,
      set: (w) => {
        sp(w).permit_valid_to = SALE;
      },
    },
    { name: 'compliant', fires: false, set: () => {} },
  ],
};

describe('seller and salesperson rules', () => {
  for (const [code, cases] of Object.entries(table)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }
});
