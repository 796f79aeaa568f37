import { describe, expect, it } from 'vitest';
import { lineAmount, orderTotal, round2 } from '../../web/src/resources/sales_orders/line-amount';

describe('sales line arithmetic', () => {
  it('defaults the amount to quantity × unit price, rounded to fen', () => {
    expect(lineAmount(3, 12.8)).toBe(38.4);
    expect(lineAmount('3', '0.1')).toBe(0.3);
    expect(lineAmount(1.005, 1)).toBe(1.01);
    expect(lineAmount(undefined, 2)).toBeUndefined();
    expect(lineAmount('', 2)).toBeUndefined();
  });

  it('totals the line amounts, ignoring empty ones', () => {
    expect(orderTotal([{ amount: 125 }, { amount: 50 }, { amount: null }, {}])).toBe(175);
    expect(orderTotal(undefined)).toBe(0);
    expect(round2(0.1 + 0.2)).toBe(0.3);
  });
});
