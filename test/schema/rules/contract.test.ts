import { describe, expect, it } from 'vitest';
import { SALE, findings, runCase, world, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
const contract = (w: World) => w.contract;

const lineCases: Record<string, Case[]> = {
  CONTRACT_MISSING: [
    {
      name: 'no contract',
      fires: true,
      fields: ['contract'],
      set: (w) => {
        w.line.contract = null;
      },
    },
    { name: 'with a contract', fires: false, set: () => {} },
  ],
  CONTRACT_UNAPPROVED: [
    {
      name: 'pending approval',
      fires: true,
      set: (w) => {
        Object.assign(contract(w), { status: 'pending', approved_role: null, approved_by: null, approved_at: null });
      },
    },
    {
      name: 'rejected',
      fires: true,
      set: (w) => {
        contract(w).status = 'rejected';
      },
    },
    {
      name: 'major contract approved by the sales VP only',
      fires: true,
      set: (w) => {
        contract(w).amount = 800000;
      },
    },
    {
      name: 'exactly the major amount needs the GM',
      fires: true,
      set: (w) => {
        contract(w).amount = 500000;
      },
    },
    {
      name: 'just below the major amount: sales VP suffices',
      fires: false,
      set: (w) => {
        contract(w).amount = 499999.99;
      },
    },
    {
      name: 'major contract approved by the GM',
      fires: false,
      set: (w) => {
        Object.assign(contract(w), { amount: 1200000, approved_role: 'gm' });
      },
    },
    {
      name: 'general contract approved by the GM',
      fires: false,
      set: (w) => {
        contract(w).approved_role = 'gm';
      },
    },
    {
      name: 'threshold from settings',
      fires: true,
      set: (w) => {
        w.settings = { majorContractAmount: 100000 };
      },
    },
    {
      name: 'approved the day after the sale',
      fires: true,
      set: (w) => {
        contract(w).approved_at = '2024-05-03';
      },
    },
    {
      name: 'approved on the sale date',
      fires: false,
      set: (w) => {
        contract(w).approved_at = SALE;
      },
    },
    {
      name: 'no contract (CONTRACT_MISSING reports it)',
      fires: false,
      set: (w) => {
        w.line.contract = null;
      },
    },
  ],
};
const contractCases: Record<string, Case[]> = {
  CONTRACT_UNAPPROVED: [
    {
      name: 'marked signed without approval',
      fires: true,
      fields: ['approved_role'],
      set: (w) => {
        Object.assign(contract(w), { approved_role: null, approved_by: null, approved_at: null });
      },
    },
    {
      name: 'signed, approved after signing',
      fires: true,
      set: (w) => {
        contract(w).approved_at = '2024-01-06';
      },
    },
    {
      name: 'signed, approved on the signing day',
      fires: false,
      set: (w) => {
        contract(w).approved_at = '2024-01-05';
      },
    },
    {
      name: 'a draft is not checked until used or signed',
      fires: false,
      set: (w) => {
        Object.assign(contract(w), { status: 'draft', approved_role: null });
      },
    },
  ],
  CONTRACT_TERMS_MISSING: [
    {
      name: 'no delivery and payment terms',
      fires: true,
      fields: ['delivery_terms', 'payment_method', 'payment_days'],
      set: (w) => {
        Object.assign(contract(w), { delivery_terms: '', payment_method: null, payment_days: null });
      },
    },
    {
      name: 'no quality and after-sales terms',
      fires: true,
      fields: ['quality_terms', 'after_sales_terms'],
      set: (w) => {
        Object.assign(contract(w), { quality_terms: null, after_sales_terms: ' ' });
      },
    },
    { name: 'complete', fires: false, set: () => {} },
  ],
};

describe('contract rules', () => {
  for (const [code, cases] of Object.entries(lineCases)) {
    describe(`${code} on a sale`, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }
  for (const [code, cases] of Object.entries(contractCases)) {
    describe(`${code} on a contract`, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'contracts', contract, c);
      });
    });
  }

  it('explains the level needed', () => {
    const w = world();
    contract(w).amount = 800000;
    const [f] = findings(w, 'sales_lines', w.line, 'CONTRACT_UNAPPROVED');
    expect(f.message.zh).toContain('须经总经理审定');
    expect(f.params).toMatchObject({ required: 'gm', contract_no: 'HT2024-001' });
  });
});
