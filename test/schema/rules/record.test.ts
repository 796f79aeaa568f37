import { describe, expect, it } from 'vitest';
import { AS_OF, P, findings, runCase, sell, world, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
const product = (w: World, id: number = P.drug) => w.products[id - 1];

const table: Record<string, Case[]> = {
  RECORD_INCOMPLETE: [
    {
      name: 'no batch number',
      fires: true,
      fields: ['batch.batch_no', 'batch.expiry_date'],
      set: (w) => {
        w.line.batch = null;
      },
    },
    {
      name: 'drug without dosage form',
      fires: true,
      fields: ['product.dosage_form'],
      set: (w) => {
        product(w).dosage_form = null;
      },
    },
    {
      name: 'drug without manufacturer and expiry',
      fires: true,
      fields: ['batch.expiry_date', 'product.manufacturer'],
      set: (w) => {
        product(w).manufacturer = '';
        w.batches[0].expiry_date = null;
      },
    },
    {
      name: 'no buyer',
      fires: true,
      fields: ['customer'],
      set: (w) => {
        w.line.customer = null;
      },
    },
    {
      name: 'no unit price / amount',
      fires: true,
      fields: ['unit_price', 'amount'],
      set: (w) => {
        Object.assign(w.line, { unit_price: null, amount: null });
      },
    },
    {
      name: 'no sale date',
      fires: true,
      fields: ['sale_date'],
      set: (w) => {
        w.line.sale_date = null;
      },
    },
    {
      name: 'unknown product: every product field',
      fires: true,
      fields: ['product.generic_name', 'product.dosage_form', 'product.spec', 'product.manufacturer'],
      set: (w) => {
        w.line.product = null;
      },
    },
    {
      name: 'device without registration number',
      fires: true,
      fields: ['product.approval_no'],
      set: (w) => {
        sell(w, P.classII);
        product(w, P.classII).approval_no = null;
      },
    },
    {
      name: 'device without manufacturer licence',
      fires: true,
      fields: ['product.manufacturer_license'],
      set: (w) => {
        sell(w, P.classII);
        product(w, P.classII).manufacturer_license = null;
      },
    },
    {
      name: "device: buyer's address and phone",
      fires: true,
      fields: ['customer.address', 'customer.contact_phone'],
      set: (w) => {
        sell(w, P.classII);
        Object.assign(w.customers[0], { address: null, contact_phone: ' ' });
      },
    },
    {
      name: "device: buyer's licence number",
      fires: true,
      fields: ['customer_licenses.number'],
      set: (w) => {
        sell(w, P.classII);
        w.customerLicenses.forEach((l) => {
          l.number = null;
        });
      },
    },
    {
      name: 'drug: no dosage form needed of a device',
      fires: false,
      set: (w) => {
        sell(w, P.classII);
        product(w, P.classII).dosage_form = null;
      },
    },
    {
      name: 'device without expiry (product has none)',
      fires: false,
      set: (w) => {
        sell(w, P.classII);
        w.batches[P.classII - 1].expiry_date = null;
      },
    },
    {
      name: 'sterile device without expiry',
      fires: true,
      fields: ['batch.expiry_date'],
      set: (w) => {
        sell(w, P.sterile);
        w.batches[P.sterile - 1].expiry_date = null;
      },
    },
    {
      name: 'drug: buyer address not required',
      fires: false,
      set: (w) => {
        w.customers[0].address = null;
      },
    },
    { name: 'complete', fires: false, set: () => {} },
  ],
  STERILE_RECORD_INCOMPLETE: [
    {
      name: 'no sterilisation batch',
      fires: true,
      fields: ['batch.sterilization_batch'],
      set: (w) => {
        sell(w, P.sterile);
        w.batches[P.sterile - 1].sterilization_batch = null;
      },
    },
    {
      name: 'no handler and responsible',
      fires: true,
      fields: ['handler', 'responsible'],
      set: (w) => {
        sell(w, P.sterile);
        Object.assign(w.line, { handler: null, responsible: '' });
      },
    },
    { name: 'complete', fires: false, set: (w) => sell(w, P.sterile) },
    {
      name: 'not a sterile device',
      fires: false,
      set: (w) => {
        sell(w, P.classII);
        w.line.handler = null;
      },
    },
  ],
  AMOUNT_MISMATCH: [
    {
      name: '10 × 20 ≠ 227',
      fires: true,
      set: (w) => {
        Object.assign(w.line, { quantity: 10, unit_price: 20, amount: 227 });
      },
    },
    {
      name: 'difference 0.02',
      fires: true,
      set: (w) => {
        Object.assign(w.line, { quantity: 3, unit_price: 0.1, amount: 0.32 });
      },
    },
    {
      name: 'difference exactly 0.01 passes',
      fires: false,
      set: (w) => {
        Object.assign(w.line, { quantity: 3, unit_price: 0.1, amount: 0.31 });
      },
    },
    {
      name: 'floating-point noise (3 × 0.1 = 0.3)',
      fires: false,
      set: (w) => {
        Object.assign(w.line, { quantity: 3, unit_price: 0.1, amount: 0.3 });
      },
    },
    {
      name: 'missing amount (RECORD_INCOMPLETE reports it)',
      fires: false,
      set: (w) => {
        w.line.amount = null;
      },
    },
  ],
  DATE_INCONSISTENT: [
    {
      name: 'outbound before the sale',
      fires: true,
      fields: ['outbounds.outbound_date'],
      set: (w) => {
        w.slip.outbound_date = '2024-05-01';
      },
    },
    { name: 'outbound on the sale date', fires: false, set: () => {} },
    {
      name: 'sale after as-of',
      fires: true,
      fields: ['sale_date', 'outbounds.outbound_date'],
      set: (w) => {
        w.line.sale_date = '2024-07-01';
        w.slip.outbound_date = '2024-07-01';
      },
    },
    {
      name: 'sale on as-of',
      fires: false,
      set: (w) => {
        w.line.sale_date = AS_OF;
        Object.assign(w.slip, { outbound_date: AS_OF, receipt_confirmed_at: null });
        w.line.invoices = [];
      },
    },
    {
      name: 'receipt confirmed after as-of',
      fires: true,
      fields: ['outbounds.receipt_confirmed_at'],
      set: (w) => {
        w.slip.receipt_confirmed_at = '2024-07-01';
      },
    },
    {
      name: 'invoice dated after as-of',
      fires: true,
      fields: ['invoices.invoice_date'],
      set: (w) => {
        w.line.invoices = [{ invoice_no: 'X', invoice_date: '2025-01-01' }];
      },
    },
  ],
};

describe('sales record rules', () => {
  for (const [code, cases] of Object.entries(table)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }

  it('lists every missing field in one finding, with Chinese labels', () => {
    const w = world();
    Object.assign(w.products[0], { dosage_form: null, spec: '' });
    w.line.batch = null;
    const found = findings(w, 'sales_lines', w.line, 'RECORD_INCOMPLETE');
    expect(found).toHaveLength(1);
    expect(found[0].message.zh).toMatch(/^药品销售记录缺少：剂型、规格、批号、有效期。请在品种档案、批次档案中补全/);
    expect(found[0].params).toEqual({ missing: '剂型、规格、批号、有效期' });
  });
});
