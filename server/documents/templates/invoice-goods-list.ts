/**
 * 销售货物或者提供应税劳务清单 (第二篇 3.8): the goods list attached to an invoice that does not itemise every
 * product — 名称, 规格, 单位, 数量, 金额 — carrying the invoice number and the place of the enterprise's
 * finance seal (企业财务专用章), as the clause demands for a non-itemised invoice.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { invoiceLines, products } from '../../../schema/tables';
import type { Row } from '../../services/records';
import { ref } from '../data';
import { label, money, qty, text, ymd } from '../format';
import { html } from '../html';
import { kv, letterhead, listTable, sheet, signs } from '../parts';
import type { DocumentTemplate } from '../types';

interface GoodsRow {
  generic_name: string;
  spec: string | null;
  unit: string | null;
  quantity: number;
  amount: number;
}
interface Data {
  invoice: Row;
  customer?: Row;
  rows: GoodsRow[];
}

export const invoiceGoodsList: DocumentTemplate<Data> = {
  key: 'invoice-goods-list',
  resource: 'invoices',
  title: '销售货物清单',
  async gather(ctx, invoice) {
    const rows = (await ctx.db
      .select({
        generic_name: products.generic_name,
        spec: products.spec,
        unit: products.unit,
        quantity: invoiceLines.quantity,
        amount: invoiceLines.amount,
      })
      .from(invoiceLines)
      .innerJoin(products, eq(products.id, invoiceLines.product))
      .where(and(eq(invoiceLines.invoice, invoice.id), isNull(invoiceLines.voided_at)))
      .orderBy(asc(invoiceLines.id))
      .all()) as GoodsRow[];
    return { invoice, customer: await ref(ctx.db, 'customers', invoice.customer), rows };
  },
  fileName: (d) => `销售货物清单-${d.invoice.invoice_no}`,
  render(d, ctx) {
    const inv = d.invoice;
    const sum = d.rows.reduce((t, r) => t + (r.amount ?? 0), 0);
    return sheet(
      letterhead(ctx.company, '销售货物或者提供应税劳务清单', [
        ['发票号码', String(inv.invoice_no)],
        ['开票日期', ymd(inv.invoice_date)],
      ]),
      kv([
        ['购买方名称', text(d.customer?.name)],
        ['销售方名称', text(ctx.company.name)],
        ['发票类型', label('invoices', 'type', inv.type)],
        ['价税合计', money(inv.amount)],
      ]),
      listTable<GoodsRow>(
        [
          { head: '序号', cell: (_r, i) => i + 1, num: true },
          { head: '货物名称', cell: (r) => r.generic_name },
          { head: '规格型号', cell: (r) => r.spec },
          { head: '单位', cell: (r) => r.unit },
          { head: '数量', cell: (r) => qty(r.quantity), num: true },
          { head: '金额', cell: (r) => money(r.amount), num: true },
        ],
        d.rows,
        { empty: '无货物明细', total: ['', '合计', '', '', '', money(Math.round(sum * 100) / 100)] },
      ),
      signs([
        ['填开人', ctx.actor.display_name],
        ['复核', ''],
        ['企业财务专用章', html`<span class="seal">（加盖财务专用章）</span>`],
      ]),
      html`<p class="note">本清单为发票号码 ${text(inv.invoice_no)} 的附件，与该发票同时使用；未加盖企业财务专用章无效。</p>`,
    );
  },
};
