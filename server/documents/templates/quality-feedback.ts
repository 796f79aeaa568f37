/** 质量信息反馈处理表 (第三篇 七): the problem as reported, the product and batch, analysis and handling by QA. */
import type { Row } from '../../services/records';
import { ref } from '../data';
import { readSetting } from '../../services/settings';
import { label, text, ymd } from '../format';
import { html, multiline } from '../html';
import { kv, letterhead, sheet, signs } from '../parts';
import type { DocumentTemplate } from '../types';

interface Data {
  form: Row;
  customer?: Row;
  product?: Row;
  batch?: Row;
  days: number;
}

export const qualityFeedback: DocumentTemplate<Data> = {
  key: 'quality-feedback',
  resource: 'quality_feedback',
  title: '质量信息反馈处理表',
  gather: async (ctx, form) => ({
    form,
    customer: await ref(ctx.db, 'customers', form.customer),
    product: await ref(ctx.db, 'products', form.product),
    batch: await ref(ctx.db, 'batches', form.batch),
    days: await readSetting(ctx.db, 'feedbackDays'),
  }),
  fileName: (d) => `质量信息反馈处理表-${d.form.form_no}`,
  render(d, ctx) {
    const f = d.form;
    const p = d.product;
    return sheet(
      letterhead(ctx.company, '质量信息反馈处理表', [
        ['编号', String(f.form_no)],
        ['上报日期', ymd(f.reported_at)],
        ['状态', label('quality_feedback', 'status', f.status)],
      ]),
      kv([
        ['信息来源', label('quality_feedback', 'source', f.source)],
        ['反馈单位', text(d.customer?.name)],
        ['联系人', text(d.customer?.contact_name)],
        ['联系电话', text(d.customer?.contact_phone)],
        ['通用名称', text(p?.generic_name)],
        ['规格', text(p?.spec)],
        ['剂型', text(p?.dosage_form)],
        ['生产厂商', text(p?.manufacturer)],
        ['批准文号', text(p?.approval_no)],
        ['批号', text(d.batch?.batch_no)],
        ['生产日期', ymd(d.batch?.production_date)],
        ['有效期至', ymd(d.batch?.expiry_date)],
      ]),
      html`<table class="kv" style="margin-top:3mm"><tbody>
<tr><th>质量问题</th><td style="height:30mm">${multiline(f.description)}</td></tr>
<tr><th>原因分析</th><td style="height:30mm">${multiline(f.analysis)}</td></tr>
<tr><th>处理意见</th><td style="height:30mm">${multiline(f.handling)}</td></tr>
</tbody></table>`,
      signs([
        ['反馈人 / 日期', ''],
        ['质管部意见（签字）', ''],
        ['企业负责人（签字）', ctx.company.legalRep],
      ]),
      html`<p class="note">质量信息须在 ${d.days} 日内报质管部；质管部分析处理后报企业负责人并归档。联系人：${ctx.company.qualityContact}</p>`,
    );
  },
};
