/** Line arithmetic shared by the line inputs and the order total (money in yuan, 2 decimals). */
export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

/** quantity × unit price, or undefined while either is missing. */
export function lineAmount(quantity: unknown, unitPrice: unknown): number | undefined {
  const q = num(quantity);
  const p = num(unitPrice);
  return Number.isFinite(q) && Number.isFinite(p) ? round2(q * p) : undefined;
}

export function orderTotal(lines: { amount?: unknown }[] | undefined): number {
  return round2((lines ?? []).reduce((sum, l) => sum + (Number.isFinite(num(l?.amount)) ? num(l.amount) : 0), 0));
}
