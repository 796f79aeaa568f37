import { describe, it } from 'vitest';
import { runCase, type Case, type World } from './fixtures';

const slip = (w: World) => w.slip;
const invoice = (w: World) => w.invoice;

const slipCases: Record<string, Case[]> = {
  OUTBOUND_NOT_REVIEWED: [
    {
      name: 'no reviewer',
      fires: true,
      fields: ['reviewed_by'],
      set: (w) => {
        w.slip.reviewed_by = null;
      },
    },
    {
      name: 'the picker reviewed it',
      fires: true,
      set: (w) => {
        w.slip.reviewed_by = '孙立';
      },
    },
    {
      name: 'the picker, with a role prefix',
      fires: true,
      set: (w) => {
        w.slip.picked_by = '库管员 孙立';
        w.slip.reviewed_by = '孙立';
      },
    },
    { name: 'another reviewer', fires: false, set: () => {} },
  ],
  // outbound 2024-05-02, 15 days: day 15 = 2024-05-17 is in time, 2024-05-18 (day 16) is late
  RECEIPT_UNCONFIRMED: [
    {
      name: 'unconfirmed, as-of day 15',
      fires: false,
      set: (w) => {
        w.slip.receipt_confirmed_at = null;
        w.asOf = '2024-05-17';
      },
    },
    {
      name: 'unconfirmed, as-of day 16',
      fires: true,
      fields: ['receipt_confirmed_at'],
      set: (w) => {
        w.slip.receipt_confirmed_at = null;
        w.asOf = '2024-05-18';
      },
    },
    {
      name: 'confirmed on day 15',
      fires: false,
      set: (w) => {
        w.slip.receipt_confirmed_at = '2024-05-17';
      },
    },
    {
      name: 'confirmed on day 16',
      fires: true,
      set: (w) => {
        w.slip.receipt_confirmed_at = '2024-05-18';
      },
    },
    {
      name: 'window from settings',
      fires: true,
      set: (w) => {
        w.slip.receipt_confirmed_at = '2024-05-05';
        w.settings = { receiptConfirmDays: 2 };
      },
    },
  ],
};

const invoiceCases: Record<string, Case[]> = {
  INVOICE_MISMATCH: [
    {
      name: 'quantity differs',
      fires: true,
      fields: ['lines'],
      set: (w) => {
        w.invoice.lines = [{ product: 1, quantity: 9, amount: 120 }];
      },
    },
    {
      name: 'a product not shipped',
      fires: true,
      fields: ['lines', 'amount'],
      set: (w) => {
        w.invoice.lines = [...w.invoice.lines!, { product: 2, quantity: 1, amount: 5 }];
        w.invoice.amount = 125;
      },
    },
    {
      name: 'total differs from the shipped amount',
      fires: true,
      fields: ['amount'],
      set: (w) => {
        w.invoice.amount = 130;
      },
    },
    {
      name: 'total within 0.01',
      fires: false,
      set: (w) => {
        w.invoice.amount = 120.01;
      },
    },
    {
      name: 'no lines (legacy): total matches',
      fires: false,
      set: (w) => {
        w.invoice.lines = [];
      },
    },
    {
      name: 'covers no slip yet',
      fires: false,
      set: (w) => {
        w.invoice.slips = [];
        w.invoice.amount = 1;
      },
    },
    {
      name: 'two slips of one order count its goods once',
      fires: false,
      set: (w) => {
        w.invoice.slips = [w.slip, { ...w.slip, id: 2, slip_no: 'CK-002' }];
      },
    },
    { name: 'matches', fires: false, set: () => {} },
  ],
  INVOICE_LIST_MISSING: [
    {
      name: 'not itemised, no list',
      fires: true,
      set: (w) => {
        Object.assign(w.invoice, { itemised: false, list_attached: false });
      },
    },
    {
      name: 'not itemised, list attached',
      fires: false,
      set: (w) => {
        Object.assign(w.invoice, { itemised: false, list_attached: true });
      },
    },
    { name: 'itemised', fires: false, set: () => {} },
    {
      name: 'unknown (legacy)',
      fires: false,
      set: (w) => {
        Object.assign(w.invoice, { itemised: null, list_attached: null });
      },
    },
  ],
  // invoice 2024-05-02, contract term 60 days: due 2024-07-01
  PAYMENT_OVERDUE: [
    {
      name: 'unpaid, as-of the due date',
      fires: false,
      set: (w) => {
        w.invoice.payments = [];
        w.asOf = '2024-07-01';
      },
    },
    {
      name: 'unpaid, as-of the day after',
      fires: true,
      fields: ['amount'],
      set: (w) => {
        w.invoice.payments = [];
        w.asOf = '2024-07-02';
      },
    },
    {
      name: 'partly paid',
      fires: true,
      set: (w) => {
        w.invoice.payments = [{ amount: 100, paid_at: '2024-06-01' }];
        w.asOf = '2024-08-01';
      },
    },
    {
      name: 'paid late counts as paid',
      fires: false,
      set: (w) => {
        w.invoice.payments = [{ amount: 120, paid_at: '2024-07-20' }];
        w.asOf = '2024-08-01';
      },
    },
    {
      name: 'payment after as-of does not count yet',
      fires: true,
      set: (w) => {
        w.invoice.payments = [{ amount: 120, paid_at: '2024-08-02' }];
        w.asOf = '2024-08-01';
      },
    },
    {
      name: 'no contract term',
      fires: false,
      set: (w) => {
        w.invoice.payments = [];
        w.contract.payment_days = null;
        w.asOf = '2025-01-01';
      },
    },
    {
      name: 'paid',
      fires: false,
      set: (w) => {
        w.asOf = '2025-01-01';
      },
    },
  ],
};

describe('fulfilment and finance rules', () => {
  for (const [code, cases] of Object.entries(slipCases)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'outbound_slips', slip, c);
      });
    });
  }
  for (const [code, cases] of Object.entries(invoiceCases)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'invoices', invoice, c);
      });
    });
  }
});
