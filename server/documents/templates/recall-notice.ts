/**
 * 召回通知 to one customer (第二篇 3.14, 药品召回管理办法): the product and batches, what this customer
 * bought of them (from the sales lines), the reason and level, what to do by when, whom to contact, and a
 * receipt to cut off and return.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { batches, salesLines } from '../../../schema/tables';
import type { Row } from '../../services/records';
import { ref, salesRows, type SalesRow } from '../data';
import { cnDate, label, list, qty, text, ymd } from '../format';
import { html } from '../html';
import { kv, letterhead, listTable, sheet } from '../parts';
import type { DocumentTemplate } from '../types';

/** Hours the customer has to stop, quarantine and report, by recall level (一级 24 h … 三级 72 h). */
const REPORT_HOURS: Record<string, number> = { '1': 24, '2': 48, '3': 72 };

interface Data {
  notice: Row;
  recall?: Row;
  customer?: Row;
  product?: Row;
  rows: SalesRow[];
}

export const recallNotice: DocumentTemplate<Data> = {
  key: 'recall-notice',
  resource: 'recall_notices',
  title: '召回通知',
  async gather(ctx, notice) {
    const recall = await ref(ctx.db, 'recalls', notice.recall);
    const product = await ref(ctx.db, 'products', recall?.product);
    const numbers = Array.isArray(recall?.batches) ? (recall!.batches as string[]) : [];
    const batchIds =
      product && numbers.length
        ? (
            await ctx.db
              .select({ id: batches.id })
              .from(batches)
              .where(and(eq(batches.product, product.id), inArray(batches.batch_no, numbers), isNull(batches.voided_at)))
              .all()
          ).map((b) => b.id)
        : [];
    const rows = batchIds.length ? await salesRows(ctx.db, and(eq(salesLines.customer, notice.customer as number), inArray(salesLines.batch, batchIds))) : [];
    return { notice, recall, customer: await ref(ctx.db, 'customers', notice.customer), product, rows };
  },
  fileName: (d) => `召回通知-${d.recall?.recall_no ?? d.notice.id}-${d.customer?.name ?? ''}`,
  render(d, ctx) {
    const r = d.recall;
    const p = d.product;
    const total = d.rows.reduce((t, x) => t + x.quantity, 0);
    const hours = REPORT_HOURS[String(r?.level)] ?? 24;
    const level = label('recalls', 'level', r?.level);
    return sheet(
      letterhead(ctx.company, '召回通知', [
        ['召回编号', text(r?.recall_no)],
        ['召回级别', level],
        ['通知日期', ymd(d.notice.notified_at ?? ctx.today)],
      ]),
      html`<div class="letter">
<p class="flush"><b>${text(d.customer?.name)}</b>：</p>
<p>因${text(r?.reason).replace(/[。.]$/, '')}，${r?.initiated_by === 'company' ? '我公司' : `根据${label('recalls', 'initiated_by', r?.initiated_by)}的召回要求，我公司`}自 ${cnDate(r?.started_at)} 起对下列产品实施<b>${level}召回</b>。经查，贵单位曾从我公司购进该产品的召回批号，共计 <b>${qty(total)}</b> ${text(p?.unit)}。</p>
</div>`,
      kv([
        ['通用名称', text(p?.generic_name)],
        ['规格', text(p?.spec)],
        ['剂型', text(p?.dosage_form)],
        ['生产厂商', text(p?.manufacturer)],
        ['批准文号', text(p?.approval_no)],
        ['召回批号', list(r?.batches)],
      ]),
      html`<h2>贵单位购进记录</h2>`,
      listTable<SalesRow>(
        [
          { head: '销售日期', cell: (x) => x.sale_date, nowrap: true },
          { head: '单据编号', cell: (x) => x.order_no, nowrap: true },
          { head: '批号', cell: (x) => x.batch_no, nowrap: true },
          { head: '有效期', cell: (x) => x.expiry_date, nowrap: true },
          { head: '数量', cell: (x) => qty(x.quantity), num: true },
        ],
        d.rows,
        { empty: '未查到购进记录', total: ['合计', '', '', '', qty(total)] },
      ),
      html`<h2>请贵单位</h2><div class="letter">
<p>1. 接到本通知后立即停止销售和使用上述批号产品，就地封存，暂停发放，不得再行销售。</p>
<p>2. 于 ${hours} 小时内清点库存，将库存数量、已销售（使用）数量及去向填写下方回执反馈我公司。</p>
<p>3. 配合我公司将封存产品退回，不得自行销毁；已售出的，请协助通知下游单位或使用者停止使用。</p>
<p>联系人：${ctx.company.qualityContact}；电话：${ctx.company.phone}；地址：${ctx.company.address}</p>
<p class="right">${ctx.company.name}（盖章）<br>${cnDate(d.notice.notified_at ?? ctx.today)}</p>
</div>
${d.notice.method ? html`<p class="note">通知方式：${label('recall_notices', 'method', d.notice.method)}</p>` : ''}
<div class="cut">✂ 回执（请沿此线剪下，填写后于 ${hours} 小时内寄回或传真）</div>
<table class="kv"><tbody>
<tr><th>单位名称</th><td colspan="3">${text(d.customer?.name)}</td></tr>
<tr><th>召回编号</th><td>${text(r?.recall_no)}</td><th>召回批号</th><td>${list(r?.batches)}</td></tr>
<tr><th>购进数量</th><td>${qty(total)}</td><th>现有库存数量</th><td></td></tr>
<tr><th>已销售/使用数量</th><td></td><th>退回数量</th><td>${d.notice.quantity_returned != null ? qty(d.notice.quantity_returned) : ''}</td></tr>
<tr><th>签收人</th><td></td><th>签收日期</th><td>${d.notice.acknowledged_at ? ymd(d.notice.acknowledged_at) : ''}</td></tr>
</tbody></table>`,
    );
  },
};
