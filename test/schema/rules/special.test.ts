import { describe, it } from 'vitest';
import { P, SALE, runCase, sell, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
const slip = (w: World) => w.slip;
const agent = (w: World, role: string) => w.customerAgents.find((a) => a.role === role)!;
const special =
  (then: (w: World) => void = () => {}) =>
  (w: World) => {
    sell(w, P.special);
    then(w);
  };

const lineCases: Record<string, Case[]> = {
  SPECIAL_DOCS_MISSING: [
    {
      name: "purchaser's power of attorney ended the day before",
      fires: true,
      set: special((w) => {
        agent(w, 'purchaser').attorney_valid_to = '2024-05-01';
      }),
    },
    {
      name: 'power of attorney valid to the sale date',
      fires: false,
      set: special((w) => {
        agent(w, 'purchaser').attorney_valid_to = SALE;
      }),
    },
    {
      name: 'no ID copy',
      fires: true,
      set: special((w) => {
        agent(w, 'purchaser').id_copy = false;
      }),
    },
    {
      name: 'no purchaser at all',
      fires: true,
      set: special((w) => {
        w.customerAgents = w.customerAgents.filter((a) => a.role !== 'purchaser');
      }),
    },
    {
      name: "no legal representative's phone",
      fires: true,
      set: special((w) => {
        agent(w, 'legal_rep').phone = null;
      }),
    },
    {
      name: 'no responsible person',
      fires: true,
      set: special((w) => {
        w.customerAgents = w.customerAgents.filter((a) => a.role !== 'responsible');
      }),
    },
    {
      name: 'ordinary drug, no agents',
      fires: false,
      set: (w) => {
        w.customerAgents = [];
      },
    },
    { name: 'complete', fires: false, set: special() },
  ],
  SPECIAL_NOT_VERIFIED: [
    {
      name: 'shipped and invoiced, no verification',
      fires: true,
      fields: ['special_check.verified_at'],
      set: special((w) => {
        w.line.special_check = null;
      }),
    },
    {
      name: 'not yet shipped or invoiced',
      fires: false,
      set: special((w) => {
        Object.assign(w.line, { special_check: null, outbounds: [], invoices: [] });
      }),
    },
    {
      name: 'verified the day after the outbound',
      fires: true,
      set: special((w) => {
        w.line.special_check!.verified_at = '2024-05-03 09:00';
      }),
    },
    {
      name: 'verified on the day of the outbound',
      fires: false,
      set: special((w) => {
        w.line.special_check!.verified_at = `${SALE} 08:00`;
      }),
    },
    {
      name: 'verified after an earlier invoice',
      fires: true,
      set: special((w) => {
        w.line.invoices = [{ invoice_no: 'F1', invoice_date: '2024-04-30' }];
      }),
    },
    {
      name: "purchaser's identity explicitly not checked",
      fires: true,
      fields: ['special_check.identity_verified'],
      set: special((w) => {
        w.line.special_check!.identity_verified = false;
      }),
    },
    {
      name: 'legacy record: only the date',
      fires: false,
      set: special((w) => {
        w.line.special_check = { verified_at: '2024-05-01', verified_by: '周敏' };
      }),
    },
    {
      name: 'ordinary drug',
      fires: false,
      set: (w) => {
        w.line.special_check = null;
      },
    },
  ],
  SPECIAL_CASH_PAYMENT: [
    {
      name: 'order paid in cash',
      fires: true,
      fields: ['payment_method'],
      set: special((w) => {
        w.line.payment_method = 'cash';
      }),
    },
    {
      name: 'contract says cash',
      fires: true,
      fields: ['contract'],
      set: special((w) => {
        w.contract.payment_method = 'cash';
      }),
    },
    {
      name: 'a cash payment against its invoice',
      fires: true,
      fields: ['invoices.payments'],
      set: special((w) => {
        w.line.invoices = [{ invoice_no: 'F1', invoice_date: SALE, payments: [{ amount: 100, method: 'cash', paid_at: SALE }] }];
      }),
    },
    {
      name: 'ordinary drug paid in cash',
      fires: false,
      set: (w) => {
        w.line.payment_method = 'cash';
      },
    },
    { name: 'special drug by transfer', fires: false, set: special() },
  ],
};

/** outbound 2024-05-02, 7 days: day 7 = 2024-05-09 is in time, 2024-05-10 is late */
const slipCases: Case[] = [
  {
    name: 'never verified, as-of day 7',
    fires: false,
    set: special((w) => {
      w.slip.arrival_verified_at = null;
      w.asOf = '2024-05-09';
    }),
  },
  {
    name: 'never verified, as-of day 8',
    fires: true,
    fields: ['arrival_verified_at'],
    set: special((w) => {
      w.slip.arrival_verified_at = null;
      w.asOf = '2024-05-10';
    }),
  },
  {
    name: 'verified on day 7',
    fires: false,
    set: special((w) => {
      w.slip.arrival_verified_at = '2024-05-09';
    }),
  },
  {
    name: 'verified on day 8',
    fires: true,
    set: special((w) => {
      w.slip.arrival_verified_at = '2024-05-10';
    }),
  },
  {
    name: 'shorter window from settings',
    fires: true,
    set: special((w) => {
      w.slip.arrival_verified_at = '2024-05-06';
      w.settings = { specialArrivalDays: 3 };
    }),
  },
  {
    name: 'ordinary drugs need no arrival check',
    fires: false,
    set: (w) => {
      w.slip.arrival_verified_at = null;
    },
  },
];

describe('special-control drug rules', () => {
  for (const [code, cases] of Object.entries(lineCases)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }
  describe('SPECIAL_ARRIVAL_UNCONFIRMED', () => {
    it.each(slipCases)('$name', (c) => {
      runCase('SPECIAL_ARRIVAL_UNCONFIRMED', 'outbound_slips', slip, c);
    });
  });
});
