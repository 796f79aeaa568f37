/**
 * In-range prices filed (第五篇 4.3「在限定的升降幅度内的价格由业务员自行掌握报公司备案后方可执行」): the prices
 * a salesperson set within the head of sales' range, per product, from their sales lines in the period —
 * lines out of range carry the head's own approval (4.4) and are not filed here.
 */
import { and, between, eq, isNull } from 'drizzle-orm';
import { products, salesLines, salesOrders } from '../../../../schema/tables';
import type { Db } from '../../../db';
import type { ServiceContext } from '../../context';
import type { Row } from '../../records';
import { fieldError } from './text';

export interface FiledPrice {
  product: number;
  name: string;
  lines: number;
  quantity: number;
  min: number;
  max: number;
}

const inRange = (price: number, lo: number | null, hi: number | null) => (lo == null || price >= lo) && (hi == null || price <= hi);

export async function inRangePrices(db: Db, salesperson: number, from: string, to: string): Promise<FiledPrice[]> {
  const rows = (await db
    .select({
      product: salesLines.product,
      price: salesLines.unit_price,
      quantity: salesLines.quantity,
      approved: salesLines.price_approved_by,
      name: products.generic_name,
      spec: products.spec,
      lo: products.price_min,
      hi: products.price_max,
    })
    .from(salesLines)
    .innerJoin(salesOrders, eq(salesOrders.id, salesLines.order))
    .innerJoin(products, eq(products.id, salesLines.product))
    .where(
      and(
        eq(salesOrders.salesperson, salesperson),
        between(salesOrders.sale_date, from, `${to}\uffff`),
        isNull(salesOrders.voided_at),
        isNull(salesLines.voided_at),
      ),
    )
    .all()) as Record<string, unknown>[];
  const by = new Map<number, FiledPrice>();
  for (const r of rows) {
    const price = r.price as number | null;
    if (price == null || r.approved || !inRange(price, r.lo as number | null, r.hi as number | null)) continue;
    const p = by.get(r.product as number) ?? {
      product: r.product as number,
      name: [r.name, r.spec].filter(Boolean).join(' '),
      lines: 0,
      quantity: 0,
      min: price,
      max: price,
    };
    p.lines += 1;
    p.quantity += (r.quantity as number) ?? 0;
    p.min = Math.min(p.min, price);
    p.max = Math.max(p.max, price);
    by.set(p.product, p);
  }
  return [...by.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

const yuan = (n: number) => n.toFixed(2);
export function pricesText(list: readonly FiledPrice[]): string {
  if (!list.length) return '期内无限价幅度内的销售';
  return list.map((p) => `${p.name}：单价 ${p.min === p.max ? yuan(p.min) : `${yuan(p.min)}–${yuan(p.max)}`} 元，${p.lines} 笔，数量 ${p.quantity}`).join('\n');
}

/** The derived list, kept as filed once submitted (the acknowledgement covers what was filed). */
export async function fillPriceFiling(ctx: ServiceContext, values: Record<string, unknown>, current: Row | undefined): Promise<void> {
  const m = { ...(current ?? {}), ...values };
  const from = m.period_from as string | null,
    to = m.period_to as string | null;
  if (from && to && to < from) fieldError(ctx, 'period_to', `备案期止（${to}）早于备案期起（${from}）`, `The period ends (${to}) before it starts (${from})`);
  if (current && current.status !== 'draft') {
    for (const k of ['salesperson', 'period_from', 'period_to']) {
      if (k in values && values[k] !== current[k])
        fieldError(ctx, k, '已报备的价格备案不能更改销售人员或备案期', 'A filed price filing keeps its salesperson and period');
    }
    return;
  }
  if (m.salesperson == null || !from || !to) return;
  const list = await inRangePrices(ctx.db, m.salesperson as number, from, to);
  values.product_count = list.length;
  values.prices = pricesText(list);
}

/** Filing: the list brought up to date with the period's sales, then frozen. */
export async function submitFiling(ctx: ServiceContext, row: Row): Promise<Record<string, unknown>> {
  const list = await inRangePrices(ctx.db, row.salesperson as number, row.period_from as string, row.period_to as string);
  return { status: 'submitted', submitted_at: ctx.clock.today(), product_count: list.length, prices: pricesText(list) };
}
