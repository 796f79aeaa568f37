import { describe, expect, it } from 'vitest';
import { SALE, findings, runCase, world, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
const batch = (w: World) => w.batches[0];
const recall = (w: World, started_at: string) => w.recalls.push({ id: 1, recall_no: 'ZH-2024-01', product: 1, batches: ['B000', 'B001'], started_at });

const table: Record<string, Case[]> = {
  PRODUCT_NOT_APPROVED: [
    {
      name: 'pending first-variety review',
      fires: true,
      set: (w) => {
        w.products[0].qa_status = 'pending';
      },
    },
    {
      name: 'rejected',
      fires: true,
      set: (w) => {
        w.products[0].qa_status = 'rejected';
      },
    },
    { name: 'approved', fires: false, set: () => {} },
  ],
  BATCH_EXPIRED: [
    {
      name: 'expired the day before the sale',
      fires: true,
      set: (w) => {
        batch(w).expiry_date = '2024-05-01';
      },
    },
    {
      name: 'expires on the sale date (still in date)',
      fires: false,
      set: (w) => {
        batch(w).expiry_date = SALE;
      },
    },
    {
      name: 'expires the day after',
      fires: false,
      set: (w) => {
        batch(w).expiry_date = '2024-05-03';
      },
    },
    {
      name: 'no expiry recorded (RECORD_INCOMPLETE reports it)',
      fires: false,
      set: (w) => {
        batch(w).expiry_date = null;
      },
    },
    {
      name: 'no batch on the line',
      fires: false,
      set: (w) => {
        w.line.batch = null;
      },
    },
  ],
  BATCH_BLOCKED: [
    {
      name: 'nonconforming',
      fires: true,
      set: (w) => {
        batch(w).status = 'nonconforming';
      },
    },
    {
      name: 'nonconforming, found on the sale date',
      fires: true,
      set: (w) => {
        batch(w).status = 'nonconforming';
        w.nonconformities.push({ batch: batch(w).id, found_at: SALE });
      },
    },
    {
      name: 'nonconforming, found after the sale (sold before the finding)',
      fires: false,
      set: (w) => {
        batch(w).status = 'nonconforming';
        w.nonconformities.push({ batch: batch(w).id, found_at: '2024-05-03' });
      },
    },
    {
      name: 'quarantined / on hold',
      fires: true,
      set: (w) => {
        batch(w).status = 'quarantined';
      },
    },
    {
      name: 'status recalled, no recall record',
      fires: true,
      set: (w) => {
        batch(w).status = 'recalled';
      },
    },
    { name: 'recall started on the sale date', fires: true, set: (w) => recall(w, SALE) },
    { name: 'recall started the day after the sale', fires: false, set: (w) => recall(w, '2024-05-03') },
    {
      name: 'status recalled, recall started after the sale',
      fires: false,
      set: (w) => {
        batch(w).status = 'recalled';
        recall(w, '2024-06-01');
      },
    },
    {
      name: 'recall of another batch',
      fires: false,
      set: (w) => {
        w.recalls.push({ id: 1, product: 1, batches: 'B999', started_at: '2024-01-01' });
      },
    },
    { name: 'qualified', fires: false, set: () => {} },
  ],
};

describe('product and batch rules', () => {
  for (const [code, cases] of Object.entries(table)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }

  it('names the batch and the dates', () => {
    const w = world();
    batch(w).expiry_date = '2024-05-01';
    const [f] = findings(w, 'sales_lines', w.line, 'BATCH_EXPIRED');
    expect(f.fields).toEqual(['batch']);
    expect(f.message.zh).toContain('批号 B001 的有效期至 2024-05-01，早于销售日期 2024-05-02');
  });
});
