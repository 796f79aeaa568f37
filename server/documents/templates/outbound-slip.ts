/**
 * 出库单 (第二篇 3.8: 通用名称, 剂型, 规格, 批号, 有效期, 生产厂商, 购货单位, 出库数量, 销售日期, 出库日期, 销售金额):
 * the goods of the order leaving the warehouse, with the people who issued, picked and (a second
 * person, e-signed) reviewed them, and the receipt and arrival confirmations.
 */
import { eq } from 'drizzle-orm';
import { salesLines } from '../../../schema/tables';
import type { Row } from '../../services/records';
import { ref, salesRows, type SalesRow, signaturesFor, type SignatureRow } from '../data';
import { dateTime, money, qty, text, ymd } from '../format';
import { html } from '../html';
import { kv, letterhead, listTable, sheet, signs } from '../parts';
import type { DocumentTemplate } from '../types';

interface Data {
  slip: Row;
  order?: Row;
  customer?: Row;
  salesperson?: Row;
  rows: SalesRow[];
  reviewSignature?: SignatureRow;
}

export const outboundSlip: DocumentTemplate<Data> = {
  key: 'outbound-slip',
  resource: 'outbound_slips',
  title: '出库单',
  async gather(ctx, slip) {
    const order = await ref(ctx.db, 'sales_orders', slip.order);
    return {
      slip,
      order,
      customer: await ref(ctx.db, 'customers', order?.customer),
      salesperson: await ref(ctx.db, 'salespeople', order?.salesperson),
      rows: order ? await salesRows(ctx.db, eq(salesLines.order, order.id)) : [],
      reviewSignature: (await signaturesFor(ctx.db, 'outbound_slips', slip)).filter((s) => s.meaning === 'review_outbound').at(-1),
    };
  },
  fileName: (d) => `出库单-${d.slip.slip_no}`,
  render(d, ctx) {
    const s = d.slip;
    const sum = d.rows.reduce((t, r) => t + (r.amount ?? 0), 0);
    const review = d.reviewSignature;
    return sheet(
      letterhead(ctx.company, '出库单', [
        ['出库单号', String(s.slip_no)],
        ['销售日期', ymd(d.order?.sale_date)],
        ['出库日期', ymd(s.outbound_date)],
        ['销售单号', text(d.order?.order_no)],
      ]),
      kv([
        ['购货单位', text(d.customer?.name)],
        ['销售人员', text(d.salesperson?.name)],
        ['收货地址', text(d.customer?.address)],
        ['联系人/电话', `${text(d.customer?.contact_name)} ${d.customer?.contact_phone ?? ''}`],
      ]),
      html`<h2>出库明细</h2>`,
      listTable<SalesRow>(
        [
          { head: '序号', cell: (_r, i) => i + 1, num: true },
          { head: '通用名称', cell: (r) => r.generic_name },
          { head: '剂型', cell: (r) => r.dosage_form },
          { head: '规格', cell: (r) => r.spec },
          { head: '生产厂商', cell: (r) => r.manufacturer },
          { head: '批号', cell: (r) => r.batch_no, nowrap: true },
          { head: '有效期', cell: (r) => r.expiry_date, nowrap: true },
          { head: '单位', cell: (r) => r.unit },
          { head: '数量', cell: (r) => qty(r.quantity), num: true },
          { head: '单价', cell: (r) => money(r.unit_price), num: true },
          { head: '金额', cell: (r) => money(r.amount), num: true },
        ],
        d.rows,
        {
          empty: '无出库明细',
          total: ['', '合计', '', '', '', '', '', '', qty(d.rows.reduce((t, r) => t + r.quantity, 0)), '', money(Math.round(sum * 100) / 100)],
        },
      ),
      signs([
        ['开票员', text(s.issued_by)],
        ['库管员（发货）', text(s.picked_by)],
        [
          '复核员',
          html`${text(s.reviewed_by)}${s.reviewed_at ? html`<br>${dateTime(s.reviewed_at)}` : ''}${review ? html`<br>电子签名：${review.signer_name}${review.valid ? '' : html` <span class="warn">（签名后记录已修改）</span>`}` : ''}`,
        ],
        ['收货单位签收', s.receipt_confirmed_at ? `确认收货 ${ymd(s.receipt_confirmed_at)}` : ''],
      ]),
      s.arrival_verified_at ? html`<p class="note">到货核实：${ymd(s.arrival_verified_at)} ${text(s.arrival_verified_by)}</p>` : html``,
      html`<p class="note">第一联 存根　第二联 随货同行　第三联 财务　· 随货同行单据，请收货单位核对品名、规格、批号、数量后签收。</p>`,
    );
  },
};
