/** 购销合同 as filed: parties, amount, the terms of 第五篇 3.2, the approval (VP or GM) and its e-signature. */
import type { Row } from '../../services/records';
import { ref, signaturesFor, type SignatureRow } from '../data';
import { dateTime, label, money, text, ymd } from '../format';
import { html, multiline } from '../html';
import { kv, letterhead, sheet } from '../parts';
import type { DocumentTemplate } from '../types';

interface Data {
  contract: Row;
  customer?: Row;
  salesperson?: Row;
  signatures: SignatureRow[];
}

export const contractSheet: DocumentTemplate<Data> = {
  key: 'contract',
  resource: 'contracts',
  title: '购销合同',
  gather: async (ctx, contract) => ({
    contract,
    customer: await ref(ctx.db, 'customers', contract.customer),
    salesperson: await ref(ctx.db, 'salespeople', contract.salesperson),
    signatures: await signaturesFor(ctx.db, 'contracts', contract),
  }),
  fileName: (d) => `购销合同-${d.contract.contract_no}`,
  render(d, ctx) {
    const c = d.contract;
    const term = (k: string, v: unknown) => html`<tr><th>${k}</th><td>${multiline(v) || '—'}</td></tr>`;
    return sheet(
      letterhead(ctx.company, '购销合同', [
        ['合同编号', String(c.contract_no)],
        ['签订日期', ymd(c.signed_at)],
        ['状态', label('contracts', 'status', c.status)],
      ]),
      kv([
        ['供方', ctx.company.name],
        ['需方', text(d.customer?.name)],
        ['销售人员', text(d.salesperson?.name)],
        ['合同金额（元）', money(c.amount)],
        ['付款方式', label('contracts', 'payment_method', c.payment_method)],
        ['付款期限（天）', text(c.payment_days)],
      ]),
      html`<h2>合同条款</h2><table class="kv"><tbody>${term('质量条款', c.quality_terms)}${term('数量与单价', c.quantity_price_terms)}${term('交货方式及日期', c.delivery_terms)}${term('售后服务约定', c.after_sales_terms)}</tbody></table>`,
      html`<h2>审批</h2>`,
      kv(
        [
          ['审批级别', label('contracts', 'approved_role', c.approved_role)],
          ['审批人', text(c.approved_by)],
          ['审批日期', ymd(c.approved_at)],
          [
            '电子签名',
            d.signatures.length ? d.signatures.map((s) => `${s.signer_name} ${dateTime(s.signed_at)}${s.valid ? '' : '（签名后已修改）'}`).join('；') : '—',
          ],
        ],
        2,
      ),
    );
  },
};
