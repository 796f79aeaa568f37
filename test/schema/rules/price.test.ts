import { describe, it } from 'vitest';
import { runCase, type Case, type World } from './fixtures';

const line = (w: World) => w.line;
/** product 1: cap 18, range 9 ~ 16.2 */
const price = (p: number) => (w: World) => {
  Object.assign(w.line, { unit_price: p, quantity: 10, amount: Math.round(p * 1000) / 100 });
};

const table: Record<string, Case[]> = {
  PRICE_ABOVE_CAP: [
    { name: 'above the cap', fires: true, set: price(18.01) },
    { name: 'at the cap', fires: false, set: price(18) },
    {
      name: 'above the cap even with approval',
      fires: true,
      set: (w) => {
        price(20)(w);
        w.line.price_approved_by = '销售部 李经理';
      },
    },
    {
      name: 'no cap recorded',
      fires: false,
      set: (w) => {
        price(99)(w);
        w.products[0].price_cap = null;
      },
    },
  ],
  PRICE_OUT_OF_RANGE: [
    { name: 'below the range', fires: true, set: price(8.99) },
    { name: 'at the floor', fires: false, set: price(9) },
    { name: 'above the range', fires: true, set: price(16.21) },
    { name: 'at the ceiling', fires: false, set: price(16.2) },
    {
      name: 'below the range, approved by the head of sales',
      fires: false,
      set: (w) => {
        price(8)(w);
        w.line.price_approved_by = '销售部 李经理';
      },
    },
    {
      name: 'no range recorded',
      fires: false,
      set: (w) => {
        price(5)(w);
        Object.assign(w.products[0], { price_min: null, price_max: null });
      },
    },
  ],
};

describe('price rules', () => {
  for (const [code, cases] of Object.entries(table)) {
    describe(code, () => {
      it.each(cases)('$name', (c) => {
        runCase(code, 'sales_lines', line, c);
      });
    });
  }
});
