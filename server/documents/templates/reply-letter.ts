/**
 * 复函 (第三篇 六「每件来函、复函、编号，按产品分别归档」): the numbered reply to a customer's letter or complaint —
 * its number, the letter or complaint it answers, the product it is filed under, the reply, who wrote it, the seal.
 */
import type { Row } from '../../services/records';
import { ref } from '../data';
import { cnDate, label, text, ymd } from '../format';
import { html, multiline } from '../html';
import { kv, letterhead, sheet } from '../parts';
import type { DocumentTemplate } from '../types';

interface Data {
  reply: Row;
  customer?: Row;
  complaint?: Row;
  product?: Row;
}

export const replyLetter: DocumentTemplate<Data> = {
  key: 'reply-letter',
  resource: 'replies',
  title: '复函',
  gather: async (ctx, reply) => ({
    reply,
    customer: await ref(ctx.db, 'customers', reply.customer),
    complaint: await ref(ctx.db, 'complaints', reply.complaint),
    product: await ref(ctx.db, 'products', reply.product),
  }),
  fileName: (d) => `复函-${d.reply.reply_no}`,
  render(d, ctx) {
    const r = d.reply;
    const p = d.product;
    return sheet(
      letterhead(ctx.company, '复函', [
        ['复函编号', String(r.reply_no)],
        ['复函日期', ymd(r.reply_date)],
      ]),
      kv([
        ['来函单位', text(d.customer?.name)],
        ['来函编号', text(r.letter_no)],
        ['来函日期', ymd(r.letter_date)],
        ['投诉编号', text(d.complaint?.complaint_no)],
        ['归档品种', p ? `${text(p.generic_name)} ${p.spec ?? ''}` : '—'],
        ['寄送方式', label('replies', 'method', r.method)],
      ]),
      html`<div class="letter">
<p class="flush"><b>${text(d.customer?.name)}</b>：</p>
<p>关于${text(r.subject).replace(/^关于/, '')}，现函复如下：</p>
<p>${multiline(r.content)}</p>
<p>如有疑问，请与我公司联系。联系人：${ctx.company.qualityContact}；电话：${ctx.company.phone}。</p>
<p class="right">${ctx.company.name}（盖章）<br>经办人：${text(r.replied_by)}<br>${cnDate(r.reply_date)}</p>
</div>`,
      html`<p class="note">本复函按编号登记，与来函一并按品种归档。</p>`,
    );
  },
};
